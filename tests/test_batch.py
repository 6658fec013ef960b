"""Folders of many articles (issue 5) and the store (issue 7): --jobs, input
order, streaming, progress, start-up, jieba's cache, HTML, --db."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT
from extractor import batch
from extractor.cli import cli

EXE = os.path.join(os.path.dirname(sys.executable), "extractor")
SAMPLES = os.path.join(ROOT, "samples")
ARTICLE = "据知情人士透露,前腾讯高级总监林述白已于上月正式加入星衡智能,出任首席技术官。他在腾讯工作了八年。"


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def docs(output: str) -> list[dict]:
    return [json.loads(l) for l in output.splitlines() if l.strip()]


def make_folder(path, copies: int = 3):
    """The project's own samples, several times over, plus a few small files."""
    path.mkdir(exist_ok=True)
    names = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".txt"))
    for i in range(copies):
        for n in names:
            shutil.copy(os.path.join(SAMPLES, n), path / f"{i}-{n}")
    (path / "z-short.md").write_text(ARTICLE, encoding="utf-8")
    (path / "z-empty.txt").write_text("", encoding="utf-8")
    return path


def env(tmp_path, **extra):
    return {**os.environ, "EXTRACTOR_CACHE_DIR": os.environ.get("EXTRACTOR_CACHE_DIR", str(tmp_path)), **extra}


# -- --jobs: the same bytes, in input order ------------------------------------------

def test_jobs_1_and_2_give_byte_identical_output(tmp_path):
    """Two real processes, with different hash seeds, so that neither the pool
    nor any set or dict order in the pipeline can change a byte."""
    folder = make_folder(tmp_path / "news")
    outs = []
    for jobs, seed in (("1", "1"), ("2", "2")):
        res = subprocess.run([EXE, "extract", "--jobs", jobs, "--format", "jsonl", "--published", "2025-03-20",
                              str(folder)], capture_output=True, timeout=300, env=env(tmp_path, PYTHONHASHSEED=seed))
        assert res.returncode == 0, res.stderr.decode()
        assert res.stderr == b""
        outs.append(res.stdout)
    assert outs[0] == outs[1]
    ids = [d["id"] for d in docs(outs[0].decode())]
    assert ids == sorted(ids) and len(ids) == len(os.listdir(folder))


def test_jobs_2_in_process_keeps_order_and_errors(tmp_path, validate):
    folder = make_folder(tmp_path / "news", copies=1)
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    one = run(["extract", "--jobs", "1", "--format", "jsonl", str(folder)])
    two = run(["extract", "--jobs", "2", "--format", "jsonl", str(folder)])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr == f"extractor: {folder / 'b-binary.txt'}: not text (binary)\n"
    for d in docs(two.stdout):
        validate(d)


@pytest.mark.parametrize("fmt", ["jsonl", "events"])
def test_workers_render_the_line_formats_to_the_same_bytes(tmp_path, monkeypatch, fmt):
    """With --jobs 2 the workers render each document in a line format (batch.Rendered), errors
    too; the output, the error lines and the exit code are those of --jobs 1."""
    folder = make_folder(tmp_path / "news", copies=1)
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    kinds = []
    real = batch.make_writer

    def make_writer(*a, **k):
        w = real(*a, **k)
        real_write = w.write

        def write(doc):
            kinds.append(type(doc).__name__)
            real_write(doc)
        w.write = write
        return w

    monkeypatch.setattr(batch, "make_writer", make_writer)
    one = run(["extract", "--jobs", "1", "--format", fmt, str(folder)])
    assert set(kinds) == {"dict"}
    kinds.clear()
    two = run(["extract", "--jobs", "2", "--format", fmt, str(folder)])
    assert set(kinds) == {"Rendered"}
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 3
    assert one.stderr == two.stderr == f"extractor: {folder / 'b-binary.txt'}: not text (binary)\n"


class _Spy:
    """Records reads (sources handed out) and writes (documents written)."""

    def __init__(self, monkeypatch):
        self.log = []
        real_iter, real_writer = batch.iter_sources, batch.make_writer

        def iter_sources(*a, **k):
            for s in real_iter(*a, **k):
                self.log.append(("read", s.id))
                yield s

        def make_writer(*a, **k):
            w = real_writer(*a, **k)
            real_write = w.write

            def write(doc):
                self.log.append(("write", batch.summary(doc)[0]))
                real_write(doc)
            w.write = write
            return w

        monkeypatch.setattr(batch, "iter_sources", iter_sources)
        monkeypatch.setattr(batch, "make_writer", make_writer)

    def max_in_flight(self) -> int:
        n = best = 0
        for kind, _ in self.log:
            n += 1 if kind == "read" else -1
            best = max(best, n)
        return best


