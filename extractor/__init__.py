"""extractor: people-and-organisation events from Chinese news articles."""
__version__ = "0.1.0"
