"""Entity taggers, one module per type. Each is a function from the normalised
text (same length as the original, see `extractor.text.normalize`) and the
context it needs to a list of `Entity` with a `rule`; the pipeline replaces each
entity's `text` with the original characters at the same offsets."""

from __future__ import annotations  # noqa: E402  (after the docstring, for the dataclass below)

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from itertools import count
from operator import itemgetter
from typing import TYPE_CHECKING

from extractor.compiled import speedups

if TYPE_CHECKING:  # pragma: no cover
    from extractor.lexicon import Lexicon
    from extractor.segment import Segmenter
    from extractor.text import Span


@dataclass(slots=True)
class Context:
    """What the taggers share about one document."""

    text: str                               # the original
    norm: str                               # normalize(text): same length
    tokens: list[tuple[str, int, int]]      # jieba tokens over `norm`
    sentences: "list[Span]"
    published: _dt.date | None
    lexicon: "Lexicon"
    segmenter: "Segmenter"
    token_starts: dict[int, int] = field(default_factory=dict)   # token start → token number
    token_ends: set[int] = field(default_factory=set)
    token_tags: "TokenTags" = None          # the name tag (nr, nt, ns …) of each token, or None

    def __post_init__(self):
        # this setup is paid per document, a Python step per token adds up: the starts and
        # ends in one loop in C where extractor._speedups is built, else by map and zip
        self.token_starts, self.token_ends = _token_index(self.tokens)
        self.token_tags = TokenTags(self.tokens, self.segmenter.tags)

    def token_indices(self, tag: str) -> list[int]:
        """The indices of the tokens whose name tag is `tag`."""
        return [k for k, t in enumerate(self.token_tags) if t == tag]

    def token_from(self, s: int) -> tuple[str, int, int] | None:
        """The token that starts at s."""
        k = self.token_starts.get(s)
        return None if k is None else self.tokens[k]

    def token_at(self, pos: int) -> tuple[str, int, int] | None:
        """The token that holds position pos (the tokens cover the text in order)."""
        k = bisect.bisect_right(self.tokens, pos, key=TOKEN_START) - 1
        if k < 0:
            return None
        tok = self.tokens[k]
        return tok if pos < tok[2] else None

    def tokens_in(self, s: int, e: int) -> list[tuple[str, int, int]]:
        """The tokens that lie wholly inside [s, e), from the first starting at or after s
        (the token that starts at s, when one does, without a search: the starts are distinct)."""
        k = self.token_starts.get(s)
        if k is None:
            k = bisect.bisect_left(self.tokens, s, key=TOKEN_START)
        out = []
        while k < len(self.tokens) and self.tokens[k][2] <= e:
            out.append(self.tokens[k])
            k += 1
        return out


TOKEN_WORD, TOKEN_START, TOKEN_END = itemgetter(0), itemgetter(1), itemgetter(2)   # of a token (word, start, end)
PERSON_TAGS = ("nr", "nrfg", "nrt")     # jieba's tags of the words of its dictionary that name a person


class TokenTags:
    """The name tag of each token (or None), as a read-only sequence that looks
    a tag up when it is asked for: the taggers ask for a few tokens' tags, and
    looking up every token of a document in the segmenter's table of 100,000
    tagged words cost more than the look-ups they make (the table is cold in
    the cache by the time the next document comes)."""

    __slots__ = ("_tokens", "_tags")

    def __init__(self, tokens: list[tuple[str, int, int]], tags: dict[str, str]):
        self._tokens, self._tags = tokens, tags

    def __len__(self) -> int:
        return len(self._tokens)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._tags.get(w) for w, _, _ in self._tokens[k]]
        return self._tags.get(self._tokens[k][0])

    def __iter__(self):
        return map(self._tags.get, map(TOKEN_WORD, self._tokens))


_LEXICON_CACHE: dict[tuple[int, str], tuple[object, object]] = {}
_LATEST: dict[str, tuple[object, object]] = {}    # name → (lexicon, value) last served
_LATEST_MEMO: dict[str, tuple[object, object, dict]] = {}   # name → (lexicon, segmenter, memo) last served


def per_lexicon(lexicon, name: str, build, *args):
    """`build(*args)`, computed once per lexicon and name (kept with the lexicon it
    was built from, so a new lexicon at a reused address is not served stale).
    The value last served under a name is tried first: a process runs one
    lexicon, and the taggers ask tens of times per document (a hot caller
    passes a module-level `build` and its `args` rather than make a function
    at each call)."""
    hit = _LATEST.get(name)
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    hit = _LEXICON_CACHE.get((id(lexicon), name))
    if hit is None or hit[0] is not lexicon:
        hit = _LEXICON_CACHE[(id(lexicon), name)] = (lexicon, build(*args))
    _LATEST[name] = hit
    return hit[1]


