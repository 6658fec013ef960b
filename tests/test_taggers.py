"""Corpus tests for the person, org and title taggers, run through the whole
pipeline (so overlap resolution is part of what is tested)."""
from __future__ import annotations

import pytest

from conftest import corpus_params


@pytest.mark.parametrize("ex", corpus_params("person.jsonl"))
def test_person(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [e.text for e in doc.entities if e.type == "person"] == ex["expect"]


@pytest.mark.parametrize("ex", corpus_params("org.jsonl"))
def test_org(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [[e.text, e.canonical] for e in doc.entities if e.type == "org"] == ex["expect"]


@pytest.mark.parametrize("ex", corpus_params("title.jsonl"))
def test_title(pipeline, ex):
    doc = pipeline.extract(ex["text"])
    assert [e.text for e in doc.entities if e.type == "title"] == ex["expect"]
