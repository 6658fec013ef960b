"""Corpus tests for the person, org and title taggers, run through the whole
pipeline (so overlap resolution is part of what is tested)."""
from __future__ import annotations

import pytest

from conftest import load_corpus


def _params(name):
    out = []
    for i, ex in enumerate(load_corpus(name)):
        marks = [pytest.mark.xfail(strict=False, reason=ex["xfail"])] if ex.get("xfail") else []
        out.append(pytest.param(ex, id=f"{ex['group']}-{i}", marks=marks))
    return out


@pytest.mark.parametrize("ex", _params("person.jsonl"))
def test_person(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [e.text for e in doc.entities if e.type == "person"] == ex["expect"]


@pytest.mark.parametrize("ex", _params("org.jsonl"))
def test_org(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [[e.text, e.canonical] for e in doc.entities if e.type == "org"] == ex["expect"]


@pytest.mark.parametrize("ex", _params("title.jsonl"))
def test_title(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [e.text for e in doc.entities if e.type == "title"] == ex["expect"]
