"""The bundled dictionaries in `extractor/data/`, loaded and validated once.

Files (each opens with `#` lines saying what it holds and where it came from):

- `orgs.tsv`      name, aliases (`|`), parent, kind, flags (`,`)
- `titles.txt`    title [TAB category]
- `surnames.txt`  surname TAB class (common | rare | word)
- `stopnames.txt` sections `[not_names]`, `[never_alone]`, `[needs_context]`, one word a line
- `levels.tsv`    system, level, rank, band, source, confidence [, attribution]

Any problem in a bundled file (a duplicate key, an alias claimed by two orgs, a
wrong column count, an unknown kind or parent, a rank that is not a number, an
empty required field) is a bug and raises `LexiconError("FILE:LINE: reason")`.

User dictionaries (`--user-dict FILE`, repeatable) are UTF-8 text files, one
entry a line, TAB-separated, the first field naming the kind of entry; `#`
lines and blank lines are skipped:

    org      <TAB> name <TAB> aliases <TAB> parent <TAB> kind [<TAB> flags]
    person   <TAB> name [<TAB> aliases]
    title    <TAB> name [<TAB> category]
    level    <TAB> system <TAB> level <TAB> rank <TAB> band [<TAB> source [<TAB> confidence [<TAB> attribution]]]
    stopname <TAB> word
    surname  <TAB> surname [<TAB> class]

Aliases are `|`-separated and may be empty; `parent` and `band` may be empty; a
parent or a level's system may name a bundled org or one from any user file.
User entries add to the bundled ones and override them (an org of the same
name replaces the bundled one; an alias moves to the user's org). A malformed
user line is reported through `warn("FILE:LINE: reason")` and skipped; with
`strict=True` it raises `LexiconError` instead.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
FILES = ("orgs.tsv", "titles.txt", "surnames.txt", "stopnames.txt", "levels.tsv")

ORG_KINDS = frozenset({"company", "unit", "lab", "university", "government", "court",
                       "arbitration", "media", "investor", "sports", "other"})
ORG_FLAGS = frozenset({"product", "defunct", "ambiguous"})
TITLE_CATEGORIES = frozenset({"exec", "board", "founder", "mgmt", "tech", "research", "academic",
                              "gov", "legal", "media", "advisor", "investor", "staff", "occupation", "party",
                              "qualification", "military", "sports", "role", "degree", ""})
SURNAME_CLASSES = frozenset({"common", "rare", "word"})
STOP_SECTIONS = ("not_names", "never_alone", "needs_context")
CONFIDENCES = frozenset({"high", "medium", "low"})
ATTRIBUTIONS = frozenset({"alone", "cue", "context"})

# jieba frequencies for merged words: high enough that 字节跳动 and 算法副总裁 come out whole.
JIEBA_FREQ = {"nt": 20000, "nr": 20000, "nn": 10000}

_log = logging.getLogger("extractor.lexicon")


@dataclass(frozen=True)
class Org:
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    kind: str
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Level:
    system: str
    level: str
    rank: int
    band: str | None
    source: str
    confidence: str
    attribution: str = "context"


class LexiconError(Exception):
    """A problem in a dictionary file; `str()` is "FILE:LINE: reason"."""

    def __init__(self, path: str, line: int, reason: str):
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}")


@dataclass
class Lexicon:
    orgs: dict[str, Org] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    stopnames: frozenset[str] = frozenset()
    never_alone: frozenset[str] = frozenset()
    ladders: dict[str, dict[str, Level]] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    needs_context: frozenset[str] = frozenset()   # org surfaces that are also everyday words
    sources: tuple[str, ...] = ()                 # the files loaded, in order
    _fingerprint: str = ""
    _fold: dict[str, str] = field(default_factory=dict, repr=False)

    # -- look-ups ---------------------------------------------------------
    def canonical_org(self, surface: str) -> str | None:
        """The canonical name for any surface form; Latin forms match in any case
        and with or without inner spaces (bytedance, Moonshot AI, MoonshotAI)."""
        hit = self.org_names.get(surface)
        if hit is not None:
            return hit
        if not surface:
            return None
        return self._fold.get(_fold(surface))

    def root_org(self, name: str) -> str:
        """Follow parent links to the top (达摩院 -> 阿里巴巴). An unknown name or
        alias resolves to itself (or its canonical name)."""
        canon = name if name in self.orgs else (self.canonical_org(name) or name)
        seen = set()
        while canon in self.orgs and self.orgs[canon].parent and canon not in seen:
            seen.add(canon)
            canon = self.orgs[canon].parent
        return canon

    def ladder_for(self, org: str) -> dict[str, Level] | None:
        """The ladder of an org's top-level company, if it has one."""
        return self.ladders.get(self.root_org(org))

    def jieba_words(self) -> list[tuple[str, int, str]]:
        """(word, freq, tag) to merge into a jieba tokenizer: org names and aliases
        'nt', people 'nr', titles 'nn'. Forms with spaces (jieba never joins
        across a space) and single characters are left out; the first kind to
        claim a form keeps it (orgs, then people, then titles)."""
        out: list[tuple[str, int, str]] = []
        seen: set[str] = set()

        def add(word: str, tag: str) -> None:
            if len(word) < 2 or " " in word or "\t" in word or word in seen:
                return
            seen.add(word)
            out.append((word, JIEBA_FREQ[tag], tag))

        for org in self.orgs.values():
            add(org.name, "nt")
            for a in org.aliases:
                add(a, "nt")
        for name in self.people:
            add(name, "nr")
        for title in self.titles:
            add(title, "nn")
        return out

    def fingerprint(self) -> str:
        """sha256 over the content of every file loaded (a cache key for jieba)."""
        return self._fingerprint


