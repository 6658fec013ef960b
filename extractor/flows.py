"""The corpus view: the same move, reported by several outlets, merged into one.

Pure functions over document dicts in the shape of `../shared/SCHEMA.md`
(what `extract --format jsonl` prints, or `Store.iter_documents()` gives):

    merged = merge_events(docs)            # list[MergedEvent], each with its sources
    flows(merged)                          # from_org -> org, with counts and people
    timeline(merged, "何星野")             # one person's events in date order
    query(merged, org="腾讯", since="2025")

Merging rules (one pass, deterministic for a given input order):

- Same event type and same person (the argument's `canonical`, else its text).
  Events without a person merge only if they share some other person/org/unit value.
- Every role whose values are people, organisations or units (org, from_org,
  unit, plaintiff, defendant, leader, ...) must match where both sides have it:
  names are compared after alias resolution (canonical, else text) and a light
  normalisation (NFKC, case, spaces, a trailing 有限公司/公司 with the city before it:
  北京云杉智能科技有限公司 = 云杉智能科技). A side that lacks the role is compatible.
- Dates must be compatible: equal, one missing, or one a prefix of the other at
  component boundaries (2025 ~ 2025-03 ~ 2025-03-18; 2025-03 !~ 2025-04; XXXX
  matches any year).
- Denied events are kept apart: they merge only with other denied reports of the
  same event, the merged event has status "denied", and `flows()` leaves them out.
  A non-denied merged event takes the firmest status among its sources
  (asserted > reported > planned).
- For `appoint`, the title must match too (same rule: canonical, else text).
- Other roles (title, level, salary, ...) never block a merge; their values are
  unioned. The merged date is the most specific one; each merged argument keeps
  every alias it was written as.

When an event fits several merged events it joins the one sharing most values
(ties: the first); events are taken most specific first, so a vague report
("何星野加入了一家创业公司") does not glue two distinct moves together.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

MATCH_ENTITY_TYPES = frozenset({"person", "org", "unit"})
ORG_ROLES = frozenset({"org", "from_org", "plaintiff", "defendant", "forum"})
# further roles that must agree for some event types: an appointment is to a title
MATCH_ROLES_BY_TYPE = {"appoint": frozenset({"title"})}
_STATUS_RANK = {"asserted": 0, "reported": 1, "planned": 2}
_ORG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司")
_REGIONS = (
    "北京", "上海", "天津", "重庆", "深圳", "杭州", "广州", "南京", "苏州", "成都",
    "武汉", "西安", "合肥", "厦门", "香港",
)
_DATE_RE = re.compile(r"^(\d{4}|X{4})(-(\d{2}|XX)(-(\d{2}|XX))?)?$")


# ---------------------------------------------------------------- names, dates
def name_key(name: str) -> str:
    """Compare key for a name: NFKC, case-folded, without spaces or middle dots."""
    k = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s·・‧•]+", "", k)


def org_key(name: str) -> str:
    """`name_key` plus: a parenthesised place, a trailing legal suffix and, only
    then, a leading city are dropped (北京云杉智能科技有限公司 -> 云杉智能科技)."""
    base = name_key(name)
    k = re.sub(r"[(（][^()（）]*[)）]", "", base)
    for suf in _ORG_SUFFIXES:
        if k.endswith(suf) and len(k) > len(suf) + 1:
            k = k[: -len(suf)]
            for region in _REGIONS:
                if k.startswith(region) and len(k) - len(region) >= 2:
                    k = k[len(region):]
                    break
            break
    return k or base


def _key(role: str, etype: str | None, name: str) -> str:
    return org_key(name) if (etype == "org" or role in ORG_ROLES) else name_key(name)


def _date_parts(d: str) -> list[str]:
    return d.split("-")


def _wild(part: str) -> bool:
    return bool(part) and set(part) == {"X"}


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, one missing, or one a prefix of the other by components
    (`XXXX` matches any year): 2025 ~ 2025-03 ~ 2025-03-18, 2025-03 !~ 2025-04."""
    if not a or not b:
        return True
    for x, y in zip(_date_parts(a), _date_parts(b)):
        if x != y and not _wild(x) and not _wild(y):
            return False
    return True


def _specificity(d: str | None) -> tuple[int, int]:
    if not d:
        return (0, 0)
    parts = _date_parts(d)
    return (len(parts), -sum(_wild(p) for p in parts))


