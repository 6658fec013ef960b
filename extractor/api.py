"""The library: `extract(text, published=None, id=None) -> Document`.

The stages, in order (../shared/DESIGN.md): normalise (a same-length copy),
sentences, jieba tokens, the taggers, overlap resolution, events. The screen is
not known here; the CLI and batch runner call this.
"""
from __future__ import annotations

import datetime as _dt
import functools

import regex

from extractor.model import Document, Entity
from extractor.text import normalize, sentences

# Which mention wins where two overlap: the higher priority, then the longer.
PRIORITY = {"dictionary": 6, "salary": 5, "date": 5, "level": 5, "title": 4, "person": 3, "org": 3,
            "quantity": 2, "money": 2}
_DATELINE = regex.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(?!\d)")
DATELINE_WINDOW = 160   # a dateline is looked for in the article's first characters only


class Pipeline:
    """The loaded dictionaries and segmenter; build once, call `extract` often."""

    def __init__(self, lexicon=None):
        from extractor.lexicon import load
        from extractor.segment import Segmenter

        self.lexicon = lexicon if lexicon is not None else load()
        self.segmenter = Segmenter(self.lexicon.jieba_words(), self.lexicon.fingerprint())

    def extract(self, text: str, published: str | None = None, id: str | None = None) -> Document:
        from extractor import events
        from extractor.resolve import resolve
        from extractor.taggers import Context, date, level, org, orgctx, person, personctx, quantity, salary, title

        norm = normalize(text)
        ref = _parse_date(published) if published else None
        if ref is None and not published:
            ref = find_dateline(norm)
        ctx = Context(text=text, norm=norm, tokens=self.segmenter.tokens(norm), sentences=sentences(norm),
                      published=ref, lexicon=self.lexicon, segmenter=self.segmenter)
        orgs = org.tag(ctx)
        titles = title.tag(ctx, orgs)
        numeric = salary.tag(norm) + date.tag(norm, ref) + quantity.tag(norm)
        numeric = _resolve_overlaps(numeric)
        levels = level.tag(norm, self.lexicon, orgs)
        numeric = _resolve_overlaps(numeric + levels)
        # numbers first: an org or title never swallows a date or a salary; a headcount
        # yields to a title inside it (两位副总裁: the title stays, the count ends before it)
        # and to a name of the dictionary around it (费城76人)
        n = len(norm)
        known = _cover([o for o in orgs if (o.rule or "").startswith("dictionary")], n)
        numeric = [q for q in numeric if q.type != "quantity" or not all(known[q.start:q.end])]   # 费城76人
        mask = _cover(numeric, n)
        orgs = [o for o in orgs if not _hits(o, mask)]
        counts = [q for q in numeric if q.type == "quantity"]
        numeric = [q for q in numeric if q.type != "quantity"]
        mask = _cover(numeric + orgs, n)
        titles = [t for t in titles if not _hits(t, mask)]
        numeric += _trim(counts, titles, norm)
        mask = _cover(numeric, n)
        people = [p for p in person.tag(ctx, orgs, titles) if not _hits(p, mask)]
        people += personctx.tag(ctx, orgs + titles + people + numeric)
        found = orgctx.tag(ctx, orgs + titles + people + numeric)
        if found:   # a company name the name tagger took for a person yields to the company
            cover = _cover(found, n)
            people = [p for p in people if not _hits(p, cover)]
        orgs += found
        entities = sorted(orgs + titles + people + numeric, key=lambda e: (e.start, e.end))
        for e in entities:
            e.text = text[e.start:e.end]
        resolve(ctx, entities)
        evs = events.extract(ctx, entities)
        pub = published if published else (ref.isoformat() if ref else None)
        return Document(id=id if id is not None else "-", text=text, published=pub, entities=entities, events=evs)


def _cover(ents: list[Entity], n: int) -> bytearray:
    """A mask of the characters the mentions cover: overlap tests in linear time."""
    mask = bytearray(n)
    for e in ents:
        mask[e.start:e.end] = b"\x01" * (e.end - e.start)
    return mask


def _hits(e: Entity, mask: bytearray) -> bool:
    return 1 in mask[e.start:e.end]


def _trim(counts: list[Entity], titles: list[Entity], norm: str) -> list[Entity]:
    """Headcounts end where a title inside them begins (两位副总裁 → 两位)."""
    out = []
    for q in counts:
        inner = [t for t in titles if q.start < t.start < q.end or (t.start == q.start and t.end <= q.end)]
        if inner:
            end = min(t.start for t in inner)
            if end - q.start < 2:
                continue
            q = Entity(q.type, norm[q.start:end], q.start, end, canonical=q.canonical, value=q.value, rule=q.rule)
        if not any(t.start < q.end and q.start < t.end for t in titles):
            out.append(q)
    return out


def _resolve_overlaps(ents: list[Entity]) -> list[Entity]:
    """Non-overlapping mentions: higher priority, then longer, then earlier."""
    out: list[Entity] = []
    taken = bytearray(max((e.end for e in ents), default=0))
    for e in sorted(ents, key=lambda x: (-PRIORITY.get(x.type, 1), -(x.end - x.start), x.start)):
        if not _hits(e, taken):
            out.append(e)
            taken[e.start:e.end] = b"\x01" * (e.end - e.start)
    return sorted(out, key=lambda x: x.start)


def _parse_date(s: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(s[:10])
    except (ValueError, TypeError):
        return None


def find_dateline(norm: str) -> _dt.date | None:
    """A full date (2024年11月15日, 2024-11-15) among the article's first
    characters is taken as its publication date."""
    m = _DATELINE.search(norm[:DATELINE_WINDOW])
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, published: str | None = None, id: str | None = None) -> Document:
    """Entities and events of one article. `published` (YYYY-MM-DD) anchors
    relative dates; without it a dateline in the article is used, if any."""
    return default_pipeline().extract(text, published=published, id=id)