def lexicon_prefixes(lexicon, name: str, forms, key) -> frozenset:
    """`prefix_set(forms, key)`, computed once per lexicon and name."""
    return per_lexicon(lexicon, name, lambda: prefix_set(forms, key))


def title_last_chars(lexicon) -> frozenset:
    """The last characters of the lexicon's titles (computed once per lexicon):
    a title can end only where one of them stands (person asks some 70 times a
    document: no function is made per call)."""
    return per_lexicon(lexicon, "title-last", _last_chars, lexicon.titles)


def _last_chars(words) -> frozenset:
    return frozenset(w[-1] for w in words if w)


def prefix_set(forms, key) -> frozenset:
    """Every prefix of every form (after `key`), so that a window of tokens is
    looked up only while it can still grow into one of the forms."""
    out = set()
    for form in forms:
        k = key(form)
        for i in range(1, len(k) + 1):
            out.add(k[:i])
    return frozenset(out)


def token_matches(ctx: Context, lookup, prefixes: frozenset, key, max_window: int = 5) -> list[tuple[int, int, object]]:
    """Dictionary matches over windows of jieba tokens: at each token, the
    longest window whose text `lookup` knows wins, and the scan jumps past it
    (longest match, then the earliest, as spaCy's EntityRuler does). A window
    grows only while `key(text)` is a prefix of some form. `key` must leave
    text that is not all ASCII as it is (it is called on ASCII text only)."""
    toks, norm = ctx.tokens, ctx.norm
    # most tokens begin no form: one look-up each (in C where extractor._speedups is built,
    # where most are turned down by their first character before it)
    firsts = _token_hits(toks, prefixes, key)
    out = []
    n, resume = len(toks), 0
    for i in firsts:
        if i < resume:   # inside the last match
            continue
        w, s, e = toks[i]
        hit = lookup(w, s, e)   # the token alone: its word is in prefixes (a token's word is the text it covers)
        best = None if hit is None else (s, e, hit, i + 1)
        j = i + 1
        while j < n and j - i < max_window:
            e = toks[j][2]
            text = norm[s:e]
            if (key(text) if text.isascii() else text) not in prefixes:
                break
            hit = lookup(text, s, e)
            if hit is not None:
                best = (s, e, hit, j + 1)
            j += 1
        if best is not None:
            out.append(best[:3])
            resume = best[3]
    return out


def token_hits(toks: list[tuple[str, int, int]], prefixes: frozenset, key) -> list[int]:
    """The indices of the tokens whose word is in prefixes, an ASCII word passed through key first
    (the Python twin of _speedups.token_hits)."""
    return [i for i, (w, _, _) in enumerate(toks) if (key(w) if w.isascii() else w) in prefixes]


_FAST = speedups()


def token_index(tokens: list[tuple[str, int, int]]) -> tuple[dict[int, int], set[int]]:
    """({start: index}, {end}) of the tokens (the Python twin of _speedups.token_index)."""
    return dict(zip(map(TOKEN_START, tokens), count())), set(map(TOKEN_END, tokens))


_token_index = token_index if _FAST is None else _FAST.token_index
_FIRSTS: dict[int, tuple[frozenset, bytes]] = {}   # id(prefixes) → (prefixes, the bitmap of their first characters)


def _token_hits(toks: list[tuple[str, int, int]], prefixes: frozenset, key) -> list[int]:
    """token_hits, in C where extractor._speedups is built."""
    if _FAST is None:
        return token_hits(toks, prefixes, key)
    hit = _FIRSTS.get(id(prefixes))
    if hit is None or hit[0] is not prefixes:
        hit = _FIRSTS[id(prefixes)] = (prefixes, char_bitmap(w[0] for w in prefixes if w))
    return _FAST.token_hits(toks, prefixes, key, hit[1])


def char_bitmap(chars) -> bytes:
    """The bitmap of the characters of the BMP among chars, for the C scans: bit c of 8,192 bytes
    (a character beyond the BMP is never in it: the scans take any such as a maybe)."""
    bits = bytearray(8192)
    for c in chars:
        o = ord(c)
        if o < 65536:
            bits[o >> 3] |= 1 << (o & 7)
    return bytes(bits)


