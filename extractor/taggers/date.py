"""Date tagger: calendar dates in Chinese news text, resolved against the
publication date.

    tag(norm, published)   -> list[Entity]   type "date", value as below
    parse(expr, published) -> dict | None    the value of one date expression

`norm` is the text normalised by `extractor.text.normalize` (same length as the
original, full-width digits half-width), so every offset is an offset into the
original document.

Value (SCHEMA.md, `date`)
-------------------------
    {"value": "2024-10", "start": "2024-10-21", "end": "2024-10-31",
     "grain": "month", "mod": "end"}

- `value`: an ISO 8601 prefix at the mention's own grain: `2023` (year),
  `2024-10` (month), `2024-11-13` (day), `2024-W45` (ISO week). For the grains
  ISO 8601 lacks, the TimeML/TIMEX3 notation: `2020-Q3` (quarter), `2023-H1`
  (half year). A range is an ISO interval of its two ends: `2014/2015`,
  `2017-08-11/2017-08-22`, `2021-01/2021-05` (前五个月).
- `start`, `end`: the first and last day covered (inclusive).
- `grain`: year, half, quarter, month, week, weekend (上周末: `2024-W45-WE`,
  TIMEX3), day, or decade (90年代, 上世纪80年代: `198`, the ISO 8601 decade
  prefix). A range has the grain of its ends (the finer one when they differ).
- `mod` (only for a part of a period, as TIMEX3's `mod`): `start`, `mid` or
  `end`. The value stays at the period's grain, start/end narrow to the part:
  - part of a month: 初 / 上旬 / 月初 = days 1–10; 中 / 中旬 / 月中 = 11–20;
    底 / 末 / 下旬 / 月底 / 月末 = 21–last.
  - part of a year: 年初 / 初 / 伊始 = Jan 1–Mar 31; 年中 = May 1–Aug 31;
    年底 / 年末 = Oct 1–Dec 31. 年内 is the whole year (no mod).
  - part of a quarter: 季度初 = its first month, 季度末 = its last month.
  - part of a decade: 初 / 初期 / 前期 = its years 0–2, 中期 = 3–6, 末 / 末期 /
    后期 = 7–9.
  - 上半年 / 下半年 are halves (`2023-H1`, grain half), not parts.
- Unknown year (no `published`, and the mention has no year of its own): the
  unknown digits are `X` (`XXXX-11-13`, `XXXX-10`, `XXXX-Q3`; a relative date
  such as 昨天 or 上周 becomes `XXXX-XX-XX` / `XXXX-WXX`), and `start`/`end`
  are omitted: they would not be dates.

Resolution
----------
A date without a year (11月13日, 10月底, 第三季度, 周五, 13日, 国庆) takes its
latest occurrence on or before `published` (news reports past events):
published 2024-11-15: 11月13日 → 2024-11-13, 12月5日 → 2023-12-05. `prefer` can
change this: "current" takes the occurrence in the current period (same year;
same month for a bare day; same week for a bare weekday), "future" the first
occurrence on or after `published`. Relative dates (上月, 去年7月, 前天, 上周五,
三年前, 两个月前) count from `published`; 上周五 is Friday of the previous
calendar week (weeks start on Monday). A decade without a century (90年代)
is read like a two-digit year. Two-digit years (15年3月, 九八年) take the
century that puts them at most 10 years after `published` (without it: after
2025). Week N of a month or a year is the Nth week starting on a Monday in it.

Not dates: durations (3个月, 两年, 10年来), counts (第5年), ages, scores and
levels (4-2), model names (GPT-4), bare numbers (1998), times of day alone,
vague words (近日, 日前), and words that point at another date in the text
(当天, 当月, 当年, 次年, 同月: skipped by `tag`; `parse`, given 当天 or 当月
alone, reads them against `published`). A two-digit year stands alone only when
it cannot be a duration (08年, 零八年, 九八年; not 15年, 八九年). 三年后 / 20天后 usually count from an
event in the text, so `tag` skips them; `parse` reads them against `published`.
Fixed-date and weekday-rule festivals are handled (元旦, 国庆, 双十一, 母亲节,
感恩节), and so are the festivals of the lunar calendar (春节, 除夕, 元宵节, 端午,
七夕, 中秋, 重阳节, 腊八节), converted with the `lunardate` package, as are
lunar dates written out where the calendar is plain (农历八月十五, 正月初八,
腊月二十三, 大年初一); the solar terms are not.

`parse` is more lenient than `tag`, as it is told the whole string is a date:
it also reads a bare year (2018), a two-digit year alone (24年), compact and
spaced digits (20240307, 2022 11 23), month-day digits (09-01, 6·30), a day
without 日 after a month (1月3, 十月31), N号 alone.

Every quantifier is bounded and no repetition is nested, and patterns are tried
only where a date can begin: the work is linear in the length of the text (1 MB
of 年年年…, 100,000 digits or '4-' * 100,000 take about a second or two).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field

import regex

from extractor.model import Entity
from extractor.numerals import cn_to_number

__all__ = ["tag", "parse"]

_D = _dt.date

# ---------------------------------------------------------------------------
# numbers

_CND = "〇零○一二三四五六七八九"          # digit-by-digit Chinese digits
_CNN = _CND + "十两廿百千万几"            # any Chinese numeral character


def _num(s: str) -> int | None:
    """An integer from Arabic digits or a Chinese numeral (廿 = 20 included)."""
    s = s.strip()
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if s[0] == "廿":
        rest = _num(s[1:]) if len(s) > 1 else 0
        return None if rest is None or rest > 9 else 20 + rest
    v = cn_to_number(s)
    if v is None or v != int(v):
        return None
    return int(v)


def _num_half(s: str) -> float | None:
    return 0.5 if s == "半" else _num(s)


# ---------------------------------------------------------------------------
# patterns (compiled once; every quantifier bounded)

_F = regex.VERBOSE | regex.V0

_AR_M = r"(?:1[0-2]|0?[1-9])"
_AR_D = r"(?:3[01]|[12][0-9]|0?[1-9])"
_CN_D = r"(?:三十一|三十|二十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|十[一二三四五六七八九]|[一二三四五六七八九十])"
_N12 = r"(?:1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十两])"
_N31 = r"(?:3[01]|[12][0-9]|[1-9]|" + _CN_D + r"|两)"
_N53 = r"(?:5[0-3]|[1-4][0-9]|[1-9]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_WD = r"[一二三四五六日天]"
_TOD = r"(?:早上|早晨|清晨|上午|中午|午间|下午|傍晚|晚上|晚间|夜间|深夜|凌晨|夜里)"
_CONN = r"\s{0,2}(?:至|到|~|～|-|–|—{1,2}|―|－|一至|起至)\s{0,2}"

# guards after 初 / 底 / 末 / 中 / 内, so that 初步, 底薪, 末位, 中国, 内部 are not dates
_G_CHU = r"(?!步|次|创|心|中|级|稿|审|选|赛|衷|见|识|试|版|代|学|恋|期|始|[一二三四五六七八九十0-9])"   # 初一: a lunar day
_G_DI = r"(?!薪|线|层|部|牌|气|蕴|价|盘|下|片|色|子|稿|座|板|端)"
_G_MO = r"(?!位|端|班|日|尾|梢|节|期|流|路)"
_G_ZHONG = r"(?=[^\p{Han}]|$|的|前|后|期|旬|时)"
_G_NEI = r"(?=[^\p{Han}]|$|[完实将要会就已有的前])"

_YEAR = regex.compile(r"""
  (?: (?<![0-9.A-Za-z])(?P<y4>(?:1[5-9]|20)[0-9]{2})\ ?年
    | (?<![0-9.A-Za-z])(?P<y4>(?:1[5-9]|20)[0-9]{2})(?=[上下]半年)
    | (?<![〇零○一二三四五六七八九])(?P<ycn>[〇零○一二三四五六七八九]{4})年
    | (?<![0-9.A-Za-z第])(?P<y2>[0-9]{2})\ ?年
    | (?<![〇零○一二三四五六七八九十第])(?P<y2>[〇零○一二三四五六七八九]{2})年
    | (?P<yrel>大前年|(?<![之此以然提])前年|去年|上一年|上年|今年|本年|这一年|明年|下一年|大后年|(?<![之此以然最先])后年|当年|次年|翌年)
    | (?<![如当现从自至迄古说证表声透文光聪发鲜英严阐查标申注过失离回出进下上来除死])(?P<yrel>[今去明])(?=[春夏秋冬](?![节季天奥令装款粮至分日风雨雪]))
  )(?!代|级|龄|纪|薪|轻|会|假|均|华|限|头|货|利|息|检|费|卡)
