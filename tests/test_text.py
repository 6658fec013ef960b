"""normalize's hyphen pattern looks for the hyphen first: it must find what the
plain pattern, with the look-behind first, finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_and_samples
from extractor.text import HAN, _rare, _table, normalize

# our own characters: simplified and traditional (對話, 與, 發), full-width forms,
# the four hyphens, the middle dots, blanks, symbols, a private-use character, emoji
_CHARS = "凯里欧文對話與發展张三ＡＢＣ１２３，（）：！？；｜ -‐‑–·‧•・\u3000\xa0abcXYZ09.↑↓●Ⅱⅱ︱□\ue627😀𠀋"
_PLAIN_HYPHEN = re.compile(r"(?<=[%s])[-‐‑–](?=[%s])" % (HAN, HAN))


def _plain(text: str) -> str:
    return _PLAIN_HYPHEN.sub("·", text.translate(_table()))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60))
def test_normalize_is_the_plain_translation_and_hyphen_rule(s):
    assert normalize(s) == _plain(s)


def test_a_hyphen_between_chinese_characters_is_a_middle_dot():
    assert normalize("凯里-欧文与A-B、张-3") == "凯里·欧文与A-B、张-3"


def test_normalize_is_the_plain_translation_on_the_corpus_and_samples():
    """The shortcut (the common marks by str.replace, the table only where another
    character of it stands) over real text, traditional characters among it."""
    texts = corpus_and_samples("org.jsonl", "person.jsonl", "date.jsonl") + ["字節跳動與騰訊，（１２３）；𠀋"]
    assert any(_rare().search(t) for t in texts)   # some go the whole table's way
    for t in texts:
        assert normalize(t) == _plain(t)