def more_specific(a: str | None, b: str | None) -> str | None:
    """The more specific of two compatible dates (the first on a tie)."""
    return b if _specificity(b) > _specificity(a) else a


def _cmp_prefix(d: str, bound: str) -> int | None:
    """Compare `d` with `bound` on the components both have: -1, 0, 1, or None
    when a compared component is unknown (XXXX)."""
    for x, y in zip(_date_parts(d), _date_parts(bound)):
        if _wild(x) or _wild(y):
            return None
        if x != y:
            return -1 if x < y else 1
    return 0


def valid_date_bound(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s))


def _date_sort_key(d: str | None) -> tuple:
    return (d is None, d or "")


# ----------------------------------------------------------------- data model
@dataclass
class Arg:
    """One merged argument value: its name and every way it was written."""

    name: str
    aliases: list[str] = field(default_factory=list)
    type: str | None = None
    value: dict | None = None

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_dict(self) -> dict:
        d: dict = {"name": self.name, "aliases": self.aliases}
        if self.value is not None:
            d["value"] = self.value
        return d


@dataclass
class Source:
    """One report of an event: which document said it, and how."""

    doc: str
    sentence: str | None
    status: str
    trigger: str | None
    published: str | None = None

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "published": self.published,
            "status": self.status,
            "trigger": self.trigger,
            "sentence": self.sentence,
        }


@dataclass(eq=False)
class MergedEvent:
    """One event as reported by one or more documents (compared by identity)."""

    type: str
    status: str
    date: str | None = None
    arguments: dict[str, list[Arg]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    _keys: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _match: set[str] = field(default_factory=set, repr=False, compare=False)

    def names(self, role: str) -> list[str]:
        return [a.name for a in self.arguments.get(role, ())]

    def first(self, role: str) -> str | None:
        vals = self.arguments.get(role)
        return vals[0].name if vals else None

    @property
    def person(self) -> str | None:
        return self.first("person")

    @property
    def org(self) -> str | None:
        return self.first("org")

    @property
    def from_org(self) -> str | None:
        return self.first("from_org")

    @property
    def title(self) -> str | None:
        return self.first("title")

    @property
    def docs(self) -> list[str]:
        """The distinct documents that report this event, in order."""
        return list(dict.fromkeys(s.doc for s in self.sources))

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "person": self.person,
            "org": self.org,
            "from_org": self.from_org,
            "title": self.title,
            "date": self.date,
            "status": self.status,
            "arguments": {r: [a.to_dict() for a in args] for r, args in self.arguments.items()},
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass
class Move:
    """One merged `join` counted in a flow; `via_leave` is the `leave` event the
    origin was taken from when the join itself named no `from_org`."""

    event: MergedEvent
    via_leave: MergedEvent | None = None

    def to_dict(self) -> dict:
        return {
            "person": self.event.person,
            "date": self.event.date,
            "status": self.event.status,
            "docs": self.event.docs,
            "via_leave": self.via_leave is not None,
        }


@dataclass
class Flow:
    source: str        # the organisation people left
    target: str        # the one they joined
    moves: list[Move] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.moves)

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(m.event.person for m in self.moves if m.event.person))

    def to_dict(self) -> dict:
        return {
            "from_org": self.source,
            "org": self.target,
            "count": self.count,
            "people": self.people,
            "moves": [m.to_dict() for m in self.moves],
        }


# -------------------------------------------------------------------- merging
@dataclass
class _Report:
    type: str
    status: str
    date: str | None
    roles: dict[str, list[tuple[str, str, dict]]]   # role -> [(name, key, entity)]
    source: Source

    def keys(self, role: str) -> set[str]:
        return {k for _, k, _ in self.roles.get(role, ())}


def _entity_name(ent: dict) -> str | None:
    name = ent.get("canonical") or ent.get("text")
    return name.strip() if isinstance(name, str) and name.strip() else None


def _entity_date(ent: dict) -> str | None:
    v = ent.get("value")
    if isinstance(v, dict) and isinstance(v.get("value"), str) and _DATE_RE.match(v["value"]):
        return v["value"]
    return None


