"""Running `extract` over many inputs: the worker pool, input order,
progress, the summary line, signals, atomic output files and the optional store.

Documents stream: each is written as soon as it (and every one before it) is
done, so memory stays flat however many files a folder holds. With `--jobs N`
(N > 1) a pool of N worker processes, each loading the dictionaries once (its
initializer), takes the documents in chunks of up to `CHUNK`; at most `WINDOW`
chunks per worker are in flight, and results are written in input order, so the
output is byte-identical to `--jobs 1`. The reading (files, decoding) and the
writing, and with `--db` the store, stay in the main process.

Signals: SIGINT (Ctrl-C) and SIGTERM raise `Interrupted` in the main process,
except while a document is being written, where they wait until it is written
whole; the run then stops with exit 130 (143 for SIGTERM) and one line on
stderr. Workers ignore SIGINT and are terminated by the main process.
"""
from __future__ import annotations

import collections
import contextlib
import gc
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from typing import Callable, Iterable, Iterator

from extractor.model import Document
from extractor.output import RENDERERS, Rendered, make_writer, summary
from extractor.sources import Options, Source, iter_sources

CHUNK = 8        # documents per task sent to a worker, at most (the first tasks are smaller: Workers.run)
WINDOW = 4       # tasks in flight per worker: enough to keep it busy, few enough to keep memory flat

_PIPE = None     # the worker's pipeline, set by the pool initializer
_LEXICON = None  # the parent's lexicon, inherited by forked workers (so it is not loaded again)


# -- signals -------------------------------------------------------------------

class Interrupted(BaseException):
    """SIGINT or SIGTERM. A BaseException but not a KeyboardInterrupt, so that
    click does not turn it into "Aborted!" with exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class Signals:
    """While entered (in the main thread): SIGINT and SIGTERM raise
    `Interrupted`, except inside `critical()`, which holds them until it ends."""

    _active: "Signals | None" = None

    def __init__(self):
        self.depth = 0
        self.pending: int | None = None
        self.old: dict = {}
        self.outer: Signals | None = None

    def __enter__(self) -> "Signals":
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.old[sig] = signal.signal(sig, self._handler)
        self.outer, Signals._active = Signals._active, self
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)
        Signals._active = self.outer

    def _handler(self, signum, frame) -> None:
        if self.depth:
            if self.pending is None:
                self.pending = signum
        else:
            raise Interrupted(signum)

    @contextlib.contextmanager
    def critical(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending is not None:
                signum, self.pending = self.pending, None
                raise Interrupted(signum)


# -- one document ----------------------------------------------------------------

def process(pipe, src: Source, published: str | None) -> dict:
    """One source to one output document (a dict); never raises."""
    pub = src.published or published
    if not src.ok:
        return Document.failed(src.id, src.error_kind, src.error, pub).to_dict()
    try:
        doc = pipe.extract(src.text, published=pub, id=src.id).to_dict()
    except Exception as e:  # a bug must cost one document, not the run
        return Document.failed(src.id, "internal", f"{type(e).__name__}: {e}"[:500], pub).to_dict()
    if _SETTLED is not pipe:
        _settle(pipe)
    return doc


_LAST: tuple = (None, None)   # (lexicon, pipeline): reused by the next run in this process with that lexicon


def pipeline_for(lexicon):
    """The pipeline for `lexicon`, built once per process and lexicon (a
    second run in one process, e.g. in tests, does not load jieba again)."""
    global _LAST
    if _LAST[0] is not lexicon or lexicon is None:
        from extractor.api import Pipeline

        _LAST = (lexicon, Pipeline(lexicon))
    return _LAST[1]


_SETTLED = None   # the pipeline whose lasting objects were frozen last (_settle), after its first document


def _settle(pipe) -> None:
    """Hide what is alive after a pipeline's first document (the dictionaries and the taggers'
    tables, built at the first document, kept to the end of the run) from the cycle collector,
    as gc.freeze() is meant for: each full collection would otherwise walk their containers and
    touch every string they hold, a cache miss a string. Measured with valgrind's cache model
    (1 MB L2, the hash seed fixed) over 200 articles: 27% fewer L2 data-read misses, 1.4% fewer
    instructions. What the documents create later is collected as before."""
    global _SETTLED
    gc.freeze()
    _SETTLED = pipe


def _serial(sources: Iterable[Source], published, lexicon) -> Iterator[tuple[Source, dict]]:
    pipe = None
    for src in sources:
        if src.ok and pipe is None:   # loaded at the first document to extract, not before
            pipe = pipeline_for(lexicon)
        yield src, process(pipe, src, published)


# -- the worker pool ---------------------------------------------------------------

def _init_worker(user_dicts: tuple[str, ...], strict: bool) -> None:
    global _PIPE
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # and terminates us with SIGTERM

    lexicon = _LEXICON
    if lexicon is None:   # not forked: load it (its warnings were printed by the parent)
        from extractor.lexicon import load

        lexicon = load(user_dicts, strict=strict, warn=lambda m: None)
    _PIPE = pipeline_for(lexicon)


def _work(chunk: list[tuple[Source, str | None]], render: str | None = None) -> list:
    """The chunk's documents; with `render` (a format of RENDERERS), rendered here (Rendered)."""
    docs = [process(_PIPE, src, published) for src, published in chunk]
    return docs if render is None else [Rendered.of(doc, render) for doc in docs]


