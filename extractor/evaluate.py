"""`extractor eval`: score against a gold file (SCHEMA.md, "Gold files").

A gold event names its type and role values: a string, a list of acceptable
names of one organisation, a salary object, or null (the role must then be
absent). Matching, per type: the primary role (person; defendant for
disputes; unit for unit_formed) must match; among the candidates the one
matching most other roles is taken, each prediction used once. Denied
predictions are not facts and are left out. The rules follow
../shared/tools/score.py so the two agree; roles:

- organisations: a gold name equals, or (two characters or more) is
  contained in, the prediction's text or canonical name;
- people: equal names; title, cause, unit: the gold text is contained;
- level: equal after dropping 级/职级/级别 and case; date: the prediction's
  value (or start) begins with the gold prefix; salary: period and min/max
  within 5%; size: the quantity's value within 5%.
"""
from __future__ import annotations

import json

PRIMARY = {"dispute": "defendant", "unit_formed": "unit"}
ORG_ROLES = ("org", "from_org", "plaintiff", "forum")


def _squash(s) -> str:
    return str(s or "").replace(" ", "").replace("\u3000", "").lower()


def _texts(ents) -> list[str]:
    out = []
    for e in ents or ():
        if isinstance(e, str):
            out.append(e)
            continue
        out += [x for x in (e.get("text"), e.get("canonical")) if x]
        v = e.get("value")
        if isinstance(v, dict):
            out += [v[k] for k in ("level", "value", "name") if isinstance(v.get(k), str)]
    return out


def _near(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= 0.05 * max(abs(float(b)), 1)
    except (TypeError, ValueError):
        return False


def _level(s: str) -> str:
    s = _squash(s).upper()
    for w in ("职级", "级别", "级"):
        s = s.replace(w, "")
    return s


def role_matches(role: str, gold, ents) -> bool:
    if gold is None:
        return not ents
    if not ents:
        return False
    cands = [_squash(t) for t in _texts(ents)]
    if role in ORG_ROLES:
        names = gold if isinstance(gold, list) else [gold]
        return any(c == _squash(g) or (len(_squash(g)) >= 2 and _squash(g) in c) for g in names for c in cands)
    if role in ("person", "defendant", "leader"):
        return _squash(gold) in cands
    if role == "level":
        return any(_level(c) == _level(gold) for c in _texts(ents))
    if role == "salary":
        for e in ents:
            v = e.get("value") if isinstance(e, dict) else None
            if not isinstance(v, dict):
                continue
            if gold.get("period") and _squash(gold["period"]) not in _squash(v.get("period")):
                continue
            if all(k not in gold or _near(v.get(k), gold[k]) for k in ("min", "max")):
                return True
        return False
    if role == "date":
        for e in ents:
            v = e.get("value") if isinstance(e, dict) else None
            vals = [v.get(k) for k in ("value", "start") if isinstance(v, dict) and isinstance(v.get(k), str)]
            if any(x.startswith(gold) for x in vals):
                return True
        return False
    if role == "size":
        for e in ents:
            v = e.get("value") if isinstance(e, dict) else None
            if isinstance(v, dict) and _near(v.get("value"), gold):
                return True
        return False
    return any(_squash(gold) in c for c in cands)


def score_documents(gold_docs: list[dict], predicted: dict[str, dict]) -> dict:
    per_type: dict[str, list[int]] = {}
    roles: dict[str, list[int]] = {}
    misses, extras = [], []
    for g in gold_docs:
        doc = predicted.get(str(g["id"]), {"events": []})
        preds = [e for e in doc.get("events", []) if e.get("status") != "denied"]
        used: set[int] = set()
        for ge in g.get("events", []):
            t = ge["type"]
            prim = PRIMARY.get(t, "person")
            c = per_type.setdefault(t, [0, 0, 0])
            best, best_n = None, -1
            for i, pe in enumerate(preds):
                if i in used or pe["type"] != t:
                    continue
                args = pe.get("arguments", {})
                if not role_matches(prim, ge.get(prim), args.get(prim)):
                    continue
                n = sum(role_matches(r, v, args.get(r)) for r, v in ge.items() if r not in ("type", prim))
                if n > best_n:
                    best, best_n = i, n
            if best is None:
                c[2] += 1
                misses.append({"id": g["id"], "type": t, prim: ge.get(prim)})
                continue
            used.add(best)
            c[0] += 1
            args = preds[best].get("arguments", {})
            for r, v in ge.items():
                if r in ("type", prim):
                    continue
                rc = roles.setdefault(r, [0, 0])
                rc[1] += 1
                rc[0] += role_matches(r, v, args.get(r))
        for i, pe in enumerate(preds):
            if i not in used:
                per_type.setdefault(pe["type"], [0, 0, 0])[1] += 1
                arg = pe["arguments"].get(PRIMARY.get(pe["type"], "person"), [{}])[0]
                extras.append({"id": g["id"], "type": pe["type"], "who": arg.get("text"), "rule": pe.get("rule")})

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    tot = [sum(v[i] for v in per_type.values()) for i in range(3)]
    return {"events": prf(*tot), "types": {t: prf(*v) for t, v in sorted(per_type.items())},
            "roles": {r: {"correct": a, "total": b, "acc": round(a / b, 4) if b else 0.0} for r, (a, b) in sorted(roles.items())},
            "role_accuracy": round(sum(a for a, _ in roles.values()) / max(1, sum(b for _, b in roles.values())), 4),
            "misses": misses, "extras": extras}


def evaluate_file(path: str, lexicon=None) -> dict:
    from extractor.api import Pipeline

    gold = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    gold.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"line {n}: not JSON ({e.msg})") from None
    pipe = Pipeline(lexicon)
    preds = {str(g["id"]): pipe.extract(g["text"], published=g.get("published"), id=str(g["id"])).to_dict()
             for g in gold}
    return score_documents(gold, preds)


def render_table(res: dict, misses: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    t = Table(title="events", title_justify="left")
    for col in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        t.add_column(col, justify="right" if col != "type" else "left")
    for name, v in list(res["types"].items()) + [("all", res["events"])]:
        t.add_row(name, str(v["tp"]), str(v["fp"]), str(v["fn"]), f"{v['p']:.2f}", f"{v['r']:.2f}", f"{v['f1']:.2f}",
                  style="bold" if name == "all" else None)
    con.print(t)
    r = Table(title=f"roles (accuracy {res['role_accuracy']:.2f})", title_justify="left")
    for col in ("role", "correct", "total", "acc"):
        r.add_column(col)
    for name, v in res["roles"].items():
        r.add_row(name, str(v["correct"]), str(v["total"]), f"{v['acc']:.2f}")
    con.print(r)
    if misses:
        for m in res["misses"]:
            con.print(f"[red]missed[/red] {json.dumps(m, ensure_ascii=False)}")
        for m in res["extras"]:
            con.print(f"[yellow]extra[/yellow] {json.dumps(m, ensure_ascii=False)}")
