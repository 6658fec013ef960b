"""Pay (`salary`) and other amounts of money (`money`) in normalised text.

    tag(norm) -> list[Entity]

`norm` is the text as `extractor.text.normalize` gives it (half-width digits and
punctuation, simplified characters, same length as the original).

How it works: one regex finds number tokens (8000, 1.5万, 10K, 一百二十万, 八位数,
几十万, 上百万, 千万, 三五百); two adjacent tokens joined by -, ~, 至, 到 make a
range (10-15K, 5万至8万元, 两到三万); then small anchored regexes read what
follows (currency 元/美元/港币, 以上/左右/级, a period /月 每年 /天, ·16薪, a pay
word 年薪 right after: 百万年薪, 8位数的年包) and what precedes (超过, 约, 不到,
人民币, $, and the nearest cue word in the clause: 年薪, 月薪, 工资 … or 营收,
融资, 违约金, 估值 …). The cue decides the type:

- a pay cue (年薪, 月薪, 日薪, 时薪, 年包, 薪资, 工资, 底薪, 薪酬, 年收入, 年终奖 …)
  → `salary`; the nearest cue in the clause counts, at most 10 characters (no
  digits) before the amount, or right after it (百万年薪, 50万美元的年薪); a
  pay cue right before the amount wins over one after it;
- a money cue (营收, 融资, 估值, 违约金, 罚款, 股价, 奖金池, 交易金额 …) → `money`;
  价值, 金额, 总额, 规模, 价格 yield to a pay cue before them (薪酬包价值上千万元
  is pay); a money cue must be within 6 characters of an amount that has no
  currency (营收200亿);
- no cue: a job-board form is pay: 15K·13薪, 8000元/月 (a slash period; 每年12元
  is not), a range in K (10-15K, pay even after 报价), a 万/千 range or a K amount
  with 以上/+ standing alone as a field ("0.8-1.2万", "20K+"); an amount with a
  currency (50万元, 1亿美元, $20) is money; anything else (1600万, 100万辆, 3-5年,
  千万不要, 几十万人) is nothing;
- a bare number (no unit, no currency: 月薪8000) needs its pay word right next to
  it, and is never money; a lone Chinese numeral without unit (年包一般, 一元复始)
  is no amount;
- a later amount in the same clause with no cue of its own takes the cue of the
  amount before it (年薪从100万涨到200万); a currency alone is not carried over.
- not amounts: a number followed by a counter (100万辆, 10-15人, 48小时, 3-5年),
  a year before 年薪/年入 (2018年薪酬为90万元: the cue is 薪酬), a number stuck to
  Latin letters (P10, GPT4) unless they are a currency code (RMB100), chains of
  numbers (2024-4-2, 138-1234-5678, 1.2.3).

Values (see SCHEMA.md): `{"min", "max", "currency", "period"}` for salary, the
same without a required period for money.

- A fixed amount has min == max. Open-ended (超过300万, 百万以上, 千万级, 50万起,
  30K+, 上百万) omits `max`; bounded above only (不到1万, 最高200万, 5000以下) omits
  `min`. 约/近/左右/上下 keep min == max and add `"approx": "about"`.
- Round figures: 年薪百万 / 百万年薪 → min = max = 1,000,000 (a round figure is read
  as that figure, not as "a million or more"; 百万级 and 百万以上 are open-ended).
- 8位数 / 八位数 → 10,000,000 … 99,999,999; 七位数 → 1,000,000 … 9,999,999. Only
  with a pay cue (两位数增长 is not money).
- 100多万 → 1,000,000 … 2,000,000; 几十万 → 100,000 … 1,000,000 (JioNLP's
  convention); 三五百 → 300 … 500.
- K/k = thousand, W/w = 万. A bare range with K and no period word (10-15K) is
  monthly: the job-board convention. `·13薪` adds `"months": 13` (and implies
  monthly pay when nothing else names the period).
- Period: from /月 /年 /天 /小时 or 每月 after the amount or 每月 before it, else from the cue
  (年薪/年包 year, 月薪/底薪 month, 日薪 day, 时薪 hour), else K → month, else for
  a generic cue (薪资, 工资, 薪酬): year when the amount is 10万 or more, month below
  (工资8000元 is monthly, 薪资开到200万 is yearly).
- Currency: from the word next to the amount (美元 USD, 港元/港币 HKD, 欧元 EUR …,
  a named currency before the number wins over a plain 元: 新台币177亿元 is TWD);
  CNY when none is named.
- Relative raises are `salary` with no amount: 双倍涨薪, 薪资翻倍, 两倍年薪 →
  `{"multiplier": 2.0}`; 翻两番 → 4.0 (番 doubles); 翻N倍 and 涨N倍 → N + 1
  (翻一倍 doubles, so 翻两倍 triples); 涨薪30% → 1.3; 涨薪30%-50% →
  `{"multiplier_min": 1.3, "multiplier_max": 1.5}`. A raise of no stated size
  (翻好几倍, 翻了几倍, 翻数倍) is `{"multiplier_min": 2.0}`: at least double, no
  upper bound (chosen over `{"multiplier": null}` so that the value always holds
  a number a reader can compare). The pay word must be a person's pay (薪资,
  年薪, 工资 …): 营收翻了一番 and 股价翻了三倍 are not raises.
- 面议 (negotiable), 高薪, and money words with no number give nothing.
- Money values may carry `period` too (竞业补偿金每月1.5万元), and amounts of
  money keep cents (12.35港元 → 12.35); whole amounts are ints.

Entity spans: a pay cue right before the amount is part of the span (年薪200万,
年薪超过300万元), and so is one right after it (百万年薪, 8位数的年包); a money cue is
not (营收200亿元 → 200亿元).

Every regex quantifier is bounded and nothing repeats inside a repetition: the
tagger is linear in the length of the text (1 MB of 万, 100,000 digits and
"K-" * 100,000 each take well under a second). Regexes are compiled at import.
"""
from __future__ import annotations

