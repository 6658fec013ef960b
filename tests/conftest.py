"""Shared fixtures: one pipeline per test session, and a validator that every
output document must pass (extractor/schema.json)."""
from __future__ import annotations

import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("EXTRACTOR_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory):
    """Tests use their own cache directory for jieba's merged dictionary."""
    d = str(tmp_path_factory.mktemp("cache"))
    old = os.environ.get("EXTRACTOR_CACHE_DIR")
    os.environ["EXTRACTOR_CACHE_DIR"] = d
    yield d
    if old is None:
        os.environ.pop("EXTRACTOR_CACHE_DIR", None)
    else:
        os.environ["EXTRACTOR_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def pipeline(_cache_dir):
    from extractor.api import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def validate():
    import jsonschema

    with open(os.path.join(ROOT, "extractor", "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict, text: str | None = None) -> dict:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        if text is not None:
            for e in doc["entities"]:
                assert text[e["start"]:e["end"]] == e["text"], e
            for ev in doc["events"]:
                t = ev["trigger"]
                assert text[t["start"]:t["end"]] == t["text"], t
                for ents in ev["arguments"].values():
                    for a in ents:
                        assert text[a["start"]:a["end"]] == a["text"], a
        return doc

    return check


def load_corpus(name: str) -> list[dict]:
    path = os.path.join(ROOT, "tests", "corpus", name)
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def corpus_params(name: str, prefix: str = "", strict: bool = False) -> list:
    """One pytest param per case of tests/corpus/<name>: the id is <prefix><group>-<n>
    (n counts the cases of that group) and a case that gives an `xfail` reason is
    marked as a known failure (strict: it must fail)."""
    out, counts = [], {}
    for ex in load_corpus(name):
        group = ex.get("group", "x")
        n = counts[group] = counts.get(group, 0) + 1
        marks = [pytest.mark.xfail(strict=strict, reason=ex["xfail"])] if ex.get("xfail") else []
        out.append(pytest.param(ex, id=f"{prefix}{group}-{n}", marks=marks))
    return out
