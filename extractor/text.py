"""Sentences, clauses and a normalised copy of the text, all with offsets into
the original.

`normalize(text)` returns a string of exactly the same length, so every offset
found in the copy is an offset into the original: full-width ASCII becomes
half-width (２０２４ → 2024, ＣＥＯ → CEO), the ideographic space a space, and
traditional characters their simplified form, one character for one
(字節跳動 → 字节跳动). Phrase-level conversions that change length are not used.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import re

# \p{Han} spelled out for the standard library's re, which is several times faster
# than regex at scanning a whole text (regex stays where its features are needed)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


# The regex module's \p{Han} (Script=Han) and \s, spelled out for re; not the
# same sets as HAN above and re's \s (which also takes \x1c-\x1f): these give
# re patterns that find exactly what the regex module's patterns found.
HAN_SCRIPT = ("\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
              "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
              "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
              "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
              "\U00031350-\U00033479")
REGEX_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def is_han(ch: str) -> bool:
    """A character of the basic CJK block (the names the taggers look for are written in it)."""
    return "\u4e00" <= ch <= "\u9fff"

SENTENCE_END = "。！？；!?;…\n"
CLAUSE_END = "，,、：:"
CLOSERS = "”’\"'）)】」』》"
MAX_SENTENCE = 400   # a run with no punctuation is cut into pieces of at most this length


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    table[0x00A0] = 0x20
    for ch in "·‧•・":
        table[ord(ch)] = ord("·")
    table.update(_traditional_table())
    return table


def _traditional_table() -> dict[int, int]:
    """Traditional → simplified, character for character, from OpenCC's
    TSCharacters table as shipped by the opencc-python-reimplemented package."""
    try:
        import opencc  # opencc-python-reimplemented
    except ImportError:  # pragma: no cover - declared dependency
        return {}
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    table: dict[int, int] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                src, _, dst = line.rstrip("\n").partition("\t")
                dst = dst.split(" ")[0]
                if len(src) == 1 and len(dst) == 1 and src != dst:
                    table[ord(src)] = ord(dst)
    except OSError:  # pragma: no cover
        return {}
    return table


# a hyphen with a Chinese character on each side; the hyphen first, so that re
# looks for the four hyphens alone and checks the sides only where one stands
_HAN_HYPHEN = re.compile(r"[-‐‑–](?<=[%s][-‐‑–])(?=[%s])" % (HAN, HAN))


# str.translate looks every character up in the table, a tenth of a second per
# megabyte. Most texts need only the full-width marks of _COMMON changed, which
# str.replace does in a scan each; a text with any other character the table
# changes (or any character outside the BMP, to keep the pattern a fast one of
# the BMP) is translated whole.
_COMMON = "，：！（）？；"


@functools.lru_cache(maxsize=1)
def _rare() -> re.Pattern:
    """A character the table changes, but for those of _COMMON, or any outside the BMP."""
    rare = sorted(chr(k) for k, v in _table().items() if k != v and chr(k) not in _COMMON and k < 0x10000)
    return re.compile("[%s\U00010000-\U0010FFFF]" % "".join(map(re.escape, rare)))


def _translate(text: str) -> str:
    """text.translate(_table()), the same characters (the images of _COMMON, ASCII, are not in the table)."""
    table = _table()
    for c in _COMMON:
        if c in text:
            text = text.replace(c, chr(table[ord(c)]))
    return text.translate(table) if _rare().search(text) else text


def normalize(text: str) -> str:
    """A same-length copy for matching (see the module docstring). A hyphen
    between two Chinese characters is read as the middle dot of a transcribed
    name (凯里-欧文 → 凯里·欧文), as sports pages write them."""
    out = _HAN_HYPHEN.sub("·", _translate(text))
    assert len(out) == len(text)
    return out


_SENT = re.compile(r"[^%s]*(?:[%s]+[%s]*|$)" % (re.escape(SENTENCE_END), re.escape(SENTENCE_END), re.escape(CLOSERS)))


def sentences(text: str) -> list[Span]:
    """Sentence spans: split after 。！？；!?; and newlines (closing quotes stay
    with their sentence), leading and trailing blanks trimmed, long runs cut."""
    spans: list[Span] = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = s + MAX_SENTENCE
            # prefer to cut after a comma in the last quarter of the window
            for i in range(cut, s + MAX_SENTENCE * 3 // 4, -1):
                if text[i - 1] in CLAUSE_END:
                    cut = i
                    break
            spans.append(Span(s, cut))
            s = cut
        if e > s:
            spans.append(Span(s, e))
    return spans


def clauses(text: str, sent: Span) -> list[Span]:
    """Clause spans inside a sentence: split after ，,：: (the enumeration comma 、
    does not split clauses: it joins the items of a list)."""
    out, s = [], sent.start
    for m in _CLAUSE_END.finditer(text, sent.start, sent.end):
        out.append(Span(s, m.end()))
        s = m.end()
    if s < sent.end:
        out.append(Span(s, sent.end))
    return out


_CLAUSE_END = re.compile("[，,：:;；]")
