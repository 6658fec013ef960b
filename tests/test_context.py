"""Context's per-document tables are built in C (map, zip) and its token tags
are looked up when asked for: each must give what the plain comprehension over
the tokens gives, over the tagger corpus and the samples."""
from __future__ import annotations

import glob
import os

import pytest

from conftest import ROOT, load_corpus

from extractor.taggers import Context
from extractor.text import normalize, sentences


def _texts() -> list[str]:
    texts = []
    for name in ("org.jsonl", "title.jsonl", "person.jsonl"):
        texts += [ex["text"] for ex in load_corpus(name)]
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


@pytest.fixture(scope="module")
def contexts(pipeline):
    out = []
    for text in _texts():
        norm = normalize(text)
        out.append(Context(text=text, norm=norm, tokens=pipeline.segmenter.tokens(norm), sentences=sentences(norm),
                           published=None, lexicon=pipeline.lexicon, segmenter=pipeline.segmenter))
    return out


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
