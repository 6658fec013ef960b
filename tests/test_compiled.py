"""The compiled code (extractor/compiled.py): the same results as the Python, and
run only where it is up to date."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES

import pytest

from extractor import compiled

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _tree(tmp_path):
    """A package folder with a module and a subpackage, each with a (stand-in) compiled file."""
    (tmp_path / "sub").mkdir()
    for src in ("mod.py", "sub/__init__.py"):
        (tmp_path / src).write_text("X = 1\n")
        (tmp_path / (src[:-3] + EXTENSION_SUFFIXES[0])).write_bytes(b"")
    return compiled.SourceWhenStale(frozenset({"pkg.mod", "pkg.sub"}), str(tmp_path))


def _age(path, seconds):
    st = os.stat(path)
    os.utime(path, (st.st_atime, st.st_mtime + seconds))


def test_a_fresh_compiled_module_is_left_to_pythons_finders(tmp_path, monkeypatch):
    monkeypatch.delenv("EXTRACTOR_PURE_PYTHON", raising=False)
    finder = _tree(tmp_path)
    for src in ("mod.py", "sub/__init__.py"):
        _age(tmp_path / src, -60)              # built after the last edit
    assert finder.find_spec("pkg.mod") is None
    assert finder.find_spec("pkg.sub") is None
    assert finder.find_spec("pkg.other") is None   # not one of the compiled modules


def test_a_stale_or_unwanted_compiled_module_gives_way_to_its_source(tmp_path, monkeypatch):
    monkeypatch.delenv("EXTRACTOR_PURE_PYTHON", raising=False)
    finder = _tree(tmp_path)
    _age(tmp_path / "mod.py", 60)              # edited after the build
    spec = finder.find_spec("pkg.mod")
    assert spec.origin == str(tmp_path / "mod.py") and spec.submodule_search_locations is None
    assert finder.find_spec("pkg.sub") is None
    monkeypatch.setenv("EXTRACTOR_PURE_PYTHON", "1")
    spec = finder.find_spec("pkg.sub")
    assert spec.origin == str(tmp_path / "sub" / "__init__.py")
    assert spec.submodule_search_locations == [str(tmp_path / "sub")]   # still a package
    # an installed copy runs what it was installed with, whatever the files' times
    monkeypatch.delenv("EXTRACTOR_PURE_PYTHON")
    monkeypatch.setattr(compiled, "_IN_TREE", False)
    assert finder.find_spec("pkg.mod") is None


def test_without_a_compiled_file_the_source_is_left_to_pythons_finders(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_PURE_PYTHON", "1")
    finder = _tree(tmp_path)
    os.unlink(tmp_path / ("mod" + EXTENSION_SUFFIXES[0]))
    assert finder.find_spec("pkg.mod") is None


def test_every_compiled_module_exists_as_python():
    """MODULES names modules of the package (setup.py compiles what it lists)."""
    for name in compiled.MODULES:
        source, _ = compiled.files(name)
        assert os.path.isfile(source), name


def _extract(env_extra: dict) -> tuple[str, int]:
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_PURE_PYTHON"}
    env.update(env_extra)
    code = ("import sys; from extractor import compiled; from extractor.cli import main; "
            "print(len(compiled.in_use()), file=sys.stderr); main()")
    res = subprocess.run([sys.executable, "-c", code, "extract", "--format", "jsonl", "-q",
                          os.path.join(ROOT, "samples"), os.path.join(ROOT, "tests", "corpus")],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout, int(res.stderr.split()[0])


def test_compiled_and_python_give_the_same_output():
    """The samples and the taggers' and events' corpus, compiled and as Python: byte for byte."""
    fast, n_fast = _extract({})
    slow, n_slow = _extract({"EXTRACTOR_PURE_PYTHON": "1"})
    assert n_slow == 0
    if n_fast == 0:
        pytest.skip("no module is compiled here (no Cython or C compiler)")
    assert fast.count("\n") > 700
    assert fast == slow


def test_the_compiled_code_is_built_where_it_must_be(pipeline):
    """CI (.ci/run) sets EXTRACTOR_REQUIRE_C: there a C compiler is at hand, so a build that
    failed (and left the Python to run) is an error, not a silent slow-down."""
    if not os.environ.get("EXTRACTOR_REQUIRE_C"):
        pytest.skip("EXTRACTOR_REQUIRE_C is not set")
    assert compiled.speedups() is not None, "extractor/_speedups.pyx was not built: see `pip install -v -e .`"
    assert pipeline.segmenter.compiled
    missing = sorted(set(compiled.MODULES) - set(compiled.in_use()))
    assert not missing, f"not built, or older than their source (make install): {missing}"