import functools
import re

from extractor import numerals as N
from extractor.model import Entity
from extractor.taggers import FirstChars, matches_from

# ---------------------------------------------------------------- lexicon

PAY_CUES: dict[str, str | None] = {
    "年薪": "year", "年包": "year", "年收入": "year", "年入": "year", "总包": "year",
    "薪资包": "year", "薪酬包": "year", "年终奖": "year", "package": "year", "Package": "year",
    "月薪": "month", "月收入": "month", "月入": "month", "底薪": "month", "起薪": "month",
    "日薪": "day", "时薪": "hour",
    "薪资": None, "薪酬": None, "薪水": None, "工资": None, "薪金": None, "待遇": None,
    "报酬": None, "offer": None, "Offer": None,
}
MONEY_CUES = (
    "营收 营业收入 营业额 销售额 销售收入 收入 净利润 利润 净利 毛利 亏损 净亏损 融资 募资 募集资金 "
    "投资 投资额 估值 市值 股价 每股 违约金 赔偿金 赔偿 补偿金 补偿 罚款 罚金 奖金池 奖池 奖金 "
    "交易金额 交易额 成交额 金额 总额 价格 售价 定价 报价 总价 价值 成本 费用 租金 房租 月供 预算 资金 "
    "收购 并购 出资 注册资本 身价 捐赠 捐款 规模 债务 贷款 负债 订单 税 花费 开销 支出 拨款 补贴 "
    "资产 现金 GMV 学费 票房 损失 罚没 共计 合计 总计 差额 赔付 获赔"
).split()

# money words that describe a pay cue before them rather than replace it
# (薪酬包价值上千万元, package总额300万): they yield to a pay cue earlier in the clause
WEAK_MONEY_CUES = {"价值", "金额", "总额", "规模", "价格"}

CURRENCIES: dict[str, str] = {
    "人民币": "CNY", "美元": "USD", "美金": "USD", "美圆": "USD", "港元": "HKD", "港币": "HKD",
    "澳门元": "MOP", "澳门币": "MOP", "澳元": "AUD", "澳币": "AUD", "欧元": "EUR", "日元": "JPY",
    "日币": "JPY", "日圆": "JPY", "英镑": "GBP", "新台币": "TWD", "台币": "TWD", "韩元": "KRW",
    "韩币": "KRW", "泰铢": "THB", "卢布": "RUB", "加元": "CAD", "加币": "CAD", "新加坡元": "SGD",
    "新元": "SGD", "瑞士法郎": "CHF", "瑞郎": "CHF", "印度卢比": "INR", "卢比": "INR", "奈拉": "NGN",
    "越南盾": "VND", "林吉特": "MYR", "新西兰元": "NZD", "纽币": "NZD", "迪拉姆": "AED",
}
PREFIX_CURRENCIES: dict[str, str] = {
    "人民币": "CNY", "港币": "HKD", "港元": "HKD", "美元": "USD", "新台币": "TWD", "台币": "TWD",
    "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
    "RMB": "CNY", "CNY": "CNY", "USD": "USD", "HKD": "HKD", "EUR": "EUR",
    "US$": "USD", "HK$": "HKD", "$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP",
}
PERIODS = {"月": "month", "年": "year", "天": "day", "日": "day", "小时": "hour", "时": "hour",
           "h": "hour", "H": "hour"}
LMOD_MIN = {"超过", "超", "逾", "过", "破", "高于", "多于", "不低于", "不少于", "至少", "起码",
            "最少", "最低", "突破"}
LMOD_MAX = {"不到", "不足", "低于", "少于", "不超过", "最多", "最高", "至多", "小于", "未满", "不及"}
LMOD_ABOUT = {"约", "大约", "大概", "约合", "近", "将近", "接近", "预计", "估计"}
RMOD_MIN = {"以上", "起", "起步", "级", "级别", "出头", "+", "多", "余"}
RMOD_MAX = {"以下", "以内"}
RMOD_ABOUT = {"左右", "上下"}
# a bare number followed by one of these counts things, it is no amount (100万辆, 10-15人)
COUNTERS = set("人名位个家辆台次件套股只条项所座场届年月日天周岁号期层楼倍%‰款部本张支平米斤吨克度分秒点篇首间级")
_COUNTER = re.compile(r"[%s]|小时|公里|千米|千克|公斤|英里|光年|平方" % "".join(sorted(COUNTERS)))
CUT = "，,。；;！？!?\n"
_CJK = r"\u4e00-\u9fff"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CN_START = "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
_AMOUNT_UNITS = frozenset("百千万亿佰仟")   # a Chinese numeral with one of these is an amount (八千), not a plain number (十八)
_CN_ALL = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"

