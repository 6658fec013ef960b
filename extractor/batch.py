"""Running `extract` over many inputs: the worker pool, input order,
progress, the summary line, atomic output files and the optional store.

Documents stream: each is written as soon as it (and every one before it) is
done, so memory stays flat however many files a folder holds. With `--jobs N`
(N > 1) a process pool whose workers each load the dictionaries once (pool
initializer) takes the texts in chunks; `imap` keeps the input order, so the
output is byte-identical to `--jobs 1`.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import time
from typing import Callable, Iterable, Iterator

from extractor.model import Document
from extractor.output import make_writer
from extractor.sources import Options, Source, iter_sources

CHUNK = 8       # documents per task sent to a worker
_PIPE = None   # the worker's pipeline, set by the pool initializer


def _init_worker(user_dicts: tuple[str, ...], strict: bool) -> None:
    global _PIPE
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent handles Ctrl-C
    from extractor.api import Pipeline
    from extractor.lexicon import load

    _PIPE = Pipeline(load(user_dicts, strict=strict, warn=lambda m: None))


def process(pipe, src: Source, published: str | None) -> dict:
    """One source to one output document (a dict); never raises."""
    if not src.ok:
        return Document.failed(src.id, src.error_kind, src.error, src.published or published).to_dict()
    try:
        return pipe.extract(src.text, published=src.published or published, id=src.id).to_dict()
    except Exception as e:  # a bug must cost one document, not the run
        return Document.failed(src.id, "internal", f"{type(e).__name__}: {e}", src.published or published).to_dict()


def _work(item: tuple[Source, str | None]) -> dict:
    return process(_PIPE, *item)


@contextlib.contextmanager
def _open_output(output: str | None):
    """stdout, or a temporary file beside OUTPUT renamed over it on success."""
    if output is None:
        yield sys.stdout
        return
    d = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".extractor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Progress:
    """A rich progress bar on stderr when stderr is a terminal; else nothing."""

    def __init__(self, enabled: bool):
        self.bar = None
        self.task = None
        self.errors = 0
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeRemainingColumn)

            self.bar = RichProgress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                                    TextColumn("errors {task.fields[errors]}"), TimeRemainingColumn(),
                                    console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=None, rate="-", errors=0)
        self.t0 = time.perf_counter()
        self.done = 0

    def total(self, n: int | None) -> None:
        if self.bar is not None:
            self.bar.update(self.task, total=n)

    def advance(self, error: bool) -> None:
        self.done += 1
        self.errors += error
        if self.bar is not None:
            rate = self.done / max(time.perf_counter() - self.t0, 1e-9)
            self.bar.update(self.task, advance=1, rate=f"{rate:.1f}", errors=self.errors)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _count_inputs(inputs: Iterable[str], opts: Options) -> int | None:
    """The number of files to read, for the progress bar (None for stdin)."""
    from extractor.sources import walk

    n = 0
    for inp in inputs:
        if inp == "-" or opts.input_format == "jsonl":
            return None
        if os.path.isdir(inp):
            n += sum(1 for _ in walk(inp, opts.globs))
        else:
            n += 1
    return n


def _results(sources: Iterator[Source], pipe, published, jobs: int, user_dicts, strict) -> Iterator[dict]:
    if jobs <= 1:
        for src in sources:
            yield process(pipe, src, published)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    import threading

    # imap's feeder thread would read every input ahead of the workers; the
    # semaphore keeps at most `window` documents in flight, so memory stays flat.
    window = jobs * CHUNK * 4
    slots = threading.Semaphore(window)

    def feed():
        for s in sources:
            slots.acquire()
            yield (s, published)

    with ctx.Pool(jobs, initializer=_init_worker, initargs=(user_dicts, strict)) as pool:
        for doc in pool.imap(_work, feed(), chunksize=CHUNK):
            slots.release()
            yield doc


def run_extract(inputs, opts: Options, *, lexicon, user_dicts=(), strict=False, published=None, fmt="jsonl",
                output=None, jobs=None, quiet=False, db=None, err: Callable[[str], None] = print) -> int:
    from extractor.api import Pipeline

    jobs = jobs or os.cpu_count() or 1
    if any(i == "-" for i in inputs) or len(inputs) == 1 and os.path.isfile(inputs[0]) \
            and opts.input_format != "jsonl" and not inputs[0].endswith(".jsonl"):
        jobs = 1   # one document: a pool would cost more than it saves
    store = None
    if db is not None:
        from extractor.store import Store

        store = Store(db)
    pipe = Pipeline(lexicon) if jobs == 1 else None
    sources = iter_sources(inputs, opts)
    skipped = 0
    if store is not None:
        from extractor import __version__

        def unchanged(it):
            nonlocal skipped
            for s in it:
                if s.ok and s.digest and store.is_unchanged(s.id, s.digest, __version__):
                    skipped += 1
                    continue
                yield s
        sources = unchanged(sources)
    show = not quiet and fmt != "table" and sys.stderr.isatty()
    progress = Progress(show)
    if show:
        progress.total(_count_inputs(inputs, opts))
    failed = n_docs = n_events = 0
    t0 = time.perf_counter()
    pending: dict[str, Source] = {}
    try:
        with _open_output(output) as out:
            writer = make_writer(fmt, out)
            srcs = _remember(sources, pending) if store is not None else sources
            for doc in _results(srcs, pipe, published, jobs, user_dicts, strict):
                n_docs += 1
                n_events += len(doc["events"])
                if "error" in doc:
                    failed += 1
                    err(f"{doc['id']}: {doc['error']['message']}")
                if store is not None:
                    src = pending.pop(doc["id"], None)
                    store.put(doc, src.path if src else doc["id"], src.digest if src else None, _version(),
                              src.text if src else None)
                writer.write(doc)
                progress.advance("error" in doc)
            writer.close()
    except BrokenPipeError:
        progress.stop()
        _silence_stdout()
        return 0 if not failed else 1
    except KeyboardInterrupt:
        progress.stop()
        err("interrupted")
        _silence_stdout()
        return 130
    finally:
        progress.stop()
        if store is not None:
            store.close()
    if skipped and not quiet:
        err(f"skipped {skipped:,} unchanged")
    if not quiet and sys.stderr.isatty():
        err(f"{n_docs:,} documents, {n_events:,} events, {failed:,} errors in {time.perf_counter() - t0:.1f}s")
    return 1 if failed else 0


def _version() -> str:
    from extractor import __version__

    return __version__


def _remember(sources: Iterator[Source], pending: dict[str, Source]) -> Iterator[Source]:
    for s in sources:
        pending[s.id] = s
        yield s


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's
    final flush does not print a second error."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
