"""The headcount tagger against its corpus (tests/corpus/quantity.jsonl), a
property test, and hostile inputs that must stay linear."""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # without an install

from extractor.taggers.quantity import tag  # noqa: E402
from extractor.text import normalize  # noqa: E402
from conftest import corpus_params  # noqa: E402



CASES = corpus_params("quantity.jsonl")


@pytest.mark.parametrize("ex", CASES)
def test_corpus(ex):
    norm = normalize(ex["text"])
    got = [{"text": e.text, "type": e.type, "value": e.value} for e in tag(norm)]
    assert got == ex["expect"]


def test_corpus_shape():
    groups: dict[str, list[bool]] = {}
    for p in CASES:
        ex = p.values[0]
        groups.setdefault(ex["group"], []).append(bool(ex["expect"]))
    assert len(CASES) >= 30
    for g, flags in groups.items():
        if any(flags):
            assert not all(flags), f"group {g} has no negative example"


def test_full_width_offsets():
    text = "公司裁員１５０人，約２００名員工隨他離開。"
    norm = normalize(text)
    got = [(text[e.start:e.end], e.value) for e in tag(norm)]
    assert got == [("１５０人", {"value": 150, "unit": "person"}),
                   ("約２００名員工", {"value": 200, "approx": "about", "unit": "person"})]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    norm = normalize(text)
    for e in tag(norm):
        assert norm[e.start:e.end] == e.text
        assert e.type == "quantity" and e.rule
        assert isinstance(e.value["value"], int) and e.value["value"] > 0
        assert e.value.get("approx") in (None, "less", "about", "more")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,十百千万一二三两几多余数上近约超过人个名位员工师左右以上", max_size=60))
def test_number_like_text(text):
    for e in tag(text):
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text", [
    "人" * 1_000_000,
    "1" * 100_000 + "人",
    "1," * 100_000 + "人",
    "十" * 300_000 + "人",
    "近" * 300_000,
    "5名" * 200_000,
    "1.1." * 100_000,
    "3位" + "员" * 100_000,
])
def test_hostile_inputs_complete(text):
    tag(text)               # must simply complete (bounded patterns); no timing assertion