class Workers:
    """N worker processes; `run(sources)` yields (source, document) in input
    order. The pool starts at the first source (a run whose inputs are all
    unchanged never starts one). A worker that dies (killed, out of memory)
    does not hang the run: the documents that were in flight are done again
    one at a time in a new pool, so that only the one that kills its worker
    becomes an error document (kind `internal`)."""

    def __init__(self, jobs: int, lexicon, user_dicts=(), strict=False, published=None,
                 guard=contextlib.nullcontext, render: str | None = None):
        self.jobs, self.lexicon, self.user_dicts, self.strict = jobs, lexicon, tuple(user_dicts), strict
        self.published = published
        self.render = render    # a format of RENDERERS the workers write the documents in (see Rendered)
        # held around every call into the pool: a signal then never lands inside the executor's
        # own bookkeeping (a half-written wake-up message, a task half queued), which could leave
        # shutdown() waiting forever; it is raised as soon as the call returns (tens of ms)
        self.guard = guard
        self.ex = None
        self.inflight: collections.deque = collections.deque()   # (chunk, future)

    def _start(self):
        global _LEXICON
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        fork = "fork" in mp.get_all_start_methods()
        _LEXICON = self.lexicon if fork else None
        ctx = mp.get_context("fork") if fork else None
        self.ex = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker,
                                      initargs=(self.user_dicts, self.strict))

    def _submit(self, chunk: list[Source]):
        with self.guard():
            if self.ex is None:
                self._start()
            return self.ex.submit(_work, [(s, self.published) for s in chunk], self.render)

    def _next(self) -> list[tuple[Source, dict]]:
        from concurrent.futures.process import BrokenProcessPool

        chunk, fut = self.inflight[0]
        try:
            docs = self._wait(fut)
        except BrokenProcessPool:
            return self._recover()
        self.inflight.popleft()
        return list(zip(chunk, docs))

    def _wait(self, fut, exception: bool = False):
        """fut.result() (fut.exception() with exception=True), never waiting forever. A worker
        that dies (is killed, runs out of memory) in the middle of writing a result leaves the
        executor's thread waiting for the rest of it (see close), so it never sees the death
        and the futures never end. Once a worker has been found dead at two checks a second
        apart with the future still pending, the pool is killed: the futures then fail as they
        do when the executor sees a death itself (BrokenProcessPool)."""
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        dead = 0
        while True:
            try:
                with self.guard():
                    return fut.exception(timeout=1.0) if exception else fut.result(timeout=1.0)
            except CancelledError:   # (the pool was shut down around it)
                broken = BrokenProcessPool("the pool was shut down")
                if exception:
                    return broken
                raise broken from None
            except TimeoutError:
                dead = dead + 1 if any(p.exitcode is not None for p in _processes(self.ex)) else 0
                if dead >= 2:
                    self.close(kill=True)

    def _recover(self) -> list[tuple[Source, dict]]:
        """After a worker died: keep what was finished, redo the rest alone."""
        from concurrent.futures.process import BrokenProcessPool

        pending = list(self.inflight)
        self.inflight.clear()
        out = []
        for chunk, fut in pending:
            failed = self._wait(fut, exception=True)
            if failed is None:
                out.extend(zip(chunk, fut.result()))
                continue
            for src in chunk:
                if self.ex is None or getattr(self.ex, "_broken", False):
                    self.close(kill=True)
                try:
                    doc = self._wait(self._submit([src]))[0]
                except BrokenProcessPool:
                    doc = _died(src, self.published)
                out.append((src, doc))
        return out

    def run(self, sources: Iterable[Source]) -> Iterator[tuple[Source, dict]]:
        """Tasks of 1, 1, 2, 2, 4, 4, then CHUNK documents (with two workers): the first lines
        come at once and a small folder is shared out evenly, and a large one goes in tasks whose
        cost to this process (submitting, the wake-ups, the results' transfer) is spread over 8
        documents: with tasks of 2 (8 in flight a worker), this process took 1.3-1.5 s of CPU in a
        run of 2,000 articles with --jobs 2, and 0.7-0.8 s with tasks of 8 (4 in flight), which
        the workers' two cores get back."""
        chunk: list[Source] = []
        limit = self.jobs * WINDOW
        size, tasks = 1, 0
        for src in sources:
            chunk.append(src)
            if len(chunk) < size:
                continue
            self.inflight.append((chunk, self._submit(chunk)))
            chunk = []
            tasks += 1
            if size < CHUNK and tasks % self.jobs == 0:
                size *= 2
            while self.inflight and (len(self.inflight) >= limit or self.inflight[0][1].done()):
                yield from self._next()
        if chunk:
            self.inflight.append((chunk, self._submit(chunk)))
        while self.inflight:
            yield from self._next()

    def close(self, kill: bool = False) -> None:
        ex, self.ex = self.ex, None
        if ex is None:
            return
        if kill:
            for p in _processes(ex):
                with contextlib.suppress(Exception):
                    p.terminate()
            # A worker terminated while it wrote a result (a long one goes in two writes) leaves
            # part of a message in the result pipe, and the executor's thread waits for the rest
            # forever: the pipe's writing end it holds itself never closes, so no end of file
            # comes, and shutdown() waits for that thread. With our end closed too, the file
            # ends once the workers are gone: the thread takes the pool for broken and ends.
            writer = getattr(getattr(ex, "_result_queue", None), "_writer", None)
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()
        with contextlib.suppress(Exception):
            ex.shutdown(wait=True, cancel_futures=True)