# -- reading ------------------------------------------------------------------

def _fold(s: str) -> str:
    return s.casefold().replace(" ", "")


def _is_latin(s: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in s)


def _lines(path: str, text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line that is not blank or a comment."""
    for no, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield no, line


def _read(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise LexiconError(path, 0, f"cannot read: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LexiconError(path, 0, f"not UTF-8 ({e.reason} at byte {e.start})") from None


class _Builder:
    """Accumulates entries; `report` decides whether a problem raises or warns."""

    def __init__(self, report: Callable[[str, int, str], None]):
        self.report = report
        self.orgs: dict[str, Org] = {}
        self.org_where: dict[str, tuple[str, int]] = {}
        self.titles: dict[str, str] = {}
        self.surnames: dict[str, str] = {}
        self.stops: dict[str, set[str]] = {s: set() for s in STOP_SECTIONS}
        self.ladders: dict[str, dict[str, Level]] = {}
        self.level_where: dict[tuple[str, str], tuple[str, int]] = {}
        self.people: dict[str, str] = {}
        self.hash = hashlib.sha256()
        self.sources: list[str] = []
        self.stop_where: dict[tuple[str, str], tuple[str, int]] = {}
        self.user = False        # True while reading user dictionaries: overrides allowed
        self._user_files: set[str] = set()

    def digest(self, path: str, text: str) -> None:
        self.sources.append(path)
        self.hash.update(os.path.basename(path).encode() + b"\0" + text.encode("utf-8") + b"\0")

    # org ---------------------------------------------------------------
    def org(self, path: str, no: int, fields: list[str]) -> None:
        if len(fields) not in (4, 5):
            return self.report(path, no, f"org: expected 4 or 5 columns (name, aliases, parent, kind[, flags]), got {len(fields)}")
        name, aliases, parent, kind = (f.strip() for f in fields[:4])
        flags = fields[4].strip() if len(fields) == 5 else ""
        if not name:
            return self.report(path, no, "org: empty name")
        if not kind:
            return self.report(path, no, f"org {name}: empty kind")
        if kind not in ORG_KINDS:
            return self.report(path, no, f"org {name}: unknown kind {kind!r} (one of {', '.join(sorted(ORG_KINDS))})")
        flagset = frozenset(f.strip() for f in flags.split(",") if f.strip())
        bad = flagset - ORG_FLAGS
        if bad:
            return self.report(path, no, f"org {name}: unknown flag {sorted(bad)[0]!r}")
        als = [a.strip() for a in aliases.split("|")] if aliases.strip() else []
        if any(not a for a in als):
            return self.report(path, no, f"org {name}: empty alias")
        if len(set(als)) != len(als) or name in als:
            return self.report(path, no, f"org {name}: alias listed twice")
        if parent == name:
            return self.report(path, no, f"org {name}: is its own parent")
        if name in self.orgs and not (self.user and self.org_where[name][0] not in self._user_files):
            prev = self.org_where[name]
            return self.report(path, no, f"duplicate org {name!r} (first at {prev[0]}:{prev[1]})")
        self.orgs[name] = Org(name, tuple(als), parent or None, kind, flagset)
        self.org_where[name] = (path, no)

    # title / surname / stop ----------------------------------------------
    def title(self, path: str, no: int, fields: list[str]) -> None:
        if len(fields) not in (1, 2):
            return self.report(path, no, f"title: expected 1 or 2 columns (title[, category]), got {len(fields)}")
        t = fields[0].strip()
        cat = fields[1].strip() if len(fields) == 2 else ""
        if not t:
            return self.report(path, no, "title: empty title")
        if cat not in TITLE_CATEGORIES:
            return self.report(path, no, f"title {t}: unknown category {cat!r}")
        if t in self.titles and not self.user:
            return self.report(path, no, f"duplicate title {t!r}")
        self.titles[t] = cat

    def surname(self, path: str, no: int, fields: list[str]) -> None:
        if len(fields) not in (1, 2):
            return self.report(path, no, f"surname: expected 1 or 2 columns (surname[, class]), got {len(fields)}")
        s = fields[0].strip()
        cls = fields[1].strip() if len(fields) == 2 else "common"
        if not s:
            return self.report(path, no, "surname: empty surname")
        if len(s) > 2:
            return self.report(path, no, f"surname {s}: longer than two characters")
        if cls not in SURNAME_CLASSES:
            return self.report(path, no, f"surname {s}: unknown class {cls!r} (common, rare, word)")
        if s in self.surnames and not self.user:
            return self.report(path, no, f"duplicate surname {s!r}")
        self.surnames[s] = cls

    def stop(self, path: str, no: int, section: str, word: str) -> None:
        if not word:
            return self.report(path, no, "stopname: empty word")
        if word in self.stops[section] and not self.user:
            return self.report(path, no, f"duplicate {section} entry {word!r}")
        self.stops[section].add(word)
        self.stop_where.setdefault((section, word), (path, no))

    # level ---------------------------------------------------------------
    def level(self, path: str, no: int, fields: list[str], user: bool = False) -> None:
        lo, hi = (3, 7) if user else (6, 7)
        if not lo <= len(fields) <= hi:
            need = "system, level, rank, band[, source[, confidence[, attribution]]]" if user else \
                "system, level, rank, band, source, confidence[, attribution]"
            return self.report(path, no, f"level: expected {lo}-{hi} columns ({need}), got {len(fields)}")
        f = [x.strip() for x in fields] + [""] * (7 - len(fields))
        system, lvl, rank_s, band, source, conf, attr = f
        if user:
            source = source or f"user dictionary {os.path.basename(path)}"
            conf = conf or "medium"
        attr = attr or "context"
        for what, val in (("system", system), ("level", lvl), ("rank", rank_s), ("source", source), ("confidence", conf)):
            if not val:
                return self.report(path, no, f"level: empty {what}")
        try:
            rank = int(rank_s)
        except ValueError:
            return self.report(path, no, f"level {system} {lvl}: rank {rank_s!r} is not an integer")
        if rank < 1:
            return self.report(path, no, f"level {system} {lvl}: rank {rank} is not positive")
        if conf not in CONFIDENCES:
            return self.report(path, no, f"level {system} {lvl}: unknown confidence {conf!r} (high, medium, low)")
        if attr not in ATTRIBUTIONS:
            return self.report(path, no, f"level {system} {lvl}: unknown attribution {attr!r} (alone, cue, context)")
        key = (system, lvl)
        if key in self.level_where and not (self.user and self.level_where[key][0] not in self._user_files):
            prev = self.level_where[key]
            return self.report(path, no, f"duplicate level {system} {lvl} (first at {prev[0]}:{prev[1]})")
        self.ladders.setdefault(system, {})[lvl] = Level(system, lvl, rank, band or None, source, conf, attr)
        self.level_where[key] = (path, no)

    # person (user dictionaries only) ---------------------------------------
    def person(self, path: str, no: int, fields: list[str]) -> None:
        if len(fields) not in (1, 2):
            return self.report(path, no, f"person: expected 1 or 2 columns (name[, aliases]), got {len(fields)}")
        name = fields[0].strip()
        if not name:
            return self.report(path, no, "person: empty name")
        als = [a.strip() for a in fields[1].split("|") if a.strip()] if len(fields) == 2 else []
        self.people[name] = name
        for a in als:
            self.people[a] = name


def _read_bundled(b: _Builder, data_dir: str) -> None:
    for fname in FILES:
        path = os.path.join(data_dir, fname)
        text = _read(path)
        b.digest(path, text)
        if fname == "orgs.tsv":
            for no, line in _lines(path, text):
                b.org(path, no, line.split("\t"))
        elif fname == "titles.txt":
            for no, line in _lines(path, text):
                b.title(path, no, line.split("\t"))
        elif fname == "surnames.txt":
            for no, line in _lines(path, text):
                b.surname(path, no, line.split("\t"))
        elif fname == "stopnames.txt":
            section = None
            for no, line in _lines(path, text):
                word = line.strip()
                if word.startswith("[") and word.endswith("]"):
                    section = word[1:-1].strip()
                    if section not in STOP_SECTIONS:
                        b.report(path, no, f"unknown section [{section}] (one of {', '.join(STOP_SECTIONS)})")
                        section = None
                    continue
                if section is None:
                    b.report(path, no, "entry outside a section ([not_names], [never_alone], [needs_context])")
                    continue
                if "\t" in word or " " in word:
                    b.report(path, no, "stopname: one word a line")
                    continue
                b.stop(path, no, section, word)
        elif fname == "levels.tsv":
            for no, line in _lines(path, text):
                b.level(path, no, line.split("\t"))


_USER_KINDS = ("org", "person", "title", "level", "stopname", "surname")


def _read_user(b: _Builder, path: str) -> None:
    text = _read(path)
    b.digest(path, text)
    for no, line in _lines(path, text):
        kind, _, rest = line.partition("\t")
        kind = kind.strip()
        fields = rest.split("\t") if rest else []
        if kind not in _USER_KINDS:
            b.report(path, no, f"unknown entry kind {kind!r} (one of {', '.join(_USER_KINDS)})")
            continue
        if not fields:
            b.report(path, no, f"{kind}: missing fields")
            continue
        if kind == "org":
            b.org(path, no, fields)
        elif kind == "person":
            b.person(path, no, fields)
        elif kind == "title":
            b.title(path, no, fields)
        elif kind == "level":
            b.level(path, no, fields, user=True)
        elif kind == "stopname":
            if len(fields) != 1:
                b.report(path, no, f"stopname: expected 1 column, got {len(fields)}")
            else:
                b.stop(path, no, "not_names", fields[0].strip())
        elif kind == "surname":
            b.surname(path, no, fields)


def _finish(b: _Builder) -> Lexicon:
    """Cross-file checks, then the look-up tables."""
    report = b.report
    # parents exist, no cycles
    for name, org in list(b.orgs.items()):
        if org.parent and org.parent not in b.orgs:
            path, no = b.org_where[name]
            report(path, no, f"org {name}: unknown parent {org.parent!r}")
            b.orgs[name] = dataclasses.replace(org, parent=None)
    for name in list(b.orgs):
        seen, cur = set(), name
        while cur in b.orgs and b.orgs[cur].parent:
            if cur in seen:
                path, no = b.org_where[name]
                report(path, no, f"org {name}: parent links form a cycle")
                b.orgs[name] = dataclasses.replace(b.orgs[name], parent=None)
                break
            seen.add(cur)
            cur = b.orgs[cur].parent
    # surface forms: each claimed by one org (user orgs may take a bundled org's form)
    names: dict[str, str] = {}
    fold: dict[str, str] = {}
    for name, org in b.orgs.items():
        for surface in (name,) + org.aliases:
            owner = names.get(surface)
            if owner is not None and owner != name:
                path, no = b.org_where[name]
                user_owns = path in b._user_files and b.org_where[owner][0] not in b._user_files
                if not user_owns:
                    report(path, no, f"alias {surface!r} of {name!r} is already claimed by {owner!r}")
                    continue
            names[surface] = name
    # a user org that took over a bundled org's surface: drop it from the old owner
    for name, org in list(b.orgs.items()):
        keep = tuple(a for a in org.aliases if names.get(a) == name)
        if keep != org.aliases:
            b.orgs[name] = dataclasses.replace(org, aliases=keep)
    org_names = dict(names)
    for surface, name in names.items():
        k = _fold(surface)
        owner = fold.get(k)
        if owner is not None and owner != name:
            path, no = b.org_where[name]
            report(path, no, f"alias {surface!r} of {name!r} differs only in case or spaces from a form of {owner!r}")
            continue
        fold[k] = name
        if _is_latin(surface) and surface.casefold() not in org_names:
            org_names[surface.casefold()] = name
    # needs_context entries name org surfaces; they flag their org 'ambiguous'
    needs = b.stops["needs_context"]
    for word in sorted(needs):
        owner = names.get(word)
        if owner is None:
            path, no = b.stop_where[("needs_context", word)]
            report(path, no, f"[needs_context] {word!r} is not an org name or alias in orgs.tsv")
            continue
        org = b.orgs[owner]
        b.orgs[owner] = dataclasses.replace(org, flags=org.flags | {"ambiguous"})
    # ladders belong to known orgs; 'alone'/'cue' forms are claimed by one system only
    claimed: dict[str, str] = {}
    for system, ladder in list(b.ladders.items()):
        path, no = b.level_where[(system, next(iter(ladder)))]
        if system not in b.orgs:
            report(path, no, f"level system {system!r} is not an org in orgs.tsv")
            del b.ladders[system]
            continue
        for lvl, level in ladder.items():
            if level.attribution in ("alone", "cue"):
                other = claimed.get(lvl)
                if other is not None and other != system:
                    p, n = b.level_where[(system, lvl)]
                    report(p, n, f"level {lvl}: attribution {level.attribution!r} claimed by both {other} and {system}")
                claimed[lvl] = system
    never = set(b.stops["never_alone"]) | set(b.surnames)
    return Lexicon(
        orgs=b.orgs, org_names=org_names, titles=b.titles, surnames=b.surnames,
        stopnames=frozenset(b.stops["not_names"]), never_alone=frozenset(never),
        ladders=b.ladders, people=b.people, needs_context=frozenset(needs),
        sources=tuple(b.sources), _fingerprint=b.hash.hexdigest(), _fold=fold,
    )


def load_dir(data_dir: str, user_dicts: Sequence[str] = (), strict: bool = False,
             warn: Callable[[str], None] | None = None) -> Lexicon:
    """Load the dictionaries of `data_dir` (always strict) and then `user_dicts`
    (problems warned and skipped, or raised with `strict`)."""
    warn = warn or _log.warning
    state = {"user": False}

    def report(path: str, line: int, reason: str) -> None:
        if not state["user"] or strict:
            raise LexiconError(path, line, reason)
        warn(f"{path}:{line}: {reason}")

    b = _Builder(report)
    _read_bundled(b, data_dir)
    if user_dicts:
        # from here on problems are the user's: the cross-file checks in _finish
        # can only fail because of a user line once the bundled set passed alone
        state["user"] = b.user = True
        for path in user_dicts:
            b._user_files.add(path)
            _read_user(b, path)
    return _finish(b)


@functools.lru_cache(maxsize=1)
def _bundled() -> Lexicon:
    return load_dir(DATA_DIR)


def load(user_dicts: Sequence[str] = (), strict: bool = False,
         warn: Callable[[str], None] | None = None) -> Lexicon:
    """The bundled dictionaries (cached: loaded once per process), plus any
    user dictionaries (loaded fresh on each call; see the module docstring)."""
    if not user_dicts:
        return _bundled()
    _bundled()  # the bundled files must be valid on their own
    return load_dir(DATA_DIR, tuple(user_dicts), strict=strict, warn=warn)