# ---------------------------------------------------------------- regexes

# the first characters of the forms below: a cheap first test, and where matches_from tries _NUM
_NUM_FIRST = FirstChars(r"[\d%s好几数上百千万亿]" % _CN_START)
_NUM = re.compile(r"""
(?=%(first)s)
(?<![\d.])(?<!\d,)
(?:
  (?P<dc>[2-9一二两三四五六七八九十](?:(?:到|至|-|~)[2-9一二三四五六七八九十])?位数)
| (?P<pair>[一二两三四五六七八九][二两三四五六七八九](?:[十百千佰仟][万亿]{0,2}|[万亿]{1,2}))
| (?P<ar>\d{1,3}(?:,\d{3}){1,4}(?![\d,])(?:\.\d{1,6})?|\d{1,13}(?:\.\d{1,6})?)(?!\d)
    (?P<ar_ap1>多|余|几|来)?(?:[ ]?(?P<ar_unit>[十百千万亿佰仟]{1,3}))?(?P<ar_ap2>多|余)?
    (?P<ar_lat>[kKwW](?![A-Za-z]))?
| (?P<fz>(?:好几|几|数|上)(?:[十百千][万亿]{0,2}|[万亿]{1,2}))
| (?P<round>[百千][万亿]|万亿|亿)
| (?P<cn>[%(start)s][%(all)s]{0,19}(?:点[零〇一二三四五六七八九]{1,4}[万亿]{0,2})?)
    (?P<cn_ap>多|余|几|来)?(?:个(?=亿))?(?P<cn_unit>[万亿]{1,2})?
)
""" % {"first": _NUM_FIRST.rx.pattern, "start": _CN_START, "all": _CN_ALL}, re.X)

_SEP = r"(?:-{1,2}|—{1,2}|~|〜|至|到)"
_NAMED_CUR = _alt(CURRENCIES)
_YUAN = r"(?:元|圆整?|块钱|块(?![%s]))" % _CJK
# between the two ends of a range: 1万元--5万元, 1万(含)-5万元, 10 ~ 15K
_RANGE_GAP = re.compile(r"(?P<cur>%s?(?:%s)?)(?:\(含\))?[ ]?%s[ ]?" % (_YUAN, _NAMED_CUR, _SEP))
_CHAIN = re.compile(r"[ ]?(?:-|~|/|\.)\d")            # 2024-4-2, 138-1234-5678: not a range
_RIGHT = re.compile(r"""
(?P<cur>%(yuan)s?(?:%(named)s)?)
(?P<paren>[ ]?\(含\))?
(?P<rmod>%(rmod)s)?
(?P<per>[ ]?(?:/(?:人/)?|每个?)(?:月|年|天|日|小时|时|h|H)(?![A-Za-z]))?
(?P<rmod2>以上|左右|起)?
(?P<months>[ ]?[·*×xX]?[ ]?(?:1[2-9]|2[0-4])薪)?
""" % {"yuan": _YUAN, "named": _NAMED_CUR, "rmod": _alt(RMOD_MIN | RMOD_MAX | RMOD_ABOUT)}, re.X)
_CUES = {**{w: "pay" for w in PAY_CUES}, **{w: "money" for w in MONEY_CUES}}
_RCUE = re.compile(r"的?(?P<cue>%s)(?!者)" % _alt(_CUES))         # not 15万投资者
_CUE = re.compile(_alt(_CUES))
_LEFT = re.compile(r"(?P<lper>每个?(?:月|年|天|日|小时))?(?:(?P<lmod>%s)(?:可达|可以达到|达到|达|为|到|是|在)?)?"
                   r"(?P<pre>%s)?[ ]{0,2}\Z"
                   % (_alt(LMOD_MIN | LMOD_MAX | LMOD_ABOUT), _alt(PREFIX_CURRENCIES)))
# what may stand between a pay cue and its amount for the cue to join the span
_ADJ = re.compile(r"[:： 为是达到高可在有约就也都均已将能仅才只开给出了税前后至少超过不低于最的大概从或由]{0,6}")
_GAP_BAD = re.compile(r"[\d%s]" % re.escape(CUT))
_PEOPLE = re.compile(r"(?!的)[%s][%s]?(?:者|民|员|户)" % (_CJK, _CJK))
_CODE_BEFORE = re.compile(r"(?:RMB|CNY|USD|HKD|EUR)\Z")
_QUICK = re.compile(r"[\d万亿千百仟佰元圆币块倍番位%$¥￥€£镑铢]")

# relative raises
_PAYW = "薪资|薪水|薪酬|工资|年薪|月薪|待遇|年收入|月收入|年包|底薪"
_MULT_VERB = re.compile(
    r"(?P<cue>%s)(?P<gap>[^\d%s]{0,6}?)(?:翻|涨|上涨|增长|增加|提高|提升)了?"
    r"(?P<n>好几|几|数|[一二两三四五六七八九十]|\d{1,2}(?:\.\d)?)?(?P<k>倍|番)" % (_PAYW, re.escape(CUT)))
