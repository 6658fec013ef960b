"""The compiled code, and when it runs.

Two kinds, both built by setup.py (`pip install`, or `make install`) where
Cython and a C compiler are at hand, and both optional: without them the
package runs as plain Python, with the same results, only slower.

- extractor._speedups: the hottest loops, written in C for the purpose
  (extractor/_speedups.pyx: the segmenter's search of the dictionary and its
  HMM, the taggers' scans of the tokens). Each has a Python twin at its call
  site that gives the same result, and the tests hold the two together;
  `speedups()` says which runs.
- The pipeline's modules (MODULES), compiled by Cython from their own .py files
  as they are: one source, run compiled or not, so there is nothing to keep in
  step. Compiled, they run the same steps with less of the interpreter's work
  between them. A compiled module sits beside its .py and Python's import
  prefers it; `install()` puts a finder first that hands out the .py instead
  where the compiled file must not run (below).

Neither runs when EXTRACTOR_PURE_PYTHON is set, nor, in a source tree (where
setup.py sits beside the package), when it was built before its source was last
edited: an edit takes effect at once, in Python, until `make install` builds it
again. An installed copy runs what it was installed with.
"""
from __future__ import annotations

import os
import sys

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
# in a source tree, a compiled file older than its source is out of date (an installed
# copy's files all date from its installation, in no particular order)
_IN_TREE = os.path.exists(os.path.join(os.path.dirname(_PACKAGE), "setup.py"))
_SOURCE = os.path.join(_PACKAGE, "_speedups.pyx")

# The modules setup.py compiles from their .py files: those the extraction of a
# document runs, not those of start-up, input or output (their time goes to
# reading files, jieba's cache and json, already in C).
MODULES = (
    "extractor.api", "extractor.model", "extractor.numerals", "extractor.resolve", "extractor.segment",
    "extractor.text", "extractor.events", "extractor.taggers", "extractor.taggers.date",
    "extractor.taggers.level", "extractor.taggers.org", "extractor.taggers.orgctx",
    "extractor.taggers.person", "extractor.taggers.personctx", "extractor.taggers.quantity",
    "extractor.taggers.salary", "extractor.taggers.title",
)
_MODULES = frozenset(MODULES)


def pure_python() -> bool:
    return bool(os.environ.get("EXTRACTOR_PURE_PYTHON"))


def fresh(source: str, built: str) -> bool:
    """Whether the file `built` from `source` may run: not in a source tree where the
    source was edited after the build (a source that is not there, as in an installed
    copy without it, is no reason to doubt the build)."""
    if not _IN_TREE:
        return True
    try:
        return os.stat(source).st_mtime <= os.stat(built).st_mtime
    except OSError:
        return True


def speedups():
    """extractor._speedups, or None where its loops' Python twins must run (see above).
    Callers ask once, when they are built."""
    if pure_python():
        return None
    try:
        from extractor import _speedups
    except ImportError:
        return None
    return _speedups if fresh(_SOURCE, _speedups.__file__) else None


def files(name: str, root: str = _PACKAGE) -> tuple[str, str | None]:
    """The source of a module of the package under `root` (its .py, or a package's
    __init__.py) and its compiled file beside it, or None if it has none."""
    path = os.path.join(root, *name.split(".")[1:])
    if os.path.isdir(path):
        path = os.path.join(path, "__init__")
    from importlib.machinery import EXTENSION_SUFFIXES

    built = next((path + s for s in EXTENSION_SUFFIXES if os.path.exists(path + s)), None)
    return path + ".py", built


class SourceWhenStale:
    """A finder, first on sys.meta_path: for a module of `modules` whose compiled file
    must not run (see above), the spec of its source; for any other, None, so that
    Python's own finders go on (and they take a compiled file before a .py)."""

    def __init__(self, modules=_MODULES, root: str = _PACKAGE):
        self.modules, self.root = modules, root

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        source, built = files(name, self.root)
        if built is None or (not pure_python() and fresh(source, built)):
            return None
        import importlib.util

        package = os.path.basename(source) == "__init__.py"
        return importlib.util.spec_from_file_location(
            name, source, submodule_search_locations=[os.path.dirname(source)] if package else None)


def install() -> None:
    """Put SourceWhenStale first on sys.meta_path (once; extractor/__init__.py calls it)."""
    if not any(isinstance(f, SourceWhenStale) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceWhenStale())


def in_use() -> list[str]:
    """The modules of MODULES that run compiled in this process (importing them)."""
    import importlib
    from importlib.machinery import EXTENSION_SUFFIXES

    return [m for m in MODULES if importlib.import_module(m).__file__.endswith(tuple(EXTENSION_SUFFIXES))]
