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

from extractor.model import Entity
from extractor.taggers import Context


def resolve(ctx: Context, entities: list[Entity]) -> None:
    people = [e for e in entities if e.type == "person"]
    named = [p for p in people if not (p.rule or "").startswith("surname + ")]
    names = sorted({p.text for p in named}, key=lambda n: (-len(n), n))
    for p in named:
        longer = next((n for n in names if len(n) > len(p.text) and n.startswith(p.text)
                       and len(p.text) >= 2 and not (p.rule or "").startswith(("dictionary", "user dictionary"))), None)
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
