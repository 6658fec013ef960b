"""Document-level resolution of the tagged mentions.

- People: every mention of one full name gets one canonical; a shorter
  mention that a longer name of the same document starts with (杨震 beside
  杨震原, a segmentation slip) is linked to the longer one. A surname named by
  an honorific (王先生: text 王, canonical 王先生) is linked to the one person
  of that surname the article names in full, if there is exactly one.
- Organisations already carry the dictionary's canonical name; an unknown
  organisation written later in a shorter form (星衡智能科技有限公司 … 星衡智能)
  is linked to the full name.
Pronouns (他, 她, 其) and the document's memory of each person are resolved by
the event rules, which know the sentence structure (extractor.events).
"""
from __future__ import annotations

import re

from extractor.model import Entity
from extractor.taggers import Context
from extractor.text import is_han


def resolve(ctx: Context, entities: list[Entity]) -> None:
    people = [e for e in entities if e.type == "person"]
    named = [p for p in people if not (p.rule or "").startswith("surname + ")]
    names = sorted({p.text for p in named}, key=lambda n: (-len(n), n))
    longest: dict[str, str | None] = {}   # a name → the longest (then first) other name it begins
    for p in named:
        longer = None
        if len(p.text) >= 2 and not (p.rule or "").startswith(("dictionary", "user dictionary")):
            if p.text not in longest:   # the same text finds the same name: searched once
                longest[p.text] = next((n for n in names if len(n) > len(p.text) and n.startswith(p.text)), None)
            longer = longest[p.text]
        p.canonical = longer or p.text        # as written (traditional stays traditional)
    # 王先生 / 王女士 after 王磊 in the same article: the one person of that surname named in full
    for p in people:
        if not (p.rule or "").startswith("surname + "):
            continue
        if p.text.endswith("某"):
            p.canonical = p.text
            continue
        p.canonical = ctx.text[p.start:p.end + 2]   # the surname and its honorific, as written
        full = {n for n in names if n.startswith(p.text) and len(n) > len(p.text)
                and ctx.lexicon.surnames.get(n[:2]) is None}
        if len(full) == 1:
            p.canonical = full.pop()
    unknown = [e for e in entities if e.type == "org" and e.rule and not e.rule.startswith("dictionary")
               and (e.value or {}).get("kind") != "unit"]
    full = sorted({o.canonical for o in unknown if o.canonical}, key=lambda n: (-len(n), n))
    for o in unknown:
        longer = next((n for n in full if len(n) > len(o.canonical) and n.startswith(o.canonical)), None)
        if longer:
            o.canonical = longer
    _short_names(ctx, entities)
    _bare_names(ctx, entities)


# 北京音未文化传媒有限责任公司（以下简称音未公司）, 华为技术有限公司(下称“华为”): a short name defined in the text
_SHORT_NAME = re.compile(r"[（(](?:以下|下文)?(?:简称|下称|称)[为:：]?[“\"'「]?(?P<short>[^（()）“”\"'「」，,。；;]{2,12}?)[”\"'」]?[）)]")


def _short_names(ctx: Context, entities: list[Entity]) -> None:
    """A short name the article defines for an organisation names it wherever it
    is written: its mentions take the full name's canonical."""
    if "称" not in ctx.norm:
        return
    orgs = {o.end: o for o in entities if o.type == "org"}
    added = []
    for m in _SHORT_NAME.finditer(ctx.norm):
        full = orgs.get(m.start())
        if full is None:
            continue
        short = m.group("short")
        # the article says what the short name is: a "person" of that form is the company (云杉)
        entities[:] = [x for x in entities if not (x.type == "person" and ctx.norm[x.start:x.end] == short)]
        for o in entities:
            if o.type == "org" and o is not full and ctx.norm[o.start:o.end] == short:
                o.canonical = full.canonical
        # its other mentions, where no other mention stands (云杉已完成B轮融资)
        for k, e in _free_mentions(ctx, short, m.start("short"), entities + added):
            added.append(Entity("org", ctx.text[k:e], k, e, canonical=full.canonical, value=full.value,
                                rule="short name of " + full.canonical))
    if added:
        entities.extend(added)
        entities.sort(key=lambda x: (x.start, x.end))


# Company suffixes a later mention may drop (曜川科技 … 曜川为其提供): the field
# words of WEAK suffixes in extractor.taggers.org that name a company.
BARE_SUFFIXES = ("科技", "智能", "机器人", "半导体", "微电子", "生物", "医药", "汽车", "数智", "智造", "光电")


def _bare_names(ctx: Context, entities: list[Entity]) -> None:
    """An unknown company found by its suffix (曜川科技) is often written
    later without it (曜川): the bare name, where jieba's tokens begin and end
    with it and no other mention stands, is the company. Not a bare name that
    is a word of jieba's dictionary (智能, 华东) or a place: those are read as
    themselves."""
    seg = ctx.segmenter
    bare: dict[str, Entity] = {}
    for o in entities:
        if o.type != "org" or not (o.rule or "").startswith("<name> + suffix ") or (o.value or {}).get("kind") != "company":
            continue
        suffix = o.rule[len("<name> + suffix "):]
        name = ctx.norm[o.start:o.end]
        if suffix not in BARE_SUFFIXES or not name.endswith(suffix):
            continue
        short = name[:-len(suffix)]
        if len(short) < 2 or not all(map(is_han, short)) or seg.freq(short) or seg.tag(short):
            continue
        bare.setdefault(short, o)
    if not bare:
        return
    added = []
    for short, full in bare.items():
        for k, e in _free_mentions(ctx, short, 0, entities + added):
            if k in ctx.token_starts and e in ctx.token_ends:
                added.append(Entity("org", ctx.text[k:e], k, e, canonical=full.canonical, value=full.value,
                                    rule="short form of " + (full.canonical or full.text)))
    if added:
        entities.extend(added)
        entities.sort(key=lambda x: (x.start, x.end))


def _free_mentions(ctx: Context, name: str, start: int, taken: list[Entity]):
    """(start, end) of each occurrence of `name` from `start` on that overlaps
    none of the mentions in `taken` (the occurrences never overlap each other)."""
    k = ctx.norm.find(name, start)
    while k >= 0:
        e = k + len(name)
        if not any(x.start < e and k < x.end for x in taken):
            yield k, e
        k = ctx.norm.find(name, e)
