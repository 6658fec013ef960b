"""The level tagger against tests/corpus/level.jsonl, plus hostile input."""
from __future__ import annotations

import json
import pathlib

import pytest

from extractor import lexicon as lexicon_mod
from extractor.model import Entity
from extractor.taggers import level

from conftest import corpus_params

CORPUS = pathlib.Path(__file__).parent / "corpus" / "level.jsonl"


@pytest.fixture(scope="module")
def lex():
    return lexicon_mod.load()


def scan_orgs(text: str, lex) -> list[Entity]:
    """A naive org finder for the corpus: at each position the longest surface
    form in lexicon.org_names (Latin forms not glued to more Latin letters)."""
    names = lex.org_names
    longest = max(len(n) for n in names)
    out, i = [], 0
    while i < len(text):
        for j in range(min(len(text), i + longest), i + 1, -1):
            surface = text[i:j]
            canon = names.get(surface)
            if canon is None:
                continue
            if surface[0].isascii() and i > 0 and text[i - 1].isascii() and text[i - 1].isalnum():
                continue
            if surface[-1].isascii() and j < len(text) and text[j].isascii() and text[j].isalnum():
                continue
            out.append(Entity("org", surface, i, j, canonical=canon))
            i = j
            break
        else:
            i += 1
    return out


def test_corpus_shape():
    groups: dict[str, int] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        assert {"text", "expect", "group"} <= set(case)
        groups[case["group"]] = groups.get(case["group"], 0) + 1
    positives = {g for g in groups if not g.endswith("_neg") and g != "xfail"}
    for g in positives:
        assert f"{g}_neg" in groups or any(n.endswith("_neg") and n.split("_")[0] == g.split("_")[0] for n in groups), \
            f"group {g} has no negatives"


@pytest.mark.parametrize("case", corpus_params("level.jsonl", strict=True))
def test_corpus(case, lex):
    text = case["text"]
    from extractor.text import normalize
    norm = normalize(text)
    got = level.tag(norm, lex, scan_orgs(norm, lex))
    for e in got:
        assert e.type == "level" and text[e.start:e.end] == e.text and e.rule
    want = case["expect"]
    assert [e.text for e in got] == [w["text"] for w in want], [(e.text, e.value, e.rule) for e in got]
    for e, w in zip(got, want):
        for k, v in w.get("value", {}).items():
            assert e.value.get(k) == v, (e.text, k, e.value)
        if "rank" not in w.get("value", {}) and "rank" in e.value:
            # an expectation with a rank-less value for a known rung is a corpus mistake
            assert w["value"].get("level") in lex.ladders[e.value["system"]]


def test_values_match_ladder(lex):
    got = level.tag("字节给了他4-2，对标阿里P11。", lex, scan_orgs("字节给了他4-2，对标阿里P11。", lex))
    assert [(e.value["system"], e.value["level"], e.value["rank"]) for e in got] == [("字节跳动", "4-2", 8), ("阿里巴巴", "P11", 11)]


def test_empty_and_no_orgs(lex):
    assert level.tag("", lex, []) == []
    assert level.tag("没有任何职级信息。", lex, []) == []


@pytest.mark.parametrize("unit,size", [("P-", 1_000_000), ("4-", 1_000_000), ("T-", 1_000_000), ("级", 1_000_000),
                                       ("1-1 ", 200_000), ("P7/", 200_000), ("T3.", 200_000), ("19级", 200_000),
                                       ("字节4-2", 200_000), ("-P1", 200_000)])
def test_hostile_input_is_linear(lex, unit, size):
    """A long run of one fragment: must finish (the patterns are bounded, the
    per-match work is constant). 'P-P-P-...' and '4-4-4-...' at 1 MB; fragments that
    are a candidate every few characters at 200 KB to keep the suite quick. No
    timing assertion (see DESIGN.md): a super-linear blow-up would hang here."""
    text = unit * (size // len(unit))
    orgs = scan_orgs(text[:2000], lex)        # org entities only at the start
    got = level.tag(text, lex, orgs)
    assert all(text[e.start:e.end] == e.text for e in got)
