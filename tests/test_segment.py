"""The segmenter reimplements parts of jieba for speed; these tests hold it to
jieba's own words."""
from __future__ import annotations

import glob
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_and_samples
from extractor.segment import pieces
from extractor.text import normalize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# characters of our own news-style text, plus rare and unknown ones, Latin and digits
_CHARS = "周畅离开阿里巴巴加入字节跳动出任大模型团队负责人年薪千万据悉此前他曾在通义实验室工作" \
         "鑫淼犇骉龘厶丶乂氵巛ABCxyz0123.%-"


def _hmm():
    from jieba import finalseg

    from extractor.segment import _Hmm
    return _Hmm(finalseg), finalseg


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, min_size=1, max_size=40))
def test_the_hmm_finds_the_words_jiebas_finalseg_finds(s):
    ours, finalseg = _hmm()
    assert ours.cut(s) == list(finalseg.cut(s))


def test_the_hmm_splits_force_split_words_as_jieba_does(monkeypatch):
    ours, finalseg = _hmm()
    s = "林述白在星衡智能任职"
    words = list(finalseg.cut(s))
    joined = next(w for w in words if len(w) > 1)
    monkeypatch.setattr(finalseg, "Force_Split_Words", {joined})
    assert ours.cut(s) == list(finalseg.cut(s))
    assert joined not in ours.cut(s)


def test_tokens_are_jiebas_on_news_text(pipeline):
    seg = pipeline.segmenter
    text = ("据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能，出任首席技术官。"
            "欧阳霁川此前在鑫淼科技负责机器人平台，年薪约300万元。")
    assert seg.tokens(text) == list(seg._tk.tokenize(text, HMM=True))


# our own news-style text with words of both dictionaries, characters jieba does
# not know, Latin, digits, blanks (\r\n among them) and punctuation
_TEXT_CHARS = "林述白加入星衡智能出任首席技术官年薪约万元前腾讯高级总监算法副总裁竞业协议字节跳动" \
              "鑫淼犇骉龘厶丶乂氵巛ABCxyz0123.%-+# \r\n\t　，。、：“”（）"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=80))
def test_tokens_are_jiebas_on_any_mix_of_characters(pipeline, s):
    seg = pipeline.segmenter
    assert seg.tokens(s) == list(seg._tk.tokenize(s, HMM=True))


def test_tokens_are_jiebas_on_the_samples(pipeline):
    seg = pipeline.segmenter
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = normalize(f.read())
        for s, e in pieces(text):   # tokens cuts long texts at characters jieba splits at anyway
            assert [w for w, _, _ in seg.tokens(text[s:e])] == list(seg._tk.cut(text[s:e], HMM=True)), path


def test_the_fragment_table_gives_the_same_tokens_when_emptied_midway(pipeline, monkeypatch):
    from extractor import segment

    seg = pipeline.segmenter
    text = ("据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能，出任首席技术官。"
            "欧阳霁川此前在鑫淼科技负责机器人平台，年薪约300万元。")
    expected = list(seg._tk.tokenize(text, HMM=True))
    monkeypatch.setattr(segment, "_MEMO_LIMIT", 5)   # emptied before nearly every block
    seg._logp.clear()
    assert seg.tokens(text) == expected
    assert len(seg._logp) < 40   # the last block's fragments only (140 without emptying)


def test_the_kept_hmm_words_are_jiebas_on_the_corpus_and_samples(pipeline):
    """The HMM's words of a short run are kept (Segmenter._unknown): a text cut a
    second time, from the kept words, still gives jieba's tokens, and so does one
    cut while they are emptied at every new run."""
    seg = pipeline.segmenter
    texts = [normalize(t)[s:e] for t in corpus_and_samples("org.jsonl", "person.jsonl")
             for s, e in pieces(normalize(t))]
    seg._unknown.clear()
    for t in texts:
        seg.tokens(t)   # fills the table
    assert len(seg._unknown) > 100
    for t in texts:
        assert seg.tokens(t) == list(seg._tk.tokenize(t, HMM=True)), t


def test_the_kept_hmm_words_give_the_same_tokens_when_emptied_midway(pipeline, monkeypatch):
    from extractor import segment

    seg = pipeline.segmenter
    text = "据悉，林述白与欧阳霁川、鑫淼犇此前同在星衡智能；林述白的团队由欧阳霁川带领。"
    expected = list(seg._tk.tokenize(text, HMM=True))
    monkeypatch.setattr(segment, "_UNKNOWN_LIMIT", 1)   # emptied before nearly every run
    seg._unknown.clear()
    assert seg.tokens(text) == expected
    assert seg.tokens(text) == expected
    assert len(seg._unknown) <= 2


def test_the_followers_read_from_the_cache_are_those_of_the_prefix_dictionary(pipeline):
    """_best_path goes on from a fragment only while the next character follows it in the
    prefix dictionary (Segmenter._next, built once and kept in the cache): the table read
    back must be the one the dictionary gives, or the path would differ from jieba's."""
    from extractor.segment import _followers

    seg = pipeline.segmenter
    assert seg._next == _followers(seg._tk.FREQ)
    assert "国" in seg._next["中"] and "华人民共和" not in seg._next.get("中", "")