@pytest.mark.parametrize("jobs", [1, 2])
def test_output_streams_and_memory_stays_flat(tmp_path, monkeypatch, jobs):
    """The first document is written long before the last file is read, and
    the documents read but not yet written never exceed the pool's window."""
    folder = tmp_path / "many"
    folder.mkdir()
    n = 120
    for i in range(n):
        (folder / f"{i:03}.txt").write_text(f"第{i}篇。" + ARTICLE, encoding="utf-8")
    spy = _Spy(monkeypatch)
    res = run(["extract", "--jobs", str(jobs), "--format", "jsonl", str(folder)])
    assert res.exit_code == 0
    assert len(docs(res.stdout)) == n
    first_write = spy.log.index(("write", str(folder / "000.txt")))
    last_read = spy.log.index(("read", str(folder / f"{n - 1:03}.txt")))
    assert first_write < last_read
    bound = 1 if jobs == 1 else jobs * batch.WINDOW * batch.CHUNK + batch.CHUNK
    assert spy.max_in_flight() <= bound


def test_a_worker_that_dies_costs_its_documents_not_the_run(tmp_path, monkeypatch):
    """A worker killed mid-run (out of memory, a signal) must not hang the
    pool: the documents in flight are done again one by one, and only the
    one that kills its worker becomes an error document."""
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02}.txt").write_text(ARTICLE, encoding="utf-8")
    real = batch.process

    def process(pipe, src, published):
        if src.id.endswith("05.txt"):
            os._exit(3)     # in the (forked) worker
        return real(pipe, src, published)

    monkeypatch.setattr(batch, "process", process)
    res = run(["extract", "--jobs", "2", "--format", "jsonl", str(folder)])
    assert res.exit_code == 1
    out = docs(res.stdout)
    assert [os.path.basename(d["id"]) for d in out] == [f"{i:02}.txt" for i in range(12)]
    [bad] = [d for d in out if "error" in d]
    assert bad["id"] == str(folder / "05.txt") and bad["error"]["kind"] == "internal"
    assert res.stderr == f"extractor: {bad['id']}: {bad['error']['message']}\n"
    assert all(d["events"] for d in out if "error" not in d)
    assert "Traceback" not in res.stderr


def test_tasks_grow_from_one_document_to_a_chunk(monkeypatch):
    """The first tasks are small (the first lines come at once, a small folder is shared out
    evenly), then CHUNK documents a task (the main process's cost spread over more of them)."""
    import concurrent.futures

    sizes = []

    def submit(self, chunk):
        sizes.append(len(chunk))
        done = concurrent.futures.Future()
        done.set_result([f"doc {src}" for src in chunk])
        return done

    monkeypatch.setattr(batch.Workers, "_submit", submit)
    assert batch.CHUNK == 8
    out = list(batch.Workers(2, None).run(range(40)))
    assert out == [(i, f"doc {i}") for i in range(40)]
    assert sizes == [1, 1, 2, 2, 4, 4, 8, 8, 8, 2]


