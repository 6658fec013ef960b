"""Entity taggers, one module per type. Each is a function from the normalised
text (same length as the original, see `extractor.text.normalize`) and the
context it needs to a list of `Entity` with a `rule`; the pipeline replaces each
entity's `text` with the original characters at the same offsets."""

from __future__ import annotations  # noqa: E402  (after the docstring, for the dataclass below)

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from extractor.lexicon import Lexicon
    from extractor.segment import Segmenter
    from extractor.text import Span


@dataclass(slots=True)
class Context:
    """What the taggers share about one document."""

    text: str                               # the original
    norm: str                               # normalize(text): same length
    tokens: list[tuple[str, int, int]]      # jieba tokens over `norm`
    sentences: "list[Span]"
    published: _dt.date | None
    lexicon: "Lexicon"
    segmenter: "Segmenter"
    token_starts: set[int] = field(default_factory=set)
    token_ends: set[int] = field(default_factory=set)

    def __post_init__(self):
        self.token_starts = {s for _, s, _ in self.tokens}
        self.token_ends = {e for _, _, e in self.tokens}


def token_matches(ctx: Context, lookup, max_window: int = 5) -> list[tuple[int, int, object]]:
    """Dictionary matches over windows of jieba tokens: at each token, the
    longest window whose text `lookup` knows wins; the scan then jumps past
    it (longest match, then the earliest, as spaCy's EntityRuler does)."""
    toks, norm = ctx.tokens, ctx.norm
    out = []
    i, n = 0, len(toks)
    while i < n:
        for j in range(min(n, i + max_window), i, -1):
            s, e = toks[i][1], toks[j - 1][2]
            hit = lookup(norm[s:e], s, e)
            if hit is not None:
                out.append((s, e, hit))
                i = j
                break
        else:
            i += 1
    return out
