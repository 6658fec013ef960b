"""extractor._speedups: the hottest loops in C (the segmenter's search of the
dictionary and its HMM, the taggers' scans of the tokens), built from
extractor/_speedups.pyx by `pip install` where Cython and a C compiler are at
hand (see setup.py). Each has a Python twin at its call site that gives the
same result, and the tests hold the two together; the twin runs when the
module is missing or older than its source, or when EXTRACTOR_PURE_PYTHON is
set."""
from __future__ import annotations

import os

_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_speedups.pyx")


def speedups():
    """The module, or None (see above). Callers ask once, when they are built."""
    if os.environ.get("EXTRACTOR_PURE_PYTHON"):
        return None
    try:
        from extractor import _speedups
    except ImportError:
        return None
    try:   # in a source tree, a module built before its source was last edited is out of date
        if os.stat(_SOURCE).st_mtime > os.stat(_speedups.__file__).st_mtime:
            return None
    except OSError:
        pass   # an installed copy without its source
    return _speedups