""", _F)

_YREL = {"今": 0, "去": -1, "明": 1, "大前年": -3, "前年": -2, "去年": -1, "上一年": -1, "上年": -1, "今年": 0, "本年": 0,
         "这一年": 0, "明年": 1, "下一年": 1, "后年": 2, "大后年": 3}
_YREL_CONTEXT = {"当年", "次年", "翌年"}    # refer to another date in the text

_MONTH = regex.compile(r"""
  (?<!时隔|历时|长达|为期|连续|不到|超过|用了|花了)
  (?: (?: (?<![0-9.])(?P<m>1[0-2]|0?[1-9])
        | (?<![〇零○一二三四五六七八九十两廿几])(?P<m>十[一二]|[一二三四五六七八九十]) )\ ?月份?
    | (?P<mrel>上上个月|上个月|上一个月|上月|本月|这个月|这一个月|这月|下个月|下一个月|下月|当月|同月|次月)
  )(?!薪|饼|球|亮|光|票|卡|嫂|子|饷)
""", _F)

_MREL = {"上上个月": -2, "上个月": -1, "上一个月": -1, "上月": -1, "本月": 0, "这个月": 0,
         "这一个月": 0, "这月": 0, "下个月": 1, "下一个月": 1, "下月": 1, "当月": 0}
_MREL_CONTEXT = {"当月", "同月", "次月"}

_DAY = regex.compile(r"""
  (?: (?<![0-9.])(?P<d>""" + _AR_D + r""")
    | (?<![〇零○一二三四五六七八九十廿])(?P<d>""" + _CN_D + r""") )\ ?(?P<du>[日号])
""", _F)
_DAY_BARE = regex.compile(r"""            # lenient: 1月3, 十月31 (end of string or before a connector)
  (?: (?<![0-9.])(?P<d>""" + _AR_D + r""")(?![0-9])
    | (?<![〇零○一二三四五六七八九十廿])(?P<d>""" + _CN_D + r""")(?![〇零○一二三四五六七八九十]) )
  (?=\s{0,2}$|""" + _CONN + r""")
""", _F)
# tag(): a day without 日 after a month only before a time of day (6月14上午)
_DAY_TOD = regex.compile(r"(?<![0-9.])(?P<d>" + _AR_D + r")(?![0-9])(?=" + _TOD + r")")
# a day on its own (13日): Arabic digits and 日 in tag(); not 3日内, 5日游, 每15日
_DAY_ALONE = regex.compile(r"""
  (?<![0-9.每第近逾约数这那拘共仅达])(?<!连续|为期|长达|历时|用了|花了|超过|不到|时隔)
  (?P<d>""" + _AR_D + r""")\ ?(?P<du>日)(?![内后前来游均薪元线间])
""", _F)

_DAY_SUFFIX = regex.compile(r"""
  (?: \s?[（(](?:周|星期|礼拜)""" + _WD + r"""[)）] | ,?\s?(?:周|星期|礼拜)""" + _WD + r""" )?
  (?:""" + _TOD + r""")?
""", _F)

_MPART = regex.compile(r"""
    (?P<mp>上旬|中旬|下旬|月初|月底|月末|月中)
  | (?P<mp>初)""" + _G_CHU + r"""
  | (?P<mp>底)""" + _G_DI + r"""
  | (?P<mp>末)""" + _G_MO + r"""
  | (?P<mp>中)""" + _G_ZHONG + r"""
  | 的?第(?P<nw>[1-5]|[一二三四五])个?(?:周|星期|礼拜)(?:(?P<wd>""" + _WD + r""")|(?![一二三四五六日天]))
  | 的?最后一个?(?:周|星期|礼拜)(?P<lwd>""" + _WD + r""")
  | 前(?P<fd>""" + _N31 + r""")天
  | 最后(?P<ld>""" + _N31 + r""")天
""", _F)
_MPART_MOD = {"上旬": "start", "月初": "start", "初": "start", "中旬": "mid", "月中": "mid", "中": "mid",
              "下旬": "end", "月底": "end", "月末": "end", "底": "end", "末": "end"}

_QUARTER = regex.compile(r"""
  (?: 第?(?<![0-9])(?P<q>[1-4])\ ?季度
    | 第?(?<![〇零○一二三四五六七八九十])(?P<q>[一二三四])季度
    | (?<![A-Za-z0-9])[Qq](?P<q>[1-4])(?![0-9A-Za-z])(?:季度)?
    | (?P<q1>首季度|首季)
    | (?P<qrel>上上个|上个|上一个|上|本|这个|这一个|这|下个|下一个|下)季度
    | 前(?P<qn>[一二三两1-3])个?季度
  )(?P<qp>初|末)?
""", _F)
_QREL = {"上上个": -2, "上个": -1, "上一个": -1, "上": -1, "本": 0, "这个": 0, "这一个": 0, "这": 0,
         "下个": 1, "下一个": 1, "下": 1}

_HALF = regex.compile(r"(?P<half>上半年|下半年|前半年|后半年)度?")

# A season after a year (今年夏天, 2023年秋季): meteorological seasons of the northern
# hemisphere (spring March-May ... winter December-February), written as ISO 8601-2
# season codes (2024-22 is the summer of 2024); also the compact 今夏, 去冬, 明春. A season alone (夏天) is no date.
_SEASON = regex.compile(r"的?(?P<season>春天|春季|夏天|夏季|秋天|秋季|冬天|冬季|(?<=[今去明])[春夏秋冬])(?!装|款|档|新品|攻势|赛季)")
_SEASON_NO = {"春": 1, "夏": 2, "秋": 3, "冬": 4}

# 月初, 月底, 月末 and 月中 with no month before them: the month of the reference day
# (公司将于月底公布 in a report of 2024-11-15 is the end of November 2024).
_MPART_ALONE = regex.compile(r"(?<![0-9〇零○一二三四五六七八九十两个本上下这当同次每整半前当])(?P<mp>月初|月底|月末|月中)"
                             r"(?![考旬薪])")

_YPART = regex.compile(r"""
    (?P<yp>年初|初|伊始)""" + _G_CHU + r"""
  | (?P<yp>年底|底)""" + _G_DI + r"""
  | (?P<yp>年末|末)""" + _G_MO + r"""
  | (?P<yp>年中|中)""" + _G_ZHONG + r"""
  | (?P<yp>年内|内)""" + _G_NEI + r"""
  | 的?前\ ?(?P<fm>""" + _N12 + r""")\ ?个?月份?
  | 的?(?:后|最后)\ ?(?P<lm>""" + _N12 + r""")\ ?个?月份?
  | 的?第(?P<nm>""" + _N12 + r""")个月
  | 的?(?P<m1>首月)
  | 的?第(?P<nwy>""" + _N53 + r""")个?(?:周|星期|礼拜)(?![一二三四五六日天年])
  | 的?前\ ?(?P<yfw>""" + _N53 + r""")\ ?个?(?:周|星期|礼拜)(?![一二三四五六日天年])
  | 的?最后\ ?(?P<ylw>""" + _N53 + r""")\ ?个?(?:周|星期|礼拜)(?![一二三四五六日天年])
  | 的?前\ ?(?P<yfd>[0-9]{1,3}|[一二三四五六七八九十百两]{1,5})\ ?天
""", _F)
_YPART_ALONE = regex.compile(r"""
  (?<![年0-9〇零○一二三四五六七八九十两半多几每近少青成老中新周同当往历全早晚童末常长丰千万百学跨拜过隔整数去今明前后上下本这该那某])
  (?: (?P<yp>年初)""" + _G_CHU + r""" | (?P<yp>年底)""" + _G_DI + r""" | (?P<yp>年末)""" + _G_MO + r"""
    | (?P<yp>年中)(?![国心华央文外小学层级西美日韩欧非东南北])
  )
