"""The event walk's shortcuts must change nothing: each is checked against the
plain way it stands for, over the event corpus, the samples and a few
sentences written for these tests.

- _busy_sentences visits only the sentences that hold a person or a trigger
  word, with their people found by one bisection per person, instead of every
  sentence with `within`;
- _modifiers_range keeps the organisations and titles in one sorted list
  (rebuilt when an organisation is added) instead of two `within` and a sort,
  and appositive walks back over that list instead of popping a copy;
- _in_name answers from the names' starts and furthest ends instead of a test
  of every name;
- Rules.cue_in searches one pattern compiled at load instead of testing every
  cue word;
- root keeps the lexicon's root of each organisation in a memo;
- _worked_at looks for 曾在X only after a person followed closely by 在, 曾,
  此, 早 or 先, and _reporter for a byline only where one of its last
  characters stands;
- main_org is counted when first asked (most articles never ask), over the
  organisations as tagged, so it is what it was when counted at the start.
"""
from __future__ import annotations

import glob
import random
import os

import pytest

from conftest import ROOT, corpus_and_samples, load_corpus

from extractor import events
from extractor.events.rules import CUE_KINDS, SCOPES, load_rules
from extractor.model import Entity

# Written for these tests in the style of business news: sentences with no one
# in them between those that hold people, a trigger in a sentence of its own,
# a pronoun after an empty sentence, appositives before names.
EXTRA = [
    "星河科技周二发布公告。公告未提及原因。前首席财务官杜明川已于上月离职。他随后加盟了云帆资本。",
    "据悉，知名投资机构松果资本近日宣布：原华信证券研究所所长钱立群正式加入，出任合伙人。",
    "天气晴。\n\n各方均未回应。\n曾在阿里巴巴任职的陶宁辞职。",
    "该公司表示，董事长辞职。总经理也已离任。",
    "（本报记者 林墨 实习生 韦一鸣）曾在华为任职的贝思远此前在小米工作，早年在联想担任工程师，先后任职于两家公司。",
    "陶宁先后任职于华为和腾讯，严可先后担任百度副总裁和阿里巴巴合伙人。",
]


def _texts() -> list[str]:
    names = sorted(os.path.relpath(p, os.path.join(ROOT, "tests", "corpus"))
                   for p in glob.glob(os.path.join(ROOT, "tests", "corpus", "events", "*.jsonl")))
    return [ex["text"] for name in names for ex in load_corpus(name)] + corpus_and_samples() + EXTRA


@pytest.fixture(scope="module")
def docs(pipeline):
    """(ctx, entities) of each text, as the pipeline hands them to the events."""
    out = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(events, "extract", lambda ctx, ents: out.append((ctx, list(ents))) or [])
        for t in _texts():
            pipeline.extract(t)
    assert len(out) > 100
    return out


def _plain_sentences(doc):
    for sent in doc.ctx.sentences:
        yield sent, doc.within("person", sent.start, sent.end), True


def _events(docs) -> list:
    return [[ev.to_dict() for ev in events.extract(ctx, list(ents))] for ctx, ents in docs]


def test_busy_sentences_as_every_sentence(docs):
    fast = _events(docs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(events._Doc, "_busy_sentences", _plain_sentences)
        plain = _events(docs)
    assert fast == plain
    assert sum(map(len, fast)) > 100


def test_skipped_sentences_hold_no_person_and_no_trigger(docs):
    rules = load_rules()
    skipped = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, rules)
        busy = {(s.start, s.end): (people, worded) for s, people, worded in doc._busy_sentences()}
        for sent in ctx.sentences:
            people = doc.within("person", sent.start, sent.end)
            if (sent.start, sent.end) in busy:
                assert busy[sent.start, sent.end][0] == people, ctx.text
                if not busy[sent.start, sent.end][1]:   # no trigger word begins in it
                    assert rules.pattern.search(ctx.norm, sent.start, sent.end) is None, ctx.text
            else:
                skipped += 1
                assert not people and rules.pattern.search(ctx.norm, sent.start, sent.end) is None, ctx.text
    assert skipped > 50


def test_modifiers_range_as_two_within_and_a_sort(docs):
    checked = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, load_rules())
        for added in (False, True):
            if added:   # as _specific adds a name it found after a category (…公司<name>)
                o = doc.by_type.get("org", [None])[0]
                if o is None:
                    continue
                doc.by_type["org"].append(Entity("org", "某", o.start, o.end, canonical="某", value={"kind": "company"}))
                doc.by_type["org"].sort(key=lambda x: x.start)
            for e in range(0, len(ctx.norm) + 1, 3):
                for s in (max(0, e - 60), max(0, e - 7)):
                    plain = sorted(doc.within("org", s, e) + doc.within("title", s, e), key=lambda x: (x.start, x.end))
                    both, lo, hi = doc._modifiers_range(s, e)
                    assert [x for x in both[lo:hi] if x.end <= e] == plain, ctx.text
                    checked += len(plain)
    assert checked > 1000


def test_in_name_as_a_test_of_every_name(docs):
    hits = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, load_rules())
        names = [(x.start, x.end) for x in ents if x.type in ("person", "org")]
        for start in range(len(ctx.norm)):
            for end in (start + 1, start + 2, start + 4):
                plain = any(s < end and start < e for s, e in names)
                assert doc._in_name(start, end) == plain, (ctx.text, start, end)
                hits += plain
    assert hits > 1000


def test_cue_in_as_a_test_of_every_cue_word(docs):
    rules = load_rules()
    found = 0
    for ctx, _ in docs:
        for sent in ctx.sentences:
            text = ctx.norm[sent.start:sent.end]
            for kind in CUE_KINDS:
                for scope in (None, *SCOPES):
                    plain = any(w in text for w in rules.cue_words(kind, scope))
                    assert rules.cue_in(text, kind, scope) == plain, (text, kind, scope)
                    found += plain
    assert found > 50