class FirstChars:
    """One character class (`[...]`), as a pattern and, for the C scans, as a bitmap of the
    characters of the BMP it matches (built at its first use, by the pattern itself over every
    such character, so that the two never disagree). A pattern that opens with a lookahead of
    such a class, `(?=[...])`, is one re cannot search fast: re skips ahead by the first
    character only where the pattern opens with the character itself, and tries the whole
    pattern at every other position. Given the class, the scans below test each character in
    the bitmap and try the pattern only where it passes (some tens of places in a thousand)."""

    __slots__ = ("rx", "_bits")

    def __init__(self, cls: str):
        self.rx = re.compile(cls)
        self._bits = None

    @property
    def bits(self) -> bytes:
        if self._bits is None:
            self._bits = char_bitmap(self.rx.findall(_bmp()))
        return self._bits


def _bmp() -> str:
    """Every character of the BMP, in order (built once)."""
    global _BMP
    if _BMP is None:
        _BMP = "".join(map(chr, range(65536)))
    return _BMP


_BMP = None


def char_positions(cls: FirstChars, text: str) -> list[int]:
    """The positions in text of the characters of the class."""
    if _FAST is not None:
        return _FAST.char_positions(text, cls.bits, cls.rx)
    return list(map(_MATCH_START, cls.rx.finditer(text)))


def pair_positions(first: FirstChars, second: FirstChars, pairs, text: str) -> list[int]:
    """The positions in text where one of pairs (two-character strings) begins, with first the
    class of their first characters and second of their second ones."""
    if _FAST is not None:
        return _FAST.pair_positions(text, first.bits, second.bits, pairs)
    return [i for i in map(_MATCH_START, first.rx.finditer(text)) if text[i:i + 2] in pairs]


def matches_from(rx, first: FirstChars, text: str) -> list:
    """list(rx.finditer(text)) for a pattern rx that never matches the empty string and whose
    every match begins with a character of `first` (it opens with the lookahead of that class)."""
    if _FAST is not None:
        return _FAST.matches_from(rx, text, first.bits)
    return list(rx.finditer(text))



class WordMemo(dict):
    """f(word) for each word looked up, computed at its first look-up, so that
    a pass over all the tokens runs as map(memo.__getitem__, words), in C."""

    __slots__ = ("f",)

    def __init__(self, f):
        super().__init__()
        self.f = f

    def __missing__(self, w):
        v = self[w] = self.f(w)
        return v


def word_memo(lexicon, segmenter, name: str, f=None, limit: int = 100_000) -> dict:
    """A dict to keep the results of a pure function of a word under this
    lexicon and segmenter (both never change once built); emptied when it
    holds more than `limit` words. Given the function `f`, a WordMemo of it
    (memo[w] computes what it lacks); `name` tells the memos apart. The memo
    last served under a name is tried first, with no string built and no
    function made: the taggers ask for their memos tens of times a document."""
    last = _LATEST_MEMO.get(name)
    if last is not None and last[0] is lexicon and last[1] is segmenter:
        memo = last[2]
    else:
        box = per_lexicon(lexicon, "word-memo " + name, lambda: [None, None])
        if box[0] is not segmenter:
            box[0], box[1] = segmenter, ({} if f is None else WordMemo(f))
        memo = box[1]
        _LATEST_MEMO[name] = (lexicon, segmenter, memo)
    if len(memo) > limit:
        memo.clear()
    return memo


def starts_pattern(words) -> "re.Pattern":
    """A pattern that matches where one of the (non-empty) words begins, for
    every_start: the words as a tree of their characters (公司|公告|公安局 as
    公(?:司|告|安局)), of which re tries a branch per character where the
    plain alternation tries a branch per word. A match ends where the shortest
    word it found ends: only its start tells anything."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        if "" in node:
            return ""       # a word ends here: its start is a match, whatever follows
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(branch(tree))


def every_start(rx, norm: str):
    """Every position where rx matches, overlapping ones too (人民政府 and its 政府,
    官宣 and its 宣布): a search from each hit's next character. rx is a plain
    alternation of words, which re searches in C far faster than a loop over the
    tokens tests them or a lookahead of them at every position."""
    return map(_MATCH_START, every_match(rx, norm))


def every_match(rx, norm: str):
    """rx's match at every position where one begins (see every_start), in order."""
    m = rx.search(norm)
    while m is not None:
        yield m
        m = rx.search(norm, m.start() + 1)


_MATCH_START = re.Match.start


def match_at(rx, norm: str, starts):
    """rx.finditer(norm) for a pattern whose every match begins at one of
    `starts` (ascending): rx is tried there only."""
    pos = 0
    for c in starts:
        if c < pos:
            continue
        m = rx.match(norm, c)
        if m:
            yield m
            pos = m.end()