""", _F)
_YPART_MOD = {"年初": "start", "初": "start", "伊始": "start", "年中": "mid", "中": "mid",
              "年底": "end", "底": "end", "年末": "end", "末": "end", "年内": None, "内": None}

_WEEK = regex.compile(r"""
    (?P<wrel>上上|上|本|这|下下|下)一?个?周末(?P<we>)
  | (?P<wrel>上上|上|本|这|下下|下)一?个?(?:周|星期|礼拜)(?!期|边|刊|报|年|岁|末|围|转|长|内|后|前|以|左)
      (?:(?:周|星期|礼拜)?(?P<wd>""" + _WD + r"""))?
  | (?<!每|每个|[0-9])(?:周|星期|礼拜)(?P<wd>""" + _WD + r""")(?!年)
""", _F)
_WREL = {"上上": -2, "上": -1, "本": 0, "这": 0, "下": 1, "下下": 2}
_WDN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}

_DREL = regex.compile(r"""
  (?P<drel>大大后天|大后天|(?<![先之最然此以过])后天|明天|明日|今天|今日|本日|昨天|昨日|大前天|前天|当天|当日)
  (?!头条|之星|之后|香|报)
""", _F)
_DRELN = {"大大后天": 4, "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "今天": 0, "今日": 0, "本日": 0,
          "昨天": -1, "昨日": -1, "前天": -2, "大前天": -3}
_DREL_CONTEXT = {"当天", "当日"}

_AGO = regex.compile(r"""
  (?<![0-9〇零一二三四五六七八九十百千两几多半第近前每])
  (?P<an>[0-9]{1,3}|[一二三四五六七八九十两]{1,3}|半)
  (?P<au>年|个月|个?(?:星期|礼拜)|周|天|日)
  (?P<ad>之前|前|之后|后)(?!后|夕)
""", _F)

_FEST = regex.compile(r"""
  (?P<fest>元旦|情人节|三八妇女节|妇女节|三八节|植树节|愚人节|五一劳动节|劳动节
    |五一(?=假期|长假|小长假|黄金周|节)|青年节|六一儿童节|儿童节|建党节|建军节|教师节|国庆节
    |(?:(?<![\p{Han}])|(?<=[在于至到从自的和与今去明逢过是前后]))国庆
    |十一(?=假期|长假|小长假|黄金周)|平安夜|圣诞节|圣诞(?!老)|双十一|双11|双十二|双12|母亲节|父亲节|感恩节
    |春节|除夕|元宵节|端午节|端午|七夕节|七夕|中秋节|中秋|重阳节|腊八节)
""", _F)
_FEST_L = regex.compile(r"(?P<fest>十一)(?![〇零○一二三四五六七八九十月日号])")   # parse(): 十一 alone
_FIXED_FEST = {"元旦": (1, 1), "情人节": (2, 14), "三八妇女节": (3, 8), "妇女节": (3, 8), "三八节": (3, 8),
               "植树节": (3, 12), "愚人节": (4, 1), "五一劳动节": (5, 1), "劳动节": (5, 1), "五一": (5, 1),
               "青年节": (5, 4), "六一儿童节": (6, 1), "儿童节": (6, 1), "建党节": (7, 1), "建军节": (8, 1),
               "教师节": (9, 10), "国庆节": (10, 1), "国庆": (10, 1), "十一": (10, 1), "平安夜": (12, 24),
               "圣诞节": (12, 25), "圣诞": (12, 25), "双十一": (11, 11), "双11": (11, 11),
               "双十二": (12, 12), "双12": (12, 12)}
_RULE_FEST = {"母亲节": (5, 2, 7), "父亲节": (6, 3, 7), "感恩节": (11, 4, 4)}  # month, nth, weekday
# A date of the lunar calendar: 农历 before it, or a month only the lunar calendar has
# (正月, 冬月, 腊月), or 大年 (the first days of the year). 初八 alone is no date.
_LUNAR_DATE = regex.compile(r"""
    农历\ ?(?P<lum>正|冬|腊|十一|十二|[一二三四五六七八九十])月(?P<lud>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)
  | (?P<lum>正|冬|腊)月(?P<lud>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)?
  | 大年(?P<lun>初[一二三四五六七八九十]|三十)
""", _F)
_LUNAR_MONTH = {"正": 1, "冬": 11, "腊": 12}
# lunar month and day; 除夕 is the day before 春节
_LUNAR_FEST = {"春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "端午": (5, 5), "七夕节": (7, 7), "七夕": (7, 7),
               "中秋节": (8, 15), "中秋": (8, 15), "重阳节": (9, 9), "腊八节": (12, 8)}

_JM = regex.compile(r"(?P<jm>今明两年)")

_DECADE = regex.compile(r"""
  (?: (?P<cent>上个?世纪|本世纪|(?:十九|二十一|二十|19|20|21)\ ?世纪)
      (?P<dec>[1-9]0|[一二三四五六七八九]十|00|零零)
    | (?<![0-9〇零○一二三四五六七八九十])(?P<dec>[1-9]0|[一二三四五六七八九]十)
    | (?<![0-9.])(?P<dec4>(?:1[5-9]|20)[0-9]0)\ ?
  )年代(?P<dp>初期|初|前期|中期|中|末期|末|后期)?
