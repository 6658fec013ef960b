"""Corpus tests per event type (tests/corpus/events/<type>.jsonl): every
event of a sentence is listed with its roles as surface text (or canonical
name) and its status; a role set to null must be absent (as in SCHEMA.md's gold files);
a sentence whose `expect` is empty must give none."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT, corpus_params

ORG_ROLES = ("org", "from_org", "plaintiff", "defendant", "forum")
TYPES = sorted(f[:-6] for f in os.listdir(os.path.join(ROOT, "tests", "corpus", "events")) if f.endswith(".jsonl"))


CASES = [p for t in TYPES for p in corpus_params(f"events/{t}.jsonl", prefix=f"{t}-")]


def _matches(exp: dict, ev: dict) -> bool:
    if ev["type"] != exp["type"] or ev["status"] != exp.get("status", "asserted"):
        return False
    for role, want in exp.items():
        if role in ("type", "status"):
            continue
        got = ev["arguments"].get(role, [])
        if want is None:
            if got:
                return False
            continue
        names = {a["text"] for a in got} | {a.get("canonical") for a in got if a.get("canonical")}
        if want in names:
            continue
        # an organisation may be written with its unit (小米手机部 for 小米), as the scorers allow
        if not (role in ORG_ROLES and len(want) >= 2 and any(want in n for n in names)):
            return False
    return True


@pytest.mark.parametrize("ex", CASES)
def test_event_corpus(pipeline, ex):
    doc = pipeline.extract(ex["text"], published=ex.get("published")).to_dict()
    events = list(doc["events"])
    for exp in ex["expect"]:
        hit = next((ev for ev in events if _matches(exp, ev)), None)
        assert hit is not None, f"missing {exp}; got {[(e['type'], e['status'], {r: [a['text'] for a in v] for r, v in e['arguments'].items()}) for e in doc['events']]}"
        events.remove(hit)
    assert not events, f"extra events: {[(e['type'], e['rule'], {r: [a['text'] for a in v] for r, v in e['arguments'].items()}) for e in events]}"


@pytest.mark.parametrize("text, role, party", [
    ("去年跳槽后，韩屹因违反竞业协议被前东家诉至法院。", "plaintiff", "前东家"),
    ("离职半年后，贺青又被原用人单位起诉。", "plaintiff", "原用人单位"),
    ("苗远以拖欠工资为由将老东家告上法庭。", "defendant", "老东家"),
])
def test_a_described_employer_is_an_organisation(pipeline, text, role, party):
    """A party named only as someone's employer (前东家, 用人单位) is an org, not a person."""
    doc = pipeline.extract(text, published="2025-06-12").to_dict()
    got = [a for ev in doc["events"] if ev["type"] == "dispute" for a in ev["arguments"].get(role, [])]
    assert [(a["text"], a["type"]) for a in got] == [(party, "org")]