def _processes(ex) -> list:
    """The worker processes of an executor (none once it is shut down, or for None)."""
    return list((getattr(ex, "_processes", None) or {}).values())


def _died(src: Source, published) -> dict:
    return Document.failed(src.id, "internal", "the worker process died on this document (killed, or out of memory)",
                           src.published or published).to_dict()


# -- output --------------------------------------------------------------------------

@contextlib.contextmanager
def _open_output(output: str | None):
    """stdout, or a temporary file beside OUTPUT renamed over it on success
    (an interrupted or failed run leaves OUTPUT as it was, and no temporary file)."""
    if output is None:
        yield sys.stdout
        return
    try:
        special = not stat.S_ISREG(os.stat(output).st_mode)
    except OSError:
        special = False
    if special:
        # a device or FIFO (-o /dev/null, -o /dev/stdout): write to it; renaming over it would replace it
        with open(output, "w", encoding="utf-8") as f:
            yield f
        return
    d = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".extractor-", suffix=".tmp")
    try:
        try:
            mode = os.stat(output).st_mode & 0o7777
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Progress:
    """A rich progress bar on stderr (files done/total, rate, errors, time
    left) when enabled; else nothing. `console` is for tests."""

    def __init__(self, enabled: bool, console=None):
        self.bar = None
        self.task = None
        self.errors = 0
        self.done = 0
        self.t0 = time.perf_counter()
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeRemainingColumn)

            self.bar = RichProgress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                                    TextColumn("errors {task.fields[errors]}"), TimeRemainingColumn(),
                                    console=console or Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=None, rate="-", errors=0)

    def total(self, n: int | None) -> None:
        if self.bar is not None:
            self.bar.update(self.task, total=n)

    def advance(self, error: bool = False) -> None:
        self.done += 1
        self.errors += error
        if self.bar is not None:
            rate = self.done / max(time.perf_counter() - self.t0, 1e-9)
            self.bar.update(self.task, advance=1, rate=f"{rate:.1f}", errors=self.errors)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _count_inputs(inputs: Iterable[str], opts: Options) -> int | None:
    """The number of files to read, for the progress bar (None for stdin or JSON lines)."""
    from extractor.sources import walk

    n = 0
    for inp in inputs:
        if inp == "-" or opts.input_format == "jsonl" or inp.endswith(".jsonl"):
            return None
        if os.path.isdir(inp):
            for item in walk(inp, opts.globs):
                if not isinstance(item, str) and item.path is None:
                    continue
                if isinstance(item, str) and item.endswith(".jsonl"):
                    return None
                n += 1
        else:
            n += 1
    return n


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_extract(inputs, opts: Options, *, lexicon, user_dicts=(), strict=False, published=None, fmt="jsonl",
                output=None, jobs=None, quiet=False, db=None, err: Callable[[str], None] = print) -> int:
    """Extract every input and write the documents; returns the exit code
    (0 all processed, 1 some failed, 2 output or store unusable, 130/143 interrupted)."""
    with Signals() as sig:
        try:
            return _run(inputs, opts, sig, lexicon=lexicon, user_dicts=user_dicts, strict=strict,
                        published=published, fmt=fmt, output=output, jobs=jobs, quiet=quiet, db=db, err=err)
        except Interrupted as e:
            err("terminated" if e.signum == signal.SIGTERM else "interrupted")
            return e.exit_code
        except KeyboardInterrupt:
            err("interrupted")
            return 130