_MULT_PRE = re.compile(
    r"(?<![\d.])(?P<n>双|两|[三四五六七八九十]|\d{1,2}(?:\.\d{1,2})?)倍的?(?P<cue>涨薪|加薪|%s)" % _PAYW)
_MULT_POST = re.compile(
    r"(?P<cue>%s)(?:是|为|达到|达|变成|变为|涨到|涨至)?(?:原来|之前|此前|过去|以前|原先|原)?的?"
    r"(?P<n>双|两|[三四五六七八九十]|\d{1,2}(?:\.\d{1,2})?)倍(?![\d])" % _PAYW)
_PCT = re.compile(
    r"(?P<cue>涨薪|加薪|调薪|薪资涨幅|薪酬涨幅|工资涨幅|薪资上涨|薪水上涨|工资上涨|薪酬上涨|薪资提升|薪资提高|"
    r"薪资增长|工资增长|薪酬增长)(?P<gap>[^\d%s]{0,6}?)(?P<p1>\d{1,3}(?:\.\d{1,2})?)(?P<pc1>%%)?"
    r"(?:[ ]?(?:-|~|至|到)[ ]?(?P<p2>\d{1,3}(?:\.\d{1,2})?)%%)?(?P<rm>以上|左右)?" % re.escape(CUT))


# ---------------------------------------------------------------- number tokens

class _Num:
    """One number token: its bounds, and what a range partner needs to know."""

    __slots__ = ("lo", "hi", "kind", "units", "bare", "approx", "latin", "trail", "big_trail", "m")

    def __init__(self, m: re.Match):
        self.m = m
        self.lo = self.hi = None          # hi None: open-ended
        self.kind = m.lastgroup if m.lastgroup in ("dc", "pair", "fz", "round") else ("ar" if m.group("ar") else "cn")
        self.units = False                 # carries a unit (万, 千, k …)
        self.bare = True                   # a plain number with no unit at all
        self.approx = None
        self.latin = False
        self.trail = 1.0                   # multiplier of the trailing unit run (百亿 in 九百亿)
        self.big_trail = 1.0               # only its 万/亿/k part (万 in 三十万)
        self._parse()

    def _parse(self) -> None:
        m, k = self.m, self.kind
        if k == "dc":
            r = N.digit_count_range(m.group("dc"))
            if r:
                self.lo, self.hi = float(r[0]), float(r[1])
            self.bare = False
            return
        if k == "pair":
            r = N.pair_range(m.group("pair"))
            if r:
                self.lo, self.hi = r
            self.bare, self.units = False, True
            return
        if k == "fz":
            r = N.fuzzy_range(m.group("fz"))
            if r:
                self.lo, self.hi = r
            self.bare, self.units = False, True
            return
        if k == "round":
            v = N.cn_to_number(m.group("round"))
            self.lo = self.hi = v
            self.bare, self.units = False, True
            return
        if k == "ar":
            base = N.cn_to_number(m.group("ar"))
            unit = m.group("ar_unit") or ""
            lat = m.group("ar_lat") or ""
            ap = m.group("ar_ap1") or m.group("ar_ap2")
            mult = (N.unit_value(unit) or 1.0) * (N.LATIN_UNITS.get(lat, 1))
            self.latin = bool(lat)
            self.units = bool(unit or lat)
            self.trail = mult
            self.big_trail = mult
        else:
            text = m.group("cn")
            unit = m.group("cn_unit") or ""
            ap = m.group("cn_ap")
            base = N.cn_to_number(text)
            mult = N.unit_value(unit) or 1.0
            # trailing unit characters of the numeral itself: 三仟 → 千, 九百亿 → 百亿
            run = ""
            for ch in reversed(text):
                if ch in N.SMALL_UNITS or ch in N.BIG_UNITS:
                    run = ch + run
                else:
                    break
            lead = text[: len(text) - len(run)]
            digits_only = all(ch in N.DIGITS for ch in lead) and len(lead) == 1
            if run and digits_only:
                self.trail = (N.unit_value(run) or 1.0) * mult
            else:
                self.trail = mult
            big = ""
            for ch in reversed(run):
                if ch in N.BIG_UNITS:
                    big = ch + big
                else:
                    break
            self.big_trail = (N.unit_value(big) or 1.0) * mult
            self.units = bool(unit or any(ch in N.SMALL_UNITS or ch in N.BIG_UNITS for ch in text))
            # 八千, 一万二 are amounts; 十八, 一 alone are plain numbers
            self.bare = not (unit or not _AMOUNT_UNITS.isdisjoint(text))
        if base is None:
            return
        if k == "ar":
            self.bare = not self.units
        if ap in ("多", "余", "几"):
            hi = N.more_upper(base)
            self.lo, self.hi = base * mult, (hi * mult if hi is not None else None)
        else:
            self.lo = self.hi = base * mult
            if ap == "来":
                self.approx = "about"

    @property
    def single_digit(self) -> bool:
        """A lone digit with no unit: 两 in 两到三万, 8 in 8-9千."""
        if self.kind == "ar":
            return not self.units
        if self.kind == "cn":
            t = self.m.group("cn")
            return len(t) == 1 and t in N.DIGITS and not self.m.group("cn_unit")
        return False


