"""Inputs to documents: files, folders, stdin and JSON lines, decoded from any
common Chinese encoding. Each input becomes a `Source`, either with text or
with an error; nothing is dropped silently.

Decoding, in order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM (NULs
at one parity); binary content (NUL bytes, control characters) is refused;
strict UTF-8; UTF-8 with a few stray bad
bytes (at most 1 in 200) is kept with those bytes replaced; otherwise
charset-normalizer chooses among the Chinese encodings (GB18030, Big5, UTF-16).
"""
from __future__ import annotations

import datetime as _dt
import errno
import fnmatch
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator

DEFAULT_GLOBS = ("*.txt", "*.md", "*.text", "*.jsonl", "*.html", "*.htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "utf_8"]


@dataclass(slots=True)
class Source:
    id: str
    text: str | None = None
    published: str | None = None
    error_kind: str | None = None
    error: str | None = None
    path: str | None = None
    digest: str | None = None     # content hash of the bytes read (with --db only), for incremental runs

    @property
    def ok(self) -> bool:
        return self.error_kind is None


class DecodeError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


# every byte but the control bytes that are not text (below 32, but tab, LF, FF, CR, ESC): deleting
# these from a sample leaves its control bytes, counted in C (a Python step per byte cost 0.2 ms an article)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = len(sample.translate(None, _NOT_CONTROL))
    return ctrl > len(sample) // 100 + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM: many NULs at one parity (ASCII) are the tell; for
    pure CJK text charset-normalizer decides below."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for enc, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > len(sample) // 8 and other == 0:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            ctrl = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\x0c\r\x1b")
            return text if ctrl <= len(text[:4096]) // 100 + 1 else None   # else binary
    return None


