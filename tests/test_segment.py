"""The segmenter reimplements parts of jieba for speed; these tests hold it to
jieba's own words."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
