"""Inputs to documents: files, folders, stdin and JSON lines, decoded from any
common Chinese encoding. Each input becomes a `Source`, either with text or
with an error; nothing is dropped silently.

Decoding, in order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; binary
content (NUL bytes, control characters) is refused; UTF-8 with a few stray bad
bytes (at most 1 in 200) is kept with those bytes replaced; otherwise
charset-normalizer chooses among the Chinese encodings (GB18030, Big5, UTF-16).
"""
from __future__ import annotations

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
    digest: str | None = None     # sha256 of the bytes read, for incremental runs

    @property
    def ok(self) -> bool:
        return self.error_kind is None


class DecodeError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
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
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
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
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    if _looks_binary(data):
        raise DecodeError("binary", "not text (binary)")
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    if bad * 200 <= len(loose):
        return loose
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise DecodeError("decode", "not text in any supported encoding (UTF-8, GB18030, Big5, UTF-16)")
    return str(best)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def walk(folder: str, globs: Iterable[str]) -> Iterator[str]:
    """Files under `folder` matching `globs`, in sorted order, depth first;
    symlinked folders are not followed (no loops)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        raise DecodeError("unreadable", e.strerror or str(e)) from None
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, globs)
            elif _matches(entry.name, globs):
                yield entry.path
        except DecodeError:
            yield entry.path   # reported when read
        except OSError:
            yield entry.path


def read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DecodeError("not_found", "no such file or directory") from None
    except PermissionError:
        raise DecodeError("unreadable", "permission denied") from None
    except OSError as e:
        if e.errno == 40:  # ELOOP
            raise DecodeError("unreadable", "symbolic link loop") from None
        raise DecodeError("unreadable", e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise DecodeError("not_regular", "not a regular file (skipped)")
    if st.st_size > max_bytes:
        raise DecodeError("too_large", "%d bytes, over the limit of %d (--max-bytes)" % (st.st_size, max_bytes))
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise DecodeError("not_found", "vanished before it could be read") from None
    except PermissionError:
        raise DecodeError("unreadable", "permission denied") from None
    except OSError as e:
        raise DecodeError("unreadable", e.strerror or str(e)) from None
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


def _jsonl_records(id_prefix: str, lines: Iterable[bytes], opts: Options, path: str | None) -> Iterator[Source]:
    """JSON lines, streamed: one Source per non-blank line, as it is read."""
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        rid = f"{id_prefix}{n}"
        try:
            rec = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8", errors="replace"))
        except json.JSONDecodeError as e:
            yield Source(id=rid, error_kind="json", error=f"line {n}: not JSON ({e.msg})", path=path)
            continue
        if not isinstance(rec, dict):
            yield Source(id=rid, error_kind="json", error=f"line {n}: not a JSON object", path=path)
            continue
        if rec.get(opts.id_field) is not None:
            rid = str(rec[opts.id_field])
        body = rec.get(opts.text_field)
        pub = rec.get(opts.published_field)
        pub = pub if isinstance(pub, str) else None
        if not isinstance(body, str):
            yield Source(id=rid, published=pub, error_kind="json", path=path,
                         error=f"line {n}: no string field '{opts.text_field}'")
        elif len(raw) > opts.max_bytes:
            yield Source(id=rid, published=pub, error_kind="too_large", path=path,
                         error="line %d: over the limit of %d bytes (--max-bytes)" % (n, opts.max_bytes))
        else:
            yield Source(id=rid, text=body, published=pub, digest=sha256(raw), path=path)


def _html_source(path: str, data: bytes) -> Source:
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
    return Source(id=path, path=path, text=text, published=date if isinstance(date, str) else None,
                  digest=sha256(data))


def _file_sources(path: str, opts: Options) -> Iterator[Source]:
    if opts.input_format == "jsonl" or path.endswith(".jsonl"):
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                raise DecodeError("not_regular", "not a regular file (skipped)")
            f = open(path, "rb")
        except DecodeError as e:
            yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
            return
        except OSError:
            try:
                read_bytes(path, opts.max_bytes)  # for the precise reason
            except DecodeError as e:
                yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
            return
        with f:
            yield from _jsonl_records(path + ":", f, opts, path)
        return
    try:
        data = read_bytes(path, opts.max_bytes)
    except DecodeError as e:
        yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
        return
    if path.lower().endswith((".html", ".htm")):
        yield _html_source(path, data)
        return
    try:
        text = decode(data)
    except DecodeError as e:
        yield Source(id=path, error_kind=e.kind, error=str(e), path=path)
        return
    yield Source(id=path, text=text, path=path, digest=sha256(data))


def iter_sources(inputs: Iterable[str], opts: Options, stdin=None) -> Iterator[Source]:
    """Every input as Sources, in order: files as given, folders walked in
    sorted order, '-' for standard input. JSON lines stream record by record."""
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
                yield Source(id="-", text=decode(data), digest=sha256(data))
            except DecodeError as e:
                yield Source(id="-", error_kind=e.kind, error=str(e))
            continue
        if os.path.isdir(inp):
            try:
                paths = list(walk(inp, opts.globs))
            except DecodeError as e:
                yield Source(id=inp, error_kind=e.kind, error=str(e), path=inp)
                continue
        else:
            paths = [inp]
        for path in paths:
            yield from _file_sources(path, opts)