""", _F)
_CENT = {"上世纪": -1, "上个世纪": -1, "本世纪": 0, "十九世纪": 1800, "19世纪": 1800, "二十世纪": 1900,
         "20世纪": 1900, "二十一世纪": 2000, "21世纪": 2000}
_DEC_MOD = {"初期": "start", "初": "start", "前期": "start", "中期": "mid", "中": "mid",
            "末期": "end", "末": "end", "后期": "end"}

_Y4 = r"(?P<y>(?:1[5-9]|20)[0-9]{2})"
_NUM_YMD = regex.compile(r"(?<![0-9./A-Za-z])" + _Y4 + r"(?P<sep>[-/.])(?P<m>" + _AR_M + r")(?P=sep)(?P<d>" + _AR_D + r")(?![0-9]|\.[0-9])")
_NUM_YM = regex.compile(r"(?<![0-9./A-Za-z])" + _Y4 + r"(?:(?P<sep>[-/])(?P<m>" + _AR_M + r")|(?P<sep>\.)(?P<m>0[1-9]|1[0-2]))(?![0-9]|(?P=sep)[0-9])(?!\s?(?:赛季|年|亿|万|千|百|元|%|倍|美元|港元))")
# parse() only
_L_YMD = regex.compile(r"(?<![0-9])" + _Y4 + r"(?:[-/.]|\ {1,2})(?P<m>" + _AR_M + r")(?:[-/.]|\ {1,2})(?P<d>" + _AR_D + r")(?![0-9])")
_L_YMD8 = regex.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])")
_L_MD = regex.compile(r"(?<![0-9.\-/])(?P<m>" + _AR_M + r")[-/·](?P<d>" + _AR_D + r")(?![0-9])[号日]?")
_L_Y = regex.compile(r"(?<![0-9])" + _Y4 + r"(?![0-9])")
_L_Y2 = regex.compile(r"(?:(?<![0-9])(?P<y2>[0-9]{2})|(?<![〇零○一二三四五六七八九十])(?P<y2>[〇零○一二三四五六七八九]{2}))年")

_CONN_RX = regex.compile(_CONN)
_BARE_LEFT = regex.compile(r"(?:(?<![0-9.])(?P<n>[0-9]{1,4})|(?<![〇零○一二三四五六七八九十廿])(?P<n>[〇零○一二三四五六七八九十廿]{1,4}))(?=" + _CONN + r")")

# The regex module takes microseconds to set up each match of the larger
# patterns, even where it fails at once; most tries fail. Each of these is tried
# only where a character its every match holds (年 of a year, 季 of a quarter
# ...) stands within the reach of its longest match (the lookarounds only
# narrow what matches): where the test fails, the pattern fails too.

class _Guarded:
    """`rx.match(s, pos)`, tried only where `maybe(s, pos)` holds."""

    __slots__ = ("rx", "maybe")

    def __init__(self, rx, maybe):
        self.rx, self.maybe = rx, maybe

    def match(self, s: str, pos: int = 0):
        return self.rx.match(s, pos) if self.maybe(s, pos) else None


_CONN_CHAR = re.compile("[至到~～\\-–—―－]")      # every connector of _CONN holds one of these


def _maybe_year(s: str, p: int) -> bool:     # 年 within 1999年 / 2024上半年 / 大前年; or 今/去/明 before a season
    return s.find("年", p, p + 7) >= 0 or s.startswith(("今", "去", "明"), p)


def _maybe_month(s: str, p: int) -> bool:    # 12 月, 上一个月
    return s.find("月", p, p + 4) >= 0


def _maybe_quarter(s: str, p: int) -> bool:  # 第1 季度, 上一个季度, 前两个季度; Q3
    return s.find("季", p, p + 4) >= 0 or s.startswith(("Q", "q"), p)


def _maybe_ago(s: str, p: int) -> bool:      # 123个星期之前
    return s.find("前", p, p + 8) >= 0 or s.find("后", p, p + 8) >= 0


def _maybe_decade(s: str, p: int) -> bool:   # 二十一 世纪二十年代, 1990 年代
    return s.find("年代", p, p + 10) >= 0


def _maybe_numeric(s: str, p: int) -> bool:  # 2024-, 2024/, 2024.
    return s[p + 4:p + 5] in ("-", "/", ".")


def _maybe_bare_left(s: str, p: int) -> bool:   # four digits, two spaces, then a connector (一至: its 至)
    return _CONN_CHAR.search(s, p, p + 8) is not None


def _maybe_conn(s: str, p: int) -> bool:       # two spaces, then a connector (一至: its 至)
    return _CONN_CHAR.search(s, p, p + 4) is not None


def _maybe_day_alone(s: str, p: int) -> bool:  # 31 日
    return s.find("日", p, p + 4) >= 0


_YEAR = _Guarded(_YEAR, _maybe_year)
_MONTH = _Guarded(_MONTH, _maybe_month)
_QUARTER = _Guarded(_QUARTER, _maybe_quarter)
_AGO = _Guarded(_AGO, _maybe_ago)
_DECADE = _Guarded(_DECADE, _maybe_decade)
_NUM_YMD = _Guarded(_NUM_YMD, _maybe_numeric)
_NUM_YM = _Guarded(_NUM_YM, _maybe_numeric)
_BARE_LEFT = _Guarded(_BARE_LEFT, _maybe_bare_left)
_CONN_RX = _Guarded(_CONN_RX, _maybe_conn)
_DAY_ALONE = _Guarded(_DAY_ALONE, _maybe_day_alone)


# Where a date can begin: only these positions are tried. Each word below is
# the beginning of a match of some pattern _single tries there (大前年, 前两个季度,
# 第3季度, 双十一, 母亲节 …), as long as the pattern needs it: where none stands,
# _single finds nothing (tests/test_numeric_speed.py checks this against the
# shorter beginnings these once were).
_START_CHARS = "0-9〇零○一二三四五六七八九十两廿半大前去今本明后上下这昨当首第Qq周星礼年元情妇植愚劳青儿建教国平圣双母父感世月春除端中重腊农正冬"
_START_OTHER = r"""
  | 大[前后大] | 前[年天] | 前[一二三两1-3]个?季 | 去[年春夏秋冬] | 今[年天日明春夏秋冬] | 本[年月周季日] | 明[年天日春夏秋冬] | 后[年天]
  | 上[上个一半]{0,2}[年月周季星礼] | 下[下个一半]{0,2}[年月周季星礼] | 这[一个]{0,2}[年月周季星礼] | 昨[天日]
  | 首[季月] | 第(?:[1-4]\ ?季|[一二三四]季) | [Qq][1-4]
  | 上个?世纪 | 本世纪 | 周[一二三四五六日天] | 星期 | 礼拜 | 年[初底末中] | 元旦 | 情人节 | 妇女节 | 植树节 | 愚人节 | 劳动节 | 青年节
  | 儿童节 | 建[党军]节 | 教师节 | 国庆 | 平安夜 | 圣诞 | 双(?:十[一二]|1[12]) | 母亲节 | 父亲节 | 感恩节 | 月[初底末中]
  | 春节 | 除夕 | 元宵节 | 端午 | 七夕 | 中秋 | 重阳节 | 腊八节 | 农历 | 正月 | 冬月 | 腊月 | 大年 )
