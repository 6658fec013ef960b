"""Quantity tagger: headcounts of people (团队十多个人, 近300名员工, 三位科学家).

    tag(norm) -> list[Entity]     type "quantity"

Value: `{"value": 150, "unit": "person"}` for an exact count; with `approx` when
the text hedges it:
- "less":  近 / 将近 / 接近 / 不到 / 不足 / 少于 / 低于 … 300人, 300人以下
- "about": 约 / 大约 / 大概 / 约为 / 差不多 … 200人, 200人左右 / 上下, 十来个人
- "more":  超过 / 超 / 逾 / 多于 / 至少 / 不少于 … 150人, 150多人, 百余人,
           十几个人, 150人以上
- vague numerals are "more" than their unit: 数百人 / 上百人 / 几百人 → 100,
  数十人 / 几十个人 → 10, 数千 / 上千 → 1000, 成百上千 → 100, 成千上万 → 1000.
A range (200至300人, 二三十人) gives the smaller as `value` and the larger as `max`.

Span: the whole phrase: the hedge before it, the numeral, the measure word, the
person noun after 名/位/个 (3名工程师, 5000多名员工, 三位科学家) and a hedge
after it (200人左右). `人` and `个人` count on their own (150人, 十多个人);
名, 位 and 个 count only when a person noun follows (so not 3位数, 第3名, 3个月).

Not headcounts: 100万辆 (not people), 人民币, 人工智能, 人才, 人次, 人均 (人 as part
of a word), 第3名 (a rank), 8位数 (a digit count), 千人计划 (a name), 一个人 /
一人 (idiom more often than a count).
"""
from __future__ import annotations

import re

from extractor.model import Entity
from extractor.numerals import cn_to_number
from extractor.taggers import FirstChars, matches_from
from extractor.text import HAN_SCRIPT, REGEX_SPACE

__all__ = ["tag"]

_CN = "零〇一二两三四五六七八九十百千万亿"

_NUM = r"""
  (?P<num>
      (?<![0-9.])(?<![0-9],)[0-9]{1,9}(?:,[0-9]{3}){0,3}(?:\.[0-9]{1,3})?\ ?[百千万亿]{0,2}
    | (?<![0-9.""" + _CN + r"""])[""" + _CN + r"""]{1,12}
  )
"""
_VAGUE_WORDS = "成百上千|成千上万|数十万|数十|数百|数千|数万|上百|上千|上万|几十|几百|几千|几万|百余|千余|万余"
_VAGUE = r"(?P<vague>" + _VAGUE_WORDS + ")"
_LESS = "近|将近|接近|不到|不足|少于|低于|未满"
_ABOUT = "约|大约|大概|约为|约有|大致|差不多|估计"
_MORE = "超过|超出|超|逾|多于|至少|不少于|不低于|达到?逾"
# A person noun after 名/位/个: up to four characters, then an ending that names a
# person (员, 者, 工程师, 科学家, 人士, 选手 ...). Single characters that also begin
# other words (家, 工, 长, 户, 客, 士) end a noun only in the listed words.
_NOUN_END = ("员工|人员|成员|职员|雇员|员|者|师生|师傅|师(?![范大兄弟姐妹父母])"
             "|专家|学家|艺术家|企业家|作家|画家|玩家|卖家|买家|创业家|投资家|实业家|银行家|歌唱家|演奏家|舞蹈家"
             "|学生|研究生|博士生|硕士生|毕业生|考生|医生|实习生|新生|留学生"
             "|院长|校长|部长|局长|市长|社长|行长|董事长|厂长|县长|村长|队长|组长|班长|处长|科长|省长|会长|所长|店长|机长|船长|总长"
             "|法官|检察官|警官|外交官|军官|长官|考官|执行官|官兵|士兵|新兵|老兵"
             "|人士|博士|硕士|院士|护士|女士|男士|战士|烈士|骑士"
             "|工人|职工|民工|环卫工|农民工|技工|矿工|临时工|志愿者"
             "|选手|歌手|球手|对手|枪手|射手|新手|高手|助手|操盘手"
             "|教授|高管|主管|总裁|老总|总监|董事|经理|主任|秘书|代表|嘉宾|同事|伙伴|骨干|女性|男性|青年|孩子|儿童"
             "|网友|朋友|好友|校友|队友|病友|战友|球友|壶友|室友|用户|客户|住户|农户|商户|散户|租户|养殖户"
             "|乘客|游客|旅客|顾客|房客|黑客|观众|群众|居民|村民|市民|华人|侨胞|同胞|警察|民警|律所合伙人"
             "|人(?!" + "民|工|才|均|次|口|气|类|物|数|文|造|寿|家|像|形|计|际|脸" + ")")
_NOUN = (r"(?P<noun>(?:(?![的数年元万亿月日薪多余位名个跟和与同对给让被把向在从比出为是有])[%s]){0,4}" % HAN_SCRIPT +
         r"(?:" + _NOUN_END + r"))")
# 人 inside a word (人民币, 人工智能, 人才, 人次 …); not 人身, 人参, 人生 …, which are
# far more often 3人身亡, 300人参加, 3人生还 after a number
_REN_WORD = "民|工|才|均|次|口|气|类|物|数|文|造|寿|家|像|形|计|际|脸"

