"""normalize's faster forms must give the copy its plain forms give: the table
with the characters that stay as they are must translate as the table of the
changes alone, and the hyphen pattern that looks for the hyphen first must
find what the pattern with the look-behind first finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.text import HAN, _changes, _table, normalize

# our own characters: simplified and traditional (對話, 與, 發), full-width forms,
# the four hyphens, the middle dots, blanks, and characters outside every block
# the table keeps as they are (arrows, Roman numerals, a private-use character, emoji)
_CHARS = "凯里欧文對話與發展张三ＡＢＣ１２３，（）：！ -‐‑–·‧•・\u3000\xa0abcXYZ09.↑↓●Ⅱⅱ︱□\ue627😀𠀋"
_PLAIN_HYPHEN = re.compile(r"(?<=[%s])[-‐‑–](?=[%s])" % (HAN, HAN))


def _plain(text: str) -> str:
    return _PLAIN_HYPHEN.sub("·", text.translate(_changes()))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60))
def test_normalize_is_the_plain_translation_and_hyphen_rule(s):
    assert normalize(s) == _plain(s)


def test_the_table_adds_only_characters_that_stay_as_they_are():
    changes, table = _changes(), _table()
    assert all(table[cp] == to for cp, to in changes.items())
    assert all(to == cp for cp, to in table.items() if cp not in changes)
    assert len(changes) > 2000   # the traditional characters are there (OpenCC's table was found)


def test_a_hyphen_between_chinese_characters_is_a_middle_dot():
    assert normalize("凯里-欧文与A-B、张-3") == "凯里·欧文与A-B、张-3"
