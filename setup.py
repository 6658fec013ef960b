"""Builds the optional C module extractor._speedups (see extractor/compiled.py)
where Cython and a C compiler are at hand; the package's metadata lives in
setup.cfg. Without them, or if the build fails, the package installs without
it and the Python twins of its loops run, which give the same results (only
slower)."""
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """A build_ext whose failure leaves the extension out instead of failing the install."""

    def run(self):
        try:
            super().run()
        except Exception as exc:   # noqa: BLE001  (no compiler, no headers: any reason)
            print(f"extractor: the C loops were not built ({exc}); the Python ones are used")


def extensions():
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("extractor: Cython is missing, the C loops are not built; the Python ones are used")
        return []
    try:
        return cythonize([Extension("extractor._speedups", ["extractor/_speedups.pyx"])], quiet=True)
    except Exception as exc:   # noqa: BLE001
        print(f"extractor: the C loops were not translated ({exc}); the Python ones are used")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
