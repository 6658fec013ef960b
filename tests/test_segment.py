"""The segmenter reimplements parts of jieba for speed; these tests hold it to
jieba's own words."""
from __future__ import annotations

import glob
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_and_samples
from extractor.segment import pieces
from extractor.text import normalize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# characters of our own news-style text, plus rare and unknown ones, Latin and digits
_CHARS = "周畅离开阿里巴巴加入字节跳动出任大模型团队负责人年薪千万据悉此前他曾在通义实验室工作" \
         "鑫淼犇骉龘厶丶乂氵巛ABCxyz0123.%-"


@pytest.fixture(scope="module")
def python_segmenter(pipeline):
    """The pipeline's dictionaries, segmented by the Python loop (as without extractor._speedups)."""
    from extractor.segment import Segmenter

    old = os.environ.get("EXTRACTOR_PURE_PYTHON")
    os.environ["EXTRACTOR_PURE_PYTHON"] = "1"
    try:
        seg = Segmenter(pipeline.lexicon.jieba_words(), pipeline.lexicon.fingerprint())
    finally:
        if old is None:
            del os.environ["EXTRACTOR_PURE_PYTHON"]
        else:
            os.environ["EXTRACTOR_PURE_PYTHON"] = old
    assert not seg.compiled
    return seg


@pytest.fixture(scope="module", params=["as installed", "python"])
def seg(request, pipeline):
    """Each segmenter: the pipeline's (with the best path in C where extractor._speedups is
    built), and the Python loop's."""
    return pipeline.segmenter if request.param == "as installed" else request.getfixturevalue("python_segmenter")


def _hmm(kind="python"):
    from jieba import finalseg

    from extractor.compiled import speedups
    from extractor.segment import _Hmm
    if kind == "python":
        return _Hmm(finalseg), finalseg
    fast = speedups()
    if fast is None:
        pytest.skip("extractor._speedups is not built here (no C compiler or Cython at install)")
    return _Hmm(finalseg, fast.viterbi), finalseg


@pytest.mark.parametrize("kind", ["python", "C"])
@settings(max_examples=300, deadline=None)
@given(s=st.text(alphabet=_CHARS, min_size=1, max_size=40))
def test_the_hmm_finds_the_words_jiebas_finalseg_finds(kind, s):
    ours, finalseg = _hmm(kind)
    assert ours.cut(s) == list(finalseg.cut(s))


@pytest.mark.parametrize("kind", ["python", "C"])
def test_the_hmm_splits_force_split_words_as_jieba_does(kind, monkeypatch):
    ours, finalseg = _hmm(kind)
    s = "林述白在星衡智能任职"
    words = list(finalseg.cut(s))
    joined = next(w for w in words if len(w) > 1)
    monkeypatch.setattr(finalseg, "Force_Split_Words", {joined})
    assert ours.cut(s) == list(finalseg.cut(s))
    assert joined not in ours.cut(s)


def test_tokens_are_jiebas_on_news_text(seg):
    text = ("据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能，出任首席技术官。"
            "欧阳霁川此前在鑫淼科技负责机器人平台，年薪约300万元。")
    assert seg.tokens(text) == list(seg._tk.tokenize(text, HMM=True))


# our own news-style text with words of both dictionaries, characters jieba does
# not know, Latin, digits, blanks (\r\n among them) and punctuation
_TEXT_CHARS = "林述白加入星衡智能出任首席技术官年薪约万元前腾讯高级总监算法副总裁竞业协议字节跳动" \
              "鑫淼犇骉龘厶丶乂氵巛ABCxyz0123.%-+# \r\n\t　，。、：“”（）"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=80))
def test_tokens_are_jiebas_on_any_mix_of_characters(seg, s):
    assert seg.tokens(s) == list(seg._tk.tokenize(s, HMM=True))


def test_tokens_are_jiebas_on_the_samples(seg):
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = normalize(f.read())
        for s, e in pieces(text):   # tokens cuts long texts at characters jieba splits at anyway
            assert [w for w, _, _ in seg.tokens(text[s:e])] == list(seg._tk.cut(text[s:e], HMM=True)), path