# ---------------------------------------------------------------- helpers

def _clause_start(norm: str, pos: int, limit: int) -> int:
    """The start of the clause `pos` is in, looking back at most `limit` chars."""
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if norm[i] in CUT:
            return i + 1
    return lo


def _left_cue(norm: str, lstart: int) -> tuple[re.Match | None, int]:
    """The nearest cue word before `lstart` in the same clause, with at most 10
    characters (no digits) between: (match, window offset)."""
    ws = _clause_start(norm, lstart, 16)
    window = norm[ws:lstart]
    best = None
    pos = 0
    while True:
        m = _CUE.search(window, pos)
        if m is None:
            break
        pos = m.end()
        w = m.group(0)
        if w[0] in "年月日" and m.start() > 0 and window[m.start() - 1].isdigit():
            pos = m.start() + 1       # 2018年薪酬: the cue is 薪酬, 年 belongs to the date
            continue
        if best is not None and w in WEAK_MONEY_CUES and _CUES.get(best.group(0)) == "pay":
            continue          # 薪酬包价值…: the pay cue stays the nearest that counts
        best = m
    if best is None:
        return None, ws
    gap = window[best.end():]
    if len(gap) > 10 or _GAP_BAD.search(gap):
        return None, ws
    return best, ws


def _isolated(norm: str, start: int, end: int) -> bool:
    """Nothing but blanks or punctuation around [start, end): a job-board field."""
    before = norm[start - 1] if start > 0 else " "
    after = norm[end] if end < len(norm) else " "
    return (before.isspace() or before in CUT or before in ":：|/()（）【】[]") and \
        (after.isspace() or after in CUT or after in ":：|/()（）【】[]")


def _mult_entity(norm: str, s: int, e: int, value: dict, rule: str) -> Entity:
    return Entity(type="salary", text=norm[s:e], start=s, end=e, value=value, rule=rule)


def _count(n: str) -> float | None:
    if n in ("好几", "几", "数"):
        return None
    return N.small_int(n)


def _multipliers(norm: str) -> list[Entity]:
    out = []
    if "倍" in norm or "番" in norm:
        for m in _MULT_VERB.finditer(norm):
            n, k = m.group("n"), m.group("k")
            if n in ("好几", "几", "数"):
                val = {"multiplier_min": 2.0}
            else:
                c = 1.0 if n is None else _count(n)
                if c is None:
                    continue
                val = {"multiplier": float(2 ** c) if k == "番" else float(c + 1)}
            out.append(_mult_entity(norm, m.start(), m.end(), val, "relative raise: <pay> 翻/涨 N 倍"))
        for rx, rule in ((_MULT_PRE, "relative raise: N倍 <pay>"), (_MULT_POST, "relative raise: <pay> 是原来的 N 倍")):
            for m in rx.finditer(norm):
                c = _count(m.group("n"))
                if c is None or not 1 < c <= 20:
                    continue
                out.append(_mult_entity(norm, m.start(), m.end(), {"multiplier": float(c)}, rule))
    if "%" in norm:
        for m in _PCT.finditer(norm):
            p1, p2 = m.group("p1"), m.group("p2")
            if not (m.group("pc1") or p2):
                continue
            a = round(1 + float(p1) / 100, 4)
            if p2:
                b = round(1 + float(p2) / 100, 4)
                if b < a:
                    continue
                val = {"multiplier_min": a, "multiplier_max": b}
            elif m.group("rm") == "以上":
                val = {"multiplier_min": a}
            else:
                val = {"multiplier": a}
            out.append(_mult_entity(norm, m.start(), m.end(), val, "relative raise: <pay> N%"))
    return out


def _resolve(ents: list[Entity]) -> list[Entity]:
    """Drop overlaps: the longer span wins, then the earlier."""
    ents.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[Entity] = []
    for e in ents:
        if out and e.start < out[-1].end:
            if (e.end - e.start) > (out[-1].end - out[-1].start):
                out[-1] = e
            continue
        out.append(e)
    return out


# ---------------------------------------------------------------- the tagger

def _range_low(a: _Num, b: _Num, acur: str) -> tuple[float, float | None]:
    """The low end of a range, with the unit of the high end carried over when the
    low end has none: 10-15K, 1-1.5万, 两到三万, 八到九百亿, 十八至三十万, 一千到两千万;
    not when that would pass the high end (8500到3万 stays 8500)."""
    bmax = b.hi if b.hi is not None else b.lo
    cands: list[float] = []
    if not acur and not a.units:
        if a.kind == "ar":
            cands = [b.trail, b.big_trail]
        elif a.kind == "cn":
            cands = [b.trail, b.big_trail] if a.single_digit else [b.big_trail]
    elif not acur and a.kind == "cn" and not a.m.group("cn_unit") \
            and not any(ch in N.BIG_UNITS for ch in a.m.group("cn")):
        cands = [b.big_trail]           # 一百二十 has units, but no 万 of its own
    for mult in cands:
        if mult != 1.0 and a.lo * mult <= bmax:
            return a.lo * mult, (a.hi * mult if a.hi is not None else None)
    return a.lo, a.hi


