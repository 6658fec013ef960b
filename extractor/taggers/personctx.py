"""People found by the slot they stand in, where neither a surname nor a
dictionary names them:

- Latin-script names (Daniel Ortiz, Grace Lin) after a title or an
  organisation, or before a verb of the events or of saying;
- transcribed foreign names (埃尔克森, 哈蒙德) in the subject slot of the event
  verbs (加盟, 辞职, 出任, …), after a title, an organisation or the start of
  a clause.
"""
from __future__ import annotations

import re

import regex

from extractor.model import Entity
from extractor.taggers import Context
from extractor.taggers.person import TRANSLIT

EVENT_VERBS = ("女士", "先生", "博士", "提供", "开出", "给出", "加盟", "加入", "入职", "转会", "签约", "辞职", "离职", "辞去", "辞任", "卸任", "离开", "出任", "担任",
               "升任", "接任", "创办", "创立", "表示", "透露", "称", "告诉", "回应", "宣布", "被", "将", "已", "拟",
               "正式", "日前", "近日", "此前", "于", "在", "则", "也")
# verbs whose subject slot a transcribed name may fill
SUBJECT_VERBS = ("加盟", "加入", "入职", "转会", "签约", "辞职", "离职", "辞去", "辞任", "卸任", "离开", "出任", "担任",
                 "升任", "接任")
_LATIN = regex.compile(r"(?<![A-Za-z])[A-Z][a-z]{1,15}(?: [A-Z][a-z]{1,15}){1,2}(?![A-Za-z])")
_TRANS = re.compile(r"(?<![%s])[%s]{3,6}(?=(?:已经|已|将|正式|最终|也|则|宣布|选择)?(?:%s))"
                       % (TRANSLIT, TRANSLIT, "|".join(SUBJECT_VERBS)))
# one of the verbs _TRANS ends before: a text without any has no match (a search that skips
# ahead by the verbs' first characters, where _TRANS's lookbehind makes re try every position)
_SUBJECT_VERB = re.compile("|".join(SUBJECT_VERBS))


def tag(ctx: Context, entities: list[Entity]) -> list[Entity]:
    norm, lex, seg = ctx.norm, ctx.lexicon, ctx.segmenter
    taken = [(e.start, e.end) for e in entities]
    ends = {e.end: e for e in entities if e.type in ("title", "org")}
    out: list[Entity] = []

    def free(s, e):
        return not any(a < e and s < b for a, b in taken)

    for m in _LATIN.finditer(norm):
        s, e = m.span()
        if not free(s, e) or lex.canonical_org(m.group(0)) is not None:
            continue
        before_ok = s in ends or s == 0 or norm[s - 1] in "，,。;；:：、“\"（( \n为给向对被由让和与及"
        after_ok = norm.startswith(EVENT_VERBS, e)
        if (s in ends and (after_ok or e == len(norm) or not norm[e].isascii())) or (before_ok and after_ok):
            out.append(Entity("person", m.group(0), s, e, canonical=m.group(0), rule="Latin name in a person slot"))
            taken.append((s, e))
    for m in (_TRANS.finditer(norm) if _SUBJECT_VERB.search(norm) else ()):
        s, e = m.span()
        if m.group(0).endswith("于"):   # 希特勒于…: 于 is the preposition, not the name
            e -= 1
        if e - s < 3 or not free(s, e) or seg.is_word(norm[s:e]):
            continue
        if s in ends or s == 0 or norm[s - 1] in "，,。;；:：、“\" \n":
            out.append(Entity("person", norm[s:e], s, e, canonical=norm[s:e],
                              rule="transcribed name before an event verb"))
            taken.append((s, e))
    return out
