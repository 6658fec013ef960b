#!/usr/bin/env python3
"""Measure the salary/money tagger against the shared evaluation data.

    python scripts/eval_salary.py [EVAL_DIR] [-v]

EVAL_DIR defaults to ../shared/eval relative to the repository root; when it is
absent the script says so and exits 0. Standard library and the project only.

Measures (one summary line each):

1. salary strings: every string of eval/salary_strings/distinct_salary_strings.jsonl
   (job-board pay: 10-15K·13薪, 1-1.5万/月, 150-200元/天 …) set in two sentence
   templates of our own, one with a pay word before it and one without. The
   tagger must return one `salary` entity whose span covers the string, with the
   value an independent, deliberately simple reading gives (`simple_parse`: the
   numbers found × the unit K/千/万 …, the period from /月 /年 /天 /时, the
   default for a bare K range being monthly, and ·N薪). A string with no digit
   (薪资, 面议) must give no entity.
2. peer money cases: JioNLP's money_parser cases and Recognizers-Text's Chinese
   CurrencyModel cases; `tag()` runs on the input text, and each expected amount
   must be found among the salary/money entities (the type does not matter) with
   the same currency and the same amount (a single amount against our min, or our
   max when only a max is given; a range against min and max; within 0.01).
   A case with nothing expected (五角大楼, 标准普尔指数, an order number) is always in
   scope and passes when nothing is found.

   In scope: every case whose input names a currency (元, 块, 圆, 人民币, 美元, $ …).
   Out of scope, with the reason printed by -v:
   - amounts in 角/分/毛/美分/銭 (cents precision: 123元1角1分, 十块三毛);
   - a bare number with no currency word (三百万, 小于40万, 15k左右, 30w上下): in
     running news text a bare number is not money, so the tagger leaves it alone;
   - a currency word with no amount (人民币 美元): no amount to compare;
   - 兆 as a unit (四十九兆…億元: 10^12 in Japanese usage, 10^6 in other places);
   - numbers longer than 13 digits (the 24-digit order number): beyond the tagger's
     bounded number pattern by design;
   - crypto-currencies (比特币: no ISO code);
   - one JioNLP gold value that reads 八到九百亿 as 8亿-900亿 (the text means
     800亿-900亿; the tagger gives the latter).
"""
from __future__ import annotations

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractor.taggers.salary import tag  # noqa: E402
from extractor.text import normalize  # noqa: E402

TEMPLATES = (
    ("with cue", "该岗位薪资为{s}，要求本科以上学历，三年以上相关经验。"),
    ("bare", "【高级算法工程师】{s} 北京·海淀区，要求本科以上学历。"),
)

# ---------------------------------------------------------------- measure 1


def simple_parse(s: str) -> dict | None:
    """An independent reading of a job-board pay string: numbers × unit."""
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", s.split("·")[0])]
    if not nums:
        return None
    months = None
    m = re.search(r"·(\d+)薪", s)
    if m:
        months = int(m.group(1))
    head = s.split("·")[0]
    unit = 1
    if re.search(r"[kK]", head):
        unit = 1000
    elif "万" in head:
        unit = 10000
    elif "千" in head:
        unit = 1000
    period = "month"
    if "/年" in head:
        period = "year"
    elif "/天" in head or "/日" in head:
        period = "day"
    elif "/时" in head or "/小时" in head:
        period = "hour"
    v = {"min": round(nums[0] * unit), "max": round(nums[-1] * unit), "period": period}
    if months:
        v["months"] = months
    return v


def measure_strings(eval_dir: str, verbose: bool) -> list[str]:
    path = os.path.join(eval_dir, "salary_strings", "distinct_salary_strings.jsonl")
    if not os.path.exists(path):
        return ["salary strings: skipped (%s absent)" % path]
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    lines = []
    for name, template in TEMPLATES:
        ok, fails = 0, []
        for row in rows:
            s = row["salary"]
            text = template.format(s=s)
            norm = normalize(text)
            start = text.index(s)
            end = start + len(s)
            ents = [e for e in tag(norm) if e.type == "salary"]
            want = simple_parse(s)
            if want is None:
                good = not ents
                got = ents
            else:
                cover = [e for e in ents if e.start <= start and e.end >= end]
                got = cover
                good = len(cover) == 1 and all(cover[0].value.get(k) == v for k, v in want.items()) \
                    and cover[0].value.get("currency") == "CNY" and \
                    ("months" in want or "months" not in cover[0].value)
            if good:
                ok += 1
            else:
                fails.append((s, want, [(e.text, e.value) for e in got] or [(e.text, e.value) for e in ents]))
        n = len(rows)
        lines.append("salary strings (%s): %d/%d = %.1f%%" % (name, ok, n, 100.0 * ok / n))
        if verbose or fails:
            for s, want, got in fails[: (None if verbose else 20)]:
                print("  FAIL %-8s %r want %s got %s" % (name, s, want, got), file=sys.stderr)
    return lines