@functools.lru_cache(maxsize=1024)
def _named_currency(txt: str) -> str | None:
    """The code of the currency `txt` ends with (the first of CURRENCIES that
    it ends with), else None. `txt` is what _RIGHT or _RANGE_GAP read after a
    number: few strings, each looked up once."""
    for w, code in CURRENCIES.items():
        if txt.endswith(w):
            return code
    return None


def _currency(cur_txt: str, acur: str, pre: str | None) -> str | None:
    named = None
    for txt in (cur_txt, acur):
        if txt and not named:
            named = _named_currency(txt)
    if pre:
        code = PREFIX_CURRENCIES[pre]
        # 新台币177.1亿元: the named prefix wins over a plain 元; 人民币 / ¥ yield to a named suffix
        if named and code == "CNY":
            return named
        return code
    return named


_PERIODS_LONGEST_FIRST = sorted(PERIODS.items(), key=lambda kv: -len(kv[0]))


def _period(per: str | None) -> str | None:
    if not per:
        return None
    p = per.strip()
    for k, v in _PERIODS_LONGEST_FIRST:
        if p.endswith(k):
            return v
    return None


_PRE_LAST = frozenset(w[-1] for w in PREFIX_CURRENCIES)
_PRE_BEFORE = _PRE_LAST | {" "}      # what _prefix_possible needs right before the number to go on
# The characters a match of _RANGE_GAP or a non-empty one of _RIGHT can begin
# with, from their parts in turn: a currency (元, 美元 …), (含) or a blank, a
# separator, a modifier (以上, 左右 …), a period (/月, 每年), N薪 (·13薪, 13薪).
# After any other character neither finds anything: most numbers are followed
# by one (3月, 5人, 2024年), and _rejected skips both for them.
_AFTER_FIRST = frozenset("元圆块" + "".join(w[0] for w in CURRENCIES) + " (" + "-—~〜至到"
                         + "".join(w[0] for w in RMOD_MIN | RMOD_MAX | RMOD_ABOUT) + "以左起" + "/每" + "·*×xX12")
_RCUE_FIRST = frozenset("的" + "".join(w[0] for w in _CUES))     # where _RCUE can match
_PAY_WORD = re.compile(_alt(PAY_CUES))


def _prefix_possible(norm: str, s: int) -> bool:
    """Whether _LEFT can find a currency prefix (人民币, $ …) before position s:
    its `pre` ends at s after at most two spaces, so the character before those
    spaces must end a prefix (False means `pre` is None for sure)."""
    j = s
    for _ in range(3):
        if j <= 0:
            return False
        c = norm[j - 1]
        if c in _PRE_LAST:
            return True
        if c != " ":
            return False
        j -= 1
    return False


def _rejected(norm: str, toks: list, i: int, m: re.Match, s: int) -> bool:
    """True only for a number token that `tag` would drop anyway before any
    state changes: no range follows (no side effects), no currency, period or
    N薪 after it, no currency prefix before it, and either a lone Chinese
    numeral without unit (十八, 一: dropped as bare), or no cue word right
    after it and a counter there (100万辆, 3年, 48小时: dropped as counted
    things) or a plain Arabic number with no pay word before it (dropped as a
    bare number: it takes no cue of the amount before it either).
    Most number tokens are these; the full reading is skipped for them."""
    e = m.end()
    rend = e
    if norm[e:e + 1] in _AFTER_FIRST:     # else neither _RANGE_GAP nor _RIGHT finds anything at e
        g = _RANGE_GAP.match(norm, e)
        if g and i < len(toks) and toks[i].start() == g.end():
            return False
        r = _RIGHT.match(norm, e)
        if r.group("cur") or r.group("per") or r.group("months"):
            return False
        rend = r.end()
    if norm[s - 1:s] in _PRE_BEFORE and _prefix_possible(norm, s):   # (the guard: no call for most numbers)
        return False
    cn = m.group("cn")
    if cn is not None and not m.group("cn_unit") and _AMOUNT_UNITS.isdisjoint(cn):
        return True
    if norm[rend:rend + 1] in _RCUE_FIRST and _RCUE.match(norm, rend) is not None:
        return False
    if norm[rend:rend + 1] in COUNTERS or _COUNTER.match(norm, rend) is not None:
        return True
    # a plain Arabic number (no unit, no k/w) with no pay word in reach before it
    # (the clause window of _left_cue lies within the 28 characters before it):
    # with no cue it is no amount, with a money cue it is a bare number, never money
    return m.group("ar") is not None and not m.group("ar_unit") and not m.group("ar_lat") \
        and _PAY_WORD.search(norm, max(0, s - 28), s) is None


