"""The SQLite store (`extractor.store`): round trip, incremental re-runs, migrations."""
from __future__ import annotations

import copy
import sqlite3

import pytest

from extractor import store as S
from extractor.store import Store, StoreError, content_hash

TEXT = "据悉，前腾讯工程师何星野已于3月18日加入云杉智能，出任CTO。"


def sample_doc(id_="a.txt"):
    return {
        "schema": "extractor/1",
        "id": id_,
        "published": "2025-04-02",
        "entities": [
            {"type": "person", "text": "何星野", "start": 10, "end": 13, "canonical": "何星野", "rule": "dict"},
            {"type": "org", "text": "腾讯", "start": 4, "end": 6, "canonical": "腾讯"},
            {"type": "date", "text": "3月18日", "start": 15, "end": 20,
             "value": {"value": "2025-03-18", "start": "2025-03-18", "end": "2025-03-18", "grain": "day"}},
            {"type": "title", "text": "CTO", "start": 31, "end": 34, "extension": [1, 2]},
        ],
        "events": [{
            "type": "join",
            "trigger": {"text": "加入", "start": 20, "end": 22},
            "sentence": {"start": 3, "end": 35},
            "arguments": {
                "person": [{"type": "person", "text": "何星野", "start": 10, "end": 13, "canonical": "何星野"}],
                "org": [{"type": "org", "text": "云杉智能", "start": 22, "end": 26}],
                "from_org": [{"type": "org", "text": "腾讯", "start": 4, "end": 6, "canonical": "腾讯"}],
                "title": [{"type": "title", "text": "CTO", "start": 31, "end": 34}],
                "date": [{"type": "date", "text": "3月18日", "start": 15, "end": 20, "value": {"value": "2025-03-18"}}],
            },
            "status": "reported",
            "rule": "<person> 加入 <org>",
            "confidence": 0.9,
        }],
        "lang": "zh",
    }


def test_round_trip(tmp_path):
    d = sample_doc()
    with Store(tmp_path / "x.db") as s:
        s.put(copy.deepcopy(d), "in/a.txt", content_hash(TEXT), "v1", TEXT)
    with Store(tmp_path / "x.db", readonly=True) as s:
        (got,) = list(s.iter_documents())
        assert got == d
        assert list(got) == list(d)                       # key order as printed
        assert list(got["entities"][0]) == list(d["entities"][0])
        (with_text,) = list(s.iter_documents(sentence_text=True))
        assert with_text["events"][0]["sentence"] == {"start": 3, "end": 35, "text": TEXT[3:35]}
        assert len(s) == 1


def test_error_document_round_trip(tmp_path):
    d = {"schema": "extractor/1", "id": "-", "published": None, "entities": [], "events": [],
         "error": {"kind": "decode", "message": "not text"}}
    with Store(tmp_path / "x.db") as s:
        s.put(d, "-", content_hash(b"\xff\xfe"), "v1")
        assert list(s.iter_documents()) == [d]
        assert not s.is_unchanged("-", content_hash(b"\xff\xfe"), "v1")    # failures are retried