# ---------------------------------------------------------------- measure 2

CURRENCY_CASE = {
    "元": "CNY", "人民币": "CNY", "港元": "HKD", "港币": "HKD", "美元": "USD", "日元": "JPY",
    "新台币": "TWD", "台币": "TWD", "欧元": "EUR", "泰铢": "THB", "卢布": "RUB", "韩元": "KRW",
    "澳元": "AUD", "英镑": "GBP",
}
CURRENCY_WORD = re.compile(r"元|块|圆|人民币|美元|美圆|美金|港币|港元|欧元|日元|日币|台币|泰铢|卢布|韩元|澳元|"
                           r"英镑|法郎|奈拉|\$|¥|￥")
CENTS = re.compile(r"[角分毛]|美分|銭")


def out_of_scope(text: str) -> str | None:
    if CENTS.search(text):
        return "cents (角/分/毛)"
    if "兆" in text:
        return "兆 as a unit"
    if "比特币" in text:
        return "crypto-currency"
    if re.search(r"\d{14,}", text):
        return "number longer than 13 digits"
    if "八到九百亿" in text:
        return "gold reads 八到九百亿 as 8亿-900亿"
    if not CURRENCY_WORD.search(text) and re.search(r"[\d一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬]", text):
        return "bare number, no currency word"
    return None


def _amounts(ents):
    out = []
    for e in ents:
        if e.type not in ("salary", "money") or not e.value:
            continue
        v = e.value
        if "min" not in v and "max" not in v:
            continue
        out.append((v.get("min"), v.get("max"), v.get("currency")))
    return out


def _match_one(expected, currency, found) -> bool:
    for lo, hi, cur in found:
        if cur != currency:
            continue
        if isinstance(expected, tuple):
            if lo is not None and hi is not None and abs(lo - expected[0]) <= 0.01 and abs(hi - expected[1]) <= 0.01:
                return True
        else:
            got = lo if lo is not None else hi
            if got is not None and abs(got - expected) <= 0.01 and (hi is None or lo is None or abs(hi - lo) <= 0.01):
                return True
    return False


def measure_peers(eval_dir: str, verbose: bool) -> list[str]:
    cases = []  # (source, text, [(amount or (lo, hi), currency)])
    jp = os.path.join(eval_dir, "peers", "jionlp", "money_parser_cases.jsonl")
    if os.path.exists(jp):
        for line in open(jp, encoding="utf-8"):
            if not line.strip():
                continue
            c = json.loads(line)
            num = c["expected"]["num"]
            amount = (float(num[0]), float(num[1])) if isinstance(num, list) else float(num)
            cases.append(("jionlp", c["input"], [(amount, CURRENCY_CASE.get(c["expected"]["case"], c["expected"]["case"]))]))
    rp = os.path.join(eval_dir, "peers", "recognizers_text", "CurrencyModel.json")
    if os.path.exists(rp):
        for c in json.load(open(rp, encoding="utf-8")):
            exp = []
            for r in c["Results"]:
                res = r.get("Resolution") or {}
                if res.get("value") is None:
                    exp = None
                    break
                cur = res.get("isoCurrency") or ("USD" if r["Text"].startswith("$") else None)
                exp.append((float(res["value"]), cur))
            cases.append(("recognizers", c["Input"], exp))
    if not cases:
        return ["peer money cases: skipped (no peer files under %s)" % eval_dir]
    ok = n = 0
    skipped = []
    fails = []
    for src, text, exp in cases:
        if exp is None:
            why = "currency word with no amount"
        elif not exp:
            why = None          # a negative (五角大楼, an order number) is always in scope
        else:
            why = out_of_scope(text)
        if why:
            skipped.append((src, text, why))
            continue
        n += 1
        found = _amounts(tag(normalize(text)))
        if not exp:
            good = not found
        else:
            good = all(_match_one(amount, cur, found) for amount, cur in exp)
        if good:
            ok += 1
        else:
            fails.append((src, text, exp, found))
    for src, text, exp, found in fails:
        print("  FAIL %-11s %r want %s got %s" % (src, text, exp, found), file=sys.stderr)
    if verbose:
        for src, text, why in skipped:
            print("  out of scope %-11s %r: %s" % (src, text, why), file=sys.stderr)
    return ["peer money cases: %d/%d = %.1f%% (%d out of scope)" % (ok, n, 100.0 * ok / max(n, 1), len(skipped))]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    eval_dir = args[0] if args else os.path.join(ROOT, "..", "shared", "eval")
    if not os.path.isdir(eval_dir):
        print("eval_salary: %s not found; skipping" % eval_dir)
        return 0
    for line in measure_strings(eval_dir, verbose) + measure_peers(eval_dir, verbose):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
