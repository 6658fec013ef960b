"""Builds the optional compiled code (see extractor/compiled.py) where Cython and
a C compiler are at hand: the C module extractor._speedups, and the pipeline's
modules compiled from their own .py files. The package's metadata lives in
setup.cfg. Without Cython or a compiler, or where a module fails to build, the
package installs without it and the Python runs instead, with the same results
(only slower)."""
import os

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
# Compiled from .py: the annotations are documentation, not C types (annotation_typing);
# -O2 without debug information: the largest module compiles in 36 s instead of 47 s with
# Python's own -O3 -g, for under 1% more instructions at run time (-Os: 2.5% more).
PY_DIRECTIVES = {"language_level": 3, "annotation_typing": False}
PY_FLAGS = ["-O2", "-g0"]


def _compiled():
    """extractor/compiled.py, loaded on its own (not the package, whose dependencies need not
    be installed yet): its MODULES and files() say what to compile from which source."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_extractor_compiled",
                                                  os.path.join(HERE, "extractor", "compiled.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _extension(compiled, name: str) -> Extension:
    """The extension of a module compiled from its .py; a package's is its __init__'s,
    built into the package's folder."""
    source = os.path.relpath(compiled.files(name)[0], HERE)
    return Extension(name + ".__init__" if source.endswith("__init__.py") else name, [source])


class OptionalBuildExt(build_ext):
    """A build_ext that builds what it can: a module that fails is left out (its Python
    runs), and so is everything if the build cannot start. Builds in parallel, one
    module per core."""

    def finalize_options(self):
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def run(self):
        try:
            super().run()
        except Exception as exc:   # noqa: BLE001  (no compiler, no headers: any reason)
            print(f"extractor: the compiled modules were not built ({exc}); the Python runs")

    def build_extension(self, ext):
        if self.compiler.compiler_type == "unix" and ext.name != "extractor._speedups":
            ext.extra_compile_args = PY_FLAGS   # (after Python's own flags, so they win)
        try:
            super().build_extension(ext)
        except Exception as exc:   # noqa: BLE001  one module's failure costs that module only
            print(f"extractor: {ext.name} was not built ({exc}); its Python runs")


def extensions():
    if os.environ.get("EXTRACTOR_NO_BUILD"):
        # the Makefile installs the package so, then builds in place once: `setup.py build_ext
        # --inplace` keeps its objects in build/ and after an edit rebuilds only what changed
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("extractor: Cython is missing, nothing is compiled; the Python runs")
        return []
    compiled = _compiled()
    exts = [_extension(compiled, m) for m in compiled.MODULES]
    try:
        return (cythonize([Extension("extractor._speedups", ["extractor/_speedups.pyx"])], quiet=True)
                + cythonize(exts, quiet=True, nthreads=os.cpu_count() or 1, compiler_directives=PY_DIRECTIVES))
    except Exception as exc:   # noqa: BLE001
        print(f"extractor: the modules were not translated to C ({exc}); the Python runs")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
