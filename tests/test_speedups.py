"""The taggers' loops in C (extractor/_speedups.pyx) give what their Python twins give.
(The segmenter's are held to jieba and to the Python loop in test_segment.py.)"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_and_samples
from extractor.compiled import speedups
from extractor.taggers import lexicon_prefixes, token_hits, word_memo
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
            got = fast.token_hits(toks, prefixes, key)
            assert got == token_hits(toks, prefixes, key)
            hits += len(got)
    assert hits > 1000


_WORDS = st.sampled_from(["阿里", "阿里巴巴", "字节", "跳动", "的", "，", "AI", "ai", "Open AI", "openai", "IBM",
                          "ibm", "", "x", "总裁", "CEO", "ceo", "首席", "2024", "ＡＩ"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.sets(_WORDS, max_size=8))
def test_token_hits_is_the_python_scan_on_any_tokens(fast, words, prefixes):
    toks = [(w, i, i + len(w)) for i, w in enumerate(words)]
    frozen = frozenset(prefixes)
    for key in (str.upper, str.casefold, lambda w: w.replace(" ", "")):
        assert fast.token_hits(toks, frozen, key) == token_hits(toks, frozen, key)