# The standard library's re (several times faster than regex at searching); \p{Han}
# and \s are spelled as the regex module has them (extractor.text), and the
# lookbehinds of alternatives of different lengths are written one by one.
_SP = "[" + REGEX_SPACE + "]"
_FIRST = FirstChars("[0-9" + _CN + "近将接不少低未约大概差估超逾多至达数上几成]")   # where a match can begin
_RX = re.compile(r"""
  (?=""" + _FIRST.rx.pattern + r""")   # a cheap first test: the first characters
  (?=[0-9""" + _CN + r"""]|""" + "|".join((_LESS, _ABOUT, _MORE, _VAGUE_WORDS)) + r""")   # then the words a match begins with
  (?<!第)(?<!排名)(?<!排)
  (?:(?P<less>""" + _LESS + r""")|(?P<about>""" + _ABOUT + r""")|(?P<more>""" + _MORE + r"""))?
  (?: """ + _VAGUE + r"""
    | """ + _NUM + r"""
      (?: """ + _SP + r"""{0,2}(?:至|到|-|~|～|—)""" + _SP + r"""{0,2}(?P<num2>[0-9]{1,9}(?:\.[0-9]{1,3})?[百千万]{0,2}|[""" + _CN + r"""]{1,12}) )?
      (?P<infix>多|余|几|来)?
  )
  (?: (?P<ren>个人|人)(?!""" + _REN_WORD + r"""|信息|所得|隐私|资料|账户|简历|主页|能力|意见|观点|认为|爱好|住房|税)
    | (?P<mw>名|位|个)""" + _NOUN + r"""
  )
  (?P<suffix>左右|上下|以上|之多|以下|以内)?
""", re.VERBOSE)

_VAGUE_VALUE = {"成百上千": 100, "成千上万": 1000, "数十万": 100000, "数十": 10, "数百": 100, "数千": 1000,
                "数万": 10000, "上百": 100, "上千": 1000, "上万": 10000, "几十": 10, "几百": 100,
                "几千": 1000, "几万": 10000, "百余": 100, "千余": 1000, "万余": 10000}


def _number(s: str) -> float | None:
    s = s.replace(" ", "")
    v = cn_to_number(s)
    if v is not None:
        return v
    # 二三十 / 三四百: two digits in a row mean "two or three tens"
    if len(s) >= 2 and s[0] in "一二三四五六七八九" and s[1] in "一二三四五六七八九":
        return cn_to_number(s[1:])
    return None


def _pair(s: str) -> tuple[float, float] | None:
    """二三十 → (20, 30), 三四百 → (300, 400), 七八个 → (7, 8)."""
    d = "一二三四五六七八九"
    if len(s) >= 2 and s[0] in d and s[1] in d and d.index(s[1]) == d.index(s[0]) + 1:
        hi = cn_to_number(s[1:])
        lo = cn_to_number(s[0] + s[2:]) if len(s) > 2 else cn_to_number(s[0])
        if hi is not None and lo is not None:
            return lo, hi
    return None


def tag(norm: str) -> list[Entity]:
    """Headcount mentions in `norm` (normalised text; offsets are the original's)."""
    out: list[Entity] = []
    if "人" not in norm and "名" not in norm and "位" not in norm and "个" not in norm:
        return out
    for m in matches_from(_RX, _FIRST, norm):
        approx = None
        hi = None
        if m["vague"]:
            value = float(_VAGUE_VALUE[m["vague"]])
            approx = "more"
            rule = "vague numeral"
        else:
            raw = m["num"]
            pair = _pair(raw) if not raw[0].isdigit() else None
            if pair:
                value, hi = pair
            else:
                value = _number(raw)
            if value is None or value <= 0:
                continue
            if m["num2"]:
                hi = _number(m["num2"])
                if hi is None or hi <= value:
                    hi = None
            if m["ren"] and raw in ("一", "两", "俩") and not m["infix"] and not m["num2"]:
                continue            # 一个人, 两人: idiom or pronoun-like more often than a headcount
            if value != int(value) and value < 10:
                continue            # 1.5人: not a headcount
            infix = m["infix"]
            if infix in ("多", "余", "几"):
                approx = "more"
            elif infix == "来":
                approx = "about"
            rule = "numeral"
        if m["less"]:
            approx = "less"
        elif m["about"]:
            approx = "about"
        elif m["more"]:
            approx = "more"
        suf = m["suffix"]
        if suf in ("左右", "上下"):
            approx = "about"
        elif suf in ("以上", "之多"):
            approx = "more"
        elif suf in ("以下", "以内"):
            approx = "less"
        val: dict = {"value": int(round(value))}
        if hi is not None:
            val["max"] = int(round(hi))
        if approx:
            val["approx"] = approx
        val["unit"] = "person"
        measure = m["ren"] or (m["mw"] + "+noun")
        out.append(Entity(type="quantity", text=m.group(), start=m.start(), end=m.end(), value=val,
                          rule=f"{rule} + {measure}" + (" (hedged)" if approx else "")))
    return out