def tag(norm: str) -> list[Entity]:
    """Salary and money entities in normalised text (see the module docstring)."""
    if not norm or not _QUICK.search(norm):
        return []
    ents: list[Entity] = _multipliers(norm)
    toks = matches_from(_NUM, _NUM_FIRST, norm)
    last_end = 0                     # end of the last amount (amounts never overlap)
    ctx = None                       # (end, kind, cue period) of the last amount
    consumed = 0                     # tokens starting before this were read already
    i = 0
    while i < len(toks):
        m = toks[i]
        i += 1
        s = m.start()
        if s < consumed:
            continue
        if s >= 2 and norm[s - 1] in "-~/." and norm[s - 2].isdigit():
            continue                 # inside a chain: 2024-4-2, 138-1234-5678
        if s > 0 and norm[s - 1].isascii() and norm[s - 1].isalpha() and not _CODE_BEFORE.search(norm, max(0, s - 3), s):
            continue                 # P10, GPT4, super1000: part of a name
        if _rejected(norm, toks, i, m, s):
            continue                 # the common case, decided before the token is read (see _rejected)
        a = _Num(m)
        if a.lo is None:
            continue
        # ---- a range?
        b, e, acur = None, m.end(), ""
        lo, hi = a.lo, a.hi
        g = _RANGE_GAP.match(norm, e)
        if g and i < len(toks) and toks[i].start() == g.end():
            bt = toks[i]
            cand = _Num(bt)
            if cand.lo is not None:
                if _CHAIN.match(norm, bt.end()):
                    consumed = bt.end()
                    i += 1
                    continue
                acur = g.group("cur") or ""
                alo, ahi = _range_low(a, cand, acur)
                bmax = cand.hi if cand.hi is not None else cand.lo
                if alo <= bmax:
                    b, e, i = cand, bt.end(), i + 1
                    lo = alo
                    hi = cand.hi
                elif a.bare and cand.bare:
                    consumed = bt.end()      # 4-2, 2024-4: no amount at all
                    i += 1
                    continue
                else:
                    acur = ""
        # ---- right side
        r = _RIGHT.match(norm, e)
        cur_txt = r.group("cur")
        rmod = r.group("rmod") or r.group("rmod2")
        per = r.group("per")
        months = r.group("months")
        rend = r.end()
        if rmod in ("多", "余") and _COUNTER.match(norm, rend):
            continue                 # 5000多名员工
        if rmod in ("级", "级别") and a.kind not in ("round", "fz"):
            continue                 # 1000级台阶, super1000级别: only 千万级, 百亿级
        rc = _RCUE.match(norm, rend)
        # ---- left side
        ws = max(0, s - 12)
        lm = _LEFT.search(norm, ws, s) if s > 0 else None
        lmod = lm.group("lmod") if lm else None
        pre = lm.group("pre") if lm else None
        lper = lm.group("lper") if lm else None
        if lmod in ("过", "破") and (a.kind not in ("round", "fz") or lm.end("lmod") != s
                                     or (lm.start() > 0 and norm[lm.start() - 1] in "不通越跨错路难")):
            lmod = None              # 通过100万, 不过1200元, 只不过是几十万: only 过亿, 破千万
        lstart = s
        if lm and (lmod or pre or lper):
            lstart = lm.start()
            if lmod is None and lper is None:
                lstart = lm.start("pre")
        if rc and a.bare and b is None and rc.group("cue")[0] in "年月日" and not cur_txt and not pre:
            continue                 # 2018年薪酬…, 2017年入围: a year, not an amount
        has_cur = bool(cur_txt or pre or acur)
        if not rc and not has_cur and not per and not months and _COUNTER.match(norm, rend):
            continue                 # 100万辆, 10-15人, 3-5年经验, 48小时
        if a.bare and (b is None or b.bare) and not has_cur and not per and not months and (a.kind == "cn" or lo < 10):
            continue                 # 十八, 一 alone, 2-4 (a score): never an amount (the bare-number test below, early)
        cue_m, cue_ws = _left_cue(norm, lstart)
        cue = cue_start = None
        cue_right = False
        left_adjacent = cue_m is not None and _CUES[cue_m.group(0)] == "pay" and \
            _ADJ.fullmatch(norm, cue_ws + cue_m.end(), lstart) is not None
        if rc and not left_adjacent:
            cue, cue_right = rc.group("cue"), True
        elif cue_m:
            cue, cue_start = cue_m.group(0), cue_ws + cue_m.start()
        kind = _CUES.get(cue) if cue else None
        latin = a.latin or (b is not None and b.latin)
        if latin and b is not None:
            kind = "pay"             # a K range is pay whatever the cue (报价20k-35k)
        cue_period = PAY_CUES.get(cue) if kind == "pay" else None
        inherited = False
        if kind is None and ctx and s - ctx[0] <= 12 and not any(ch in CUT for ch in norm[ctx[0]:s]) \
                and (not a.bare or b is not None or has_cur):
            kind, cue_period, inherited = ctx[1], ctx[2], True
        currency = _currency(cur_txt, acur, pre)
        after = norm[rend] if rend < len(norm) else ""
        # ---- what kind of amount is this?
        if not has_cur and not left_adjacent and _PEOPLE.match(norm, rend):
            continue                 # 3万投资者, 100万股民: people, not money
        if a.kind == "cn" and len(m.group("cn")) == 1 and cur_txt == "元" and not m.group("cn_unit") \
                and kind is None and not pre and re.match(r"[%s]" % _CJK, after or " ") and after not in "的钱":
            continue                 # 一元复始, 二元结构: a word, unless a cue makes it an amount
        if a.kind == "dc" and kind != "pay":
            continue                 # 两位数增长
        if a.kind in ("round", "fz", "pair") and not has_cur and kind is None:
            continue                 # 千万不要, 几十万人
        if a.kind == "round" and m.group("round") == "亿" and b is None \
                and lmod not in LMOD_MIN and rmod not in ("级", "级别"):
            continue                 # a lone 亿 only as 过亿, 破亿, 亿级
        if kind is None:
            if months or (per and "/" in per and (not a.bare or has_cur or lo >= 100)) or (latin and b is not None):
                kind = "pay"         # job-board forms: 15K·13薪, 8000元/月, 10-15K (每年12元 is not)
            elif latin and rmod in ("+", "以上", "左右", "起") and _isolated(norm, lstart, rend):
                kind = "pay"         # "20K+" on its own
            elif b is not None and (a.units or b.units) and not has_cur and _isolated(norm, lstart, rend):
                kind = "pay"         # a job-board field on its own: "0.8-1.2万"
            elif has_cur:
                kind = "money"
            else:
                continue
        if cue is None and not inherited and not has_cur and not per and not months and latin \
                and after and re.match(r"[%s\w]" % _CJK, after):
            continue                 # 2K-4K分辨率
        if a.bare and (b is None or b.bare) and not has_cur and not per and not months:
            if kind == "money" or (cue is None and not inherited) or a.kind == "cn" or lo < 10:
                continue             # 融资3000 (no unit, no currency), 年包一般…, a number alone
            if not inherited and not cue_right and not left_adjacent:
                continue             # 薪资争议展开48小时罢工: a bare number needs its pay word next to it
        if kind == "money" and not has_cur and not cue_right and not inherited and cue_m is not None \
                and lstart - (cue_ws + cue_m.end()) > 6:
            continue                 # 现金管理客户数量已经突破7万: too far from the money word
        # ---- value
        approx = a.approx
        open_hi = only_hi = False
        if (lmod in LMOD_MIN or rmod in RMOD_MIN) and (b is None or rmod in ("以上", "+", "起", "起步")):
            open_hi = True
        if lmod in LMOD_MAX or rmod in RMOD_MAX:
            only_hi, open_hi = True, False
        if lmod in LMOD_ABOUT or rmod in RMOD_ABOUT:
            approx = "about"
        if rmod in ("多", "余") and b is None and a.hi == a.lo:
            # 100万多 / 1万余元: the 多 after the unit
            base = a.lo / a.trail if a.trail else a.lo
            up = N.more_upper(base)
            if up is not None and a.trail > 1:
                hi, open_hi = up * a.trail, False
        val: dict = {}
        if only_hi:
            val["max"] = N.clean(hi if hi is not None else lo)
        else:
            val["min"] = N.clean(lo)
            if not open_hi and hi is not None:
                val["max"] = N.clean(hi)
        val["currency"] = currency or "CNY"
        period = _period(per) or _period(lper)
        if kind == "pay":
            if period is None:
                period = cue_period
            if period is None:
                if months or latin:
                    period = "month"
                else:
                    ref = lo if lo is not None else (hi or 0)
                    period = "year" if ref >= 100_000 else "month"
            val["period"] = period
            if months:
                val["months"] = int(re.search(r"\d{2}", months).group(0))
        elif period:
            val["period"] = period
        if approx:
            val["approx"] = approx
        # ---- span
        start, end = min(s, lstart), rend
        if kind == "pay":
            if cue_right:
                end = rc.end()
            elif cue_start is not None and not inherited and _CUES[cue] == "pay":
                if _ADJ.fullmatch(norm, cue_start + len(cue), start):
                    start = cue_start
        if start < last_end:
            start = s if s >= last_end else last_end
            if start > s:
                continue
        etype = "salary" if kind == "pay" else "money"
        rule = _rule(etype, a, b, None if inherited else cue, cue_right, inherited, per, months, has_cur)
        ents.append(Entity(type=etype, text=norm[start:end], start=start, end=end, value=val, rule=rule))
        last_end = consumed = end
        # only a cue word carries over to the next amount (not a currency: 15元…1600万)
        ctx = (end, kind, cue_period if kind == "pay" else None) if (cue or inherited) else None
    return _resolve(ents)


def _rule(etype, a, b, cue, cue_right, inherited, per, months, has_cur) -> str:
    if a.kind == "dc":
        amount = "digit-count"
    elif a.kind in ("round", "fz", "pair"):
        amount = {"round": "round", "fz": "fuzzy", "pair": "digit-pair"}[a.kind] + " amount"
    elif b is not None:
        amount = "range"
    else:
        amount = "amount"
    if a.latin or (b is not None and b.latin):
        amount += " with k/w"
    if months:
        amount += " with N薪"
    if per:
        amount += " per period"
    if has_cur:
        amount += " with currency"
    if inherited:
        return f"{etype}: {amount} (cue of the previous amount)"
    if cue:
        return f"{etype}: {amount} + {cue}" if cue_right else f"{etype}: {cue} + {amount}"
    if etype == "salary":
        return f"salary: job-board {amount}"
    return f"money: {amount}"
