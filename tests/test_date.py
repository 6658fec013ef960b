"""The date tagger against its corpus (tests/corpus/date.jsonl), parse() on single
expressions, a property test, and hostile inputs that must stay linear."""
from __future__ import annotations

import datetime as dt
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # without an install

from extractor.taggers.date import parse, tag  # noqa: E402
from extractor.text import normalize  # noqa: E402
from conftest import corpus_params  # noqa: E402

PUB = dt.date(2024, 11, 15)   # a Friday


CASES = corpus_params("date.jsonl")


def _pub(ex: dict) -> dt.date | None:
    return dt.date.fromisoformat(ex["published"]) if ex["published"] else None


@pytest.mark.parametrize("ex", CASES)
def test_corpus(ex):
    norm = normalize(ex["text"])
    got = [{"text": e.text, "type": e.type, "value": e.value} for e in tag(norm, _pub(ex))]
    assert got == ex["expect"]


def test_corpus_shape():
    groups: dict[str, list[bool]] = {}
    for p in CASES:
        ex = p.values[0]
        assert "published" in ex, ex          # the reference date is pinned in every example
        groups.setdefault(ex["group"], []).append(bool(ex["expect"]))
    assert len(CASES) >= 80
    for g, flags in groups.items():
        if any(flags):
            assert not all(flags), f"group {g} has no negative example"


# ---------------------------------------------------------------- parse()

@pytest.mark.parametrize("expr, value, start, end, grain", [
    ("2024年5月3日", "2024-05-03", "2024-05-03", "2024-05-03", "day"),
    ("10月底", "2024-10", "2024-10-21", "2024-10-31", "month"),
    ("12月5日", "2023-12-05", "2023-12-05", "2023-12-05", "day"),
    ("2020年第三季度", "2020-Q3", "2020-07-01", "2020-09-30", "quarter"),
    ("上半年", "2024-H1", "2024-01-01", "2024-06-30", "half"),
    ("三年前", "2021", "2021-01-01", "2021-12-31", "year"),
    ("上周五", "2024-11-08", "2024-11-08", "2024-11-08", "day"),
    ("上周末", "2024-W45-WE", "2024-11-09", "2024-11-10", "weekend"),
    ("2014年至2015年", "2014/2015", "2014-01-01", "2015-12-31", "year"),
    ("2018", "2018", "2018-01-01", "2018-12-31", "year"),              # parse() reads a bare year
    ("20240307", "2024-03-07", "2024-03-07", "2024-03-07", "day"),
    ("09-01", "2024-09-01", "2024-09-01", "2024-09-01", "day"),
    ("1月3", "2024-01-03", "2024-01-03", "2024-01-03", "day"),
    ("20天后", "2024-12-05", "2024-12-05", "2024-12-05", "day"),          # 后 only in parse()
    ("2月29日", "2024-02-29", "2024-02-29", "2024-02-29", "day"),
    ("今年前五个月", "2024-01/2024-05", "2024-01-01", "2024-05-31", "month"),
    ("本月第2周", "2024-W46", "2024-11-11", "2024-11-17", "week"),
    ("感恩节", "2023-11-23", "2023-11-23", "2023-11-23", "day"),          # 2024's is on the 28th, after PUB
    ("上世纪80年代初", "198", "1980-01-01", "1982-12-31", "decade"),
])
def test_parse(expr, value, start, end, grain):
    got = parse(expr, PUB)
    assert got is not None, expr
    assert (got["value"], got["start"], got["end"], got["grain"]) == (value, start, end, grain)


def test_parse_nothing():
    for expr in ("", "早上", "近日", "3个月", "GPT-4", "35岁", "15%", "人工智能"):
        assert parse(expr, PUB) is None, expr


def test_parse_prefer():
    assert parse("12月5日", PUB)["value"] == "2023-12-05"
    assert parse("12月5日", PUB, prefer="current")["value"] == "2024-12-05"
    assert parse("3月8日", PUB, prefer="future")["value"] == "2025-03-08"
    assert parse("周一", PUB)["value"] == "2024-11-11"
    assert parse("周一", PUB, prefer="future")["value"] == "2024-11-18"
    assert parse("30日", PUB)["value"] == "2024-10-30"
    assert parse("30日", PUB, prefer="current")["value"] == "2024-11-30"


def test_published_forms():
    for pub in (PUB, dt.datetime(2024, 11, 15, 9, 30), "2024-11-15"):
        assert parse("昨天", pub)["value"] == "2024-11-14"


def test_unknown_year():
    assert parse("10月底", None) == {"value": "XXXX-10", "grain": "month", "mod": "end"}
    assert parse("上季度", None) == {"value": "XXXX-QX", "grain": "quarter"}
    assert parse("上周", None) == {"value": "XXXX-WXX", "grain": "week"}
    assert parse("13日", None) == {"value": "XXXX-XX-13", "grain": "day"}
    assert parse("2023年3月", None)["start"] == "2023-03-01"     # its own year: resolved


def test_two_digit_year_century():
    assert parse("98年4月", dt.date(1997, 7, 1))["value"] == "1998-04"
    assert parse("24年", dt.date(2021, 6, 14))["value"] == "2024"
    assert parse("三三年", dt.date(2021, 6, 14))["value"] == "1933"


def test_full_width_and_traditional():
    text = "２０２４年１０月底，他於上週五離職。"
    norm = normalize(text)
    got = [(text[e.start:e.end], e.value["value"]) for e in tag(norm, PUB)]
    assert got == [("２０２４年１０月底", "2024-10"), ("上週五", "2024-11-08")]


# ---------------------------------------------------------------- robustness

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_any_text(text, pub):
    norm = normalize(text)
    for e in tag(norm, pub):
        assert norm[e.start:e.end] == e.text
        assert e.type == "date" and e.rule
        v = e.value["value"]
        assert v[:4].isdigit() or v.startswith("XXXX"), e
        if "start" in e.value:
            assert e.value["start"] <= e.value["end"], e


_DATE_CHARS = "0123456789年月日号周天季度上下本去今明前后底初末中旬至到-./个第半"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_CHARS, max_size=60), st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2050, 12, 31))))
def test_date_like_text(text, pub):
    for e in tag(text, pub):
        assert text[e.start:e.end] == e.text
    parse(text, pub)


@pytest.mark.parametrize("text", [
    "年" * 1_000_000,
    "1" * 100_000,
    "4-" * 100_000,
    "2024年" * 20_000,
    "年初" * 30_000,
    "上周" * 30_000,
    "2024-" * 20_000,
    "1月" * 30_000,
    "十" * 300_000,
    "3-" * 30_000 + "5月",
    "第" * 300_000,
])
def test_hostile_inputs_complete(text):
    tag(text, PUB)          # must simply complete (linear patterns); no timing assertion
    parse(text[:20_000], PUB)