def _run(inputs, opts: Options, sig: Signals, *, lexicon, user_dicts, strict, published, fmt, output, jobs, quiet,
         db, err) -> int:
    jobs = jobs or _default_jobs()
    if any(i == "-" for i in inputs) or len(inputs) == 1 and os.path.isfile(inputs[0]) \
            and opts.input_format != "jsonl" and not inputs[0].endswith(".jsonl"):
        jobs = 1   # one document: a pool would cost more than it saves

    store = version = None
    if db is not None:
        from extractor.store import Store, StoreError, default_version

        try:
            store = Store(db)
        except StoreError as e:
            err(str(e))
            return 2
        version = default_version()
        opts.digest_context = (published, lexicon.fingerprint() if lexicon is not None else None,
                               opts.input_format, opts.text_field, opts.id_field, opts.published_field)

    show = not quiet and not (fmt == "table" and output is None) and stderr_is_terminal()
    progress = Progress(show)
    # the workers render the documents when nothing but the writer needs them whole
    render = fmt if fmt in RENDERERS and store is None else None
    workers = Workers(jobs, lexicon, user_dicts, strict, published, guard=sig.critical,
                      render=render) if jobs > 1 else None
    failed = n_docs = n_events = skipped = 0
    t0 = time.perf_counter()
    finished = False

    def fresh(sources: Iterator[Source]) -> Iterator[Source]:
        nonlocal skipped
        for s in sources:
            if store is not None and s.ok and s.digest and store.is_unchanged(s.id, s.digest, version):
                skipped += 1
                progress.advance()
                continue
            yield s

    try:
        if show:
            progress.total(_count_inputs(inputs, opts))
        try:
            out_cm = _open_output(output)
            out = out_cm.__enter__()
        except OSError as e:
            err(f"{output}: cannot write here ({_reason(e)})")
            return 2
        try:
            writer = make_writer(fmt, out)
            if output is not None and stat.S_ISREG(os.fstat(out.fileno()).st_mode):
                writer.streams = False   # -o FILE: the temporary file, renamed when whole (_open_output)
            sources = fresh(iter_sources(inputs, opts))
            results = workers.run(sources) if workers else _serial(sources, published, lexicon)
            for src, doc in results:
                n_docs += 1
                doc_id, error, n = summary(doc)
                n_events += n
                with sig.critical():
                    writer.write(doc)
                    if store is not None:
                        store.put(doc, src.id, src.digest or "", version, src.text)
                if error is not None:
                    failed += 1
                    err(f"{doc_id}: {error['message']}")
                progress.advance(error is not None)
            with sig.critical():
                writer.close()
        except BaseException:
            out_cm.__exit__(*sys.exc_info())
            raise
        else:
            out_cm.__exit__(None, None, None)
        finished = True
    except BrokenPipeError:
        _silence_stdout()
        return 1 if failed else 0
    except OSError as e:
        err(f"{output or 'standard output'}: cannot write ({_reason(e)})")
        return 1
    except Exception as e:   # the store (sqlite3.Error, StoreError) or a bug: one line, no traceback
        err(f"{db or 'internal error'}: {type(e).__name__}: {e}")
        return 1
    finally:
        progress.stop()
        if workers is not None:
            workers.close(kill=not finished)
        if store is not None:
            with contextlib.suppress(Exception):
                store.close()
    if skipped and not quiet:
        err(f"skipped {skipped:,} unchanged")
    if not quiet and stderr_is_terminal():
        err(f"{n_docs:,} documents, {n_events:,} events, {failed:,} errors in {time.perf_counter() - t0:.1f}s")
    return 1 if failed else 0


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower() if e.strerror else str(e)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's
    final flush does not print a second error."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