def test_the_fragment_table_gives_the_same_tokens_when_emptied_midway(python_segmenter, monkeypatch):
    from extractor import segment

    seg = python_segmenter
    text = ("据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能，出任首席技术官。"
            "欧阳霁川此前在鑫淼科技负责机器人平台，年薪约300万元。")
    expected = list(seg._tk.tokenize(text, HMM=True))
    monkeypatch.setattr(segment, "_MEMO_LIMIT", 5)   # emptied before nearly every block
    seg._logp.clear()
    assert seg.tokens(text) == expected
    assert len(seg._logp) < 40   # the last block's fragments only (140 without emptying)


def test_the_kept_hmm_words_are_jiebas_on_the_corpus_and_samples(seg):
    """The HMM's words of a short run are kept (Segmenter._unknown): a text cut a
    second time, from the kept words, still gives jieba's tokens, and so does one
    cut while they are emptied at every new run."""
    texts = [normalize(t)[s:e] for t in corpus_and_samples("org.jsonl", "person.jsonl")
             for s, e in pieces(normalize(t))]
    seg._unknown.clear()
    for t in texts:
        seg.tokens(t)   # fills the table
    assert len(seg._unknown) > 100
    for t in texts:
        assert seg.tokens(t) == list(seg._tk.tokenize(t, HMM=True)), t


def test_the_kept_hmm_words_give_the_same_tokens_when_emptied_midway(seg, monkeypatch):
    from extractor import segment

    text = "据悉，林述白与欧阳霁川、鑫淼犇此前同在星衡智能；林述白的团队由欧阳霁川带领。"
    expected = list(seg._tk.tokenize(text, HMM=True))
    monkeypatch.setattr(segment, "_UNKNOWN_LIMIT", 1)   # emptied before nearly every run
    seg._unknown.clear()
    assert seg.tokens(text) == expected
    assert seg.tokens(text) == expected
    assert len(seg._unknown) <= 2


def test_the_followers_read_from_the_cache_are_those_of_the_prefix_dictionary(python_segmenter):
    """_best_path goes on from a fragment only while the next character follows it in the
    prefix dictionary (Segmenter._next, built once and kept in the cache): the table read
    back must be the one the dictionary gives, or the path would differ from jieba's."""
    from extractor.segment import _followers

    seg = python_segmenter
    assert seg._next == _followers(seg._tk.FREQ)
    assert "国" in seg._next["中"] and "华人民共和" not in seg._next.get("中", "")


def _compiled(pipeline):
    if not pipeline.segmenter.compiled:
        pytest.skip("extractor._speedups is not built here (no C compiler or Cython at install)")
    return pipeline.segmenter


def _blocks(text: str) -> list[str]:
    from extractor.segment import _BLOCKS
    return _BLOCKS.split(normalize(text))[1::2]


def test_the_best_path_in_c_is_the_python_one_on_the_corpus_and_samples(pipeline, python_segmenter):
    """The trie read back from the cache and the search in C give, block by block, the path of
    the Python loop (itself held to jieba's words above)."""
    fast = _compiled(pipeline)
    blocks = [b for t in corpus_and_samples("org.jsonl", "person.jsonl") for b in _blocks(t)]
    assert len(blocks) > 500
    for b in blocks:
        assert fast._fast.best_path(b) == python_segmenter._best_path(b), b


# what jieba's blocks are made of: Han characters in and out of the dictionaries, Latin, digits, +#&._%-
_BLOCK_CHARS = "林述白加入星衡智能出任首席技术官年薪约万元前腾讯高级总监算法副总裁竞业协议字节跳动中华人民共和国" \
               "鑫淼犇骉龘厶丶乂氵巛ABCxyzAT&T0123.%-+#_"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_BLOCK_CHARS, min_size=1, max_size=60))
def test_the_best_path_in_c_is_the_python_one_on_any_block(pipeline, python_segmenter, blk):
    fast = _compiled(pipeline)
    assert fast._fast.best_path(blk) == python_segmenter._best_path(blk)