def test_the_pipelines_lasting_objects_leave_the_collector_after_its_first_document(monkeypatch, pipeline):
    """gc.freeze() once the first document has built the taggers' tables, and only then."""
    from extractor.sources import Source

    frozen = []
    monkeypatch.setattr(batch.gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(batch, "_SETTLED", None)
    bad = Source(id="bad", error_kind="io", error="cannot read")
    assert "error" in batch.process(pipeline, bad, None) and frozen == []
    for i in range(3):
        doc = batch.process(pipeline, Source(id=str(i), text=ARTICLE), "2025-03-20")
        assert doc["events"]
    assert frozen == [True]


# a pool of two workers with no dictionaries (the pool alone is under test), and what a worker cut
# off in the middle of a long result leaves in the pipe: a header announcing 1000 bytes, and 10 of them
_POOL = """
import os, signal, struct, threading, time
from extractor import batch
batch._init_worker = lambda *args: None
workers = batch.Workers(2, None)

def half_a_result():
    os.write(workers.ex._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)
    time.sleep(0.5)                         # the executor's thread reads, and waits for the rest
"""


def _pool_script(tmp_path, script: str) -> bytes:
    """What `script`, run after _POOL in a process of its own, prints."""
    res = subprocess.run([sys.executable, "-c", _POOL + script], capture_output=True, timeout=120,
                         env=env(tmp_path), cwd=ROOT)
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    return res.stdout


_HALF_A_RESULT = """
workers._start()
assert workers.ex.submit(os.getpid).result(timeout=60) > 0
half_a_result()
closing = threading.Thread(target=workers.close, kwargs={"kill": True}, daemon=True)
closing.start()
closing.join(30)
print("hung" if closing.is_alive() else "closed", flush=True)
os._exit(0)                                 # not the interpreter's exit, which would wait for that thread
"""


_DIED_MID_RESULT = """
from extractor.sources import Source

def slow(chunk, render=None):
    time.sleep(1.5)
    return [{"id": src.id, "events": []} for src, _ in chunk]

batch._work = slow
src = Source(id="0", text="x")
workers.inflight.append(([src], workers._submit([src])))
while len(workers.ex._processes) < 2:
    time.sleep(0.05)
half_a_result()                             # and no worker left to write the rest (both killed)
for p in list(workers.ex._processes.values()):
    os.kill(p.pid, signal.SIGKILL)
got = []
waiting = threading.Thread(target=lambda: got.extend(workers._next()), daemon=True)
waiting.start()
waiting.join(60)
print(got == [(src, {"id": "0", "events": []})] and "redone" or "hung", flush=True)
workers.close(kill=True)                    # the new pool's workers (they hold the test's pipes)
os._exit(0)
"""


def test_a_worker_dead_mid_result_costs_no_hang(tmp_path):
    """A worker that dies while it writes its result (killed, out of memory) leaves the executor's
    thread waiting for the rest of the message, blind to the death: the run must not wait on the
    future forever but see the dead worker, kill the pool and redo the documents."""
    assert _pool_script(tmp_path, _DIED_MID_RESULT) == b"redone\n"


def test_a_pool_killed_mid_result_still_closes(tmp_path):
    """The interrupt path (close(kill=True)) once hung: a worker terminated while it wrote a
    result leaves half a message in the result pipe, and the executor's thread waited for the
    rest forever. Here the half message is written by hand."""
    assert _pool_script(tmp_path, _HALF_A_RESULT) == b"closed\n"


# -- progress and the summary line ---------------------------------------------------

def test_no_progress_or_summary_when_stderr_is_not_a_terminal(tmp_path):
    folder = make_folder(tmp_path / "news", copies=1)
    res = run(["extract", "--format", "jsonl", str(folder)])
    assert res.exit_code == 0 and res.stderr == ""


def test_progress_bar_and_summary_on_a_terminal(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x00\x00binary")
    (folder / "c.txt").write_text(ARTICLE, encoding="utf-8")
    screen = io.StringIO()
    made = []

    class Bar(batch.Progress):
        def __init__(self, enabled, console=None):
            super().__init__(enabled, Console(file=screen, force_terminal=True, width=120))
            made.append(self)

        def stop(self):
            if self.bar is not None:
                self.bar.refresh()
            super().stop()

    monkeypatch.setattr(batch, "Progress", Bar)
    monkeypatch.setattr(batch, "stderr_is_terminal", lambda: True)
    res = run(["extract", "--format", "jsonl", "--jobs", "1", str(folder)])
    assert res.exit_code == 1
    assert made[0].done == 3 and made[0].errors == 1
    assert "3/3" in screen.getvalue() and "errors 1" in screen.getvalue()
    last = res.stderr.splitlines()[-1]
    assert last.startswith("extractor: 3 documents, ") and ", 1 errors in " in last
    # -q: no bar, no summary; the error line stays
    screen.truncate(0)
    made.clear()
    res = run(["extract", "--format", "jsonl", "-q", str(folder)])
    assert made[0].bar is None and screen.getvalue() == ""
    assert res.stderr == f"extractor: {folder / 'b.txt'}: not text (binary)\n"


# -- start-up -----------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--help"], ["--version"], ["extract", "--help"], ["flows", "--help"]])
def test_help_and_version_do_not_import_jieba(args):
    code = ("import sys\nfrom extractor.cli import main\nsys.argv = ['extractor'] + %r\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('jieba', 'regex', 'rich', 'extractor.api', 'charset_normalizer', "
            "'trafilatura') if m in sys.modules)\nsys.stderr.write(repr(heavy))\n") % (args,)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0
    assert res.stderr == "[]"


def test_jieba_merged_dictionary_is_cached(tmp_path, monkeypatch):
    """The first Segmenter builds the merged dictionary and writes the cache;
    the next loads it and never initialises jieba's own dictionary."""
    import jieba

    from extractor.lexicon import load
    from extractor.segment import Segmenter

    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    lex = load()
    first = Segmenter(lex.jieba_words(), lex.fingerprint())
    [cached] = os.listdir(tmp_path / "cache")
    assert cached.startswith("jieba-merged-") and cached.endswith(".cache")

    def boom(*a, **k):
        raise AssertionError("jieba's dictionary was loaded despite the cache")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", boom)
    second = Segmenter(lex.jieba_words(), lex.fingerprint())
    text = "零一万物前算法副总裁黄文灏加入字节跳动，出任Seed团队负责人。"
    assert second.tokens(text) == first.tokens(text)
    assert second.tag("字节跳动") == first.tag("字节跳动")
    monkeypatch.undo()
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    # other dictionaries (a user's) get their own cache file
    Segmenter(lex.jieba_words() + [("星衡智能", 20000, "nt")], lex.fingerprint() + "user")
    assert len(os.listdir(tmp_path / "cache")) == 2


def test_jieba_chatter_never_reaches_the_terminal(tmp_path):
    """Neither the first run (building the cache) nor the next print anything
    but JSON: jieba's "Building prefix dict..." lines are silenced."""
    e = env(tmp_path, EXTRACTOR_CACHE_DIR=str(tmp_path / "fresh"))
    for _ in range(2):
        res = subprocess.run([EXE, "extract", "--format", "jsonl"], input=ARTICLE.encode(), capture_output=True,
                             timeout=300, env=e)
        assert res.returncode == 0
        assert res.stderr == b""
        assert docs(res.stdout.decode())[0]["events"]
    assert len(os.listdir(tmp_path / "fresh")) == 1


def test_long_texts_are_segmented_in_pieces_with_the_same_tokens(pipeline):
    from extractor import segment

    seg = pipeline.segmenter
    text = ("星衡智能挖来腾讯前专家研究员欧阳霁川，出任首席技术官。" * 40 + "\n") * 5
    assert seg.tokens(text) == list(seg._tk.tokenize(text, HMM=True))
    run_ = "中" * 2000 + "。" + "abc" * 500
    toks = seg.tokens(run_)
    assert "".join(w for w, _, _ in toks) == run_
    assert all(run_[s:e] == w for w, s, e in toks)
    for s, e in segment.pieces(run_):
        assert e - s <= segment.PIECE


# -- HTML ------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>星衡智能</title>
<meta property="article:published_time" content="2025-03-18T09:00:00+08:00"></head>
<body><nav>首页 | 科技 | 财经</nav><article><h1>星衡智能新任首席技术官</h1>
<p>据知情人士透露，前腾讯高级总监林述白已于上月正式加入星衡智能，出任首席技术官。他在腾讯工作了八年，此前负责机器人平台。</p>
<p>星衡智能方面确认了这一消息，并表示将继续扩充研发团队，今年计划新增一百名工程师。</p></article>
<footer>版权所有</footer></body></html>"""


def test_html_without_trafilatura_gives_a_one_line_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)   # as if not installed
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run(["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 1
    a, p = docs(res.stdout)
    assert a["events"] and p["error"]["kind"] == "html"
    assert res.stderr == f"extractor: {page}: HTML needs the optional extra: pip install 'extractor[html]'\n"


def test_html_with_trafilatura(tmp_path, validate):
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.htm"
    page.write_text(HTML, encoding="utf-8")
    res = run(["extract", "--format", "jsonl", str(page)])
    assert res.exit_code == 0, res.stderr
    [doc] = docs(res.stdout)
    validate(doc)
    assert doc["published"] == "2025-03-18"
    assert any(e["type"] == "join" for e in doc["events"])
    assert not any(e["text"] in ("首页", "版权所有") for e in doc["entities"])


# -- --db --------------------------------------------------------------------------------

def _stored(db) -> dict:
    with sqlite3.connect(db) as c:
        return dict(c.execute("SELECT path, content_hash FROM documents"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_db_second_run_skips_unchanged_and_reprocesses_a_changed_file(tmp_path, jobs):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in (("a.txt", ARTICLE), ("b.txt", "欧阳闻笛上月从百度离职。"), ("c.txt", "周畅已于10月底加入字节跳动。")):
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    first = run(["extract", "--db", db, "--jobs", jobs, "--format", "jsonl", str(folder)])
    assert first.exit_code == 0 and first.stderr == ""
    assert [d["id"] for d in docs(first.stdout)] == [str(folder / n) for n in ("a.txt", "b.txt", "c.txt")]
    hashes = _stored(db)
    assert sorted(hashes) == [str(folder / n) for n in ("a.txt", "b.txt", "c.txt")]

    second = run(["extract", "--db", db, "--jobs", jobs, "--format", "jsonl", str(folder)])
    assert second.exit_code == 0
    assert second.stdout == ""
    assert second.stderr == "extractor: skipped 3 unchanged\n"
    assert run(["extract", "--db", db, "-q", str(folder)]).stderr == ""

    (folder / "b.txt").write_text("欧阳闻笛上月从百度离职，加入星衡智能。", encoding="utf-8")
    third = run(["extract", "--db", db, "--jobs", jobs, "--format", "jsonl", str(folder)])
    assert [d["id"] for d in docs(third.stdout)] == [str(folder / "b.txt")]
    assert third.stderr == "extractor: skipped 2 unchanged\n"
    after = _stored(db)
    assert after[str(folder / "b.txt")] != hashes[str(folder / "b.txt")]
    assert after[str(folder / "a.txt")] == hashes[str(folder / "a.txt")]

    # what changes the output for the same bytes changes the hash: --published
    fourth = run(["extract", "--db", db, "--published", "2025-01-01", "--format", "jsonl", str(folder)])
    assert len(docs(fourth.stdout)) == 3 and fourth.stderr == ""


def test_db_content_hash_is_the_stores(tmp_path):
    from extractor.lexicon import load
    from extractor.store import content_hash

    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode("gb18030"))
    db = str(tmp_path / "c.db")
    run(["extract", "--db", db, "--published", "2025-03-01", str(p)])
    expected = content_hash(p.read_bytes(), "2025-03-01", load().fingerprint(), "text", "text", "id", "published")
    assert _stored(db) == {str(p): expected}


def test_db_jsonl_records_are_keyed_by_id_and_stored_in_order(tmp_path):
    from extractor.store import Store

    recs = [{"id": "n1", "text": "周畅已于10月底加入字节跳动。", "published": "2024-11-15"},
            {"text": "欧阳闻笛上月从百度离职。"}, {"id": "n3", "text": ARTICLE}]
    src = tmp_path / "records.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / "c.db")
    res = run(["extract", "--db", db, "--jobs", "2", "--format", "jsonl", str(src)])
    assert res.exit_code == 0
    printed = docs(res.stdout)
    with Store(db, readonly=True) as store:
        stored = list(store.iter_documents())
    assert {d["id"] for d in stored} == {"n1", f"{src}:2", "n3"}
    by_id = {d["id"]: d for d in stored}
    for d in printed:
        assert by_id[d["id"]]["events"] == d["events"]
    assert run(["extract", "--db", db, str(src)]).stderr == "extractor: skipped 3 unchanged\n"


def test_db_failed_documents_are_stored_and_retried(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\x00" * 64)
    db = str(tmp_path / "c.db")
    for _ in range(2):
        res = run(["extract", "--db", db, "--format", "jsonl", str(p)])
        assert res.exit_code == 1 and docs(res.stdout)[0]["error"]["kind"] == "binary"
        assert "skipped" not in res.stderr


def test_db_that_is_not_an_extractor_database_is_a_one_line_error(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE t (x)")
    res = run(["extract", "--db", str(db)], input=ARTICLE)
    assert res.exit_code == 2
    assert res.stderr == f"extractor: {db}: not an extractor database\n"
    assert res.stdout == ""


def test_caches_unread_for_a_month_are_deleted_when_a_new_one_is_written(tmp_path, monkeypatch):
    """Each change of dictionaries or version writes a new cache (14 MB): one that no run
    has read for CACHE_KEEP_DAYS goes when the next is written; one read lately stays,
    and reading an old cache marks it as in use."""
    import time

    from extractor import segment
    from extractor.lexicon import load

    cache = tmp_path / "cache"
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(cache))
    lex = load()
    segment.Segmenter(lex.jieba_words(), lex.fingerprint())
    [current] = os.listdir(cache)
    long_ago = time.time() - (segment.CACHE_KEEP_DAYS + 1) * 86400
    os.utime(cache / current, (long_ago, long_ago))
    segment.Segmenter(lex.jieba_words(), lex.fingerprint())          # read: marked as in use
    assert os.stat(cache / current).st_mtime > time.time() - 3600
    stale, recent = cache / "jieba-merged-0000000000000000.cache", cache / "jieba-merged-1111111111111111.cache"
    other = cache / "notes.txt"   # not a cache of ours, however old
    for f in (stale, recent, other):
        f.write_bytes(b"x")
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    segment.Segmenter(lex.jieba_words() + [("星衡智能", 20000, "nt")], lex.fingerprint() + "user")   # a new cache
    left = set(os.listdir(cache))
    assert stale.name not in left
    assert {current, recent.name, other.name} <= left and len(left) == 4
