"""Document, Entity and Event: the shapes of ../shared/SCHEMA.md (`extractor/1`).

Everything the pipeline produces is one of these; `to_dict()` gives exactly the
JSON the schema describes (plus the documented extensions: an entity's `rule`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "extractor/1"

ENTITY_TYPES = ("person", "org", "unit", "title", "level", "salary", "money", "date", "quantity")
EVENT_TYPES = ("join", "leave", "found", "appoint", "dispute", "unit_formed", "offer")
STATUSES = ("asserted", "reported", "planned", "denied")


@dataclass(slots=True)
class Entity:
    """A mention: `text == document[start:end]` (code points, end exclusive)."""

    type: str
    text: str
    start: int
    end: int
    canonical: str | None = None
    value: dict | None = None
    rule: str | None = None

    def to_dict(self) -> dict:
        d = {"type": self.type, "text": self.text, "start": self.start, "end": self.end}
        if self.canonical is not None:
            d["canonical"] = self.canonical
        if self.value is not None:
            d["value"] = self.value
        if self.rule:
            d["rule"] = self.rule
        return d

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def name(self) -> str:
        """The name to compare by: canonical where known, else the text."""
        return self.canonical or self.text


@dataclass(slots=True)
class Event:
    type: str
    trigger: Entity            # type "trigger"; only text/start/end are written
    sentence: tuple[int, int]
    arguments: dict[str, list[Entity]] = field(default_factory=dict)
    status: str = "asserted"
    rule: str = ""

    def add(self, role: str, ent: Entity | None) -> None:
        if ent is None:
            return
        vals = self.arguments.setdefault(role, [])
        if all(v.span != ent.span or v.type != ent.type for v in vals):
            vals.append(ent)

    def first(self, role: str) -> Entity | None:
        vals = self.arguments.get(role)
        return vals[0] if vals else None

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "arguments": {role: [e.to_dict() for e in ents] for role, ents in self.arguments.items() if ents},
            "status": self.status,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Document:
    id: str
    text: str
    published: str | None = None
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: dict | None = None

    def to_dict(self) -> dict:
        d = {
            "schema": SCHEMA,
            "id": self.id,
            "published": self.published,
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
        }
        if self.error is not None:
            d["error"] = self.error
        return d

    @classmethod
    def failed(cls, id: str, kind: str, message: str, published: str | None = None) -> "Document":
        return cls(id=id, text="", published=published, error={"kind": kind, "message": message})
