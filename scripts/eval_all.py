"""`make eval`: every accuracy figure the README reports, from one run.

Reads ../shared (or --shared DIR) at run time and skips what is absent:
the seed article and the project's own dev set (event F1, extractor eval),
CLUENER and Resume NER (../shared/tools/ner_eval.py), DuEE
(../shared/tools/duee_eval.py), salary strings and peer money cases
(scripts/eval_salary.py), JioNLP calendar dates (scripts/eval_dates.py).
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def run(title, cmd, env=None):
    print(f"== {title}", flush=True)
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    lines = [l for l in res.stdout.splitlines() if l.strip()] or \
        [l for l in res.stderr.splitlines() if l.strip()]
    for line in lines[-4:]:
        print("   " + line[:400])
    return res.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)
    exe = os.path.join(BIN, "extractor")
    env = {"EXTRACTOR_CMD": f"{exe} extract --input-format jsonl --format jsonl"}
    py = sys.executable
    dev = os.path.join(ROOT, "tests", "gold", "dev.jsonl")
    run("dev set (tests/gold/dev.jsonl, the project's own articles)",
        [py, "-c", "import json,sys; from extractor.evaluate import evaluate_file; r=evaluate_file(sys.argv[1]);"
                   "e=r['events']; print('dev event F1=%.2f (P=%.2f R=%.2f) role-acc=%.2f' % (e['f1'], e['p'], e['r'], r['role_accuracy']))",
         dev])
    tools = os.path.join(shared, "tools")
    if not os.path.isdir(tools):
        print(f"(no {tools}: the shared scorers and data are skipped)")
        return
    seed = os.path.join(shared, "seed", "gold.jsonl")
    if os.path.exists(seed):
        run("seed article (score.py)", [py, os.path.join(tools, "score.py"), seed], env)
    ev = os.path.join(shared, "eval")
    if os.path.exists(os.path.join(ev, "cluener", "train.json")):
        run("CLUENER train (ner_eval.py)", [py, os.path.join(tools, "ner_eval.py"), "cluener",
                                            os.path.join(ev, "cluener", "train.json")], env)
    if os.path.exists(os.path.join(ev, "resume_ner", "train.char.bmes")):
        run("Resume NER train (ner_eval.py)", [py, os.path.join(tools, "ner_eval.py"), "resume",
                                               os.path.join(ev, "resume_ner", "train.char.bmes")], env)
    if os.path.exists(os.path.join(ev, "duee", "train.json")):
        run("DuEE train, 加盟/辞离职/起诉 (duee_eval.py)", [py, os.path.join(tools, "duee_eval.py"),
                                                        os.path.join(ev, "duee", "train.json")], env)
    for script in ("eval_salary.py", "eval_dates.py"):
        path = os.path.join(ROOT, "scripts", script)
        if os.path.exists(path):
            run(script, [py, path, ev])


if __name__ == "__main__":
    main()
