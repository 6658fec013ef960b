"""Chinese and mixed numerals to numbers: 一千二百 → 1200, 1.2万 → 12000,
二〇二三 → 2023 (digit by digit), 2k → 2000, 两 → 2, 十多 → (10, "more"),
八位数 → (10000000, 99999999), 几十万 → (100000, 1000000).

Pure functions over strings; no regex state, no I/O.

Conventions (shared with `extractor.taggers.salary`):
- `cn_to_number` parses one exact numeral and returns a float, or None when the
  string is not a numeral. Colloquial shortenings follow speech: 三千五 = 3500,
  三万五 = 35000, 千一 = 1100, 1万2 = 12000.
- The bounded forms return `(low, high)` pairs, `high` None when open-ended:
  `digit_count_range("8位数")` = (10**7, 10**8 - 1); `fuzzy_range("几十万")` =
  (1e5, 1e6) and `fuzzy_range("上百万")` = (1e6, None) (JioNLP's convention for
  几/数: from one unit of the order named up to ten of them); `more_upper(3000)` =
  4000, the upper bound of 3000多 (the next step of the last non-zero digit).
"""
from __future__ import annotations

import functools

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2,
          "三": 3, "叁": 3, "参": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
          "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
LATIN_UNITS = {"k": 1000, "K": 1000, "w": 10_000, "W": 10_000}
CN_NUM_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_BIG_UNITS_LARGEST_FIRST = sorted(BIG_UNITS.items(), key=lambda kv: -kv[1])
# 廿 20, 卅 30, 卌 40: rewritten before parsing (廿三 → 二十三)
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
# multipliers named by a word in front of 倍 (双倍, 两倍)
_MULT_WORDS = {"双": 2, "两": 2, "俩": 2}


def _cn_section(s: str) -> int | None:
    """A section below 万: 三千五百二十, 二十, 十五, 三千五 (colloquial: 三千五 = 3500)."""
    total, digit, last_unit = 0, None, None
    for ch in s:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral: not this form
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        # 三千五 means 3500: a trailing digit takes the next unit down
        if last_unit and last_unit >= 100 and digit and s[-2] in SMALL_UNITS:
            total += digit * last_unit // 10
        else:
            total += digit
    return total


def _cn_decimal(s: str) -> float | None:
    """三点五 → 3.5, 零点七五 → 0.75 (the part after 点 is read digit by digit)."""
    head, _, tail = s.partition("点")
    if not head or not tail or not all(ch in DIGITS for ch in tail):
        return None
    h = cn_to_number(head)
    if h is None:
        return None
    return h + float("0." + "".join(str(DIGITS[ch]) for ch in tail))


