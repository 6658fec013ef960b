"""extractor: people-and-organisation events from Chinese news articles."""
from extractor import compiled as _compiled

__version__ = "0.1.0"
_compiled.install()   # a compiled module runs only where it is up to date (see extractor/compiled.py)