def _sentence_text(doc: dict, ev: dict) -> str | None:
    sent = ev.get("sentence")
    if not isinstance(sent, dict):
        return None
    if isinstance(sent.get("text"), str):
        return sent["text"]
    text = doc.get("text")
    s0, s1 = sent.get("start"), sent.get("end")
    if isinstance(text, str) and isinstance(s0, int) and isinstance(s1, int):
        return text[s0:s1]
    return None


def _reports(docs: Iterable[dict]) -> Iterable[_Report]:
    for doc in docs:
        if not isinstance(doc, dict) or doc.get("error"):
            continue
        doc_id = str(doc.get("id"))
        events = doc.get("events")
        for ev in (events if isinstance(events, list) else ()):
            if not isinstance(ev, dict) or not isinstance(ev.get("type"), str):
                continue
            status = ev.get("status") if isinstance(ev.get("status"), str) else "asserted"
            roles: dict[str, list[tuple[str, str, dict]]] = {}
            date = None
            args = ev.get("arguments")
            for role, ents in (args.items() if isinstance(args, dict) else ()):
                for ent in (ents if isinstance(ents, list) else ()):
                    if not isinstance(ent, dict):
                        continue
                    if role == "date" or ent.get("type") == "date":
                        d = _entity_date(ent)
                        if d and dates_compatible(date, d):
                            date = more_specific(date, d)
                        continue
                    name = _entity_name(ent)
                    if name:
                        roles.setdefault(role, []).append((name, _key(role, ent.get("type"), name), ent))
            trig = ev.get("trigger") if isinstance(ev.get("trigger"), dict) else {}
            yield _Report(
                type=ev["type"], status=status, date=date, roles=roles,
                source=Source(
                    doc=doc_id, sentence=_sentence_text(doc, ev), status=status,
                    trigger=trig.get("text"), published=doc.get("published"),
                ),
            )


def _match_roles(rep: _Report) -> list[str]:
    return [
        role for role, vals in rep.roles.items()
        if role == "person" or role in MATCH_ROLES_BY_TYPE.get(rep.type, ())
        or any((e.get("type") in MATCH_ENTITY_TYPES) for _, _, e in vals)
    ]


def _score(m: MergedEvent, rep: _Report) -> int | None:
    """How many values `rep` shares with `m`, or None if they cannot be one event."""
    if m.type != rep.type or (m.status == "denied") != (rep.status == "denied"):
        return None
    if not dates_compatible(m.date, rep.date):
        return None
    if bool(m._keys.get("person")) != bool(rep.keys("person")):
        return None
    shared = 0
    roles = set(_match_roles(rep)) | m._match
    for role in roles:
        a, b = m._keys.get(role, set()), rep.keys(role)
        if a and b:
            if a.isdisjoint(b):
                return None
            shared += 1
    if m._keys.get("person") and not (m._keys["person"] & rep.keys("person")):
        return None
    if shared == 0:
        return None
    if m.date and m.date == rep.date:
        shared += 1
    return shared


def _absorb(m: MergedEvent, rep: _Report) -> None:
    m.date = more_specific(m.date, rep.date)
    if m.status != "denied" and _STATUS_RANK.get(rep.status, 3) < _STATUS_RANK.get(m.status, 3):
        m.status = rep.status
    m._match.update(_match_roles(rep))
    for role, vals in rep.roles.items():
        args = m.arguments.setdefault(role, [])
        keys = m._keys.setdefault(role, set())
        for name, key, ent in vals:
            arg = next((a for a in args if _key(role, a.type, a.name) == key), None)
            if arg is None:
                arg = Arg(name=name, type=ent.get("type"), value=ent.get("value"))
                args.append(arg)
            for alias in (ent.get("text"), ent.get("canonical")):
                if isinstance(alias, str) and alias and alias != arg.name and alias not in arg.aliases:
                    arg.aliases.append(alias)
            if arg.value is None and ent.get("value") is not None:
                arg.value = ent.get("value")
            keys.add(key)
    m.sources.append(rep.source)


