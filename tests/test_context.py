"""Context's per-document tables are built in C (map, zip) and its token tags
are looked up when asked for: each must give what the plain comprehension over
the tokens gives, over the tagger corpus and the samples; tokens_in starts
without a search where a token starts at s."""
from __future__ import annotations

import bisect

import pytest

from conftest import corpus_and_samples, make_context


@pytest.fixture(scope="module")
def contexts(pipeline):
    return [make_context(pipeline, t) for t in corpus_and_samples("org.jsonl", "title.jsonl", "person.jsonl")]


def test_token_starts_and_ends_are_the_tokens(contexts):
    for ctx in contexts:
        assert ctx.token_starts == {s: k for k, (_, s, _) in enumerate(ctx.tokens)}
        assert ctx.token_ends == {e for _, _, e in ctx.tokens}


def test_token_tags_are_the_segmenters_tags_of_the_words(contexts):
    tagged = 0
    for ctx in contexts:
        plain = [ctx.segmenter.tags.get(w) for w, _, _ in ctx.tokens]
        tags = ctx.token_tags
        assert len(tags) == len(plain)
        assert list(tags) == plain
        assert [tags[k] for k in range(len(plain))] == plain
        assert [tags[k] for k in range(-len(plain), 0)] == plain
        assert tags[1:5] == plain[1:5] and tags[::3] == plain[::3]
        for tag in ("ns", "nr", "nt"):
            assert ctx.token_indices(tag) == [k for k, t in enumerate(plain) if t == tag]
        tagged += sum(t is not None for t in plain)
    assert tagged > 100   # the corpus has names jieba tags


def test_context_tokens_in_as_the_search(contexts):
    """Context.tokens_in starts from the token that starts at s without a search
    when there is one: the same tokens as a search for the first start at or after s."""
    for ctx in contexts[:80]:
        n = len(ctx.norm)
        for s in range(0, n, 3):
            k = bisect.bisect_left([t[1] for t in ctx.tokens], s)
            for e in (s, s + 1, s + 5, s + 13, n):
                plain = []
                for tok in ctx.tokens[k:]:
                    if tok[2] > e:
                        break
                    plain.append(tok)
                assert ctx.tokens_in(s, e) == plain


def test_per_lexicon_serves_each_lexicon_its_own_value():
    """The last value served under a name is tried first: it must never be
    handed to another lexicon (two in turn, as a test run with a user
    lexicon does), and each lexicon's value is built once."""
    from extractor.taggers import per_lexicon

    class Lex:
        pass

    a, b = Lex(), Lex()
    built = []

    def build(lex):
        built.append(lex)
        return [lex]

    for lex in (a, b, a, a, b, a):
        assert per_lexicon(lex, "test per-lexicon", lambda: build(lex)) == [lex]
    assert built == [a, b]


def test_word_memo_serves_each_lexicon_and_segmenter_its_own_memo():
    """The memo last served under a name is tried first: never for another
    lexicon or segmenter; a lexicon's memo outlives a turn of another's, and
    a new segmenter under the same lexicon starts an empty memo."""
    from extractor.taggers import word_memo

    class Obj:
        pass

    a, b, seg1, seg2 = Obj(), Obj(), Obj(), Obj()
    memos = {}
    for lex, seg in ((a, seg1), (b, seg1), (a, seg1), (a, seg2), (b, seg1), (a, seg2), (b, seg1)):
        memo = word_memo(lex, seg, "test word memo", len)
        assert memos.setdefault((lex, seg), memo) is memo
        memo[str(id(lex)) + str(id(seg))]      # computed once, kept for its owner
        assert len(memo) == 1
    assert len({id(m) for m in memos.values()}) == 3


def test_title_last_chars_of_each_lexicon():
    """The set last served is tried first: never for another lexicon."""
    from extractor.taggers import title_last_chars

    class Lex:
        def __init__(self, titles):
            self.titles = titles

    a, b = Lex({"总裁": "exec", "主任": "gov"}), Lex({"教练": "sports"})
    for lex, want in ((a, "裁任"), (b, "练"), (a, "裁任"), (a, "裁任"), (b, "练")):
        assert title_last_chars(lex) == frozenset(want)