def test_root_as_the_lexicon_says(docs):
    """root() keeps the lexicon's root of each organisation in a memo: the same as asking the lexicon."""
    checked = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, load_rules())
        lex = ctx.lexicon
        for o in doc.by_type.get("org", ()):
            name = o.canonical or o.text
            plain = lex.root_org(name) if name in lex.orgs else ((o.value or {}).get("parent") or name)
            assert doc.root(o) == plain
            checked += name in lex.orgs
    assert checked > 50


def _worked_at_plain(self, sent, people):
    for p in people:
        for o in self.orgs_within(p.end, min(sent.end, p.end + 12)):
            gap = self.norm[p.end:o.start]
            if events._WORKED_AT.fullmatch(gap):
                self.remember(p, o, former="曾" in gap or "此前" in gap or "早年" in gap)
                break


def _memory(doc) -> dict:
    return {name: ([(o.span, f) for o, f in m.orgs], [t.span for t in m.titles]) for name, m in doc.memory.items()}


def test_worked_at_as_the_plain_scan(docs):
    learnt = 0
    for ctx, ents in docs:
        fast, plain = events._Doc(ctx, ents, load_rules()), events._Doc(ctx, ents, load_rules())
        for sent in ctx.sentences:
            people = fast.within("person", sent.start, sent.end)
            fast._worked_at(sent, people)
            _worked_at_plain(plain, sent, people)
        assert _memory(fast) == _memory(plain), ctx.text
        learnt += sum(len(m.orgs) for m in fast.memory.values())
    assert learnt > 5


def test_reporter_as_the_plain_search(docs):
    bylines = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, load_rules())
        for k in range(len(ctx.norm) + 1):
            p = Entity("person", "某", k, k)
            plain = events._BYLINE.search(ctx.norm, max(0, k - 5), k) is not None
            assert doc._reporter(p) == plain, (ctx.text, k)
            bylines += plain
    assert bylines > 3


def test_main_org_when_asked_as_at_the_start(docs):
    named = 0
    for ctx, ents in docs:
        at_start = events._Doc(ctx, ents, load_rules())._main_org()   # before anything is added
        after_run = events._Doc(ctx, ents, load_rules())
        after_run.run()
        added = events._Doc(ctx, ents, load_rules())
        orgs = added.by_type.setdefault("org", [])
        for k in range(3):   # as _specific adds a name it found after a category (…公司<name>)
            orgs.append(Entity("org", "某", k, k + 1, canonical="某", value={"kind": "company"}))
        orgs.sort(key=lambda x: x.start)
        for doc in (after_run, added):
            assert doc.main_org is at_start, ctx.text
        named += at_start is not None
    assert named > 50


def _appositive_plain(self, person):
    """appositive as it was: the candidates in a list, popped from the end and filtered after each."""
    orgs, titles = [], []
    j = person.start
    near = self.within("org", max(0, j - 60), j) + self.within("title", max(0, j - 60), j)
    cands = sorted(near, key=lambda x: (x.start, x.end))
    former = False
    while cands:
        x = cands.pop()
        gap = self.norm[x.end:j]
        if gap in ("、",) and not orgs and not titles:
            break
        if gap != "、" and (not events._GAP.match(gap) or any(c in events._GAP_STOP for c in gap)
                            or events._APPOS_VERB.search(gap)):
            break
        former = former or any(m in gap for m in events.FORMER_MARKS)
        if x.type == "org":
            orgs.append((x, former))
        else:
            titles.append(x)
            former = former or any(m in self.norm[max(0, x.start - 2):x.start] for m in ("前", "原"))
        j = x.start
        cands = [c for c in cands if c.end <= j]
    if orgs and events._FORMER_BEFORE.search(self.norm, max(0, j - 3), j):
        orgs = [(o, True) for o, _ in orgs]
    main = self._main(j) if (titles or orgs) and self.norm[j - 1:j] == "其" else None
    if main is not None:
        orgs.append((main, False))
    return orgs, titles


def test_appositive_as_the_plain_walk(docs):
    found = 0
    for ctx, ents in docs:
        doc = events._Doc(ctx, ents, load_rules())
        for p in doc.by_type.get("person", ()):
            got = doc.appositive(p)
            assert got == _appositive_plain(doc, p), ctx.text
            found += len(got[0]) + len(got[1])
    assert found > 100


def test_appositive_as_the_plain_walk_over_overlapping_mentions(docs):
    """Nested and overlapping organisations and titles before a person (the taggers rarely
    leave them, so they are made here at random over the texts)."""
    rng = random.Random(7)
    found = 0
    for ctx, _ in docs[:60]:
        n = len(ctx.norm)
        if n < 20:
            continue
        for _ in range(20):
            at = rng.randrange(12, n - 2)
            mods = []
            for _ in range(rng.randrange(1, 6)):
                s = rng.randrange(max(0, at - 20), at)
                e = rng.randrange(s + 1, at + 1)
                kind = rng.choice(("org", "title"))
                mods.append(Entity(kind, ctx.text[s:e], s, e, value={"kind": "company"} if kind == "org" else None))
            person = Entity("person", ctx.text[at:at + 2], at, at + 2)
            doc = events._Doc(ctx, sorted(mods + [person], key=lambda x: (x.start, x.end)), load_rules())
            got = doc.appositive(person)
            assert got == _appositive_plain(doc, person), (ctx.text, [(x.type, x.start, x.end) for x in mods], at)
            found += len(got[0]) + len(got[1])
    assert found > 100