def merge_events(docs: Iterable[dict]) -> list[MergedEvent]:
    """Events of all documents, merged across documents (see the module doc).
    Documents with an `error` are skipped. Sorted by date (undated last), then
    person and type; each merged event's sources keep the input order."""
    reports = list(_reports(docs))
    order = {id(r): i for i, r in enumerate(reports)}
    # most specific first: more matchable roles, then a finer date
    reports.sort(key=lambda r: (-len(_match_roles(r)), tuple(-x for x in _specificity(r.date))))
    merged: list[MergedEvent] = []
    by_person: dict[tuple, list[MergedEvent]] = {}
    for rep in reports:
        persons = sorted(rep.keys("person")) or [""]
        candidates = [m for p in persons for m in by_person.get((rep.type, p), ())]
        best, best_score = None, 0
        for m in dict.fromkeys(candidates):       # dedupe, keep order
            s = _score(m, rep)
            if s is not None and s > best_score:
                best, best_score = m, s
        if best is None:
            best = MergedEvent(type=rep.type, status=rep.status)
            merged.append(best)
        _absorb(best, rep)
        for p in sorted(best._keys.get("person", ())) or [""]:
            lst = by_person.setdefault((rep.type, p), [])
            if best not in lst:
                lst.append(best)
    src_order = {id(r.source): order[id(r)] for r in reports}
    for m in merged:
        m.sources.sort(key=lambda s: src_order[id(s)])
    merged.sort(key=lambda m: (*_date_sort_key(m.date), m.person or "", m.type, m.org or ""))
    return merged


# ---------------------------------------------------------- flows and queries
def _names_match(m: MergedEvent, roles: Iterable[str], name: str, keyf) -> bool:
    k = keyf(name)
    return any(keyf(n) == k for r in roles for a in m.arguments.get(r, ()) for n in a.names())


