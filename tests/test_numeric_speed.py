"""Shortcuts of the salary and date taggers must change nothing: each against
the plain way it stands for, over the tagger corpus and the samples."""
from __future__ import annotations

from conftest import corpus_and_samples

from extractor.taggers import salary
from extractor.text import normalize


def _norms() -> list[str]:
    return [normalize(t) for t in corpus_and_samples("salary.jsonl", "date.jsonl", "quantity.jsonl")]


def _named_plain(txt: str) -> str | None:
    for w, code in salary.CURRENCIES.items():
        if txt.endswith(w):
            return code
    return None


def test_named_currency_as_the_plain_loop():
    """_named_currency (memoised) gives the first currency of CURRENCIES the text ends with."""
    texts = {w + tail for w in ("", "元", "圆整", "块钱") for tail in ("", *salary.CURRENCIES)}
    for norm in _norms():
        for m in salary._NUM.finditer(norm):
            texts.add(salary._RIGHT.match(norm, m.end()).group("cur"))
            g = salary._RANGE_GAP.match(norm, m.end())
            if g:
                texts.add(g.group("cur"))
    named = 0
    for t in texts:
        assert salary._named_currency(t) == _named_plain(t), t
        named += _named_plain(t) is not None
    assert named > 40
