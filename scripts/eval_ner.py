#!/usr/bin/env python3
"""Person, org and title spans against CLUENER2020 and Resume NER, with the
project's scorer (../shared/tools/ner_eval.py).

    python scripts/eval_ner.py [--shared DIR] [--check]

Runs the installed `extractor` (the one next to this Python, else on PATH)
over CLUENER train and Resume NER train, prints the scorer's line for each and
the targets beside it. The evaluation data are read at run time from
../shared/eval (never copied into the project); when they are absent the
script says so and exits 0. With --check, exits 1 when a target is missed.
Standard library only.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = (
    # name, ner_eval kind, path under eval/, targets (F1)
    ("CLUENER2020 train", "cluener", os.path.join("cluener", "train.json"),
     {"person": 0.80, "org": 0.70, "title": 0.75}),
    ("Resume NER train", "resume", os.path.join("resume_ner", "train.char.bmes"),
     {"person": 0.90, "org": 0.75, "title": 0.80}),
)
_F1 = re.compile(r"(person|org|title) F1=([0-9.]+)")


def extractor_cmd() -> str:
    exe = os.path.join(os.path.dirname(sys.executable), "extractor")
    if not os.path.exists(exe):
        exe = shutil.which("extractor") or "extractor"
    return f"{exe} extract --input-format jsonl --format jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"),
                    help="the shared folder holding tools/ and eval/ (default ../shared)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args()
    scorer = os.path.join(a.shared, "tools", "ner_eval.py")
    if not os.path.exists(scorer):
        print(f"eval_ner: {scorer} not found; skipped")
        return 0
    env = {**os.environ, "EXTRACTOR_CMD": os.environ.get("EXTRACTOR_CMD", extractor_cmd())}
    missed = []
    ran = 0
    for title, kind, rel, targets in SETS:
        path = os.path.join(a.shared, "eval", rel)
        if not os.path.exists(path):
            print(f"{title}: {path} not found; skipped")
            continue
        ran += 1
        res = subprocess.run([sys.executable, scorer, kind, path], capture_output=True, text=True, env=env)
        line = (res.stdout.strip().splitlines() or [res.stderr.strip()[-300:]])[-1]
        print(f"{title}: {line}")
        got = {t: float(v) for t, v in _F1.findall(line)}
        marks = []
        for t, need in targets.items():
            ok = got.get(t, 0.0) >= need
            marks.append(f"{t} {got.get(t, 0.0):.3f} {'>=' if ok else '<'} {need:.2f}")
            if not ok:
                missed.append(f"{title} {t}")
        print("   targets: " + "; ".join(marks))
    if not ran:
        print("eval_ner: no evaluation data under " + os.path.join(a.shared, "eval") + "; skipped")
        return 0
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if (a.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
