"""The salary/money tagger against its corpus (tests/corpus/salary.jsonl), a
property test, and hostile inputs that must stay linear."""
from __future__ import annotations

import json
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # without an install

from extractor.taggers.salary import tag  # noqa: E402
from extractor.text import normalize  # noqa: E402
from conftest import corpus_params  # noqa: E402



CASES = corpus_params("salary.jsonl")


def _got(text: str) -> list[dict]:
    norm = normalize(text)
    return [{"text": e.text, "type": e.type, "value": e.value}
            for e in tag(norm) if e.type in ("salary", "money")]


@pytest.mark.parametrize("ex", CASES)
def test_corpus(ex):
    assert _got(ex["text"]) == ex["expect"]


def test_corpus_shape():
    groups: dict[str, list[bool]] = {}
    for p in CASES:
        ex = p.values[0]
        groups.setdefault(ex["group"], []).append(bool(ex["expect"]))
    assert len(CASES) >= 80
    for g, flags in groups.items():
        if any(flags) and g != "known-gaps":
            assert not all(flags), f"group {g} has no negative example"


def test_offsets_and_types():
    text = "据悉，字节给他开出了8位数的年包，月薪5万至8万元，营收200亿元。"
    ents = tag(normalize(text))
    assert [e.type for e in ents] == ["salary", "salary", "money"]
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.rule


def test_fullwidth_input_is_normalised_first():
    text = "月薪１０Ｋ－１５Ｋ，年薪２００万元"
    norm = normalize(text)
    ents = tag(norm)
    assert [(e.start, e.end) for e in ents] == [(0, 9), (10, 17)]
    assert ents[0].value == {"min": 10000, "max": 15000, "currency": "CNY", "period": "month"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-~Kk万亿千百十元美港币年月薪包资位数倍翻番%+以上约超过不到至到的·人 一二两三四五六七八九零上几数百万级起")), max_size=60))
def test_property_hostile_alphabet(text):
    for e in tag(text):
        assert text[e.start:e.end] == e.text
        assert e.type in ("salary", "money")
        assert isinstance(e.value, dict)
        json.dumps(e.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_any_text(text):
    norm = normalize(text)
    for e in tag(norm):
        assert norm[e.start:e.end] == e.text
        assert 0 <= e.start < e.end <= len(norm)


@pytest.mark.parametrize("text", [
    "万" * 1_000_000,
    "1" * 100_000,
    "K-" * 100_000,
    "1-" * 100_000,
    "年薪" * 100_000,
    "1万-" * 50_000,
    "翻" * 100_000 + "倍",
    "薪资" + "的" * 100_000 + "翻倍",
    "涨薪" + "9" * 100_000 + "%",
    "1,000" * 50_000,
    "一二三四五六七八九十" * 50_000,
])
def test_hostile_inputs_are_linear(text):
    # no timing assertion (the suite does not time things); a super-linear
    # pattern would not finish these in any reasonable time
    ents = tag(text)
    for e in ents:
        assert text[e.start:e.end] == e.text


def test_empty_and_no_numbers():
    assert tag("") == []
    assert tag("这是一段没有任何金额的文字。") == []
