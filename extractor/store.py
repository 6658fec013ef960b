"""A SQLite store of extracted documents (standard library `sqlite3`).

One row per input in `documents`, keyed by the input's path; its entities and
events in their own tables, so that a corpus of 10,000 articles can be queried
with SQL and re-run incrementally:

    with Store("corpus.db") as store:
        for path, data in inputs:
            h = content_hash(data)
            if store.is_unchanged(path, h, version):
                skipped += 1
                continue
            doc = extract(...)
            store.put(doc.to_dict(), path, h, version, doc.text)
    # commits every `batch` puts and on close

`iter_documents()` gives back the document dicts in the shape of the JSON output
(`../shared/SCHEMA.md`), so everything that reads `extract --format jsonl`
(e.g. `extractor.flows`) reads the store too.

Schema changes are numbered steps in `MIGRATIONS`, applied in order and recorded
in `PRAGMA user_version` (and `meta.schema_version`); a later version appends a
step, never edits one.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterator

# Each step is one SQL script; step i (1-based) brings the database to version i.
MIGRATIONS: list[str] = [
    # 1: documents, entities, events
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,          -- the input as given (key for re-runs)
        id NOT NULL,                        -- the document's "id" in the JSON output (no
                                            -- declared type: a number stays a number)
        content_hash TEXT NOT NULL,         -- sha256 of the input bytes (or UTF-8 text)
        extractor_version TEXT NOT NULL,
        schema TEXT,
        published TEXT,
        error TEXT,                         -- JSON {"kind", "message"} or NULL
        extra TEXT,                         -- JSON of any other top-level keys, or NULL
        processed_at TEXT NOT NULL
    );
    CREATE TABLE entities (
        doc INTEGER NOT NULL REFERENCES documents(pk),
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        canonical TEXT,
        value TEXT,                         -- JSON or NULL
        rule TEXT,
        extra TEXT
    );
    CREATE INDEX entities_doc ON entities(doc);
    CREATE INDEX entities_canonical ON entities(type, canonical);
    CREATE TABLE events (
        doc INTEGER NOT NULL REFERENCES documents(pk),
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        status TEXT,
        rule TEXT,
        trigger TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        sentence_start INTEGER,
        sentence_end INTEGER,
        sentence_text TEXT,
        arguments TEXT NOT NULL,            -- JSON, as in the output
        person TEXT,                        -- denormalised: first value's canonical or text
        org TEXT,
        from_org TEXT,
        title TEXT,
        date TEXT,                          -- the date's ISO value ("2025-03")
        extra TEXT
    );
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_person ON events(person);
    CREATE INDEX events_org ON events(org);
    CREATE INDEX events_from_org ON events(from_org);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_DOC_KEYS = ("schema", "id", "published", "entities", "events", "error")
_ENTITY_KEYS = ("type", "text", "start", "end", "canonical", "value", "rule")
_EVENT_KEYS = ("type", "trigger", "sentence", "arguments", "status", "rule")


class StoreError(Exception):
    """The database cannot be opened or used (message fit for `extractor: <what>`)."""


def content_hash(data: bytes | str, *context: str | None) -> str:
    """sha256 hex digest of the input bytes (text is hashed as UTF-8).

    `context` folds in anything else that changes the output for the same bytes,
    e.g. the `--published` date given on the command line (None parts are
    ignored, so `content_hash(data, None) == content_hash(data)`)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    h = hashlib.sha256(data)
    for part in context:
        if part is not None:
            h.update(b"\0" + str(part).encode("utf-8"))
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def default_version() -> str:
    """`__version__` plus a short hash of the bundled data files, so that a
    dictionary edit also invalidates stored results."""
    from extractor import __version__

    h = hashlib.sha256()
    data = Path(__file__).with_name("data")
    if data.is_dir():
        for p in sorted(data.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(data).as_posix().encode() + b"\0")
                h.update(p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _dumps(obj) -> str | None:
    return None if obj is None else json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _loads(s: str | None):
    return None if s is None else json.loads(s)


def _extra(d: dict, known: tuple[str, ...]) -> str | None:
    rest = {k: v for k, v in d.items() if k not in known}
    return _dumps(rest) if rest else None


def _first_name(args: dict, role: str) -> str | None:
    for ent in args.get(role) or ():
        if isinstance(ent, dict):
            return ent.get("canonical") or ent.get("text")
    return None


def _first_date(args: dict) -> str | None:
    for ent in args.get("date") or ():
        if isinstance(ent, dict):
            v = ent.get("value")
            if isinstance(v, dict) and v.get("value"):
                return v["value"]
            return ent.get("text")
    return None


class Store:
    """A SQLite file of documents. `Store(path)` creates or migrates it;
    `Store(path, readonly=True)` only reads (and fails if the file is missing).

    Writes are grouped: `put` runs inside a transaction that is committed every
    `batch` puts, by `commit()`, and on `close()` / leaving the `with` block
    (rolled back if the block raised). Each `put` is atomic on its own."""

    def __init__(self, path: str | Path, *, readonly: bool = False, batch: int = 200):
        self.path = str(path)
        self.readonly = readonly
        self.batch = max(1, batch)
        self._pending = 0
        self._conn = None
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"{self.path}: no such database")
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self._conn = sqlite3.connect(self.path, isolation_level=None)
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.row_factory = sqlite3.Row
            self._migrate()
        except (sqlite3.Error, StoreError) as e:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"{self.path}: {e}") from None

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None and self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self.close()

    def close(self) -> None:
        if self._conn is None:
            return
        self.commit()
        self._conn.close()
        self._conn = None

    def commit(self) -> None:
        if self._conn is not None and self._conn.in_transaction:
            self._conn.execute("COMMIT")
        self._pending = 0

    # -- schema --------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema version {current} is newer than this "
                f"extractor's ({SCHEMA_VERSION}); upgrade extractor"
            )
        if current < SCHEMA_VERSION and self.readonly:
            raise StoreError(f"{self.path}: not an extractor database (or an old one; open it once to migrate)")
        if current == 0 and not self.readonly:
            # an existing, unrelated SQLite file: refuse rather than add tables to it
            n = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if n:
                raise StoreError(f"{self.path}: not an extractor database")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            sql = MIGRATIONS[version - 1]
            self._conn.executescript(
                "BEGIN;\n" + sql + f"\n;PRAGMA user_version = {version};\n"
                f"INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{version}');\n"
                "COMMIT;"
            )

    # -- writing -------------------------------------------------------------
    def is_unchanged(self, path: str, content_hash: str, version: str) -> bool:
        """True if `path` was stored from the same bytes by the same extractor
        version without an error (documents that failed are always retried)."""
        row = self._conn.execute(
            "SELECT 1 FROM documents WHERE path = ? AND content_hash = ? "
            "AND extractor_version = ? AND error IS NULL",
            (path, content_hash, version),
        ).fetchone()
        return row is not None

    def put(self, doc: dict, path: str, content_hash: str, version: str, text: str | None = None) -> None:
        """Store one document dict (as `Document.to_dict()` gives it), replacing
        whatever `path` held. `text` (the decoded document) fills each event's
        sentence text; without it that column stays NULL."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        c = self._conn
        if not c.in_transaction:
            c.execute("BEGIN")
        c.execute("SAVEPOINT put")
        try:
            now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            row = c.execute(
                "INSERT INTO documents(path, id, content_hash, extractor_version, schema, "
                "published, error, extra, processed_at) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(path) DO UPDATE SET id=excluded.id, content_hash=excluded.content_hash, "
                "extractor_version=excluded.extractor_version, schema=excluded.schema, "
                "published=excluded.published, error=excluded.error, extra=excluded.extra, "
                "processed_at=excluded.processed_at RETURNING pk",
                (
                    path, doc.get("id", path), content_hash, version, doc.get("schema"),
                    doc.get("published"), _dumps(doc.get("error")), _extra(doc, _DOC_KEYS), now,
                ),
            ).fetchone()
            pk = row[0]
            c.execute("DELETE FROM entities WHERE doc = ?", (pk,))
            c.execute("DELETE FROM events WHERE doc = ?", (pk,))
            c.executemany(
                'INSERT INTO entities(doc, idx, type, text, start, "end", canonical, value, rule, extra) '
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        pk, i, e.get("type"), e.get("text"), e.get("start"), e.get("end"),
                        e.get("canonical"), _dumps(e.get("value")), e.get("rule"), _extra(e, _ENTITY_KEYS),
                    )
                    for i, e in enumerate(doc.get("entities") or ())
                ],
            )
            c.executemany(
                "INSERT INTO events(doc, idx, type, status, rule, trigger, trigger_start, trigger_end, "
                "sentence_start, sentence_end, sentence_text, arguments, person, org, from_org, title, "
                "date, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [self._event_row(pk, i, ev, text) for i, ev in enumerate(doc.get("events") or ())],
            )
            c.execute("RELEASE put")
        except BaseException:
            c.execute("ROLLBACK TO put")
            c.execute("RELEASE put")
            raise
        self._pending += 1
        if self._pending >= self.batch:
            self.commit()

    @staticmethod
    def _event_row(pk: int, i: int, ev: dict, text: str | None) -> tuple:
        trig = ev.get("trigger") or {}
        sent = ev.get("sentence") or {}
        s0, s1 = sent.get("start"), sent.get("end")
        stext = sent.get("text")
        if stext is None and text is not None and isinstance(s0, int) and isinstance(s1, int):
            stext = text[s0:s1]
        sent_extra = {k: v for k, v in sent.items() if k not in ("start", "end")}
        extra = {k: v for k, v in ev.items() if k not in _EVENT_KEYS}
        if sent_extra:
            extra["_sentence"] = sent_extra
        if set(trig) - {"text", "start", "end"}:
            extra["_trigger"] = {k: v for k, v in trig.items() if k not in ("text", "start", "end")}
        args = ev.get("arguments") or {}
        return (
            pk, i, ev.get("type"), ev.get("status"), ev.get("rule"),
            trig.get("text"), trig.get("start"), trig.get("end"),
            s0, s1, stext, _dumps(args),
            _first_name(args, "person"), _first_name(args, "org"), _first_name(args, "from_org"),
            _first_name(args, "title"), _first_date(args),
            _dumps(extra) if extra else None,
        )

    # -- reading -------------------------------------------------------------
    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def iter_documents(self, *, sentence_text: bool = False) -> Iterator[dict]:
        """The stored documents, by path, as the dicts `extract` printed.
        With `sentence_text=True` each event's `sentence` also carries `text`
        (an extension used by `extractor flows` to quote its sources)."""
        docs = self._conn.execute("SELECT * FROM documents ORDER BY path")
        for row in docs:
            yield self._document(row, sentence_text)

    def _document(self, row: sqlite3.Row, sentence_text: bool) -> dict:
        pk = row["pk"]
        doc: dict = {}
        if row["schema"] is not None:
            doc["schema"] = row["schema"]
        doc["id"] = row["id"]
        doc["published"] = row["published"]
        doc["entities"] = [
            self._entity(e)
            for e in self._conn.execute("SELECT * FROM entities WHERE doc = ? ORDER BY idx", (pk,))
        ]
        doc["events"] = [
            self._event(e, sentence_text)
            for e in self._conn.execute("SELECT * FROM events WHERE doc = ? ORDER BY idx", (pk,))
        ]
        if row["error"] is not None:
            doc["error"] = _loads(row["error"])
        if row["extra"] is not None:
            doc.update(_loads(row["extra"]))
        return doc

    @staticmethod
    def _entity(r: sqlite3.Row) -> dict:
        e = {"type": r["type"], "text": r["text"], "start": r["start"], "end": r["end"]}
        if r["canonical"] is not None:
            e["canonical"] = r["canonical"]
        if r["value"] is not None:
            e["value"] = _loads(r["value"])
        if r["rule"] is not None:
            e["rule"] = r["rule"]
        if r["extra"] is not None:
            e.update(_loads(r["extra"]))
        return e

    @staticmethod
    def _event(r: sqlite3.Row, sentence_text: bool) -> dict:
        extra = _loads(r["extra"]) or {}
        trig = {"text": r["trigger"], "start": r["trigger_start"], "end": r["trigger_end"]}
        trig.update(extra.pop("_trigger", {}))
        sent = {"start": r["sentence_start"], "end": r["sentence_end"]}
        sent.update(extra.pop("_sentence", {}))
        if sentence_text and r["sentence_text"] is not None:
            sent["text"] = r["sentence_text"]
        ev = {
            "type": r["type"],
            "trigger": trig,
            "sentence": sent,
            "arguments": _loads(r["arguments"]),
            "status": r["status"],
            "rule": r["rule"],
        }
        ev.update(extra)
        return ev
