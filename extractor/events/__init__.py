"""Events from tagged text: triggers (data/triggers.tsv) and argument rules
per form, one event per person, status from cue words (data/cues.tsv), and a
per-document memory so that arguments can come from earlier sentences.

The walk is sentence by sentence, in order. For each trigger the rules of its
form find the people (the subject before it, a coordinated list, a pronoun, or
the people after an agent), then the organisation, title, level, salary and
date around it. A sentence's people update the memory: their appositive
organisations and titles (零一万物前算法副总裁黄文灏), where they worked (曾在阿里),
and the events found. Events of one type about the same person and
organisation are merged, so a move told twice is one event.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from extractor.events.rules import Rules, Trigger, load_rules
from extractor.model import Entity, Event
from extractor.taggers import Context
from extractor.text import Span, clauses

PRONOUNS = ("他们", "她们", "这个人", "此人", "该人士", "其本人", "他", "她", "其")
COORD = ("、", "和", "与", "及", "以及", "跟", "同")
# What may stand between the parts of an appositive: 零一万物 前 算法副总裁 黄文灏
_GAP = regex.compile(r"^(?:前|原|现|现任|前任|时任|曾任|当时的|原来的|的|旗下|\s)*[\p{Han}A-Za-z]{0,6}$")
_GAP_STOP = set("给在和与从到对向被把让由是为说称将已曾也都就还又而或于以跟同往去来入离任称，,。;；:：“”\"")
FORMER_MARKS = ("前", "原", "曾任", "曾是", "此前", "原来的", "当时的")
_FROM = regex.compile(r"从$")
_AS_TITLE = ("作为", "以", "出任", "担任", "任")
GENERIC_UNIT = ("子团队", "新团队", "团队", "部门", "实验室", "小组")


@dataclass(slots=True)
class Mention:
    """What the memory knows of one person."""
    orgs: list[tuple[Entity, bool]] = field(default_factory=list)   # (org, former)
    titles: list[Entity] = field(default_factory=list)


class _Doc:
    def __init__(self, ctx: Context, entities: list[Entity], rules: Rules):
        self.ctx, self.rules, self.norm = ctx, rules, ctx.norm
        self.ents = entities
        self.by_type: dict[str, list[Entity]] = {}
        for e in entities:
            self.by_type.setdefault(e.type, []).append(e)
        self.memory: dict[str, Mention] = {}
        self.topic: Entity | None = None
        self.events: list[Event] = []
        self.main_org = self._main_org()

    # -- helpers over entities ------------------------------------------------
    def within(self, type_: str, s: int, e: int) -> list[Entity]:
        return [x for x in self.by_type.get(type_, ()) if x.start >= s and x.end <= e]

    def orgs_within(self, s: int, e: int, units: bool | None = None) -> list[Entity]:
        out = self.within("org", s, e)
        if units is None:
            return out
        return [o for o in out if (_kind(o) == "unit") == units]

    def root(self, org: Entity) -> str:
        lex = self.ctx.lexicon
        name = org.canonical or org.text
        if name in lex.orgs:
            return lex.root_org(name)
        parent = (org.value or {}).get("parent")
        return parent or name

    def _main_org(self) -> Entity | None:
        """The organisation the article is about: the most mentioned company."""
        counts = Counter(self.root(o) for o in self.by_type.get("org", ()) if _kind(o) != "unit")
        if not counts:
            return None
        name, n = counts.most_common(1)[0]
        if n < 2:
            return None
        return next(o for o in self.by_type["org"] if self.root(o) == name)

    # -- memory ---------------------------------------------------------------
    def appositive(self, person: Entity) -> tuple[list[tuple[Entity, bool]], list[Entity]]:
        """Organisations and titles written right before a person:
        零一万物前算法副总裁黄文灏, 面壁智能原核心成员、序智科技创始人秦禹嘉."""
        orgs, titles = [], []
        j = person.start
        cands = [x for x in self.ents if x.end <= j and x.type in ("org", "title")]
        former = False
        while cands:
            x = cands.pop()
            gap = self.norm[x.end:j]
            if gap in ("、",) and not orgs and not titles:
                break
            if gap != "、" and (not _GAP.match(gap) or any(c in _GAP_STOP for c in gap)):
                break
            former = former or any(m in gap for m in FORMER_MARKS)
            if x.type == "org":
                orgs.append((x, former))
            else:
                titles.append(x)
                former = former or any(m in self.norm[max(0, x.start - 2):x.start] for m in ("前", "原"))
            j = x.start
            cands = [c for c in cands if c.end <= j]
        return orgs, titles

    def remember(self, person: Entity, org: Entity | None = None, former: bool = False,
                 title: Entity | None = None) -> None:
        m = self.memory.setdefault(person.name, Mention())
        if org is not None and all(o.span != org.span for o, _ in m.orgs):
            m.orgs.append((org, former))
        if title is not None:
            m.titles.append(title)

    def known_org(self, person: Entity, exclude: str | None = None, current: bool | None = None) -> Entity | None:
        m = self.memory.get(person.name)
        if not m:
            return None
        for org, former in reversed(m.orgs):
            if exclude and self.root(org) == exclude:
                continue
            if current is not None and former == current:
                continue
            return org
        return None

    # -- the walk -------------------------------------------------------------
    def run(self) -> list[Event]:
        for sent in self.ctx.sentences:
            people = self.within("person", sent.start, sent.end)
            for p in people:
                orgs, titles = self.appositive(p)
                for o, former in orgs:
                    self.remember(p, o, former)
                for t in titles:
                    self.remember(p, title=t)
            self._worked_at(sent, people)
            cls = clauses(self.norm, sent)
            for trig, start in self._triggers(sent):
                self._event(trig, start, sent, cls)
            if people:
                self.topic = people[0]
        return _merge(self.events, self)

    def _worked_at(self, sent: Span, people: list[Entity]) -> None:
        """P(曾/就/已)在ORG...: where a person worked or works."""
        for p in people:
            for o in self.orgs_within(p.end, min(sent.end, p.end + 12)):
                gap = self.norm[p.end:o.start]
                if regex.fullmatch(r"(?:\d{4}年)?(?:曾经|曾|就|已|也|还|一直|此前|早年|开始|就开始|先后)*在", gap):
                    self.remember(p, o, former="曾" in gap or "此前" in gap or "早年" in gap)
                    break

    def _triggers(self, sent: Span):
        norm, trig = self.norm, self.rules.triggers
        starts = self.ctx.token_starts
        i = sent.start
        while i < sent.end:
            hit = None
            if i in starts:
                for L in range(min(self.rules.max_trigger, sent.end - i), 1, -1):
                    t = trig.get(norm[i:i + L])
                    if t is not None:
                        hit = t
                        break
            if hit:
                yield hit, i
                i += len(hit.word)
            else:
                i += 1

    # -- one trigger ----------------------------------------------------------
    def _event(self, trig: Trigger, start: int, sent: Span, cls: list[Span]) -> None:
        end = start + len(trig.word)
        clause = next((c for c in cls if c.start <= start < c.end), sent)
        if any(p.start < end and start < p.end for p in self.ents if p.type in ("person", "org")):
            return   # the trigger is inside a name (创立 in 创立科技)
        handler = getattr(self, "_" + trig.type)
        trigger = Entity("trigger", self.ctx.text[start:end], start, end)
        for ev in handler(trig, trigger, sent, clause, cls) or ():
            ev.status = self._status(trigger, sent, clause)
            if "date" not in ev.arguments:
                ev.add("date", self._date(trigger, sent, clause, cls))
            self.events.append(ev)

    def _new(self, type_: str, trigger: Entity, sent: Span, rule: str) -> Event:
        return Event(type=type_, trigger=trigger, sentence=(sent.start, sent.end), rule=rule)

    def subjects(self, trigger: Entity, sent: Span, clause: Span) -> tuple[list[Entity], str]:
        """The people doing the action: the coordinated list right before the
        trigger in its clause; else a pronoun there; else the sentence's first
        person before it (a subject left out of a later clause)."""
        before = self.within("person", clause.start, trigger.start)
        if before:
            group = [before[-1]]
            for p in reversed(before[:-1]):
                gap = self.norm[p.end:group[0].start]
                if any(c in gap for c in COORD) and not self._has_trigger(gap) and len(gap) <= 20:
                    group.insert(0, p)
                else:
                    break
            return group, "<person>"
        pro = self._pronoun(clause.start, trigger.start)
        if pro is not None:
            return [pro], "<pronoun>"
        earlier = self.within("person", sent.start, clause.start)
        if earlier:
            return [earlier[0]], "<subject>"
        return [], ""

    def _pronoun(self, s: int, e: int) -> Entity | None:
        seg = self.norm[s:e]
        for pr in PRONOUNS:
            k = seg.rfind(pr)
            if k >= 0 and not seg[k:].startswith(("他们", "她们", "其他", "其中", "其实", "其余", "其它", "他人")):
                ante = self._antecedent(s + k)
                if ante is not None:
                    return Entity("person", self.ctx.text[ante.start:ante.end], ante.start, ante.end,
                                  canonical=ante.canonical, rule=f"pronoun {pr} → {ante.text}")
        return None

    def _antecedent(self, pos: int) -> Entity | None:
        """The subject of the sentence holding `pos` if it comes before it,
        else the topic person of the sentences before."""
        sent = next((s for s in self.ctx.sentences if s.start <= pos < s.end), None)
        if sent is not None:
            before = self.within("person", sent.start, pos)
            if before:
                return before[0]
        return self.topic

    def _has_trigger(self, s: str) -> bool:
        return any(w in s for w in ("表示", "称", "说", "告诉")) or any(w in s for w in self.rules.triggers)

    def _first_after(self, type_: str, pos: int, end: int, gap_max: int = 12) -> Entity | None:
        for x in self.by_type.get(type_, ()):
            if x.start >= pos and x.end <= end:
                return x if x.start - pos <= gap_max else None
        return None

    def _date(self, trigger: Entity, sent: Span, clause: Span, cls: list[Span]) -> Entity | None:
        """The date nearest the trigger in its clause, else in the nearest
        earlier clause of the sentence that holds no other trigger."""
        in_clause = self.within("date", clause.start, clause.end)
        if in_clause:
            return min(in_clause, key=lambda d: abs(d.start - trigger.start))
        for c in reversed([c for c in cls if c.end <= clause.start]):
            ds = self.within("date", c.start, c.end)
            if ds:
                text = self.norm[c.start:c.end]
                if any(t in text for t in self.rules.triggers):
                    return None
                return ds[-1]
        return None

    def _status(self, trigger: Entity, sent: Span, clause: Span) -> str:
        norm, r = self.norm, self.rules
        before = norm[clause.start:trigger.start]
        near = before[-4:]
        whole = norm[sent.start:sent.end]
        if any(w in near for w in r.cue_words("denied", "adjacent")) or any(w in whole for w in r.cue_words("denied", "sentence")):
            return "denied"
        if any(w in near for w in r.cue_words("planned", "adjacent")) or any(w in before for w in r.cue_words("planned", "before")):
            return "planned"
        if any(w in whole for w in r.cue_words("reported", "sentence")) or any(w in near for w in r.cue_words("reported", "adjacent")):
            return "reported"
        return "asserted"

    def _from_org(self, person: Entity, clause: Span, sent: Span, trigger: Entity, target: str | None) -> Entity | None:
        """Where the person came from: 从X in the clause, an appositive
        organisation, 曾在X in the sentence, or the memory."""
        for o in self.orgs_within(clause.start, trigger.start):
            if self.norm[max(clause.start, o.start - 1):o.start] == "从" and self.root(o) != target:
                return o
        orgs, _ = self.appositive(person)
        for o, _former in orgs:
            if self.root(o) != target:
                return o
        m = regex.search(r"曾(?:经)?(?:在|于|任职于|就职于)", self.norm[sent.start:sent.end])
        if m:
            o = self._first_after("org", sent.start + m.end(), sent.end, 2)
            if o is not None and self.root(o) != target:
                return o
        return self.known_org(person, exclude=target)

    def _agent_org(self, agent: Entity | None) -> Entity | None:
        if agent is None:
            return None
        if agent.type == "org":
            return agent
        return self.known_org(agent) or None

    # -- per type ---------------------------------------------------------------
    def _people_after(self, pos: int, end: int) -> list[Entity]:
        return self.within("person", pos, end)

    def _join(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        org = agent = None
        rule = ""
        if trig.form == "agent":
            people = self._people_after(trigger.end, clause.end) or self._people_after(trigger.end, sent.end)[:3]
            subj, _ = self.subjects(trigger, sent, clause)
            ag_org = [o for o in self.orgs_within(clause.start, trigger.start)
                      if norm[max(0, o.start - 1):o.start] != "从"]
            agent = ag_org[-1] if ag_org else (subj[0] if subj else None)
            org = self._agent_org(agent) or self.main_org
            rule = "<agent> %s <person>" % trig.word
        elif trig.form == "passive":
            k = norm.rfind("被", clause.start, trigger.start)
            if k < 0:
                return
            people = self.within("person", clause.start, k) or self.subjects(trigger, sent, clause)[0]
            between = self.orgs_within(k, trigger.start)
            org = between[-1] if between else None
            rule = "<person> 被 <org> %s" % trig.word
        else:
            people, how = self.subjects(trigger, sent, clause)
            org = self._object_org(trigger, clause)
            if not people:
                # 加入X的人才包括A、B: the people come after the trigger
                k = norm.find("包括", trigger.end, sent.end)
                if k >= 0:
                    people = self._people_after(k, sent.end)
                    how = "<org> ... 包括 <person>"
            if org is None:
                inv = [w for w in self.rules.cue_words("invite") if w in norm[clause.start:trigger.start]]
                if inv:
                    subj = self.within("person", sent.start, clause.start)
                    inviter = subj[0] if subj else None
                    org = self._agent_org(inviter) or self.main_org
                    how = f"{inv[0]} <person> {trig.word}"
            if org is None and trig.word in ("回归", "重返"):
                org = self.known_org(people[0]) if people else None
            rule = f"{how or '<person>'} {trig.word} <org>"
        if org is None or not people:
            return
        target = self.root(org)
        for p in people:
            ev = self._new("join", trigger, sent, rule)
            ev.add("person", p)
            ev.add("org", org)
            ev.add("from_org", self._from_org(p, clause, sent, trigger, target))
            ev.add("title", self._join_title(p, trigger, clause))
            if len(people) == 1:
                self._pay(ev, sent, trigger)
            self.remember(p, org, former=False)
            yield ev

    def _object_org(self, trigger: Entity, clause: Span) -> Entity | None:
        o = self._first_after("org", trigger.end, clause.end, 4)
        if o is not None:
            return o
        # an unknown name right after the trigger: 加盟澜舟 / 创办了星衡
        m = regex.match(r"了?(?P<name>[A-Z][A-Za-z0-9.\-]{1,20}(?: [A-Z][A-Za-z0-9]{1,20})?)", self.norm[trigger.end:clause.end])
        if m:
            s = trigger.end + m.start("name")
            return Entity("org", self.ctx.text[s:s + len(m.group("name"))], s, s + len(m.group("name")),
                          canonical=m.group("name"), value={"kind": "company"}, rule="name after trigger")
        return None

    def _join_title(self, person: Entity, trigger: Entity, clause: Span) -> Entity | None:
        for t in self.within("title", clause.start, clause.end):
            pre = self.norm[max(clause.start, t.start - 3):t.start]
            if t.end <= trigger.start and any(pre.endswith(w) for w in ("作为", "以")):
                return t
            if t.start >= trigger.end and any(pre.endswith(w) for w in ("出任", "担任", "任")):
                return t
        return None

    def _pay(self, ev: Event, sent: Span, trigger: Entity) -> None:
        for role, typ in (("level", "level"), ("salary", "salary")):
            for x in self.within(typ, sent.start, sent.end):
                ev.add(role, x)

    def _leave(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        people, how = self.subjects(trigger, sent, clause)
        if not people:
            return
        after = norm[trigger.end:clause.end].lstrip("了")
        org = self._first_after("org", trigger.end, clause.end, 3)
        title = None
        if trig.word in ("离开", "告别", "出走") and org is None:
            # 离开北京: a place, not an organisation
            if after and after[0] not in "，,。;；!！?？" and not after.startswith(("后", "时", "前", "的")):
                return
        if org is None:
            frm = [o for o in self.orgs_within(clause.start, trigger.start)
                   if norm[max(clause.start, o.start - 1):o.start] in ("从", "自")]
            org = frm[-1] if frm else None
        if trig.word in ("辞去", "卸任", "离任"):
            title = self._first_after("title", trigger.end, clause.end, 10)
        for p in people:
            o = org or self.known_org(p, current=True) or self.known_org(p) or self.main_org
            if o is None:
                continue
            ev = self._new("leave", trigger, sent, f"{how} {trig.word} <org>")
            ev.add("person", p)
            ev.add("org", o)
            ev.add("title", title)
            self.remember(p, o, former=True)
            yield ev

    def _found(self, trig, trigger, sent, clause, cls):
        people, how = self.subjects(trigger, sent, clause)
        org = self._object_org(trigger, clause) or self._first_after("org", trigger.end, clause.end, 14)
        if not people or org is None:
            return
        for p in people:
            ev = self._new("found", trigger, sent, f"{how} {trig.word} <org>")
            ev.add("person", p)
            ev.add("org", org)
            self.remember(p, org)
            yield ev

    def _appoint(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        if trig.form == "appoint":
            passive = norm[max(clause.start, trigger.start - 3):trigger.start].find("被") >= 0
            if passive:
                people, how = self.subjects(Entity("t", "", norm.rfind("被", clause.start, trigger.start), 0), sent, clause)
                agent_orgs = self.orgs_within(norm.rfind("被", clause.start, trigger.start), trigger.start)
            else:
                people = self._people_after(trigger.end, clause.end)[:1]
                how = "<org> %s <person>" % trig.word
                agent_orgs = self.orgs_within(clause.start, trigger.start) or self.orgs_within(sent.start, trigger.start)[-1:]
            title = self._first_after("title", trigger.end, clause.end, 20)
            org = self._first_after("org", trigger.end, title.start if title else clause.end, 8) \
                or (agent_orgs[-1] if agent_orgs else None)
        else:
            people, how = self.subjects(trigger, sent, clause)
            title = self._first_after("title", trigger.end, clause.end, 16)
            org = self._first_after("org", trigger.end, title.start if title else clause.end, 6)
        if not people or title is None:
            return
        for p in people:
            o = org or self.known_org(p, current=True)
            ev = self._new("appoint", trigger, sent, f"{how} {trig.word} <org>? <title>")
            ev.add("person", p)
            ev.add("org", o)
            ev.add("title", title)
            if o is not None:
                self.remember(p, o, title=title)
            yield ev

    def _dispute(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        passive = "被" in norm[max(clause.start, trigger.start - 8):trigger.start]
        parties_before = [x for x in self.ents if x.type in ("org", "person")
                          and clause.start <= x.start and x.end <= trigger.start]
        after = [x for x in self.ents if x.type in ("person", "org") and x.start >= trigger.end and x.end <= sent.end
                 and _kind(x) not in ("court", "arbitration")]
        if passive:
            k = norm.rfind("被", clause.start, trigger.start)
            defendant = [x for x in parties_before if x.end <= k][-1:]
            plaintiff = [x for x in parties_before if x.start >= k][-1:]
        else:
            plaintiff = [x for x in parties_before if _kind(x) not in ("court", "arbitration")][-1:]
            if not plaintiff:
                subj, _ = self.subjects(trigger, sent, clause)
                plaintiff = subj[:1]
            defendant = after[:1]
        if not defendant and not plaintiff:
            return
        ev = self._new("dispute", trigger, sent, ("<defendant> 被 <plaintiff> " if passive else "<plaintiff> ")
                       + trig.word + ("" if passive else " <defendant>"))
        for x in plaintiff:
            ev.add("plaintiff", x)
        for x in defendant:
            ev.add("defendant", x)
        whole = norm[sent.start:sent.end]
        for w in self.rules.cue_words("cause"):
            k = whole.find(w)
            if k >= 0:
                s = sent.start + k
                ev.add("cause", Entity("cause", self.ctx.text[s:s + len(w)], s, s + len(w), canonical=w))
                break
        for x in self.within("org", sent.start, sent.end):
            if _kind(x) in ("court", "arbitration"):
                ev.add("forum", x)
        yield ev

    def _unit_formed(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        unit = None
        for u in self.orgs_within(trigger.end, clause.end, units=True):
            if u.start - trigger.end <= 16:
                unit = u
                break
        if unit is None:
            u = self.orgs_within(clause.start, trigger.start, units=True)
            if u and regex.match(r"^(?:于|是在|在)", norm[trigger.end:trigger.end + 2]) is None:
                u = []
            unit = u[-1] if u else None
        if unit is None:
            return
        companies = [o for o in self.orgs_within(clause.start, trigger.start, units=False)
                     if _kind(o) != "unit"]
        subj, how = self.subjects(trigger, sent, clause)
        org = companies[-1] if companies else None
        if org is None:
            subj_orgs = [o for o in self.orgs_within(sent.start, trigger.start, units=False)]
            org = subj_orgs[0] if subj_orgs and norm[subj_orgs[0].end:subj_orgs[0].end + 1] not in ("的",) \
                and subj_orgs[0].start == sent.start else None
        if org is None and (unit.value or {}).get("parent"):
            org = unit
        org = org or self.main_org
        if org is None:
            return
        ev = self._new("unit_formed", trigger, sent, f"<org> {trig.word} <unit>")
        ev.add("org", org)
        ev.add("unit", unit)
        for p in subj:
            ev.add("leader", p)
        for q in self.within("quantity", sent.start, sent.end):
            ev.add("size", q)
        yield ev

    def _offer(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        m = None
        for m in regex.finditer(r"(?:给|为|向|对)", norm[clause.start:trigger.start]):
            pass
        if m is None:
            return
        k = clause.start + m.start()
        person = self.within("person", k, trigger.start)
        if not person:
            return
        orgs = self.orgs_within(clause.start, k) or self.orgs_within(sent.start, k)[-1:]
        org = orgs[-1] if orgs else self.main_org
        ev = self._new("offer", trigger, sent, f"<org> {norm[k]} <person> {trig.word} <level/salary>")
        ev.add("person", person[-1])
        ev.add("org", org)
        self._pay(ev, Span(trigger.start, sent.end), trigger)
        ev.add("title", self._first_after("title", trigger.end, sent.end, 30))
        if not any(r in ev.arguments for r in ("level", "salary", "title")):
            return
        yield ev


def _kind(e: Entity) -> str:
    return (e.value or {}).get("kind", "company") if e.type == "org" else e.type


def _key(ev: Event, doc: _Doc) -> tuple:
    def names(role):
        return tuple(sorted({doc.root(x) if x.type == "org" else x.name for x in ev.arguments.get(role, ())}))
    if ev.type == "unit_formed":
        return (ev.type, names("unit"))
    if ev.type == "dispute":
        return (ev.type, names("plaintiff"), names("defendant"))
    return (ev.type, names("person"), names("org"), ev.status == "denied")


def _merge(events: list[Event], doc: _Doc) -> list[Event]:
    """Events of one type about the same people and organisation are one:
    the first keeps its trigger; roles it lacks are filled from the others."""
    out: list[Event] = []
    index: dict[tuple, Event] = {}
    for ev in events:
        k = _key(ev, doc)
        first = index.get(k)
        if first is None:
            index[k] = ev
            out.append(ev)
            continue
        for role, vals in ev.arguments.items():
            if role not in first.arguments:
                for v in vals:
                    first.add(role, v)
        if first.status != "asserted" and ev.status == "asserted":
            first.status = "asserted"
    return out


def extract(ctx: Context, entities: list[Entity]) -> list[Event]:
    return _Doc(ctx, entities, load_rules()).run()
