"""The event rules as data: triggers (data/triggers.tsv) and cue words
(data/cues.tsv), loaded and validated once."""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from extractor.model import EVENT_TYPES

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
FORMS = ("svo", "agent", "passive", "appoint", "offer")
CUE_KINDS = ("reported", "planned", "denied", "former", "cause", "invite")
SCOPES = ("sentence", "before", "adjacent", "after")


class RuleError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    word: str
    form: str


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    word: str
    scope: str


def _rows(name: str, ncols: int):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != ncols or not all(cols):
                raise RuleError(f"{path}:{n}: expected {ncols} non-empty tab-separated columns")
            yield path, n, cols


@dataclass(frozen=True)
class Rules:
    triggers: dict[str, Trigger]          # word -> Trigger
    cues: dict[str, tuple[Cue, ...]]      # kind -> cues
    max_trigger: int
    pattern: re.Pattern                   # every trigger, longest first: one C-level scan per sentence

    def cue_words(self, kind: str, scope: str | None = None) -> tuple[str, ...]:
        return tuple(c.word for c in self.cues.get(kind, ()) if scope is None or c.scope == scope)

    def __post_init__(self):
        # one compiled pattern per kind and scope (None: any scope), or None where there is no such cue
        patterns = {}
        for kind in CUE_KINDS:
            for scope in (None, *SCOPES):
                words = self.cue_words(kind, scope)
                patterns[kind, scope] = re.compile("|".join(map(re.escape, words))).search if words else None
        self.__dict__["_cue_search"] = patterns

    def cue_in(self, text: str, kind: str, scope: str | None = None) -> bool:
        """any(w in text for w in self.cue_words(kind, scope)), by one compiled pattern per kind and scope."""
        search = self._cue_search[kind, scope]
        return search is not None and search(text) is not None


@functools.lru_cache(maxsize=1)
def load_rules() -> Rules:
    triggers: dict[str, Trigger] = {}
    for path, n, (etype, word, form) in _rows("triggers.tsv", 3):
        if etype not in EVENT_TYPES:
            raise RuleError(f"{path}:{n}: unknown event type {etype!r}")
        if form not in FORMS:
            raise RuleError(f"{path}:{n}: unknown form {form!r}")
        if word in triggers:
            raise RuleError(f"{path}:{n}: duplicate trigger {word!r}")
        triggers[word] = Trigger(etype, word, form)
    cues: dict[str, list[Cue]] = {}
    seen = set()
    for path, n, (kind, word, scope) in _rows("cues.tsv", 3):
        if kind not in CUE_KINDS:
            raise RuleError(f"{path}:{n}: unknown cue kind {kind!r}")
        if scope not in SCOPES:
            raise RuleError(f"{path}:{n}: unknown scope {scope!r}")
        if (kind, word) in seen:
            raise RuleError(f"{path}:{n}: duplicate cue {word!r}")
        seen.add((kind, word))
        cues.setdefault(kind, []).append(Cue(kind, word, scope))
    # longest cue first, so 竞业协议 is preferred to 竞业
    words = sorted(triggers, key=lambda w: (-len(w), w))
    return Rules(triggers, {k: tuple(sorted(v, key=lambda c: -len(c.word))) for k, v in cues.items()},
                 max(len(w) for w in triggers), re.compile("|".join(map(re.escape, words))))
