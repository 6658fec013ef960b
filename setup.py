"""Builds the optional C module extractor._fastcut (the segmenter's best path)
where Cython and a C compiler are at hand; the package's metadata lives in
setup.cfg. Without them, or if the build fails, the package installs without
it and extractor/segment.py runs its own Python loop, which finds the same
words (only slower)."""
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """A build_ext whose failure leaves the extension out instead of failing the install."""

    def run(self):
        try:
            super().run()
        except Exception as exc:   # noqa: BLE001  (no compiler, no headers: any reason)
            print(f"extractor: the C segmenter was not built ({exc}); the Python one is used")

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:   # noqa: BLE001
            print(f"extractor: the C segmenter was not built ({exc}); the Python one is used")


def extensions():
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("extractor: Cython is missing, the C segmenter is not built; the Python one is used")
        return []
    try:
        return cythonize([Extension("extractor._fastcut", ["extractor/_fastcut.pyx"])], quiet=True)
    except Exception as exc:   # noqa: BLE001
        print(f"extractor: the C segmenter was not translated ({exc}); the Python one is used")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