def test_numeric_ids_stay_numbers(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.put(sample_doc(3), "in.jsonl#3", "h", "v1")
        s.put(sample_doc("4"), "in.jsonl#4", "h", "v1")
        assert [d["id"] for d in s.iter_documents()] == [3, "4"]


def test_denormalised_columns_for_sql(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.put(sample_doc(), "in/a.txt", content_hash(TEXT), "v1", TEXT)
    con = sqlite3.connect(tmp_path / "x.db")
    row = con.execute("SELECT person, org, from_org, title, date, status, trigger, sentence_text FROM events").fetchone()
    assert row == ("何星野", "云杉智能", "腾讯", "CTO", "2025-03-18", "reported", "加入", TEXT[3:35])
    assert con.execute("SELECT count(*) FROM entities WHERE type = 'org' AND canonical = '腾讯'").fetchone() == (1,)
    assert con.execute("SELECT id, path, extractor_version FROM documents").fetchone() == ("a.txt", "in/a.txt", "v1")
    con.close()


def test_put_replaces_the_paths_rows(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.put(sample_doc(), "in/a.txt", "h1", "v1", TEXT)
        s.put(sample_doc("b.txt"), "in/b.txt", "h2", "v1", TEXT)
        newer = sample_doc()
        newer["events"] = []
        newer["entities"] = newer["entities"][:1]
        s.put(newer, "in/a.txt", "h3", "v1", TEXT)
        docs = {d["id"]: d for d in s.iter_documents()}
        assert docs["a.txt"] == newer and docs["b.txt"] == sample_doc("b.txt")
        assert s._conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert s._conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 5


def test_failed_put_leaves_previous_rows(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.put(sample_doc(), "in/a.txt", "h1", "v1", TEXT)
        bad = sample_doc()
        bad["events"][0]["arguments"] = {"x": object()}       # not JSON-serialisable
        with pytest.raises(TypeError):
            s.put(bad, "in/a.txt", "h2", "v1", TEXT)
        s.put(sample_doc("b.txt"), "in/b.txt", "h3", "v1", TEXT)
    with Store(tmp_path / "x.db") as s:
        assert [d["id"] for d in s.iter_documents()] == ["a.txt", "b.txt"]
        assert s.is_unchanged("in/a.txt", "h1", "v1")


def test_skip_unchanged_on_a_second_run(tmp_path):
    """What `extractor extract INPUTS --db FILE` does, at the store level."""
    inputs = {f"in/{i}.txt": f"第{i}篇：何星野加入云杉智能。".encode() for i in range(5)}

    def run(changed=()):
        processed = skipped = 0
        with Store(tmp_path / "c.db", batch=2) as s:
            for path, data in inputs.items():
                h = content_hash(data)
                if s.is_unchanged(path, h, "v1"):
                    skipped += 1
                    continue
                s.put(sample_doc(path), path, h, "v1", data.decode())
                processed += 1
        return processed, skipped

    assert run() == (5, 0)
    assert run() == (0, 5)
    inputs["in/3.txt"] = b"changed"
    assert run() == (1, 4)
    with Store(tmp_path / "c.db") as s:
        assert not s.is_unchanged("in/0.txt", content_hash(inputs["in/0.txt"]), "v2")   # new extractor version
        assert not s.is_unchanged("in/9.txt", "x", "v1")


def test_content_hash():
    assert content_hash("何") == content_hash("何".encode("utf-8"))
    assert content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash(b"x", None) == content_hash(b"x") != content_hash(b"x", "2025-04-02")


def test_default_version_names_the_package():
    from extractor import __version__

    assert S.default_version().startswith(__version__ + "+")


def test_batches_commit_and_wal(tmp_path):
    db = tmp_path / "x.db"
    s = Store(db, batch=2)
    assert s._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other = sqlite3.connect(db)
    count = lambda: other.execute("SELECT count(*) FROM documents").fetchone()[0]  # noqa: E731
    s.put(sample_doc("1"), "1", "h", "v1")
    assert count() == 0                       # not committed yet
    s.put(sample_doc("2"), "2", "h", "v1")
    assert count() == 2                       # a batch of 2
    s.put(sample_doc("3"), "3", "h", "v1")
    s.commit()
    assert count() == 3
    s.put(sample_doc("4"), "4", "h", "v1")
    s.close()
    assert count() == 4                       # committed on close
    other.close()


def test_exception_in_with_block_rolls_back_the_open_batch(tmp_path):
    with pytest.raises(RuntimeError):
        with Store(tmp_path / "x.db") as s:
            s.put(sample_doc(), "a", "h", "v1")
            raise RuntimeError
    with Store(tmp_path / "x.db") as s:
        assert len(s) == 0


def test_new_database_has_the_schema_version(tmp_path):
    with Store(tmp_path / "x.db") as s:
        assert s.schema_version == S.SCHEMA_VERSION == len(S.MIGRATIONS)
        assert s._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(S.SCHEMA_VERSION)


def test_a_later_migration_step_is_applied_once(tmp_path, monkeypatch):
    db = tmp_path / "x.db"
    with Store(db) as s:
        s.put(sample_doc(), "a", "h", "v1", TEXT)
    step = "ALTER TABLE documents ADD COLUMN source TEXT; CREATE INDEX documents_source ON documents(source);"
    monkeypatch.setattr(S, "MIGRATIONS", [*S.MIGRATIONS, step])
    monkeypatch.setattr(S, "SCHEMA_VERSION", len(S.MIGRATIONS))
    for _ in range(2):                         # the second open has nothing to do
        with Store(db) as s:
            assert s.schema_version == len(S.MIGRATIONS)
            cols = [r[1] for r in s._conn.execute("PRAGMA table_info(documents)")]
            assert "source" in cols
            assert [d["id"] for d in s.iter_documents()] == ["a.txt"]


def test_refuses_a_newer_database(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {S.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


@pytest.mark.parametrize("setup, match", [
    ("junk", "not a database"),
    ("other_sqlite", "not an extractor database"),
])
def test_refuses_other_files(tmp_path, setup, match):
    db = tmp_path / "x.db"
    if setup == "junk":
        db.write_bytes(b"hello " * 1000)
    else:
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match=match if not readonly or setup == "junk" else "not an extractor"):
            Store(db, readonly=readonly)


def test_readonly(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()
    Store(tmp_path / "x.db").close()
    with Store(tmp_path / "x.db", readonly=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.put(sample_doc(), "a", "h", "v1")