def decode(data: bytes) -> str:
    """Bytes to text, or DecodeError(kind='binary'|'decode')."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            enc = enc.replace("-sig", "")
            try:
                return body.decode(enc)
            except UnicodeDecodeError:
                return body.decode(enc, errors="replace")
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    if _looks_binary(data):   # before UTF-8: NUL and control bytes are valid UTF-8, but not text
        raise DecodeError("binary", "not text (binary)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    if bad * 200 <= len(loose):
        return loose
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise DecodeError("decode", "not text in any supported encoding (UTF-8, GB18030, Big5, UTF-16)")
    return str(best)


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def walk(folder: str, globs: Iterable[str], _parents: frozenset = frozenset()) -> Iterator["str | Source"]:
    """Files under `folder` matching `globs`, in sorted order, depth first, as
    they are found (a folder of 100,000 files is not listed ahead). Symlinked
    folders are followed, except one that leads back to a folder being walked
    (a loop): it, and a folder that cannot be listed, come out as a `Source`
    with the error, so the caller reports it and goes on."""
    try:
        st = os.stat(folder)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield Source(id=folder, path=folder, error_kind="unreadable", error=_os_reason(e, folder))
        return
    parents = _parents | {(st.st_dev, st.st_ino)}
    for entry in entries:
        try:
            is_dir = entry.is_dir()                 # follows a symlink
        except OSError as e:                        # e.g. a symlink loop
            if e.errno == errno.ELOOP:
                yield Source(id=entry.path, path=entry.path, error_kind="unreadable", error=_os_reason(e, entry.path))
            elif _matches(entry.name, globs):
                yield entry.path                    # read_bytes gives the precise reason
            continue
        if is_dir:
            if entry.is_symlink():
                try:
                    target = os.stat(entry.path)
                except OSError as e:
                    yield Source(id=entry.path, path=entry.path, error_kind="unreadable", error=_os_reason(e, entry.path))
                    continue
                if (target.st_dev, target.st_ino) in parents:
                    yield Source(id=entry.path, path=entry.path, error_kind="loop",
                                 error="symbolic link loop (leads back to a folder above it; skipped)")
                    continue
            yield from walk(entry.path, globs, parents)
        elif _matches(entry.name, globs):
            yield entry.path


def _os_reason(e: OSError, path: str | None = None) -> str:
    """A short reason for an OSError, as in `extractor: PATH: <reason>`."""
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(e, FileNotFoundError):
        if path is not None and os.path.islink(path):
            return "broken symbolic link"
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return (e.strerror or str(e)).lower() if e.strerror else str(e)


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, or DecodeError: not_found, unreadable,
    not_regular (a FIFO or device is never opened, so never waited on) or
    too_large (checked before reading, and again while reading)."""
    try:
        st = os.stat(path)
    except FileNotFoundError as e:
        raise DecodeError("not_found", _os_reason(e, path)) from None
    except OSError as e:
        raise DecodeError("unreadable", _os_reason(e, path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DecodeError("not_regular", "a folder where a file was expected (skipped)")
    if not stat.S_ISREG(st.st_mode):
        raise DecodeError("not_regular", "not a regular file (a FIFO, socket or device; skipped)")
    if st.st_size > max_bytes:
        raise DecodeError("too_large", "%d bytes, over the limit of %d (--max-bytes)" % (st.st_size, max_bytes))
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, open does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DecodeError("not_found", "vanished before it could be read") from None
    except OSError as e:
        raise DecodeError("unreadable", _os_reason(e, path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DecodeError("not_regular", "not a regular file (a FIFO, socket or device; skipped)")
        with open(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise DecodeError("unreadable", _os_reason(e, path)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise DecodeError("too_large", "over the limit of %d bytes (--max-bytes)" % max_bytes)
    return data


@dataclass(slots=True)
class Options:
    input_format: str = "text"          # text | jsonl
    globs: tuple[str, ...] = DEFAULT_GLOBS
    text_field: str = "text"
    id_field: str = "id"
    published_field: str = "published"
    max_bytes: int = DEFAULT_MAX_BYTES
    # With a tuple (for --db), each Source's `digest` is `store.content_hash(bytes, *digest_context)`:
    # the bytes read plus whatever else changes the output (--published, ...). None: no digest.
    digest_context: tuple | None = None


def _digest(data: bytes, opts: Options) -> str | None:
    if opts.digest_context is None:
        return None
    from extractor.store import content_hash

    return content_hash(data, *opts.digest_context)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def published_date(value) -> str | None:
    """A record's publication date as YYYY-MM-DD (also from 2024/11/15,
    2024.11.15, 2024年11月15日 or an ISO timestamp); None when it is not a date."""
    if not isinstance(value, str):
        return None
    import re

    m = re.match(r"\s{0,8}(\d{4})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})(?!\d)", value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _lines(f, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line, too long) for each line of a binary file; a line
    longer than `limit` is not held in memory: its start is returned with
    `too long` set, the rest is skipped."""
    n = 0
    while True:
        raw = f.readline(limit + 1)
        if not raw:
            return
        n += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while True:                      # skip the rest of the line
                more = f.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield n, raw[:64], True
        else:
            yield n, raw, False


def _jsonl_records(id_prefix: str, f, opts: Options, path: str | None) -> Iterator[Source]:
    """JSON lines, streamed: one Source per non-blank line, as it is read."""
    for n, raw, too_long in _lines(f, opts.max_bytes):
        rid = f"{id_prefix}{n}"
        if too_long:
            yield Source(id=rid, error_kind="too_large", path=path,
                         error="line %d: over the limit of %d bytes (--max-bytes)" % (n, opts.max_bytes))
            continue
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8", errors="replace"))
        except json.JSONDecodeError as e:
            yield Source(id=rid, error_kind="json", error=f"line {n}: not JSON ({e.msg})", path=path)
            continue
        except RecursionError:
            yield Source(id=rid, error_kind="json", error=f"line {n}: not JSON (nested too deeply)", path=path)
            continue
        if not isinstance(rec, dict):
            yield Source(id=rid, error_kind="json", error=f"line {n}: not a JSON object", path=path)
            continue
        rec_id = rec.get(opts.id_field)
        if rec_id is not None and not isinstance(rec_id, (dict, list)):
            rid = str(rec_id)
        body = rec.get(opts.text_field)
        pub = published_date(rec.get(opts.published_field))
        if not isinstance(body, str):
            yield Source(id=rid, published=pub, error_kind="json", path=path,
                         error=f"line {n}: no string field '{opts.text_field}'")
        else:
            yield Source(id=rid, text=body, published=pub, digest=_digest(raw, opts), path=path)


def _html_source(path: str, data: bytes, opts: Options) -> Source:
    """The main text and date of an HTML page, by trafilatura (the `html` extra)."""
    try:
        import trafilatura
    except ImportError:
        return Source(id=path, path=path, error_kind="html",
                      error="HTML needs the optional extra: pip install 'extractor[html]'")
    try:
        html = decode(data)
    except DecodeError as e:
        return Source(id=path, path=path, error_kind=e.kind, error=str(e))
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return Source(id=path, path=path, error_kind="html", error="no main text found in the page")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    date = get("date")
    return Source(id=path, path=path, text=text, published=published_date(date), digest=_digest(data, opts))


def _file_sources(path: str, opts: Options) -> Iterator[Source]:
    if opts.input_format == "jsonl" or path.endswith(".jsonl"):
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                raise DecodeError("not_regular", "not a regular file (skipped)")
            f = open(path, "rb")
        except (DecodeError, OSError):
            try:
                read_bytes(path, opts.max_bytes)  # for the precise reason
            except DecodeError as e:
                yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
                return
            yield Source(id=path, error_kind="unreadable", error="cannot be read", path=path)
            return
        with f:
            try:
                yield from _jsonl_records(path + ":", f, opts, path)
            except OSError as e:
                yield Source(id=path, error_kind="unreadable", error=_os_reason(e, path), path=path)
        return
    try:
        data = read_bytes(path, opts.max_bytes)
    except DecodeError as e:
        yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
        return
    if path.lower().endswith((".html", ".htm")):
        yield _html_source(path, data, opts)
        return
    try:
        text = decode(data)
    except DecodeError as e:
        yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
        return
    yield Source(id=path, text=text, path=path, digest=_digest(data, opts))


def iter_sources(inputs: Iterable[str], opts: Options, stdin=None) -> Iterator[Source]:
    """Every input as Sources, in order: files as given, folders walked in
    sorted order, '-' for standard input. Folders and JSON lines stream: the
    first document comes out before the last file is found."""
    for inp in inputs:
        if inp == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if opts.input_format == "jsonl":
                yield from _jsonl_records("", stream, opts, None)
                continue
            data = stream.read(opts.max_bytes + 1)
            if len(data) > opts.max_bytes:
                yield Source(id="-", error_kind="too_large",
                             error="over the limit of %d bytes (--max-bytes)" % opts.max_bytes)
                continue
            try:
                yield Source(id="-", text=decode(data), digest=_digest(data, opts))
            except DecodeError as e:
                yield Source(id="-", error_kind=e.kind, error=str(e))
            continue
        if os.path.isdir(inp):
            for item in walk(inp, opts.globs):
                if isinstance(item, Source):
                    yield item
                else:
                    yield from _file_sources(item, opts)
        else:
            yield from _file_sources(inp, opts)
