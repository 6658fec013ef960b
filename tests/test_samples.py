"""samples/*.txt and samples/expected/*.json agree. When behaviour improves,
regenerate deliberately with `make samples` and review the diff."""
from __future__ import annotations

import json
import os

import pytest

from conftest import ROOT

SAMPLES = os.path.join(ROOT, "samples")
NAMES = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".txt"))


def test_there_are_samples():
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_sample_matches_expected(pipeline, validate, name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        text = f.read()
    doc = validate(pipeline.extract(text, id=f"samples/{name}").to_dict(), text)
    with open(os.path.join(SAMPLES, "expected", name[:-4] + ".json"), encoding="utf-8") as f:
        expected = json.load(f)
    assert doc == expected


def test_samples_cover_every_event_type():
    seen = set()
    for name in NAMES:
        with open(os.path.join(SAMPLES, "expected", name[:-4] + ".json"), encoding="utf-8") as f:
            seen |= {e["type"] for e in json.load(f)["events"]}
    assert seen >= {"join", "leave", "found", "appoint", "dispute", "unit_formed", "offer"}