"""
# The scans over the whole text use the standard library's re (several times
# faster than regex at searching); the patterns matched at one place keep regex.
# tag(): a number starts a date only if a date word or a date separator follows it
# closely, or a dot or slash after a year (2024.3.5); 当天, 当月 and 当年 point at
# another date (see the module docstring) and begin none
_START = re.compile(r"""
  (?=[""" + _START_CHARS.replace("当", "") + r"""])    # a cheap first test: the alternation below is slow to search
  (?: (?<![0-9])[0-9](?=[0-9]{0,3}(?:\ ?(?:[年月日季周天个]|星期|礼拜)|\ ?世纪|\s{0,2}[-至到~～－—–―]))
  | (?<![0-9])(?=(?:1[5-9]|20)[0-9]{2}[./][0-9])[0-9]
  | (?<![〇零○一二三四五六七八九十两廿])[〇零○一二三四五六七八九十两廿半](?=[〇零○一二三四五六七八九十两廿]{0,5}个?[年月日号季周星礼天代世])
  | 六一儿童 | 三八 | 五一 | 十一""" + _START_OTHER, re.X)   # (numerals: also the left of a range, 十一至十二月)
# parse(): any number may start a date (2018, 20240307, 09-01), and 当天, 当月
_START_L = re.compile(r"""
  (?=[""" + _START_CHARS + r"""])
  (?: (?<![0-9])[0-9]
  | (?<![〇零○一二三四五六七八九十两廿])[〇零○一二三四五六七八九十两廿半] | 当[天日月]""" + _START_OTHER, re.X)

# cheap pre-check: none of the characters a date can begin with → no date
_ANY = re.compile("[" + _START_CHARS + "]")


# ---------------------------------------------------------------------------
# atoms: what one mention says, before resolution

@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    f: dict = field(default_factory=dict)
    lead: str | None = None         # the first explicit numeric field: "y", "m" or "d"
    rules: list = field(default_factory=list)

    @property
    def finest(self) -> str | None:
        f = self.f
        if "d" in f:
            return "d"
        if "m" in f:
            return "m"
        if "y" in f or "y2" in f:
            return "y"
        return None


def _yfield(m, f: dict, lenient: bool) -> str | None:
    """Fill the year fields from a _YEAR match; return the rule part, or None to reject."""
    if m["y4"]:
        f["y"] = int(m["y4"])
        return "year"
    if m["ycn"]:
        v = _num(m["ycn"])
        if v is None or not 1500 <= v <= 2099:
            return None
        f["y"] = v
        return "year"
    if m["y2"]:
        v = _num(m["y2"])
        if v is None:
            return None
        f["y2"] = v
        return "year2"
    w = m["yrel"]
    if w in _YREL_CONTEXT:
        return None
    f["yrel"] = _YREL[w]
    return "rel-year"


def _chain(s: str, p: int, lenient: bool) -> _Atom | None:
    """year? (month (day | month-part)? | year-part | festival)? starting at p."""
    a = _Atom(p, p)
    f = a.f
    pos = p
    my = _YEAR.match(s, pos)
    if my:
        r = _yfield(my, f, lenient)
        if r is None:
            my = None
            f.clear()
        else:
            a.rules.append(r)
            if r != "rel-year":
                a.lead = "y"
            pos = my.end()
    mm = _MONTH.match(s, pos)
    if mm is None and my and s[pos:pos + 1] == " ":
        mm = _MONTH.match(s, pos + 1)
    got = False
    if mm:
        if mm["mrel"]:
            w = mm["mrel"]
            if my or (w in _MREL_CONTEXT and not lenient) or w in ("同月", "次月"):
                mm = None
            else:
                f["mrel"] = _MREL[w]
                a.rules.append("rel-month")
        else:
            v = _num(mm["m"])
            if v is None or not 1 <= v <= 12:
                mm = None
            else:
                f["m"] = v
                a.rules.append("month")
                if a.lead is None:
                    a.lead = "m"
    if mm:
        got = True
        pos = mm.end()
        md = _DAY.match(s, pos) or (_DAY_BARE.match(s, pos) if lenient else _DAY_TOD.match(s, pos))
        if md is None and s[pos:pos + 1] == " ":
            md = _DAY.match(s, pos + 1)
        if md:
            v = _num(md["d"])
            if v is not None and 1 <= v <= 31:
                f["d"] = v
                a.rules.append("day")
                pos = md.end()
                pos = _DAY_SUFFIX.match(s, pos).end()
                md = True
            else:
                md = None
        if not md:
            mp = _MPART.match(s, pos)
            if mp:
                if mp["mp"]:
                    f["mpart"] = _MPART_MOD[mp["mp"]]
                    a.rules.append("month-part")
                elif mp["nw"]:
                    f["nw"] = _num(mp["nw"])
                    if mp["wd"]:
                        f["nwd"] = _WDN[mp["wd"]]
                    a.rules.append("week-of-month")
                elif mp["lwd"]:
                    f["lwd"] = _WDN[mp["lwd"]]
                    a.rules.append("last-weekday")
                elif mp["fd"]:
                    f["fd"] = _num(mp["fd"])
                    a.rules.append("first-days")
                else:
                    f["ld"] = _num(mp["ld"])
                    a.rules.append("last-days")
                pos = mp.end()
    elif my:
        best = None
        for rx in (_FEST, _QUARTER, _HALF, _YPART, _SEASON, _LUNAR_DATE):
            mx = rx.match(s, pos)
            if mx and (best is None or mx.end() > best.end()):
                best = mx
        if best is not None:
            ok = _part_fields(best, f, a)
            if ok:
                got = True
                pos = best.end()
                if "fest" in f:
                    pos = _DAY_SUFFIX.match(s, pos).end()
        if "y2" in f and not lenient:
            if (not got and not _y2_alone(my["y2"])) or f.get("ypart") in ("mid", "in"):
                return None
        if "y2" in f and f.get("ypart") in ("mid", "in") and got:
            return None
    if not my and not mm:
        return None
    a.end = pos
    return a


def _y2_alone(t: str) -> bool:
    """May a two-digit year stand alone (08年, 零八年, 九八年)? Not 15年 (a duration
    as often as a year) nor 八九年 / 二三年 (eight or nine years)."""
    if t[0] in "0〇零○":
        return True
    if t.isascii():
        return False
    a, b = _num(t[0]), _num(t[1])
    return a is not None and b is not None and b != a + 1


def _part_fields(mx, f: dict, a: _Atom) -> bool:
    g = mx.groupdict()
    if g.get("fest"):
        f["fest"] = g["fest"]
        a.rules.append("festival")
        return True
    if "q" in g or "q1" in g or "qrel" in g or "qn" in g:
        if g.get("q"):
            f["q"] = _num(g["q"])
        elif g.get("q1"):
            f["q"] = 1
        elif g.get("qrel"):
            if "y" in f or "y2" in f or "yrel" in f:
                return False
            f["qrel"] = _QREL[g["qrel"]]
        elif g.get("qn"):
            f["qn"] = _num(g["qn"])
        if g.get("qp"):
            f["qpart"] = "start" if g["qp"] == "初" else "end"
        a.rules.append("quarter")
        return True
    if g.get("lum") or g.get("lun"):
        if g.get("lun"):
            m, d = (12, 30) if g["lun"] == "三十" else (1, _num(g["lun"][1:]))
        else:
            m = _LUNAR_MONTH.get(g["lum"]) or _num(g["lum"])
            ld = g.get("lud")
            d = None if not ld else _num(ld[1:]) if ld.startswith("初") else _num(ld)
        if m is None or not 1 <= m <= 12 or (d is not None and not 1 <= d <= 30):
            return False
        f["lunar"] = (m, d)
        a.rules.append("lunar-date")
        return True
    if g.get("season"):
        f["season"] = _SEASON_NO[g["season"][0]]
        a.rules.append("season")
        return True
    if g.get("half"):
        f["half"] = 1 if g["half"] in ("上半年", "前半年") else 2
        a.rules.append("half")
        return True
    if g.get("yp"):
        mod = _YPART_MOD[g["yp"]]
        f["ypart"] = mod if mod else "in"
        a.rules.append("year-part")
        return True
    for k, lim in (("fm", 12), ("lm", 12), ("nm", 12), ("nwy", 53), ("yfw", 53), ("ylw", 53), ("yfd", 366)):
        if g.get(k):
            v = _num(g[k])
            if v is None or not 1 <= v <= lim:
                return False
            f[k] = v
            a.rules.append({"fm": "first-months", "lm": "last-months", "nm": "nth-month", "nwy": "week-of-year",
                            "yfw": "first-weeks", "ylw": "last-weeks", "yfd": "first-days"}[k])
            return True
    if g.get("m1"):
        f["nm"] = 1
        a.rules.append("nth-month")
        return True
    return False


_CN_SET = frozenset(_CND + "十两廿半")
_FEST_FIRST = frozenset("元情三妇植愚五劳青六儿建教国十平圣双母父感春除端七中重腊")


def _single(s: str, p: int, lenient: bool) -> _Atom | None:
    """The longest single date expression starting at p (each pattern is tried
    only where its first character can begin it)."""
    if p >= len(s):
        return None
    cands: list[_Atom] = []
    c = s[p]
    dig = "0" <= c <= "9"
    cn = c in _CN_SET

    def add(end: int, f: dict, rule: str, lead: str | None = None) -> None:
        cands.append(_Atom(p, end, f, lead, [rule]))

    if dig:
        m = _NUM_YMD.match(s, p) or (_L_YMD.match(s, p) if lenient else None)
        if m:
            add(m.end(), {"y": int(m["y"]), "m": int(m["m"]), "d": int(m["d"])}, "numeric-ymd", "y")
        if lenient:
            m = _L_YMD8.match(s, p)
            if m:
                add(m.end(), {"y": int(m["y"]), "m": int(m["m"]), "d": int(m["d"])}, "numeric-ymd", "y")
        if not cands:
            m = _NUM_YM.match(s, p)
            if m:
                add(m.end(), {"y": int(m["y"]), "m": int(m["m"])}, "numeric-ym", "y")
        if lenient:
            m = _L_MD.match(s, p)
            if m:
                add(m.end(), {"m": int(m["m"]), "d": int(m["d"])}, "numeric-md", "m")
            m = _L_Y.match(s, p)
            if m:
                add(m.end(), {"y": int(m["y"])}, "numeric-year", "y")
    if lenient and (dig or cn):
        m = _L_Y2.match(s, p)
        if m:
            v = _num(m["y2"])
            if v is not None:
                add(m.end(), {"y2": v}, "year2", "y")
    if dig or cn or c in "上下这本今去明前后大当同次翌":
        a = _chain(s, p, lenient)
        if a is not None:
            cands.append(a)
    if dig or (lenient and cn):
        m = _DAY_ALONE.match(s, p) if not lenient else _DAY.match(s, p)
        if m:
            v = _num(m["d"])
            if v is not None and 1 <= v <= 31:
                end = _DAY_SUFFIX.match(s, m.end()).end()
                add(end, {"d": v}, "day", "d")
    if c in "上下这本周星礼":
        m = _WEEK.match(s, p)
        if m:
            f = {}
            if m["wrel"]:
                f["wrel"] = _WREL[m["wrel"]]
            if m["wd"]:
                f["wd"] = _WDN[m["wd"]]
            if m.group("we") is not None:
                f["we"] = True
            end = _DAY_SUFFIX.match(s, m.end()).end() if m["wd"] else m.end()
            add(end, f, "rel-week" if m["wrel"] else "weekday")
    if c in "大后明今本昨前当":
        m = _DREL.match(s, p)
        if m and (lenient or m["drel"] not in _DREL_CONTEXT):
            w = m["drel"]
            add(_DAY_SUFFIX.match(s, m.end()).end(), {"drel": _DRELN.get(w, 0)}, "rel-day")
    if dig or cn:
        m = _AGO.match(s, p)
        if m and (lenient or m["ad"] in ("前", "之前")):
            raw = m["an"]
            n = _num_half(raw)
            if len(raw) >= 2 and not raw.isascii() and "十" not in raw:
                n = None            # 八九年前: eight or nine years, not 89
            if n is not None and n > 0:
                unit = m["au"]
                unit = "y" if unit == "年" else "m" if unit == "个月" else "d" if unit in ("天", "日") else "w"
                sign = -1 if m["ad"] in ("前", "之前") else 1
                add(m.end(), {"ago": (n, unit, sign)}, "ago" if sign < 0 else "later")
    for rx, rule, ok in ((_QUARTER, "quarter", dig or cn or c in "第Qq首上下这本前"),
                         (_HALF, "half", c in "上下前后"),
                         (_YPART_ALONE, "year-part", c == "年"),
                         (_FEST, "festival", c in _FEST_FIRST),
                         (_LUNAR_DATE, "lunar-date", c in "农正冬腊大")):
        if not ok:
            continue
        m = rx.match(s, p)
        if m:
            f: dict = {}
            tmp = _Atom(p, p)
            if _part_fields(m, f, tmp):
                end = m.end()
                if rule == "festival":
                    end = _DAY_SUFFIX.match(s, end).end()
                add(end, f, tmp.rules[0] if tmp.rules else rule)
    if c == "月":
        m = _MPART_ALONE.match(s, p)
        if m:
            add(m.end(), {"mrel": 0, "mpart": _MPART_MOD[m["mp"]]}, "month-part")
    if lenient and c == "十":
        m = _FEST_L.match(s, p)
        if m:
            add(m.end(), {"fest": "十一"}, "festival")
    if c == "今":
        m = _JM.match(s, p)
        if m:
            add(m.end(), {"jm": True}, "this-and-next-year")
    if dig or cn or c in "上本":
        m = _DECADE.match(s, p)
        if m:
            f = {"dp": _DEC_MOD.get(m["dp"] or "")}
            if m["dec4"]:
                f["decade"] = int(m["dec4"])
            else:
                f["dec"] = _num(m["dec"]) if m["dec"] not in ("00", "零零") else 0
                if m["cent"]:
                    f["cent"] = _CENT[m["cent"].replace(" ", "")]
            add(m.end(), f, "decade")
    if not cands:
        return None
    best = max(cands, key=lambda c: c.end)
    return best if best.end > p else None


# ---------------------------------------------------------------------------
# resolution

@dataclass(slots=True)
class _Res:
    value: str
    start: _D
    end: _D
    grain: str
    mod: str | None = None
    mask: str | None = None        # None | "y" | "ym" | "all": digits unknown without `published`


_FAKE_REF = _D(2000, 12, 31)        # stands in for an unknown `published` (a leap year), then masked
_GRAIN_ORDER = {"day": 0, "weekend": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
                "decade": 7}


def _mdays(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _century(yy: int, pub: _D | None) -> int:
    ref = pub.year if pub else 2025
    return 2000 + yy if 2000 + yy <= ref + 10 else 1900 + yy


def _pick_year(key: tuple[int, int], ref: _D, prefer: str, month_only: bool = False) -> int:
    """The year of a (month, day) without a year: latest on/before ref, current, or next."""
    if prefer == "current":
        return ref.year
    rk = (ref.month, 1 if month_only else ref.day)
    if prefer == "future":
        return ref.year if key >= rk else ref.year + 1
    return ref.year if key <= (ref.month, ref.day) else ref.year - 1


def _month_res(y: int, m: int) -> _Res:
    return _Res(f"{y:04d}-{m:02d}", _D(y, m, 1), _D(y, m, _mdays(y, m)), "month")


def _day_res(d: _D) -> _Res:
    return _Res(d.isoformat(), d, d, "day")


def _week_res(monday: _D) -> _Res:
    iy, iw, _ = monday.isocalendar()
    return _Res(f"{iy:04d}-W{iw:02d}", monday, monday + _dt.timedelta(days=6), "week")


def _year_res(y: int) -> _Res:
    return _Res(f"{y:04d}", _D(y, 1, 1), _D(y, 12, 31), "year")


def _quarter_res(y: int, q: int) -> _Res:
    m0 = 3 * (q - 1) + 1
    return _Res(f"{y:04d}-Q{q}", _D(y, m0, 1), _D(y, m0 + 2, _mdays(y, m0 + 2)), "quarter")


def _first_monday(y: int, m: int) -> _D:
    d = _D(y, m, 1)
    return d + _dt.timedelta(days=(7 - d.weekday()) % 7)


def _span(a: _Res, b: _Res) -> _Res:
    grain = a.grain if _GRAIN_ORDER[a.grain] <= _GRAIN_ORDER[b.grain] else b.grain
    mask = a.mask or b.mask
    if a.mask and b.mask:
        order = ["y", "ym", "all"]
        mask = max(a.mask, b.mask, key=order.index)
    return _Res(f"{a.value}/{b.value}", a.start, b.end, grain, None, mask)


def _lunar(y: int, m: int, d: int) -> _D:
    """The solar date of a lunar date (the lunardate package; ValueError outside 1900-2099)."""
    try:
        from lunardate import LunarDate
    except ImportError:  # pragma: no cover - a declared dependency
        raise ValueError("lunardate is not installed") from None
    ld = LunarDate(y, m, d)
    return ld.to_solar_date() if hasattr(ld, "to_solar_date") else ld.toSolarDate()   # the older name


def _fest_date(name: str, y: int) -> _D:
    if name == "除夕":
        return _lunar(y, 1, 1) - _dt.timedelta(days=1)
    if name in _LUNAR_FEST:
        return _lunar(y, *_LUNAR_FEST[name])
    if name in _FIXED_FEST:
        m, d = _FIXED_FEST[name]
        return _D(y, m, d)
    m, nth, wd = _RULE_FEST[name]
    first = _D(y, m, 1)
    off = (wd - 1 - first.weekday()) % 7
    return first + _dt.timedelta(days=off + 7 * (nth - 1))


def _resolve(f: dict, pub: _D | None, prefer: str = "past") -> _Res | None:
    try:
        return _resolve1(f, pub, prefer)
    except (ValueError, OverflowError):
        return None


def _resolve1(f: dict, pub: _D | None, prefer: str) -> _Res | None:
    fake = pub is None
    ref = pub or _FAKE_REF
    mask: str | None = None

    def masked(r: _Res | None, level: str | None) -> _Res | None:
        if r is not None and fake and level:
            r.mask = level
        return r

    # --- relative to the reference day
    if "ago" in f:
        n, unit, sign = f["ago"]
        if unit == "y" and n != int(n):
            unit, n = "m", n * 12
        if unit == "m" and n != int(n):
            unit, n = "d", n * 30
        n = int(n)
        if unit == "y":
            return masked(_year_res(ref.year + sign * n), "all")
        if unit == "m":
            return masked(_month_res(*_shift_month(ref.year, ref.month, sign * n)), "all")
        if unit == "w":
            d = ref + _dt.timedelta(days=7 * sign * n)
            return masked(_week_res(d - _dt.timedelta(days=d.weekday())), "all")
        return masked(_day_res(ref + _dt.timedelta(days=sign * n)), "all")
    if "drel" in f:
        return masked(_day_res(ref + _dt.timedelta(days=f["drel"])), "all")
    if "wrel" in f or ("wd" in f and "m" not in f):
        monday = ref - _dt.timedelta(days=ref.weekday())
        if "wrel" in f:
            monday += _dt.timedelta(days=7 * f["wrel"])
            if f.get("we"):
                iy, iw, _ = monday.isocalendar()
                return masked(_Res(f"{iy:04d}-W{iw:02d}-WE", monday + _dt.timedelta(days=5),
                                   monday + _dt.timedelta(days=6), "weekend"), "all")
            if "wd" not in f:
                return masked(_week_res(monday), "all")
            return masked(_day_res(monday + _dt.timedelta(days=f["wd"] - 1)), "all")
        d = monday + _dt.timedelta(days=f["wd"] - 1)
        if prefer == "past" and d > ref:
            d -= _dt.timedelta(days=7)
        elif prefer == "future" and d < ref:
            d += _dt.timedelta(days=7)
        return masked(_day_res(d), "all")
    if "decade" in f or "dec" in f:
        if "decade" in f:
            y0 = f["decade"]
        elif "cent" in f:
            c = f["cent"]
            y0 = (c if c >= 100 else (ref.year // 100 + c) * 100) + f["dec"]
        else:
            y0 = 2000 + f["dec"] if 2000 + f["dec"] <= (pub.year if pub else 2025) + 10 else 1900 + f["dec"]
        a, b = {"start": (0, 2), "mid": (3, 6), "end": (7, 9), None: (0, 9)}[f["dp"]]
        return _Res(f"{y0 // 10:03d}", _D(y0 + a, 1, 1), _D(y0 + b, 12, 31), "decade", f["dp"],
                    "all" if fake and f.get("cent", 100) < 100 else None)
    if "jm" in f:
        return masked(_span(_year_res(ref.year), _year_res(ref.year + 1)), "all")

    # --- the year, when the mention gives one
    Y: int | None = None
    if "y" in f:
        Y = f["y"]
    elif "y2" in f:
        Y = _century(f["y2"], pub)
    elif "yrel" in f:
        Y = ref.year + f["yrel"]
        mask = "y"

    def ymask() -> str | None:
        return mask if Y is not None and ("y" in f or "y2" in f or "yrel" in f) else "y"

    # --- dates of the lunar calendar (a month alone: its first to its last day)
    if "lunar" in f:
        m, d = f["lunar"]

        def span(y: int) -> _Res:
            if d is not None:
                if (m, d) == (12, 30):       # 大年三十, 腊月三十: 除夕, whatever the month's length
                    return _day_res(_fest_date("除夕", y))
                return _day_res(_lunar(y, m, d))
            first = _lunar(y, m, 1)
            last = (_lunar(y + 1, 1, 1) if m == 12 else _lunar(y, m + 1, 1)) - _dt.timedelta(days=1)
            return _Res(f"{first:%Y-%m-%d}/{last:%Y-%m-%d}", first, last, "month")
        if Y is not None:
            return masked(span(Y), mask)
        r = span(ref.year)
        if prefer == "past" and r.start > ref:
            r = span(ref.year - 1)
        elif prefer == "future" and r.end < ref:
            r = span(ref.year + 1)
        return masked(r, "y")

    # --- festivals
    if "fest" in f:
        name = f["fest"]
        if Y is not None:
            return masked(_day_res(_fest_date(name, Y)), mask)
        d = _fest_date(name, ref.year)
        if prefer == "past" and d > ref:
            d = _fest_date(name, ref.year - 1)
        elif prefer == "future" and d < ref:
            d = _fest_date(name, ref.year + 1)
        return masked(_day_res(d), "y")

    # --- month-based
    if "m" in f or "mrel" in f:
        if "mrel" in f:
            Y, M = _shift_month(ref.year, ref.month, f["mrel"])
            lvl = "ym"
        else:
            M = f["m"]
            if Y is None:
                Y = _pick_year((M, f.get("d", 1)), ref, prefer, month_only="d" not in f)
                lvl = "y"
            else:
                lvl = mask
        if "d" in f:
            if "m" in f and lvl == "y" and f["d"] > _mdays(Y, M):
                step = 1 if prefer == "future" else -1     # 2月29日: the nearest leap year that way
                for _ in range(8):
                    Y += step
                    if f["d"] <= _mdays(Y, M):
                        break
            return masked(_day_res(_D(Y, M, f["d"])), lvl)
        last = _mdays(Y, M)
        r = _month_res(Y, M)
        if "mpart" in f:
            mod = f["mpart"]
            a, b = {"start": (1, 10), "mid": (11, 20), "end": (21, last)}[mod]
            r.start, r.end, r.mod = _D(Y, M, a), _D(Y, M, b), mod
            return masked(r, lvl)
        if "nw" in f:
            if "nwd" in f:
                first = _D(Y, M, 1)
                d = first + _dt.timedelta(days=(f["nwd"] - 1 - first.weekday()) % 7 + 7 * (f["nw"] - 1))
                if d.month != M:
                    return None
                return masked(_day_res(d), lvl)
            return masked(_week_res(_first_monday(Y, M) + _dt.timedelta(days=7 * (f["nw"] - 1))), lvl)
        if "lwd" in f:
            lastd = _D(Y, M, last)
            return masked(_day_res(lastd - _dt.timedelta(days=(lastd.weekday() - (f["lwd"] - 1)) % 7)), lvl)
        if "fd" in f:
            n = min(f["fd"], last)
            return masked(_span(_day_res(_D(Y, M, 1)), _day_res(_D(Y, M, n))), lvl)
        if "ld" in f:
            n = min(f["ld"], last)
            return masked(_span(_day_res(_D(Y, M, last - n + 1)), _day_res(_D(Y, M, last))), lvl)
        return masked(r, lvl)

    # --- a day alone: the latest such day on or before the reference (or current / next)
    if "d" in f:
        d = f["d"]
        y, m = ref.year, ref.month
        if prefer == "past" and d > ref.day:
            y, m = _shift_month(y, m, -1)
        elif prefer == "future" and d < ref.day:
            y, m = _shift_month(y, m, 1)
        for _ in range(3):
            if d <= _mdays(y, m):
                return masked(_day_res(_D(y, m, d)), "ym")
            y, m = _shift_month(y, m, -1 if prefer != "future" else 1)
        return None

    # --- quarters
    if "qrel" in f:
        cur = (ref.month - 1) // 3 + f["qrel"]
        y, q = ref.year + cur // 4, cur % 4 + 1
        return masked(_qpart(_quarter_res(y, q), f), "all")
    if "q" in f:
        q = f["q"]
        if not 1 <= q <= 4:
            return None
        if Y is None:
            Y = _pick_year((3 * q - 2, 1), ref, prefer, month_only=True)
            return masked(_qpart(_quarter_res(Y, q), f), "y")
        return masked(_qpart(_quarter_res(Y, q), f), mask)
    if "qn" in f:
        y = Y if Y is not None else ref.year
        n = f["qn"]
        if not 1 <= n <= 4:
            return None
        return masked(_span(_quarter_res(y, 1), _quarter_res(y, n)), ymask())

    # --- seasons (only after a year: Y is known)
    if "season" in f and Y is not None:
        k = f["season"]
        ey, em = _shift_month(Y, 3 * k, 2)
        return masked(_Res(f"{Y:04d}-{20 + k}", _D(Y, 3 * k, 1), _D(ey, em, _mdays(ey, em)), "season"), mask)

    # --- halves
    if "half" in f:
        h = f["half"]
        lvl = mask
        if Y is None:
            Y = _pick_year((6 * h - 5, 1), ref, prefer, month_only=True)
            lvl = "y"
        m0 = 6 * h - 5
        return masked(_Res(f"{Y:04d}-H{h}", _D(Y, m0, 1), _D(Y, m0 + 5, _mdays(Y, m0 + 5)), "half"), lvl)

    # --- parts and pieces of a year
    if any(k in f for k in ("ypart", "fm", "lm", "nm", "nwy", "yfw", "ylw", "yfd")):
        lvl = mask
        if Y is None:
            Y, lvl = ref.year, "y"
        if "ypart" in f:
            r = _year_res(Y)
            mod = f["ypart"]
            if mod == "start":
                r.end = _D(Y, 3, 31)
            elif mod == "mid":
                r.start, r.end = _D(Y, 5, 1), _D(Y, 8, 31)
            elif mod == "end":
                r.start = _D(Y, 10, 1)
            if mod != "in":
                r.mod = mod
            return masked(r, lvl)
        if "fm" in f:
            return masked(_span(_month_res(Y, 1), _month_res(Y, f["fm"])), lvl)
        if "lm" in f:
            return masked(_span(_month_res(Y, 13 - f["lm"]), _month_res(Y, 12)), lvl)
        if "nm" in f:
            return masked(_month_res(Y, f["nm"]), lvl)
        if "yfd" in f:
            return masked(_span(_day_res(_D(Y, 1, 1)), _day_res(_D(Y, 1, 1) + _dt.timedelta(days=f["yfd"] - 1))), lvl)
        if "yfw" in f:
            first = _first_monday(Y, 1)
            return masked(_span(_week_res(first), _week_res(first + _dt.timedelta(days=7 * (f["yfw"] - 1)))), lvl)
        if "ylw" in f:
            dec31 = _D(Y, 12, 31)
            last = dec31 - _dt.timedelta(days=dec31.weekday())      # the last week starting in Y
            if last + _dt.timedelta(days=6) > dec31:
                last -= _dt.timedelta(days=7)                          # ... that ends in Y
            return masked(_span(_week_res(last - _dt.timedelta(days=7 * (f["ylw"] - 1))), _week_res(last)), lvl)
        monday = _first_monday(Y, 1) + _dt.timedelta(days=7 * (f["nwy"] - 1))
        return masked(_week_res(monday), lvl)

    if Y is not None:
        return masked(_year_res(Y), mask)
    return None


def _qpart(r: _Res, f: dict) -> _Res:
    mod = f.get("qpart")
    if mod == "start":
        y, m = r.start.year, r.start.month
        r.end = _D(y, m, _mdays(y, m))
        r.mod = mod
    elif mod == "end":
        r.start = _D(r.end.year, r.end.month, 1)
        r.mod = mod
    return r


_MASK_RX = {
    "y": regex.compile(r"(?<![0-9A-Za-z])[0-9]{4}"),
    "ym": regex.compile(r"(?<![0-9A-Za-z])[0-9]{4}(?:-[0-9]{2})?"),
    "all": regex.compile(r"[0-9]"),
}


def _mask_value(v: str, level: str) -> str:
    if level == "all":
        return _MASK_RX["all"].sub("X", v)
    if level == "ym":
        return _MASK_RX["ym"].sub(lambda m: "XXXX-XX" if len(m.group()) > 4 else "XXXX", v)
    return _MASK_RX["y"].sub("XXXX", v)


def _to_value(r: _Res) -> dict:
    if r.mask:
        d = {"value": _mask_value(r.value, r.mask), "grain": r.grain}
    else:
        d = {"value": r.value, "start": r.start.isoformat(), "end": r.end.isoformat(), "grain": r.grain}
    if r.mod:
        d["mod"] = r.mod
    return d


# ---------------------------------------------------------------------------
# ranges: A 至 B, with B filling what it lacks from A (2017年8月11日至22日)

def _anchor(r: _Res) -> tuple[int, int]:
    return r.end.year, r.end.month


def _resolve_b(b: _Atom, ar: _Res, pub: _D | None, prefer: str) -> _Res | None:
    f = dict(b.f)
    has_year = any(k in f for k in ("y", "y2", "yrel"))
    absolute_partial = not has_year and not any(k in f for k in ("mrel", "drel", "wrel", "ago", "jm", "qrel"))
    inherited = False
    if absolute_partial and ("m" in f or "d" in f or "fest" in f or "q" in f or "half" in f):
        y, m = _anchor(ar)
        f["y"] = y
        inherited = True
        if "d" in f and "m" not in f:
            f["m"] = m
    br = _resolve(f, pub, prefer)
    if br is None:
        return None
    if br.end < ar.start and inherited:
        f["y"] += 1
        br = _resolve(f, pub, prefer)
        if br is None:
            return None
    if br.end < ar.start:
        return None
    if inherited and ar.mask and not br.mask:
        br.mask = ar.mask
    return br


def _try_range(s: str, a: _Atom, ar: _Res, pub, prefer, lenient) -> tuple[_Atom, _Res] | None:
    # A CONN B
    mc = _CONN_RX.match(s, a.end)
    if mc and mc.end() > a.end:
        b = _single(s, mc.end(), lenient)
        if b is None and lenient:
            mb = _L_Y.match(s, mc.end())
            if mb:
                b = _Atom(mc.end(), mb.end(), {"y": int(mb["y"])}, "y", ["numeric-year"])
        if b is None:
            md = _DAY.match(s, mc.end())      # 到十五号
            if md and a.finest == "d":
                v = _num(md["d"])
                if v:
                    b = _Atom(mc.end(), md.end(), {"d": v}, "d", ["day"])
        if b is not None:
            br = _resolve_b(b, ar, pub, prefer)
            if br is not None:
                return _Atom(a.start, b.end, {}, a.lead, ["range(" + "+".join(a.rules) + "; " + "+".join(b.rules) + ")"]), _span(ar, br)
    # A N CONN B: 2019年4月12-19日, 2019年1-5月
    mn = _BARE_LEFT.match(s, a.end)
    if mn:
        return _bare_left(s, mn, a, ar, pub, prefer, lenient)
    return None


def _bare_left(s: str, mn, a: _Atom | None, ar: _Res | None, pub, prefer, lenient):
    mc = _CONN_RX.match(s, mn.end())
    b = _single(s, mc.end(), lenient)
    if b is None or b.lead is None or b.start != mc.end():
        return None
    n = _num(mn["n"])
    if n is None:
        return None
    lead = b.lead
    if a is not None:
        parent = {"m": "y", "d": "m"}.get(lead)
        if parent is None or a.finest != parent:
            return None
        lf = dict(a.f)
    else:
        lf = {}
    if lead == "y":
        if a is not None:
            return None
        if "y2" in b.f and len(mn["n"]) == 2:
            lf["y2"] = n
        elif 1500 <= n <= 2099 and len(mn["n"]) == 4:
            lf["y"] = n
        else:
            return None
    elif lead == "m":
        if not 1 <= n <= 12:
            return None
        lf["m"] = n
    else:
        if a is None or not 1 <= n <= 31:
            return None
        lf["d"] = n
    if a is None:
        # the right end gives the left its year
        br = _resolve(b.f, pub, prefer)
        if br is None:
            return None
        if lead == "m":
            lf["y"] = br.start.year
            if br.mask:
                lr = _resolve(lf, pub, prefer)
                if lr is None:
                    return None
                lr.mask = br.mask
            else:
                lr = _resolve(lf, pub, prefer)
        else:
            lr = _resolve(lf, pub, prefer)
        if lr is None or br.end < lr.start:
            return None
        start = mn.start()
    else:
        lr = _resolve(lf, pub, prefer)
        if lr is None:
            return None
        if a.f.get("yrel") is not None and pub is None:
            lr.mask = ar.mask
        br = _resolve_b(b, lr, pub, prefer)
        if br is None:
            return None
        start = a.start
    rule = "range(" + ("+".join(a.rules) + "+" if a else "") + "number; " + "+".join(b.rules) + ")"
    return _Atom(start, b.end, {}, None, [rule]), _span(lr, br)


# ---------------------------------------------------------------------------
# scanning

def _as_date(published) -> _D | None:
    if published is None:
        return None
    if isinstance(published, _dt.datetime):
        return published.date()
    if isinstance(published, _D):
        return published
    if isinstance(published, str):
        try:
            return _D.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def _scan(s: str, pub: _D | None, prefer: str, lenient: bool) -> list[tuple[_Atom, _Res]]:
    out: list[tuple[_Atom, _Res]] = []
    if not s or not _ANY.search(s):
        return out
    pos = 0
    n = len(s)
    start_rx = _START_L if lenient else _START
    while pos < n:
        m = start_rx.search(s, pos)
        if m is None:
            break
        p = m.start()
        a = _single(s, p, lenient)
        got = None
        if a is not None:
            r = _resolve(a.f, pub, prefer)
            if r is not None:
                got = _try_range(s, a, r, pub, prefer, lenient) or (a, r)
        if got is None:
            mn = _BARE_LEFT.match(s, p)       # 3-5月, 2014-2015年, 1985到89年
            if mn:
                got = _bare_left(s, mn, None, None, pub, prefer, lenient)
        if got is None:
            pos = p + 1
            continue
        out.append(got)
        pos = got[0].end
    return out


def tag(norm: str, published: _dt.date | None = None, prefer: str = "past") -> list[Entity]:
    """Date mentions in `norm` (see the module docstring for values and rules)."""
    pub = _as_date(published)
    ents = []
    for a, r in _scan(norm, pub, prefer, lenient=False):
        ents.append(Entity(type="date", text=norm[a.start:a.end], start=a.start, end=a.end,
                           value=_to_value(r), rule="+".join(a.rules)))
    return ents


def parse(expr: str, published: _dt.date | None = None, prefer: str = "past") -> dict | None:
    """The value of one date expression (the longest date found in `expr`), or None."""
    from extractor.text import normalize

    pub = _as_date(published)
    found = _scan(normalize(expr), pub, prefer, lenient=True)
    if not found:
        return None
    a, r = max(found, key=lambda ar: (ar[0].end - ar[0].start, -ar[0].start))
    return _to_value(r)
