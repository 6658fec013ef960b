"""Shortcuts of the salary and date taggers must change nothing: each against
the plain way it stands for, over the tagger corpus, the samples and a few
sentences written for these tests.

- salary: _named_currency memoises the currency a text after a number ends with;
- quantity: the scan tests the words a match begins with (不到, 大约, 上百)
  after the first character (不, 大, 上);
- date: _START and _START_L begin a date only where a word some pattern needs
  stands (第 before a quarter, 双十一, 母亲节, a dot after a year …), where they
  once began at shorter words (第, 双, 母亲, any dot): the places dropped give
  no date.
"""
from __future__ import annotations

import datetime
import re

import pytest

from conftest import corpus_and_samples

from extractor.taggers import date, quantity, salary
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


# -- date: where a date can begin --------------------------------------------------------

# The beginnings as they were before they were narrowed to the words the patterns need.
_PLAIN_CHARS = "0-9〇零○一二三四五六七八九十两廿半大前去今本明后上下这昨当同次翌首第Qq周星礼年元情妇植愚劳青儿建教国平圣双母父感世月春除端中重腊农正冬"
_PLAIN_OTHER = r"""
  | 大[前后大] | 前[年天一二三两1-3] | 去[年春夏秋冬] | 今[年天日明春夏秋冬] | 本[年月周季日] | 明[年天日春夏秋冬] | 后[年天三1-9一二四五六七八九]
  | 上[上个一半]{0,2}[年月周季星礼] | 下[下个一半]{0,2}[年月周季星礼] | 这[一个]{0,2}[年月周季星礼] | 昨[天日]
  | 当[天日月年] | 同月 | 次[年月] | 翌年 | 首[季月] | 第[0-9一二三四五六七八九十] | [Qq][1-4]
  | 上个?世纪 | 本世纪 | 周[一二三四五六日天] | 星期 | 礼拜 | 年[初底末中] | 元旦 | 情人 | 妇女 | 植树 | 愚人 | 劳动 | 青年节
  | 儿童 | 建[党军]节 | 教师 | 国庆 | 平安夜 | 圣诞 | 双 | 母亲 | 父亲 | 感恩 | 月[初底末中]
  | 春节 | 除夕 | 元宵节 | 端午 | 七夕 | 中秋 | 重阳节 | 腊八节 | 农历 | 正月 | 冬月 | 腊月 | 大年 )
"""
_PLAIN_START = re.compile(r"""
  (?=[""" + _PLAIN_CHARS + r"""])
  (?: (?<![0-9])[0-9](?=[0-9]{0,3}(?:\ ?[年月日季周天个星礼]|\ ?世纪|\s{0,2}[-至到~～－—–―]|[./][0-9]))
  | (?<![〇零○一二三四五六七八九十两廿])[〇零○一二三四五六七八九十两廿半](?=[〇零○一二三四五六七八九十两廿]{0,5}个?[年月日号季周星礼天代世])
  | 六一儿童 | 三八 | 五一 | 十一""" + _PLAIN_OTHER, re.X)
_PLAIN_START_L = re.compile(r"""
  (?=[""" + _PLAIN_CHARS + r"""])
  (?: (?<![0-9])[0-9]
  | (?<![〇零○一二三四五六七八九十两廿])[〇零○一二三四五六七八九十两廿半]""" + _PLAIN_OTHER, re.X)

# Written for these tests: the words the narrowing drops and keeps, in business and sports news.
DATE_EXTRA = [
    "公司第3季度营收增长，第一次超过对手；前两个季度亏损，前一天股价大涨，双方在双十一前后签约。",
    "十一至十二月为旺季，2024.3.5发布的报告称增长1.5倍，比分定格在2-1，第二轮于5月举行。",
    "母亲节当天她回到家乡，父亲节前夕公司发布新品；感恩节、教师节和劳动节假期客流大增。",
    "该基金次年清盘，同月另一家基金成立，翌年合并；当年的三星手机，后三天再议，5星期后复盘。",
    "本届奥运会第一名的选手在十一黄金周回国，三八节当日与五一劳动节均有活动，2019/20赛季。",
]


def _date_norms() -> list[str]:
    return _norms() + [normalize(t) for t in corpus_and_samples("org.jsonl", "title.jsonl", "person.jsonl",
                                                                 "level.jsonl") + DATE_EXTRA]


@pytest.mark.parametrize("lenient", [False, True])
def test_date_begins_only_where_a_pattern_can(lenient):
    """Every place the narrowed beginnings pass over (the plain ones take it) gives no date,
    and the narrowed ones take no place the plain ones did not."""
    fast, plain = (date._START_L, _PLAIN_START_L) if lenient else (date._START, _PLAIN_START)
    dropped = 0
    for s in _date_norms():
        for p in range(len(s)):
            f, q = fast.match(s, p) is not None, plain.match(s, p) is not None
            assert q or not f, (s[p:p + 8], p)
            if q and not f:
                dropped += 1
                assert date._single(s, p, lenient) is None, (s[p:p + 8], p)
                mn = date._BARE_LEFT.match(s, p)
                assert mn is None or date._bare_left(s, mn, None, None, None, "past", lenient) is None, (s[p:p + 8], p)
    assert dropped > 30


def test_date_tag_as_with_the_plain_beginnings():
    texts = _date_norms()
    pub = datetime.date(2024, 11, 15)
    fast = [[e.to_dict() for e in date.tag(s, pub)] for s in texts]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(date, "_START", _PLAIN_START)
        mp.setattr(date, "_ANY", re.compile("[" + _PLAIN_CHARS + "]"))
        plain = [[e.to_dict() for e in date.tag(s, pub)] for s in texts]
    assert fast == plain
    assert sum(map(len, fast)) > 200


# -- quantity: the first test of the scan ---------------------------------------------------

# Written for these tests: words the second test turns away (上海, 上午, 不是, 大家, 成为) beside
# those it lets through (上百, 几十, 不到, 大约, 成千上万).
NUMBER_EXTRA = [
    "上海一家公司上午宣布，年薪上百万，另有几十万奖金，不是大家想的那样；员工不到300人，大约两百名工程师。",
    "成为独角兽后，成千上万的求职者涌入，数十位专家和上千名志愿者参加，万亿市场，亿元合同，好几百万年薪。",
]


def _without_second_test(rx: re.Pattern, marker: str) -> re.Pattern:
    lines = [line for line in rx.pattern.split("\n") if marker not in line]
    assert len(lines) == len(rx.pattern.split("\n")) - 1
    return re.compile("\n".join(lines), rx.flags)


@pytest.mark.parametrize("module, name, marker", [
    (quantity, "_RX", "then the words a match begins with"),
])
def test_number_scan_as_without_its_second_test(module, name, marker):
    fast = getattr(module, name)
    plain = _without_second_test(fast, marker)
    found = 0
    for s in _norms() + [normalize(t) for t in NUMBER_EXTRA]:
        got = [(m.span(), m.groupdict()) for m in fast.finditer(s)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(s)], s
        found += len(got)
    assert found > 50
