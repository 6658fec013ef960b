"""The taggers' loops in C (extractor/_speedups.pyx) give what their Python twins give.
(The segmenter's are held to jieba and to the Python loop in test_segment.py.)"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_and_samples
from extractor.compiled import speedups
from extractor.taggers import char_bitmap, lexicon_prefixes, token_hits, word_memo
from extractor.taggers import org as org_tagger
from extractor.taggers import title as title_tagger
from extractor.text import normalize


@pytest.fixture(scope="module")
def fast():
    mod = speedups()
    if mod is None:
        pytest.skip("extractor._speedups is not built here (no C compiler or Cython at install)")
    return mod


def test_token_hits_is_the_python_scan_on_the_corpus_and_samples(pipeline, fast):
    lex, seg = pipeline.lexicon, pipeline.segmenter
    scans = [(lexicon_prefixes(lex, "org", lex.org_names, org_tagger._key),
              word_memo(lex, seg, "org key", org_tagger._key).__getitem__),
             (lexicon_prefixes(lex, "title", lex.titles, title_tagger._title_key), str.upper)]
    hits = 0
    for text in corpus_and_samples("org.jsonl", "person.jsonl"):
        toks = seg.tokens(normalize(text))
        for prefixes, key in scans:
            got = fast.token_hits(toks, prefixes, key, char_bitmap(w[0] for w in prefixes if w))
            assert got == token_hits(toks, prefixes, key)
            hits += len(got)
    assert hits > 1000


_WORDS = st.sampled_from(["阿里", "阿里巴巴", "字节", "跳动", "的", "，", "AI", "ai", "Open AI", "openai", "IBM",
                          "ibm", "", "x", "总裁", "CEO", "ceo", "首席", "2024", "ＡＩ", "𠀋里", "𠀋"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.sets(_WORDS, max_size=8))
def test_token_hits_is_the_python_scan_on_any_tokens(fast, words, prefixes):
    toks = [(w, i, i + len(w)) for i, w in enumerate(words)]
    frozen = frozenset(prefixes)
    firsts = char_bitmap(w[0] for w in frozen if w)
    for key in (str.upper, str.casefold, lambda w: w.replace(" ", "")):
        assert fast.token_hits(toks, frozen, key, firsts) == token_hits(toks, frozen, key)


# -- the scans of the text for where a pattern can begin (FirstChars) ---------------------------

def _scanned_patterns():
    """(pattern, its FirstChars) for every pattern the taggers scan with matches_from."""
    from extractor.taggers import level, org, person, quantity, salary

    return [(salary._NUM, salary._NUM_FIRST), (quantity._RX, quantity._FIRST), (level.FORMS, level.FORMS_FIRST),
            (person._LATIN_NAME, person._LATIN_FIRST), (org._LATIN, org._LATIN_FIRST)]


def test_the_scanned_patterns_open_with_their_first_characters():
    # what lets the scans skip every other position: each match begins with a character of the class,
    # the pattern's first (after lookbehinds), or the lookahead of it that opens the pattern
    import re

    for rx, first in _scanned_patterns():
        body = rx.pattern.lstrip()
        body = body[re.match(r"(?:\(\?<!\[[^\]]*\]\))*", body).end():]
        assert body.startswith(("(?=" + first.rx.pattern + ")", first.rx.pattern)), rx.pattern[:60]
        assert rx.search("") is None                       # (and none matches the empty string)


def test_the_scans_find_what_re_finds_on_the_corpus_and_samples(fast):
    texts = [normalize(t) for t in corpus_and_samples("salary.jsonl", "date.jsonl", "quantity.jsonl", "level.jsonl",
                                                       "person.jsonl")]
    found = 0
    for rx, first in _scanned_patterns():
        for text in texts:
            want = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in fast.matches_from(rx, text, first.bits)] == want
            found += len(want)
            assert fast.char_positions(text, first.bits, first.rx) == [m.start() for m in first.rx.finditer(text)]
    assert found > 1000


_SCAN_TEXT = st.text(alphabet=st.sampled_from(list("0123456789一二十万年月日人名位ab AZ.,-，。") + ["\U0001D7CE", "𠀋", "\n"]),
                     max_size=40)


@settings(max_examples=300, deadline=None)
@given(_SCAN_TEXT)
def test_the_scans_find_what_re_finds_on_any_text(fast, text):
    import re

    from extractor.taggers import FirstChars

    first = FirstChars(r"[\d一二十万a]")           # \d: every decimal digit, beyond the BMP too (𝟎)
    rx = re.compile(r"(?=[\d一二十万a])(?<![.\d])(?:[\d一二十]+[万]?(?:年|人)?|a[a-z]*)")
    assert fast.char_positions(text, first.bits, first.rx) == [m.start() for m in first.rx.finditer(text)]
    assert [m.span() for m in fast.matches_from(rx, text, first.bits)] == [m.span() for m in rx.finditer(text)]


def test_a_bitmap_of_the_wrong_size_is_refused(fast):
    import re

    for call in (lambda: fast.char_positions("abc", b"\0" * 10, re.compile("[a]")),
                 lambda: fast.matches_from(re.compile("a"), "abc", b"\0" * 10),
                 lambda: fast.pair_positions("abc", b"\0" * 10, b"\0" * 8192, frozenset()),
                 lambda: fast.token_hits([], frozenset(), str.upper, b"\0" * 10)):
        with pytest.raises(ValueError):
            call()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王李小明大一二") + ["𠀋", "𠀌"]), max_size=30))
def test_pair_positions_are_the_pairs_python_finds(fast, text):
    from extractor.taggers import FirstChars

    pairs = frozenset({"王小", "李明", "𠀋𠀌", "小王", "明明"})
    first, second = FirstChars("[王李小明𠀋]"), FirstChars("[小明王𠀌]")
    want = [i for i in range(len(text) - 1) if text[i:i + 2] in pairs]
    assert fast.pair_positions(text, first.bits, second.bits, pairs) == want


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["一", "龥", "\u9fff", "\u4e00", "\u4dff", "\ua000", "a", "。", "𠀋"]), max_size=6))
def test_all_han_is_the_python_test(fast, w):
    from extractor.taggers import person

    assert fast.all_han(w) == person._all_han_py(w)


def test_the_token_tables_are_the_python_ones_on_the_corpus_and_samples(pipeline, fast):
    import operator

    from extractor.taggers import token_index

    seg = pipeline.segmenter
    for text in corpus_and_samples("org.jsonl", "person.jsonl"):
        norm = normalize(text)
        toks = seg.tokens(norm)
        starts, ends = fast.token_index(toks)
        assert (starts, ends) == token_index(toks) and list(starts) == [s for _, s, _ in toks]
        assert fast.first_chars(norm, toks) == ("".join(operator.itemgetter(*starts)(norm)) if toks else "")
    assert fast.first_chars("", []) == "" and fast.token_index([]) == ({}, set())
    with pytest.raises(IndexError):
        fast.first_chars("ab", [("c", 2, 3)])
