"""`extractor eval` scores like ../shared/tools/score.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import SHARED
from extractor.cli import cli
from extractor.evaluate import role_matches, score_documents


def ent(text, type_="org", canonical=None, value=None):
    d = {"type": type_, "text": text, "start": 0, "end": len(text)}
    if canonical:
        d["canonical"] = canonical
    if value is not None:
        d["value"] = value
    return d


@pytest.mark.parametrize("role,gold,pred,ok", [
    ("org", ["字节跳动", "字节"], [ent("字节", canonical="字节跳动")], True),
    ("org", ["百度"], [ent("百度网页搜索部", canonical="网页搜索部")], True),
    ("org", ["百度"], [ent("腾讯")], False),
    ("person", "周畅", [ent("周畅", "person")], True),
    ("person", "周畅", [ent("周", "person")], False),
    ("level", "4-2", [ent("4-2", "level", value={"system": "字节跳动", "level": "4-2"})], True),
    ("level", "P10", [ent("P10级", "level")], True),
    ("date", "2024-10", [ent("10月底", "date", value={"value": "2024-10", "start": "2024-10-21"})], True),
    ("date", "2024-11", [ent("10月底", "date", value={"value": "2024-10"})], False),
    ("salary", {"min": 10000000, "period": "year"},
     [ent("8位数年薪", "salary", value={"min": 10000000, "max": 99999999, "period": "year"})], True),
    ("salary", {"min": 10000000, "period": "month"},
     [ent("8位数年薪", "salary", value={"min": 10000000, "period": "year"})], False),
    ("size", 150, [ent("150人", "quantity", value={"value": 150})], True),
    ("from_org", None, [], True),
    ("from_org", None, [ent("百度")], False),
])
def test_role_matching(role, gold, pred, ok):
    assert role_matches(role, gold, pred) is ok


def test_scoring_counts():
    gold = [{"id": "a", "events": [{"type": "join", "person": "甲乙", "org": ["丙丁"]},
                                   {"type": "leave", "person": "戊己"}]}]
    pred = {"a": {"events": [
        {"type": "join", "status": "asserted", "arguments": {"person": [ent("甲乙", "person")], "org": [ent("丙丁")]}},
        {"type": "join", "status": "denied", "arguments": {"person": [ent("庚辛", "person")]}},
        {"type": "found", "status": "asserted", "arguments": {"person": [ent("壬癸", "person")]}}]}}
    res = score_documents(gold, pred)
    assert res["events"]["tp"] == 1 and res["events"]["fp"] == 1 and res["events"]["fn"] == 1
    assert res["roles"]["org"] == {"correct": 1, "total": 1, "acc": 1.0}


def test_eval_command_json(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "published": "2024-11-15", "text": "周畅已于10月底加入字节跳动。",
                                "events": [{"type": "join", "person": "周畅", "org": ["字节跳动"], "date": "2024-10"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", str(gold), "--format", "json"])
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert out["events"]["f1"] == 1.0 and out["roles"]["date"]["acc"] == 1.0


@pytest.mark.skipif(not os.path.exists(os.path.join(SHARED, "tools", "score.py")), reason="../shared is absent")
def test_agrees_with_shared_scorer_on_seed():
    gold = os.path.join(SHARED, "seed", "gold.jsonl")
    exe = os.path.join(os.path.dirname(sys.executable), "extractor")
    res = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "score.py"), gold, "--json"],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "EXTRACTOR_CMD": f"{exe} extract --input-format jsonl --format jsonl"})
    theirs = json.loads(res.stdout[res.stdout.index("{"):res.stdout.rindex("}") + 1])
    out = CliRunner().invoke(cli, ["eval", gold, "--format", "json"])
    ours = json.loads(out.stdout)
    for k in ("tp", "fp", "fn"):
        assert ours["events"][k] == theirs["events"][k]
    assert abs(ours["role_accuracy"] - theirs["role_acc"]) < 1e-3
