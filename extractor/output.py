"""Writers for `extractor extract`: jsonl, json, events and table.

Every writer takes documents one at a time and writes each as soon as it is
given, so a pipeline sees the first line before the last file is read. The
machine formats write JSON only; `table` is a rich view for people.
"""
from __future__ import annotations

import json
from typing import IO

try:
    import orjson
except ImportError:   # pragma: no cover - a declared dependency; json writes the same, slower
    orjson = None

FORMATS = ("jsonl", "json", "events", "table")


def dumps(obj) -> str:
    """Compact JSON, non-ASCII characters as they are: orjson's, five times faster than the
    standard library's on our documents and the same bytes (floats under 1e-4 aside, which
    orjson writes without an exponent: the same numbers), or json's where orjson refuses a
    value: a lone surrogate (a file name that is not UTF-8), an integer past 64 bits."""
    if orjson is not None:
        try:
            return orjson.dumps(obj).decode()
        except TypeError:   # (orjson.JSONEncodeError is one)
            pass
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Writer:
    streams = True   # a line format flushes each document (False: a file no one reads before it is whole)

    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, doc: dict) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class Rendered:
    """A document a worker of `--jobs N` has already rendered for a line format (see
    RENDERERS), with what the run needs of it besides: its id, its error (None if it has
    none) and how many events it has. The text crosses from the worker in one piece, which
    costs both processes less than the document's dicts, and the main process does not
    serialise it."""

    __slots__ = ("id", "error", "n_events", "text")

    def __init__(self, id: str, error: dict | None, n_events: int, text: str):
        self.id, self.error, self.n_events, self.text = id, error, n_events, text

    @classmethod
    def of(cls, doc: dict, fmt: str) -> "Rendered":
        return cls(*summary(doc), RENDERERS[fmt](doc))

    def __reduce__(self):
        return Rendered, (self.id, self.error, self.n_events, self.text)


def summary(doc: "dict | Rendered") -> tuple[str, dict | None, int]:
    """A document's id, its error (None if it has none) and how many events it has, from the
    document or from what a worker rendered of it."""
    if doc.__class__ is Rendered:
        return doc.id, doc.error, doc.n_events
    return doc["id"], doc.get("error"), len(doc["events"])


class LineWriter(Writer):
    """A format of lines: each document's text from `render`, or as a worker rendered it."""

    @staticmethod
    def render(doc: dict) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def write(self, doc: "dict | Rendered") -> None:
        self.out.write(doc.text if doc.__class__ is Rendered else self.render(doc))
        if self.streams:
            self.out.flush()


class JsonlWriter(LineWriter):
    @staticmethod
    def render(doc: dict) -> str:
        return dumps(doc) + "\n"


class EventsWriter(LineWriter):
    """One event a line, with the document's id (and published date) added."""

    @staticmethod
    def render(doc: dict) -> str:
        return "".join(dumps({"id": doc["id"], "published": doc.get("published"), **ev}) + "\n"
                       for ev in doc.get("events", []))


RENDERERS = {"jsonl": JsonlWriter.render, "events": EventsWriter.render}   # the formats a worker can render


class JsonWriter(Writer):
    """One indented JSON array, streamed element by element."""

    def __init__(self, out: IO[str]):
        super().__init__(out)
        self.n = 0

    def write(self, doc: dict) -> None:
        body = json.dumps(doc, ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.n == 0 else ",\n") + "\n".join("  " + l for l in body.splitlines()))
        self.out.flush()
        self.n += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.n == 0 else "\n]\n")
        self.out.flush()


def _arg_text(ents: list[dict]) -> str:
    out = []
    for e in ents:
        s = e.get("canonical") or e["text"]
        v = e.get("value")
        if e["type"] == "date" and isinstance(v, dict):
            s = v.get("value", s)
        elif e["type"] == "salary" and isinstance(v, dict):
            s = e["text"]
        if e.get("canonical") and e["canonical"] != e["text"]:
            s = f"{e['text']}→{e['canonical']}"
        out.append(s)
    return "、".join(out)


class TableWriter(Writer):
    """A rich table of each document's events, for reading in a terminal."""

    ROLES = ("person", "org", "from_org", "title", "level", "salary", "date", "plaintiff", "defendant",
             "cause", "unit", "leader", "size")

    def __init__(self, out: IO[str], color: bool | None = None):
        super().__init__(out)
        from rich.console import Console

        self.console = Console(file=out, force_terminal=color, highlight=False, soft_wrap=False)

    def write(self, doc: dict) -> None:
        from rich.table import Table
        from rich import box

        if doc.get("error"):
            self.console.print(f"[bold]{doc['id']}[/bold]  [red]{doc['error']['kind']}: {doc['error']['message']}[/red]")
            return
        title = f"{doc['id']}  published {doc.get('published') or '?'}  {len(doc['events'])} events"
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False)
        table.add_column("type", style="bold cyan", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("arguments")
        table.add_column("trigger", style="magenta", no_wrap=True)
        for ev in doc["events"]:
            args = ev["arguments"]
            parts = [f"[dim]{r}[/dim] {_arg_text(args[r])}" for r in self.ROLES if r in args]
            status = ev["status"]
            style = {"asserted": "green", "reported": "yellow", "planned": "blue", "denied": "red"}.get(status, "")
            table.add_row(ev["type"], f"[{style}]{status}[/{style}]", "  ".join(parts), ev["trigger"]["text"])
        self.console.print(table)


def make_writer(fmt: str, out: IO[str], color: bool | None = None) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(out)
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "events":
        return EventsWriter(out)
    if fmt == "table":
        return TableWriter(out, color)
    raise ValueError(fmt)