def query(
    merged: Iterable[MergedEvent],
    person: str | None = None,
    org: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[MergedEvent]:
    """Filter merged events. `person` matches a person name or alias; `org` either
    side of a move (org or from_org) or any alias; `since`/`until` (YYYY[-MM[-DD]])
    compare on the components both dates have, so 2025-03 is within since=2025 and
    until=2025-03-18; with a date bound, undated events (and XXXX years) are left out."""
    out = []
    for m in merged:
        if person and not _names_match(m, ("person",), person, name_key):
            continue
        if org and not _names_match(m, ("org", "from_org"), org, org_key):
            continue
        if since or until:
            if not m.date:
                continue
            if since and ((c := _cmp_prefix(m.date, since)) is None or c < 0):
                continue
            if until and ((c := _cmp_prefix(m.date, until)) is None or c > 0):
                continue
        out.append(m)
    return out


def timeline(merged: Iterable[MergedEvent], person: str) -> list[MergedEvent]:
    """`person`'s merged events (every type, denied ones included), in date
    order; undated ones last, in their merged order."""
    return sorted(query(merged, person=person), key=lambda m: _date_sort_key(m.date))


def flows(merged: Iterable[MergedEvent], *, pair_leaves: bool = True) -> list[Flow]:
    """from_org -> org for each merged `join` (denied ones left out), grouped, with
    counts and people; most frequent first. With `pair_leaves`, a join that names no
    `from_org` takes the org of the same person's latest earlier (or undated) `leave`
    of another org, each leave used once. Joins whose origin stays unknown, and
    returns to the same org, are not flows."""
    merged = [m for m in merged if m.status != "denied"]
    joins = sorted((m for m in merged if m.type == "join" and m.org), key=lambda m: _date_sort_key(m.date))
    leaves: dict[str, list[MergedEvent]] = {}
    for m in merged:
        if m.type == "leave" and m.org and m.person:
            leaves.setdefault(name_key(m.person), []).append(m)
    used: set[int] = set()
    out: dict[tuple[str, str], Flow] = {}
    seen: dict[str, dict[str, int]] = {}          # org key -> {name written: count}
    for j in joins:
        source, via = j.from_org, None
        if source is None and pair_leaves and j.person:
            best = None
            for lv in leaves.get(name_key(j.person), ()):
                if id(lv) in used or org_key(lv.org) == org_key(j.org):
                    continue
                if lv.date and j.date and (_cmp_prefix(lv.date, j.date) or 0) > 0:
                    continue   # left after joining: not the origin
                # prefer the latest dated leave; an undated one only when none is dated
                if best is None or (lv.date and (not best.date or lv.date > best.date)):
                    best = lv
            if best is not None:
                used.add(id(best))
                source, via = best.org, best
        if source is None or org_key(source) == org_key(j.org):
            continue
        key = (org_key(source), org_key(j.org))
        flow = out.setdefault(key, Flow(source=source, target=j.org))
        flow.moves.append(Move(event=j, via_leave=via))
        for name in (source, j.org):
            names = seen.setdefault(org_key(name), {})
            names[name] = names.get(name, 0) + 1
    # an organisation is shown under its most frequent name (the shortest on a tie)
    best = {k: min(names, key=lambda n: (-names[n], len(n), n)) for k, names in seen.items()}
    for f in out.values():
        f.source, f.target = best[org_key(f.source)], best[org_key(f.target)]
    return sorted(out.values(), key=lambda f: (-f.count, f.source, f.target))


# ------------------------------------------------------------------ renderers
def _plain(obj):
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def to_json(obj, indent: int | None = 2) -> str:
    """JSON text for merged events, flows, or any structure of them."""
    return json.dumps(obj, default=_plain, ensure_ascii=False, indent=indent)


def _label(flow: Flow, max_people: int = 5) -> str:
    people = flow.people
    shown = ", ".join(people[:max_people]) + (", …" if len(people) > max_people else "")
    return f"{flow.count}: {shown}" if shown else str(flow.count)


def _node_ids(fl: list[Flow]) -> dict[str, tuple[str, str]]:
    ids: dict[str, tuple[str, str]] = {}
    for f in fl:
        for name in (f.source, f.target):
            k = org_key(name)
            if k not in ids:
                ids[k] = (f"o{len(ids) + 1}", name)
    return ids


def _mermaid_escape(s: str) -> str:
    return "".join({'"': "#quot;", "|": "#124;", ";": "#59;", "#": "#35;", "\n": " "}.get(c, c) for c in s)


def to_mermaid(fl: list[Flow]) -> str:
    """A Mermaid `flowchart LR`: one node per organisation (ids o1, o2, ... and
    the name as a quoted label), one edge per flow labelled `count: people`."""
    ids = _node_ids(fl)
    lines = ["flowchart LR"]
    lines += [f'    {nid}["{_mermaid_escape(name)}"]' for nid, name in ids.values()]
    for f in fl:
        a, b = ids[org_key(f.source)][0], ids[org_key(f.target)][0]
        lines.append(f"    {a} -->|{_mermaid_escape(_label(f))}| {b}")
    return "\n".join(lines) + "\n"


def _dot_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_dot(fl: list[Flow]) -> str:
    """A Graphviz digraph: boxes for organisations, edges labelled `count: people`."""
    ids = _node_ids(fl)
    lines = ["digraph flows {", "    rankdir=LR;", "    node [shape=box];"]
    lines += [f'    {nid} [label="{_dot_escape(name)}"];' for nid, name in ids.values()]
    for f in fl:
        a, b = ids[org_key(f.source)][0], ids[org_key(f.target)][0]
        lines.append(f'    {a} -> {b} [label="{_dot_escape(_label(f))}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _sources_cell(m: MergedEvent, limit: int = 3) -> str:
    docs = m.docs
    shown = ", ".join(docs[:limit]) + (", …" if len(docs) > limit else "")
    return f"{len(docs)}: {shown}"


def events_table(merged: list[MergedEvent], title: str = "Events"):
    """A rich Table of merged events: date, person, type, from, org, title, status, sources."""
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for col in ("Date", "Person", "Event", "From", "Org", "Title", "Status", "Sources"):
        t.add_column(col, overflow="fold", no_wrap=col in ("Date", "Event", "Status"))
    for m in merged:
        t.add_row(
            m.date or "", m.person or "", m.type, m.from_org or "", m.org or "",
            m.title or "", m.status, _sources_cell(m),
        )
    return t


def flows_table(fl: list[Flow], title: str = "Flows"):
    """A rich Table of flows: from, to, count, people."""
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    t.add_column("From", overflow="fold")
    t.add_column("To", overflow="fold")
    t.add_column("N", justify="right")
    t.add_column("People", overflow="fold")
    for f in fl:
        t.add_row(f.source, f.target, str(f.count), "、".join(f.people))
    return t


def render_table(console, merged: list[MergedEvent], fl: list[Flow] | None = None, title: str | None = None) -> None:
    """Print flows (if given) and merged events to a `rich.console.Console`."""
    if fl is not None:
        if fl:
            console.print(flows_table(fl))
        else:
            console.print("No flows (no join with a known origin).")
    if merged:
        console.print(events_table(merged, title=title or "Events"))
    else:
        console.print("No events.")
