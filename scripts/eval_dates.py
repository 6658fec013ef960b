#!/usr/bin/env python3
"""Measure the date parser (extractor.taggers.date.parse) against peer test cases.

    python scripts/eval_dates.py [EVAL_DIR] [-v]

EVAL_DIR defaults to ../shared/eval relative to the repository root; when it is
absent the script says so and exits 0. Standard library and the project only.

1. JioNLP time_parser cases (eval/peers/jionlp/time_parser_cases.jsonl).

   Selection ("calendar dates"), stated once here and applied mechanically:
   - expected.type is `time_point` or `time_span` (no time_delta = durations,
     no time_period = recurring sets);
   - expected.definition is `accurate` (the `blur` cases are fuzzy: 年底,
     三年前, 上旬 ... each peer draws their edges its own way);
   - expected.time is two strings, the first at 00:00:00 and the second at
     23:59:59: whole days (this drops clock times, 现在, and open ends ±inf).
   Of these, the expressions of the Chinese lunisolar calendar and of the solar
   terms (农历, 阴历, 闰N月, 正月, 腊月, 廿, 初N, 大年, 除夕, 春节, 元宵, 端午,
   七夕, 中秋, 重阳, 腊八, the 24 solar terms, and the seasons 春/夏/秋/冬 which
   JioNLP bounds by solar terms) need astronomical tables the tagger does not
   carry: they are counted on a line of their own, not in the headline.

   `time_base`, the peer's reference time, becomes `published`: a Unix timestamp
   → its date in UTC+8; [y, m, d, ...] or {"year", "month", "day"} → that date,
   a missing month or day being the last of the year or month (a reference given
   as "1966" means within 1966); "<datetime.datetime(...)>" → that date;
   "<time.time()>" or null → None (the moment the peer's tests ran is unknown).

   A case passes when parse(input, published) gives start and end equal to the
   expected first and last day.

   Dates without a year are resolved, by default, to their latest occurrence on
   or before `published` (news reports the past); JioNLP resolves them in the
   current period (9月30日 with a reference in March 2008 → 2008-09-30). Both
   figures are printed: the default (`prefer="past"`) and `prefer="current"`.

2. Recognizers-Text DateTimeModel (eval/peers/recognizers_text/DateTimeModel.json),
   optional: the cases without lunar-calendar words (as above) whose every result is a `date` or `daterange` with both
   ends known; each expected result must be found among tag() entities of the
   input with the same text (ignoring a leading 从/自/在) and start/end among the
   listed resolutions (their range ends are exclusive: a single period ends the day
   after it, a range 'A到B' ends on the first day of B, which we count as covered).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractor.taggers.date import parse, tag  # noqa: E402
from extractor.text import normalize  # noqa: E402

LUNAR = re.compile(
    r"农历|阴历|闰|正月|腊月|廿|初[一二三四五六七八九十0-9]|大年|除夕|春节|元宵|端午|七夕|中秋|重阳|腊八"
    r"|小寒|大寒|立春|雨水|惊蛰|春分|清明|谷雨|立夏|小满|芒种|夏至|小暑|大暑|立秋|处暑|白露|秋分|寒露|霜降"
    r"|立冬|小雪|大雪|冬至|[春夏秋冬](?:季|天)?$|[春夏秋冬]季")


def _last_day(y: int, m: int) -> int:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day


def reference(tb) -> dt.date | None:
    if tb is None:
        return None
    if isinstance(tb, (int, float)):
        return (dt.datetime.fromtimestamp(tb, dt.timezone.utc) + dt.timedelta(hours=8)).date()
    if isinstance(tb, dict):
        tb = [tb.get(k) for k in ("year", "month", "day") if tb.get(k) is not None]
    if isinstance(tb, str):
        nums = [int(x) for x in re.findall(r"\d+", tb)]
        if not nums:
            return None
        tb = nums
    if isinstance(tb, list) and tb:
        y = tb[0]
        m = tb[1] if len(tb) > 1 else 12
        d = tb[2] if len(tb) > 2 else _last_day(y, m)
        return dt.date(y, m, d)
    return None


def selected(case: dict) -> bool:
    e = case.get("expected")
    if not isinstance(e, dict) or e.get("type") not in ("time_point", "time_span"):
        return False
    if e.get("definition") != "accurate":
        return False
    t = e.get("time")
    return (isinstance(t, list) and len(t) == 2 and all(isinstance(x, str) for x in t)
            and t[0].endswith(" 00:00:00") and t[1].endswith(" 23:59:59"))


def category(inp: str, got: dict | None, exp: tuple[str, str]) -> str:
    if got is None:
        return "nothing parsed"
    if "start" not in got:
        return "unresolved (no reference date)"
    gs, ge = got["start"], got["end"]
    if gs[5:] == exp[0][5:] and ge[5:] == exp[1][5:]:
        return "year-less date: another occurrence chosen (year)"
    if gs[:7] == exp[0][:7] and ge[:7] == exp[1][:7] and got.get("mod"):
        return "part of a period: other edges (初/末/...)"
    try:
        d0 = (dt.date.fromisoformat(gs) - dt.date.fromisoformat(exp[0])).days
        d1 = (dt.date.fromisoformat(ge) - dt.date.fromisoformat(exp[1])).days
    except ValueError:
        d0 = d1 = None
    if d0 is not None and d0 == d1 and d0 % 7 == 0 and got.get("grain") in ("day", "week"):
        return "weekday/week: another occurrence chosen"
    if d0 is not None and d0 == d1 and abs(d0) <= 31 and got.get("grain") == "day" and "-" not in inp[-3:]:
        return "day without a month: another occurrence chosen" if not re.search(r"月", inp) else "other span"
    return "other span"


def run_jionlp(path: str, verbose: bool) -> None:
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    sel = [c for c in cases if selected(c)]
    lunar = [c for c in sel if LUNAR.search(c["input"])]
    main = [c for c in sel if not LUNAR.search(c["input"])]
    for prefer in ("past", "current"):
        fails = defaultdict(list)
        ok = 0
        for c in main:
            pub = reference(c.get("time_base"))
            exp = (c["expected"]["time"][0][:10], c["expected"]["time"][1][:10])
            got = parse(c["input"], pub, prefer=prefer)
            if got and got.get("start") == exp[0] and got.get("end") == exp[1]:
                ok += 1
            else:
                fails[category(c["input"], got, exp)].append((c["input"], pub, exp, got))
        n = len(main)
        label = "default, prefer='past'" if prefer == "past" else "prefer='current', the peer's convention"
        print(f"jionlp calendar dates: {ok}/{n} = {100 * ok / n:.1f}%   ({label})")
        if verbose or prefer == "past":
            for cat, items in sorted(fails.items(), key=lambda kv: -len(kv[1])):
                print(f"  {cat}: {len(items)}")
                for inp, pub, exp, got in items:
                    g = f"{got['start']}..{got['end']}" if got and "start" in got else got
                    print(f"    {inp!r} ref={pub} expected {exp[0]}..{exp[1]} got {g}")
    ok = 0
    for c in lunar:
        pub = reference(c.get("time_base"))
        exp = (c["expected"]["time"][0][:10], c["expected"]["time"][1][:10])
        got = parse(c["input"], pub)
        ok += bool(got and got.get("start") == exp[0] and got.get("end") == exp[1])
    print(f"jionlp lunar calendar / solar terms (out of scope, not in the headline): {ok}/{len(lunar)}")
    print(f"  (selection: {len(sel)} whole-day accurate points/spans of {len(cases)} cases; "
          f"{len(cases) - len(sel)} clock times, durations, recurring sets, fuzzy or open ones left out)")


def first_day(prefix: str) -> str | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", prefix)
    if not m:
        return None
    return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"


def same_days(value: dict, span: tuple[str, str, str]) -> bool:
    """Their range ends are exclusive; for a range 'A到B' they end at the first day
    of B, for a single period on the day after it."""
    start, end_incl, end_excl = span
    if value.get("start") != start:
        return False
    if value.get("end") == end_incl:
        return True
    v = value.get("value", "")
    return "/" in v and first_day(v.split("/")[1]) == end_excl


def run_recognizers(path: str, verbose: bool) -> None:
    data = json.load(open(path, encoding="utf-8"))
    n = ok = 0
    fails = []
    for case in data:
        res = case.get("Results") or []
        if LUNAR.search(case.get("Input", "")):
            continue
        if not res or not all(r.get("TypeName") in ("datetimeV2.date", "datetimeV2.daterange") for r in res):
            continue
        ref_s = (case.get("Context") or {}).get("ReferenceDateTime")
        if not ref_s:
            continue
        wanted = []
        for r in res:
            spans = []
            for v in r["Resolution"]["values"]:
                if r["TypeName"] == "datetimeV2.date" and v.get("value") and v["value"] != "not resolved":
                    spans.append((v["value"], v["value"], v["value"]))
                elif v.get("start") and v.get("end"):
                    end = dt.date.fromisoformat(v["end"][:10]) - dt.timedelta(days=1)
                    spans.append((v["start"][:10], end.isoformat(), v["end"][:10]))
            if not spans:
                break
            wanted.append((r["Text"], spans))
        else:
            n += 1
            pub = dt.date.fromisoformat(ref_s[:10])
            inp = case["Input"]
            ents = tag(normalize(inp), pub)
            good = True
            for text, spans in wanted:
                hit = [e for e in ents if normalize(inp[e.start:e.end]) == normalize(text.lstrip("从自在"))
                       and any(same_days(e.value, s) for s in spans)]
                if not hit:
                    good = False
            if good:
                ok += 1
            else:
                fails.append((case["Input"], ref_s[:10], wanted,
                              [(e.text, e.value.get("start"), e.value.get("end")) for e in ents]))
    if n:
        print(f"recognizers-text calendar dates: {ok}/{n} = {100 * ok / n:.1f}%  (tag(); text and days must agree)")
        if verbose:
            for f in fails:
                print("   ", f)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    base = args[0] if args else os.path.join(os.path.dirname(ROOT), "shared", "eval")
    if not os.path.isdir(base):
        print(f"eval_dates: {base} not found; nothing to measure")
        return 0
    j = os.path.join(base, "peers", "jionlp", "time_parser_cases.jsonl")
    if os.path.exists(j):
        run_jionlp(j, verbose)
    else:
        print(f"eval_dates: {j} not found")
    r = os.path.join(base, "peers", "recognizers_text", "DateTimeModel.json")
    if os.path.exists(r):
        run_recognizers(r, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