def test_the_trie_numbers_the_children_of_a_fragment_consecutively_by_character():
    from array import array
    from math import log

    from extractor.segment import _trie_arrays

    freq = {"中": 10, "中国": 5, "中华": 0, "中华民": 0, "中华民国": 2, "人": 7, "人民": 3, "国人": 1, "民国人x": 4}
    start, count, chars, logp = (array(t, b) for t, b in zip("IIId", _trie_arrays(freq, log(100))))
    # by (length, text), as code points: 中 人 | 中华 中国 人民 | 中华民 | 中华民国; no 国 nor 民国人, so no
    # 国人 nor 民国人x (jieba's search stops before them)
    order = ["", "中", "人", "中华", "中国", "人民", "中华民", "中华民国"]
    assert sorted(order[1:], key=lambda w: (len(w), w)) == order[1:]
    assert [chr(c) for c in chars[1:]] == [w[-1] for w in order[1:]]
    node = {w: i for i, w in enumerate(order)}
    kids = {w: [order[j] for j in range(start[i], start[i] + count[i])] for i, w in enumerate(order)}
    assert kids[""] == ["中", "人"] and kids["中"] == ["中华", "中国"] and kids["人"] == ["人民"]
    assert kids["中华"] == ["中华民"] and kids["中华民"] == ["中华民国"] and kids["中国"] == [] and kids["人民"] == []
    assert logp[node["中国"]] == log(5) - log(100) and logp[node["中华"]] == 0.0 and logp[node["中华民"]] == 0.0
    assert len(logp) == len(order)


def test_a_stale_or_unwanted_c_module_is_not_used(pipeline, monkeypatch):
    """A module built before its source was last edited is not used (the Python loop is),
    nor is any with EXTRACTOR_PURE_PYTHON set."""
    from extractor import compiled

    _compiled(pipeline)
    built = compiled.speedups()
    assert built is not None, "extractor/_speedups.pyx is newer than its build: run make install"
    real = os.stat
    edited = real(built.__file__).st_mtime + 1      # the source edited a second after the build

    def later(path, *a, **k):
        st_ = real(path, *a, **k)
        if str(path).endswith(".pyx"):
            return os.stat_result((*st_[:8], edited, st_[9]))
        return st_

    monkeypatch.setattr(compiled.os, "stat", later)
    assert compiled.speedups() is None
    monkeypatch.undo()
    monkeypatch.setenv("EXTRACTOR_PURE_PYTHON", "1")
    assert compiled.speedups() is None


def test_a_damaged_trie_is_refused_and_the_python_loop_runs(pipeline, monkeypatch, tmp_path):
    """Arrays whose children run past the last node (a damaged cache) are refused before any
    search, and the segmenter then runs the Python loop, with jieba's words."""
    from array import array
    from math import log

    from extractor import segment
    from extractor.segment import Segmenter, _trie_arrays

    fast = _compiled(pipeline)._fast.__class__
    start, count, chars, logp = _trie_arrays({"中": 3, "中国": 2}, log(10))
    bad = array("I", count)
    bad[1] = 5                                     # 中 would have five children, beyond the two nodes
    with pytest.raises(ValueError):
        fast(start, bad.tobytes(), chars, logp, log(10))
    fast(start, count, chars, logp, log(10))       # (the same arrays whole are taken)

    def damaged(freq, logtotal):
        start, count, chars, logp = _trie_arrays(freq, logtotal)
        c = array("I", count)
        c[0] = len(c)                              # the root's children run past the end
        return start, c.tobytes(), chars, logp

    monkeypatch.setattr(segment, "_trie_arrays", damaged)
    monkeypatch.setattr(segment, "cache_dir", lambda: str(tmp_path))   # a new cache: built, damaged, here
    seg = Segmenter(pipeline.lexicon.jieba_words(), pipeline.lexicon.fingerprint())
    assert not seg.compiled
    text = "据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能。"
    assert seg.tokens(text) == list(seg._tk.tokenize(text, HMM=True))
