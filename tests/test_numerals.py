"""extractor.numerals: Chinese, Arabic and mixed numerals, and the bounded forms
(八位数, 几十万, 三五百, 3000多) the salary tagger builds on."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # without an install

from extractor import numerals as N  # noqa: E402


@pytest.mark.parametrize("s,want", [
    ("0", 0), ("1", 1), ("34,567", 34567), ("1,040,000", 1040000), ("1.10", 1.1), (".77", 0.77),
    ("一", 1), ("两", 2), ("十", 10), ("十一", 11), ("二十", 20), ("九十六", 96),
    ("二百零三", 203), ("五百三十四", 534), ("一千零一", 1001), ("三千零五十", 3050),
    ("三万四千五百六十七", 34567), ("一万零四十", 10040), ("三万四千五百零七", 34507),
    ("十万", 100000), ("三百万", 3000000), ("一百零四万", 1040000), ("一百二十万", 1200000),
    ("六十四万零一百四十三", 640143), ("二十五万三千二百", 253200),
    ("壹", 1), ("拾壹", 11), ("伍佰叁拾肆", 534), ("壹万二千三百四十五", 12345), ("肆佰叁拾万", 4300000),
    ("参万肆仟伍佰陆拾柒", 34567),
    ("廿", 20), ("卅三", 33), ("一万零卌", 10040),
    ("三千五", 3500), ("三万五", 35000), ("一万二", 12000), ("1万2", 12000), ("千一", 1100),
    ("万九", 19000), ("百二万", 1200000),
    ("1.2万", 12000), ("3.5万", 35000), ("3千", 3000), ("2百", 200), ("1.5千", 1500),
    ("3千万", 30000000), ("3百万", 3000000), ("1万亿", 1e12), ("3千万亿", 3e15),
    ("12亿5000万", 1250000000), ("8亿", 800000000), ("177.1亿", 17710000000),
    ("2k", 2000), ("15K", 15000), ("30w", 300000), ("1.5W", 15000),
    ("二〇二三", 2023), ("一九九八", 1998), ("一二三", 123),
    ("三点五", 3.5), ("零点七五", 0.75), ("三点五万", 35000),
    ("百万", 1000000), ("千万", 10000000), ("亿", 100000000), ("万亿", 1e12),
])
def test_cn_to_number(s, want):
    got = N.cn_to_number(s)
    assert got is not None and abs(got - want) < 1e-6 * max(1, abs(want))


@pytest.mark.parametrize("s", ["", "万科", "abc", "十十", "百千", "三点", "点五", "K", "1.2.3"])
def test_cn_to_number_rejects(s):
    assert N.cn_to_number(s) is None


@pytest.mark.parametrize("s,want", [
    ("8位数", (10_000_000, 99_999_999)), ("八位数", (10_000_000, 99_999_999)),
    ("七位数", (1_000_000, 9_999_999)), ("9位数", (100_000_000, 999_999_999)),
    ("两位数", (10, 99)), ("7到8位数", (1_000_000, 99_999_999)), ("七八位数", (1_000_000, 99_999_999)),
    ("6-7位数", (100_000, 9_999_999)),
])
def test_digit_count_range(s, want):
    assert N.digit_count_range(s) == want


@pytest.mark.parametrize("s", ["个位数", "一位数", "8位", "位数", "八九十位数", "9到7位数"])
def test_digit_count_range_rejects(s):
    assert N.digit_count_range(s) is None


@pytest.mark.parametrize("s,want", [
    ("几十万", (1e5, 1e6)), ("数百万", (1e6, 1e7)), ("数十亿", (1e9, 1e10)), ("几万", (1e4, 1e5)),
    ("好几百万", (1e6, 1e7)), ("上百万", (1e6, None)), ("上千万", (1e7, None)), ("上亿", (1e8, None)),
])
def test_fuzzy_range(s, want):
    assert N.fuzzy_range(s) == want


@pytest.mark.parametrize("s", ["", "几", "上", "百万", "十几"])
def test_fuzzy_range_rejects(s):
    assert N.fuzzy_range(s) is None


@pytest.mark.parametrize("s,want", [
    ("三五百", (300, 500)), ("八九亿", (8e8, 9e8)), ("两三万", (2e4, 3e4)), ("四五千", (4000, 5000)),
    ("三四十万", (3e5, 4e5)), ("一两万", (1e4, 2e4)),
])
def test_pair_range(s, want):
    assert N.pair_range(s) == want


@pytest.mark.parametrize("s", ["一九九八", "九八万", "三七万", "五五百", "三五"])
def test_pair_range_rejects(s):
    assert N.pair_range(s) is None


@pytest.mark.parametrize("x,want", [(3000, 4000), (10, 20), (3500, 3600), (100, 200), (13, 14), (1.5, None), (0, None)])
def test_more_upper(x, want):
    assert N.more_upper(x) == want


@pytest.mark.parametrize("s,want", [
    ("", 1), ("万", 1e4), ("千万", 1e7), ("百亿", 1e10), ("万亿", 1e12), ("k", 1e3), ("K", 1e3),
    ("w", 1e4), ("十万", 1e5), ("仟", 1e3), ("佰", 100),
])
def test_unit_value(s, want):
    assert N.unit_value(s) == want


@pytest.mark.parametrize("s,want", [("双", 2), ("两", 2), ("三", 3), ("十", 10), ("12", 12), ("1.5", 1.5)])
def test_small_int(s, want):
    assert N.small_int(s) == want


@pytest.mark.parametrize("x,want", [(12000.000000000002, 12000), (45564.44, 45564.44), (1.0, 1),
                                    (233333333434.344, 233333333434.34)])
def test_clean(x, want):
    got = N.clean(x)
    assert got == want and type(got) is type(want)


def test_to_int():
    assert N.to_int(2.6) == 3 and N.to_int(None) is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(N.CN_NUM_CHARS + "0123456789.,kKwW点廿卅卌位数几上好多")), max_size=80))
def test_numeral_functions_never_raise(s):
    for f in (N.cn_to_number, N.digit_count_range, N.fuzzy_range, N.pair_range, N.unit_value):
        f(s)


def test_long_inputs():
    assert N.cn_to_number("万" * 100_000) is None
    assert N.cn_to_number("1" * 1000) == float("1" * 1000)
