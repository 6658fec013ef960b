"""Company job levels (职级): 4-2, P10, p8, T3.1, 阿里P8, 字节2-2, 华为19级, 美团L8.

    tag(norm, lexicon, orgs) -> list[Entity]       # type "level"

`norm` is the normalised text (same length as the original), `orgs` the org
entities already found (with `canonical`), sorted by start. Every entity gets
`value = {"system", "level", "rank"}` (+ `"band"` where the ladder has one,
`"sublevel"` for 13C级 / K3A, `"plus"` for P7+).

Which company's ladder a form belongs to, in order:

1. **context** (rules `level.attached`, `level.context`): the nearest org mention
   before the form, in the same sentence or at most `WINDOW` characters back,
   whose top-level org has a ladder holding the form. Forms that are weak by
   themselves (M4, T7, L8, K3, 19级) also need the org attached (阿里M4, 华为19级)
   or a level cue nearby (职级, 级别, 晋升, offer ...). A form glued to an org
   whose ladder lacks it is not a level (华为P10, 小鹏P7, 苹果M1); glued to an org
   whose ladder has that track but not that rung, it is kept without a rank
   (腾讯T3, 阿里P15: rule `level.attached_unranked`).
2. **form** (`level.form`): rows marked `alone` in levels.tsv: P4-P14 -> 阿里巴巴,
   T3.1 / T3-1 -> 腾讯 (old ladder).
3. **cue** (`level.cue`): rows marked `cue`: a-b forms -> 字节跳动 when a level
   cue word (职级, 级别, 定级, 对标 ...) is next to it.
4. **memory** (`level.memory`): the system that the last level of the same form
   family in this document went to (2-1和2-2 after 字节's ladder was described).

Not levels: 2024-4-2 and 04-02 (dates), 比分4-2 / 4-2获胜 (scores), 3-5年 / 1-2人
(ranges with a unit), 10-15K (salaries), 图2-1 / 第3-1条 (numbering), GPT-4,
P100, P2P, M1芯片, T3航站楼, L4级自动驾驶, 名为M6的模型 (products and models),
phone numbers. All patterns are bounded; the scan is linear in the text.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import re

import regex

from extractor.model import Entity
from extractor.taggers import FirstChars, matches_from

if TYPE_CHECKING:  # pragma: no cover
    from extractor.lexicon import Level, Lexicon

SENTENCE_END = "。！？!?;；\n"
_SENTENCE_END_RE = regex.compile("[%s]" % regex.escape(SENTENCE_END))
WINDOW = 30          # an org this close before a level may give its system even across a sentence end
MAX_REACH = 200      # ... and no org further back than this, even in one long sentence
MAX_ORGS_BACK = 8    # org mentions examined per level form
ATTACH_GAP = " 的·是为"  # what may stand between an org and a level glued to it (阿里P8, 阿里的P8, 百度是T7)
LEFT_CUE_SPAN, RIGHT_CUE_SPAN = 12, 10

# re, not regex, and a first-character test: the look-behinds make a plain scan 10 times slower
FORMS_FIRST = FirstChars("[0-9PpMmTtLlKk]")    # where FORMS can begin (matches_from)
FORMS = re.compile(r"""(?=""" + FORMS_FIRST.rx.pattern + r""")(?:
    (?<![0-9A-Za-z.\-/_])(?P<dash>(?P<da>[1-6])-(?P<db>[1-3]))(?![0-9A-Za-z%]|[.\-/:][0-9])
  | (?<![0-9A-Za-z])(?P<tdot>[Tt](?P<ta>[1-6])[.\-](?P<tb>[1-3]))(?![0-9A-Za-z]|[.\-][0-9])
  | (?<![0-9A-Za-z])(?P<letter>(?P<lp>[PpMmTtLlKk])(?P<ln>[0-9]{1,2})(?P<lsub>[ABab](?![A-Za-z]))?(?P<plus>\+)?)(?![0-9A-Za-z]|[.\-][0-9])
  | (?<![0-9A-Za-z.\-])(?P<ji>(?P<jn>[0-9]{1,2})(?P<jsub>[ABC])?级)
)""", re.X)

# What stands right after a number range, a date or a score, not a level.
_NUM_RIGHT_NEG = regex.compile(r"""\s?(?:
    年|个月|月|日|号|天|周|岁|人|名|个|家|次|倍|层|楼|栋|室|分钟|小时|秒|场|轮|局|盘|集|章|节|页|行|列|题|度
  | 米|公里|千米|克|斤|吨|万|千|亿|元|美元|块|折|分|成|K|k|W|w
  | 获胜|取胜|胜|负|败|落败|战胜|击败|领先|落后|比分|的比分|险胜|逆转|拿下|大胜|惜败|告负|收官
  | 台风|地震|大风|阵风|风力|风|浪|伤残|残疾|工伤|学生|新生|班|考试|证书|认证|资质|等保|标准|地铁|号线|车道|联赛)""", regex.X)
# What stands right after N级 when it is not a job grade (the 级 is part of the match).
_JI_RIGHT_NEG = regex.compile(r"""\s?(?:
    台风|地震|大风|阵风|风力|风|浪|伤残|残疾|工伤|学生|新生|本科|研究生|硕士|博士|班|考试|证书|认证|资质|等保|标准
  | 地铁|车道|联赛|预警|响应|应急|台阶|精度|防水|能效|能耗|噪音|分贝|文物|行政区|城市|景区|保护|自动驾驶|智驾|烈度)""", regex.X)
# What stands right after a product or model name, not a level.
_LETTER_RIGHT_NEG = regex.compile(r"""\s?级?\s?(?:
    Pro|PRO|Plus|Max|MAX|Ultra|Mini|mini|Lite|SE|GPU|CPU|TPU|NPU|SUV|EV
  | 手机|系列|芯片|处理器|显卡|算力卡|加速卡|模型|大模型|多模态|汽车|车型|轿车|新车|航站楼|航站|机场|故障|事故|优先级
  | bug|Bug|BUG|版本|型号|机型|款|相机|镜头|电池|发动机|引擎|自动驾驶|智驾|辅助驾驶|无人驾驶|号线|线|地铁|公交|路
  | 航班|列车|战斗机|导弹|坦克|赛车|传感器|雷达|屏|基因|蛋白|细胞|病毒|频段|分辨率|协议|接口|标准|车)""", regex.X)
_NUM_LEFT_NEG = ("比分", "第", "图", "表", "附表", "附图", "编号", "尾号", "电话", "号码", "房间", "公式", "条款",
                 "版本", "型号", "代号", "比赛", "战绩")
_JI_LEFT_NEG = ("第", "图", "表", "编号", "比分", "震级", "风力", "烈度")
_LETTER_LEFT_NEG = ("型号", "代号", "名为", "称为", "叫做", "命名为", "代号为", "型号为", "发布", "推出", "搭载", "新款",
                    "旗舰", "芯片", "地铁", "航站楼", "新一代", "iPhone", "Mate", "Galaxy", "骁龙", "天玑", "麒麟")
_LETTER_LEFT_NEG_RE = regex.compile("|".join(map(regex.escape, _LETTER_LEFT_NEG)))
# Level cue words: a strong cue lets a bare a-b go to the ladder that claims it ('cue' rows);
# any cue lets a weak form (M4, T7, 19级) go to an org in context that is not glued to it.
_STRONG_CUES = ("职级", "级别", "定级", "层级", "晋升", "升至", "升到", "升为", "对标", "相当于", "offer", "Offer",
                "OFFER", "职位", "序列")
_CUES = _STRONG_CUES + ("员工", "工程师", "专家", "架构师", "科学家", "研究员", "入职", "拿到", "给出", "开出", "给了",
                        "年薪", "薪资", "薪酬", "总包", "年包", "工资", "做到", "评级", "职称", "跳槽", "加入", "加盟",
                        "招聘", "招人", "需求", "级")
_WEAK_FAMILIES = {"M", "T", "L", "K", "ji"}  # need the org glued or a cue word
_CUE_RE = regex.compile("|".join(map(regex.escape, _CUES)))
_STRONG_CUE_RE = regex.compile("|".join(map(regex.escape, _STRONG_CUES)))


def tag(norm: str, lexicon: "Lexicon", orgs: list[Entity]) -> list[Entity]:
    if not norm or not lexicon.ladders:
        return []
    orgs = sorted(orgs, key=lambda e: (e.end, e.start))
    ends = [o.end for o in orgs]
    bounds = None   # sentence ends, found at the first candidate level
    memory: dict[str, str] = {}
    roots: dict[str, tuple[str, dict | None]] = {}
    claims = _claims(lexicon)
    out: list[Entity] = []
    for m in matches_from(FORMS, FORMS_FIRST, norm):
        form = _Form(m)
        if form.family is None or _negative(norm, m.start(), m.end(), form):
            continue
        if bounds is None:
            bounds = [x.start() for x in _SENTENCE_END_RE.finditer(norm)]
        sent_start, sent_end = _sentence(bounds, m.start(), len(norm))
        left = norm[max(sent_start, m.start() - LEFT_CUE_SPAN):m.start()]
        right = norm[m.end():min(sent_end, m.end() + RIGHT_CUE_SPAN)]
        hit = _attribute(norm, lexicon, orgs, ends, form, m.start(), sent_start, left, right, memory, roots, claims)
        if hit is None:
            continue
        system, key, level, rule = hit
        memory[form.family] = system
        value: dict = {"system": system, "level": key}
        if level is not None:
            value["rank"] = level.rank
            if level.band:
                value["band"] = level.band
        if form.sub:
            value["sublevel"] = form.sub
        if form.plus:
            value["plus"] = True
        out.append(Entity("level", norm[m.start():m.end()], m.start(), m.end(), value=value, rule=rule))
    return out


class _Form:
    """One regex match: its family, the ladder keys it may stand for."""

    __slots__ = ("family", "keys", "prefix", "number", "sub", "plus")

    def __init__(self, m: "regex.Match"):
        self.sub, self.plus, self.prefix, self.number = None, False, "", 0
        if m.group("dash"):
            a, b = m.group("da"), m.group("db")
            self.family, self.keys = "dash", (f"{a}-{b}", f"T{a}.{b}")
        elif m.group("tdot"):
            a, b = m.group("ta"), m.group("tb")
            self.family, self.keys = "tdot", (f"T{a}.{b}",)
        elif m.group("letter"):
            p, n = m.group("lp").upper(), int(m.group("ln"))
            sub = m.group("lsub")
            self.prefix, self.number = p, n
            self.plus = bool(m.group("plus"))
            if sub and p not in ("K", "M"):
                self.family, self.keys = None, ()
                return
            self.sub = sub.upper() if sub else None
            self.family = p
            self.keys = (f"T{n}", str(n)) if p == "T" else (f"{p}{n}",)
        else:
            n = int(m.group("jn"))
            self.prefix, self.number = "", n
            self.sub = m.group("jsub")
            self.family, self.keys = "ji", (str(n),)


def _negative(norm: str, s: int, e: int, form: _Form) -> bool:
    left = norm[max(0, s - 6):s]
    if form.family == "dash":
        if _NUM_RIGHT_NEG.match(norm, e, min(len(norm), e + 8)):
            return True
        return left.endswith(_NUM_LEFT_NEG) or "比分" in left
    if form.family == "ji":
        if _JI_RIGHT_NEG.match(norm, e, min(len(norm), e + 8)):
            return True
        return left.endswith(_JI_LEFT_NEG) or "比分" in left
    if _LETTER_RIGHT_NEG.match(norm, e, min(len(norm), e + 10)):
        return True
    return _LETTER_LEFT_NEG_RE.search(left) is not None


def _sentence(bounds: list[int], pos: int, n: int) -> tuple[int, int]:
    i = bisect.bisect_left(bounds, pos)
    start = bounds[i - 1] + 1 if i > 0 else 0
    end = bounds[i] if i < len(bounds) else n
    return start, end


def _claims(lexicon: "Lexicon") -> dict[str, tuple[str, "Level"]]:
    """level key -> (system, Level) for the rows marked 'alone' or 'cue' (one system
    each, as the loader checks), cached per lexicon."""
    cached = _CLAIMS.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    claims = {key: (system, lv) for system, ladder in lexicon.ladders.items()
              for key, lv in ladder.items() if lv.attribution in ("alone", "cue")}
    _CLAIMS.clear()
    _CLAIMS[id(lexicon)] = (lexicon, claims)
    return claims


_CLAIMS: dict[int, tuple] = {}


def _attribute(norm, lexicon, orgs, ends, form: _Form, start: int, sent_start: int, left: str, right: str,
               memory: dict[str, str], roots: dict, claims: dict):
    """(system, level key, Level or None, rule) or None."""
    weak = form.family in _WEAK_FAMILIES
    cue = None                                   # computed when first needed
    # 1. an org in context
    i = bisect.bisect_right(ends, start)
    for k in range(i - 1, max(-1, i - 1 - MAX_ORGS_BACK), -1):
        org = orgs[k]
        dist = start - org.end
        if dist > WINDOW and (org.end <= sent_start or dist > MAX_REACH):
            break
        attached = dist <= 2 and all(ch in ATTACH_GAP for ch in norm[org.end:start])
        name = org.canonical or org.text
        hit = roots.get(name)
        if hit is None:
            root = lexicon.root_org(name)
            hit = roots[name] = (root, lexicon.ladders.get(root))
        root, ladder = hit
        key = next((k_ for k_ in form.keys if ladder and k_ in ladder), None)
        if key is not None:
            if weak and not attached:
                if cue is None:
                    cue = bool(_CUE_RE.search(left) or _CUE_RE.search(right))
                if not cue:
                    return None
            return root, key, ladder[key], "level.attached" if attached else "level.context"
        if attached:
            if ladder and form.family not in ("dash", "tdot") and form.number <= 30 and \
                    any(lv.startswith(form.prefix) and lv[len(form.prefix):len(form.prefix) + 1].isdigit()
                        for lv in ladder):
                return root, f"{form.prefix}{form.number}", None, "level.attached_unranked"
            return None        # glued to another company's product: 华为P10, 小鹏P7, 苹果M1
    # 2-3. the form alone, or the form and a strong cue (3-1 is 腾讯 T3.1 only with 腾讯 in context)
    claim = claims.get(form.keys[0])
    if claim is not None:
        system, lv = claim
        if lv.attribution == "alone":
            return system, form.keys[0], lv, "level.form"
        if _STRONG_CUE_RE.search(left) or _STRONG_CUE_RE.search(right):
            return system, form.keys[0], lv, "level.cue"
    # 4. the document so far
    system = memory.get(form.family)
    if system is not None:
        if weak:
            if cue is None:
                cue = bool(_CUE_RE.search(left) or _CUE_RE.search(right))
            if not cue:
                return None
        ladder = lexicon.ladders.get(system, {})
        for key in form.keys:
            if key in ladder:
                return system, key, ladder[key], "level.memory"
    return None