@functools.lru_cache(maxsize=4096)
def cn_to_number(s: str) -> float | None:
    """Parse a numeral made of Chinese digits and units, Arabic digits, or a mix
    (3.5万, 1,200, 十二万五千, 二〇二三). Returns None when `s` is not a numeral.
    Memoised (bounded): the taggers read the same few numerals (一, 3, 2019) over and over."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    if len(s) > 64:
        return None  # no numeral is this long; also keeps the recursion below shallow
    if any(ch in _TENS for ch in s):
        for k, v in _TENS.items():
            s = s.replace(k, v)
    # digit-by-digit form: 二〇二三, 一九九八
    if len(s) >= 2 and all(ch in DIGITS for ch in s):
        return float("".join(str(DIGITS[ch]) for ch in s))
    for unit_char, mult in _BIG_UNITS_LARGEST_FIRST:
        if unit_char in s:
            head, _, tail = s.partition(unit_char)
            h = cn_to_number(head) if head else 1.0
            t = cn_to_number(tail) if tail else 0.0
            if h is None or t is None:
                return None
            if tail and tail[0] in "零〇" and t >= mult:
                return None
            # 三万五 = 35000, 1万2 = 12000: a lone trailing digit takes the next unit down
            if tail and len(tail) == 1 and (tail in DIGITS or tail in "123456789") and tail[0] not in "零〇":
                t = (DIGITS[tail] if tail in DIGITS else int(tail)) * mult / 10
            return h * mult + t
    if s[-1] in LATIN_UNITS:
        head = cn_to_number(s[:-1])
        return None if head is None else head * LATIN_UNITS[s[-1]]
    if s[0].isdigit() or s[0] == ".":
        # 3千 / 2百: Arabic head with one small unit
        for i, ch in enumerate(s):
            if ch in SMALL_UNITS:
                try:
                    head = float(s[:i])
                except ValueError:
                    return None
                rest = s[i + 1:]
                t = cn_to_number(rest) if rest else 0.0
                return None if t is None else head * SMALL_UNITS[ch] + t
        return None
    if "点" in s:
        return _cn_decimal(s)
    v = _cn_section(s)
    return None if v is None else float(v)


def to_int(x: float | None) -> int | None:
    return None if x is None else int(round(x))


def clean(x: float) -> int | float:
    """A JSON-friendly amount: an int when whole (12000.000000000002 → 12000),
    else rounded to cents (45564.44)."""
    r = round(x, 2)
    return int(r) if r == int(r) else r


def unit_value(units: str) -> float | None:
    """The multiplier a run of unit characters stands for: 万 → 1e4, 千万 → 1e7,
    百亿 → 1e10, 万亿 → 1e12, k → 1e3, w → 1e4, '' → 1."""
    if not units:
        return 1.0
    if len(units) == 1 and units in LATIN_UNITS:
        return float(LATIN_UNITS[units])
    return cn_to_number("一" + units)


def small_int(s: str) -> float | None:
    """The count before 倍/番/位数: 双 → 2, 两 → 2, 三 → 3, 十 → 10, 12 → 12, 1.5 → 1.5."""
    if s in _MULT_WORDS:
        return float(_MULT_WORDS[s])
    return cn_to_number(s)


def digit_count_range(s: str) -> tuple[int, int] | None:
    """八位数 / 8位数 → (10_000_000, 99_999_999): the numbers written with that many
    digits; 7到8位数 / 七八位数 → (1_000_000, 99_999_999). None for other strings
    (and for fewer than 2 digits: 个位数 is not an amount)."""
    s = s.strip()
    if not s.endswith("位数"):
        return None
    body = s[:-2]
    lo_s = hi_s = body
    for sep in ("到", "至", "-", "~"):
        if sep in body:
            lo_s, _, hi_s = body.partition(sep)
            break
    else:
        if len(body) == 2 and all(ch in DIGITS for ch in body):  # 七八位数
            lo_s, hi_s = body[0], body[1]
    lo, hi = small_int(lo_s), small_int(hi_s)
    if lo is None or hi is None or lo != int(lo) or hi != int(hi) or not 2 <= lo <= hi <= 20:
        return None
    return 10 ** (int(lo) - 1), 10 ** int(hi) - 1


def more_upper(x: float) -> float | None:
    """The upper bound of X多 / X余 / X几: 3000多 → 4000, 10多 (十多) → 20,
    3500多 → 3600, 100多 → 200, 13多 → 14; None for a fraction (1.5多)."""
    if x <= 0 or x != int(x):
        return None
    n, step = int(x), 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return x + step


def fuzzy_range(s: str) -> tuple[float, float | None] | None:
    """几十万 → (1e5, 1e6), 数百万 → (1e6, 1e7), 几万 → (1e4, 1e5), 十几 → (10, 20),
    上百万 → (1e6, None) (at least), 上亿 → (1e8, None). None for other strings."""
    s = s.strip()
    if s.startswith("上"):
        v = unit_value(s[1:]) if s[1:] else None
        return None if v is None or not s[1:] else (v, None)
    for head in ("好几", "几", "数"):
        if s.startswith(head) and len(s) > len(head):
            v = unit_value(s[len(head):])
            return None if v is None else (v, v * 10)
    return None


def pair_range(s: str) -> tuple[float, float] | None:
    """Two neighbouring digits before a unit: 三五百 → (300, 500), 八九亿 → (8e8, 9e8),
    两三万 → (2e4, 3e4), 三四十万 → (3e5, 4e5). None unless the second digit is 1-2 above the first."""
    if len(s) < 3 or s[0] not in DIGITS or s[1] not in DIGITS:
        return None
    d1, d2 = DIGITS[s[0]], DIGITS[s[1]]
    if not (d1 >= 1 and 1 <= d2 - d1 <= 2):
        return None
    u = unit_value(s[2:])
    if u is None:
        return None
    return d1 * u, d2 * u
