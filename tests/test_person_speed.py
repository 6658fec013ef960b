"""The person tagger's shortcut (a candidate is dropped before the context after
it, or right after it, when its score cannot pass COORD_MIN) must change nothing:
the bounds it uses have to cover whatever _features adds after the context before
(given that context, and given the context after too), and the output
with the shortcut must be the output without it (FEATURE_LOG turns it off)."""
from __future__ import annotations

import glob
import os

from conftest import ROOT, load_corpus

from extractor.taggers import person


def _texts() -> list[str]:
    texts = [ex["text"] for ex in load_corpus("person.jsonl")]
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


def _run(pipeline, texts, log):
    saved = person.FEATURE_LOG
    person.FEATURE_LOG = log
    try:
        return [repr(pipeline.extract(t)) for t in texts]
    finally:
        person.FEATURE_LOG = saved


def test_bound_covers_what_follows_the_context_before(pipeline):
    log: list = []
    _run(pipeline, _texts(), log)
    checked = 0
    for _s, _e, feats in log:
        at = next((i for i, x in enumerate(feats) if x.startswith("L:")), None)
        if at is None:
            continue                       # a transcribed or Latin name: not pruned
        left, right = feats[at][2:], feats[at + 1][2:]
        rest = sum(person.W.get(x, 0.0) for x in feats[at + 1:])
        # the bound for any context, for the context before, and for the contexts on both sides
        for bound in (person._after_left(), person._after_left(left), person._after_left(left, right)):
            assert rest <= bound + 1e-9, (feats, rest, bound)
        checked += 1
    assert checked > 100


def test_shortcut_changes_no_output(pipeline):
    texts = _texts()
    assert _run(pipeline, texts, None) == _run(pipeline, texts, [])
