"""Shared fixtures: one pipeline per test session, and a validator that every
output document must pass (extractor/schema.json)."""
from __future__ import annotations

import glob
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


def corpus_and_samples(*names: str) -> list[str]:
    """The texts of the named tagger corpus files, then of the articles in samples/: what the
    tests of a shortcut run the shortcut and the plain way over."""
    texts = [ex["text"] for name in names for ex in load_corpus(name)]
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    return texts


def make_context(pipeline, text: str, tokens=None):
    """The taggers' Context of a text as the pipeline builds it (no publication date); `tokens`
    stands in for the segmenter's tokens where a test needs others."""
    from extractor.taggers import Context
    from extractor.text import normalize, sentences

    norm = normalize(text)
    return Context(text=text, norm=norm, tokens=pipeline.segmenter.tokens(norm) if tokens is None else tokens,
                   sentences=sentences(norm), published=None, lexicon=pipeline.lexicon, segmenter=pipeline.segmenter)


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
