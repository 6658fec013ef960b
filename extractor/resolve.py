"""Document-level resolution of the tagged mentions.

- People: every mention of one full name gets one canonical; a shorter
  mention that a longer name of the same document starts with (杨震 beside
  杨震原, a segmentation slip) is linked to the longer one.
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
    names = sorted({p.text for p in people}, key=len, reverse=True)
    for p in people:
        longer = next((n for n in names if len(n) > len(p.text) and n.startswith(p.text)
                       and len(p.text) >= 2 and not p.rule.startswith("dictionary")), None)
        p.canonical = longer or p.text
    unknown = [e for e in entities if e.type == "org" and e.rule and not e.rule.startswith("dictionary")
               and (e.value or {}).get("kind") != "unit"]
    full = sorted({o.canonical for o in unknown if o.canonical}, key=len, reverse=True)
    for o in unknown:
        longer = next((n for n in full if len(n) > len(o.canonical) and n.startswith(o.canonical)), None)
        if longer:
            o.canonical = longer
