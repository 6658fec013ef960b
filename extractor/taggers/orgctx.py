"""Organisations no dictionary knows and no suffix marks, found by context:

- after the verbs that take an organisation: 加盟捷羽, 出任无界动力技术副总裁,
  共同创办捷羽物流, 从灵岫离职;
- as the subject of an announcement at the start of a clause: 捷羽物流宣布,
  深湾还宣布;
- right before a title at the start of a clause: 无界动力创始人兼CEO印沧海.

A candidate is a run of 2 to 8 characters with no punctuation that is not a
common word of the dictionary (购物车, 讨论), not a place (北京), not a
person, and not a generic noun (公司, 团队).
"""
from __future__ import annotations

import re

import regex

from extractor.model import Entity
from extractor.taggers import PERSON_TAGS, Context, every_start, match_at
from extractor.taggers.org import MOVE_VERBS
from extractor.text import HAN, REGEX_SPACE

TAKES_ORG = ("起诉了", "起诉", "状告", "控告", "诉至", "卸任", "辞去", "联合创立", "联合创办", "共同创办", "共同创立", "参与创办", "跳槽至", "跳槽到", "出任", "担任", "升任",
             "接任", "转任", "加盟", "加入", "入职", "创办", "创立", "投奔", "转投", "回归", "离开", "任职于",
             "就职于", "供职于", "效力于", "来自")
ANNOUNCE = ("宣布", "表示", "确认", "透露", "发布", "回应", "公告", "披露", "官宣", "称")
ADVERBS = ("还", "也", "则", "已", "近日", "日前", "今天", "昨天", "随后", "此前", "方面", "正式", "同时", "最终", "均", "都")
TRIMMED = ADVERBS + ("前任", "现任", "前", "原", "现")     # trimmed off the end of a name, in this order
GENERIC = set("""公司 该公司 本公司 这家公司 一家公司 企业 团队 集团 机构 单位 部门 平台 方面 对方 双方 行业 业内 市场 公众 官方 外界
媒体 记者 网友 用户 员工 大厂 大公司 小公司 初创公司 创业公司 新公司 老东家 东家 竞品 竞品公司 对手 其 他 她 它 他们 她们 我们 自己 本人
国内 海外 全球 业务 项目 工作 岗位 职位 职务 团队成员 核心 技术 产品 研发 管理层 董事会 高管 人才 此前 目前 当时 近日 日前""".split())
COMMON_FREQ = 500   # jieba dictionary frequency above which a word is too common to open a name
# where the slot is sure, a name still does not open with these (前|中国女排队长, 著名|男高音, 但|随后)
SURE_NOT_FIRST = set("前原现但另未应却更像若如虽驻")
SURE_NOT_OPENING = ("著名", "超级", "最终", "目前", "近来", "比如", "幸亏", "尽管", "赛后", "随后", "造成", "新任", "现任",
                    "前任", "时任", "所在", "当时", "今年", "去年", "本届", "上届", "公司", "集团")
COMMON_CHAR_FREQ = 8000   # the same for a character jieba leaves alone (灵|岫 opens a name, 但|他 does not)
FUNCTION_CHARS = set("並并据由经系也还就都而又她他它我你其该本此这那每各有被把将向给让驻")
_QUANTIFIED = regex.compile(r"[一二两三四五六七八九十几多数某]\w?[款个家位名种批支所只项]")
# Speakers that are people, not organisations: 知情人士称, 相关负责人表示
PEOPLE_ENDINGS = ("人士", "人员", "负责人", "发言人", "记者", "员工", "高管", "分析师", "律师", "专家", "猎头", "投资人",
                  "创始人", "老师", "网友", "同事", "朋友", "本人")
_STOP_CHARS = set("，,。.;；:：!！?？、“”\"'()（）《》【】\n\t 的了是在和与及为从到对向被把让由")


def _clean(ctx: Context, s: int, e: int, taken, place_first: bool = False, sure: bool = False) -> tuple[int, int] | None:
    """The span of a name in [s, e) once adverbs and time words are trimmed, or
    None. `sure`: the slot leaves no doubt that a name stands there (a stock
    code after it, a post and a person after it in a report of a resignation),
    so a name may open with a common word (东方银星, 值得买, 第一创业)."""
    norm, seg = ctx.norm, ctx.segmenter
    while s < e and norm[s] in "了":
        s += 1
    if norm.endswith(TRIMMED, s, e):    # (one test in C first: most runs end with none of them)
        for adv in TRIMMED:
            if norm.endswith(adv, s, e):
                e -= len(adv)
    for tail in ("之后", "以后", "之前", "以前", "期间"):   # 加盟海港之后: a time, no part of the name
        if norm.endswith(tail, s, e):
            e -= len(tail)
            break
    if _VERB_IN.search(norm, s, e):
        return None   # a verb is no part of a name (控告前…, 卜劳辛辞任青禾控股)
    if not 2 <= e - s <= 8:
        return None
    name = norm[s:e]
    if not _STOP_CHARS.isdisjoint(name) or name in GENERIC or "已" in name or _INNER_ADVERB.search(name) \
            or name.startswith(("一家", "一个", "这家", "该", "其", "上述", "相关", "所有", "全部", "其他", "任何")) \
            or name.endswith(PEOPLE_ENDINGS + ("职务", "职位", "岗位", "一职", "工作")) \
            or name.startswith(("职务", "职位", "岗位")):
        return None
    if any(a < e and s < b for a, b in taken):
        return None
    # a run that opens with a common word or a function character is a phrase, not a
    # name (据多名…, 同时聘任…, 材料显示…); names start with rare or unknown words
    tok = ctx.token_from(s)
    first = tok[0] if tok is not None else None   # None: jieba cut across the start
    if sure:
        if name[0] in FUNCTION_CHARS or name[0] in SURE_NOT_FIRST or name.startswith(SURE_NOT_OPENING):
            return None
    elif name[0] in FUNCTION_CHARS or _QUANTIFIED.match(name) \
            or (first is not None and first != name and seg.freq(first) >= (COMMON_FREQ if len(first) > 1 else COMMON_CHAR_FREQ) and seg.tag(first) != "nt"
                and not (place_first and seg.tag(first) == "ns")):
        return None   # where the slot is sure, a place may open the name (洛阳钼业董事长…, 南京熊猫（600775）)
    tag = seg.tag(name)
    if tag == "ns" or tag in PERSON_TAGS:
        return None
    if tag != "nt" and seg.is_word(name):
        return None   # a word of the dictionary: 购物车, 讨论, 转任
    if name.isdigit():
        return None
    return s, e


def tag(ctx: Context, entities: list[Entity]) -> list[Entity]:
    norm = ctx.norm
    taken = [(x.start, x.end) for x in entities]
    titles = {x.start: x for x in entities if x.type == "title"}
    starts = sorted(titles)
    out: list[Entity] = []

    people = {(x.start, x.end) for x in entities if x.type == "person"}

    def add(s, e, rule, place_first=False, over_person=False, sure=False):
        # where the slot is sure (a stock code after it), a "person" the
        # name tagger made of the whole name is the company (拉夏贝尔(06116))
        tk = [(a, b) for a, b in taken if not (s <= a and b <= e and (a, b) in people)] if over_person else taken
        span = _clean(ctx, s, e, tk, place_first, sure)
        if span:
            s, e = span
            out.append(Entity("org", norm[s:e], s, e, canonical=norm[s:e], value={"kind": "company"}, rule=rule))
            taken.append((s, e))

    # after a verb that takes an organisation, up to a title, punctuation or 的
    for m in _TAKES.finditer(norm):
        tok = ctx.token_at(m.start())
        if tok is not None and tok[1] < m.start() and tok[2] == m.start() + 1 and ctx.segmenter.is_word(tok[0]):
            continue   # 进入|职业生涯: the verb's first character ends a word of the dictionary
        j = m.end() + (norm[m.end():m.end() + 1] == "了")   # 共同创办了镜湖精工
        k = j
        limit = min(len(norm), j + 10)
        while k < limit and norm[k] not in _STOP_CHARS and k not in titles:
            k += 1
        if k < len(norm) and (k in titles or norm[k] in "，,。;；、的" or k == len(norm)):
            add(j, k, f"{m.group(0)} <org>")
    # the one left: 从灵岫离职, 从镜湖精工跳槽
    for m in _FROM_LEFT.finditer(norm):
        add(m.start("name"), m.end("name"), "从 <org> " + m.group("verb"))
    # announcements at the start of a clause
    for m in _announcements(norm):
        if _verb_inside_word(ctx, m.start("verb")):
            continue   # 某某堪|称, 某某声|称: the verb's first character ends a word of the dictionary
        add(m.start("name"), m.end("name"), f"<org> {m.group('verb')}")
    # before a title that introduces a person, at the start of a clause (无界动力创始人兼CEO印沧海)
    people_at = {x.start for x in entities if x.type == "person"}
    known_people = {(x.start, x.end) for x in entities if x.type == "person" and (x.rule or "").startswith(("dictionary", "user"))}

    def _named(s, e):
        """A "person" the name tagger made of a run before a post that introduces
        another person: the company (东方银星|副总经理|崔玉辉)."""
        return (s, e) in people and (s, e) not in known_people

    for t in starts:
        if not _introduces_person(titles, t, people_at, norm):
            continue
        k = t
        while k > 0 and norm[k - 1] not in _STOP_CHARS and t - k < 8:
            k -= 1
        if k < t and (k == 0 or norm[k - 1] in "，,。;；:：、\n“"):
            # a "person" before a post that introduces another person is the company (东方银星|副总经理|崔玉辉)
            named = _named(k, t)
            add(k, t, "<org> <title> <person>", place_first=True, over_person=named, sure=named)
    # a headline's company before a colon and a post: 鸿途股份：董事长、副总经理辞职
    for t in starts:
        if norm[t - 1:t] in ("：", ":") and t >= 3:
            k = t - 1
            while k > 0 and norm[k - 1] not in _STOP_CHARS and t - 1 - k < 8:
                k -= 1
            if k < t - 1 and (k == 0 or norm[k - 1] in "。;；\n【[「"):
                named = _named(k, t - 1) and _introduces_person(titles, t, people_at, norm)
                add(k, t - 1, "<org>：<title>", place_first=True, over_person=named, sure=named)
    # a listed company under special treatment: *ST康得, ST东和 (the exchange's prefix is part of its name)
    for m in (_ST_NAME.finditer(norm) if "ST" in norm else ()):
        add(m.start(), m.end(), "*ST <org>", over_person=True, sure=True)
    # a listed company written with its stock code: 鸿途股份（002318）, 星河控股(00246-HK), 某某(600322.SH)
    for m in (_stock_names(norm) if _STOCK_CODE.search(norm) else ()):
        add(m.start("name"), m.end("name"), "<org>（<stock code>）", place_first=True, over_person=True, sure=True)
    return out + _again(ctx, out, taken)


def _again(ctx: Context, found: list[Entity], taken: list[tuple[int, int]]) -> list[Entity]:
    """The other mentions of a name found by context (镜湖精工 named once after
    创办, then alone: 镜湖精工目前员工约180人), where nothing else was found and
    no longer word of the dictionary holds it."""
    norm, seg = ctx.norm, ctx.segmenter
    out: list[Entity] = []
    for name in sorted({o.canonical for o in found}, key=lambda n: (-len(n), n)):   # longest first, then a fixed order
        k = norm.find(name)
        while k >= 0:
            e = k + len(name)
            tok = ctx.token_at(k)
            inside = tok is not None and (tok[1] < k or tok[2] > e) and tok[2] - tok[1] > len(name) and seg.is_word(tok[0])
            if not inside and not any(a < e and k < b for a, b in taken):
                out.append(Entity("org", name, k, e, canonical=name, value={"kind": "company"}, rule="again: " + name))
                taken.append((k, e))
            k = norm.find(name, e)
    return out


def _verb_inside_word(ctx: Context, v: int) -> bool:
    """The verb at v begins inside a word of the dictionary (堪称, 声称, 宣称): no verb there."""
    if v in ctx.token_starts:
        return False
    tok = ctx.token_at(v)
    return tok is not None and ctx.segmenter.is_word(tok[0])


def _introduces_person(titles: dict, t: int, people_at: set, norm: str) -> bool:
    """The title at t is followed, through 兼/、-joined titles, by a person."""
    seen = 0
    while t in titles and seen < 4:
        end = titles[t].end
        if end in people_at:
            return True
        t = end + 1 if norm[end:end + 1] in ("兼", "、", "及") else -1
        seen += 1
    return False


_FROM_LEFT = re.compile(r"从(?P<name>[%sA-Za-z0-9]{2,8}?)(?:正式|已经|已|悄然)?(?P<verb>离职|辞职|跳槽|出走|离开|退休|辞任)" % HAN)
_INNER_ADVERB = re.compile("|".join(a for a in ADVERBS if len(a) > 1))   # 离开人世已经8年: a clause, not a name
_STOCK = regex.compile(r"(?:^|(?<=[，,。;；:：\n“【\s]))(?:近日|日前|今日|昨日|今天|昨天|另外|此外|同时)?(?P<name>[\p{Han}A-Za-z]{2,8}?)[（(]"
                       r"(?:证券代码[:：]?)?(?:\d{6}|\d{4,5})(?:[.．-]?(?:SZ|SH|HK|sz|sh|hk))?[）)]", regex.M)
_ST_NAME = re.compile(r"(?<![A-Za-z0-9])\*?ST[%s]{2,4}(?=[（(，,。：:、\s]|$|[%s]{0,3}(?:董事|监事|总经理|副总|公告|股东|公司|发布|收到|称))" % (HAN, HAN))
_STOCK_CODE = re.compile(r"[（(](?:证券代码[:：]?)?\d{4,6}")   # a cheap test before the slow scan above
_TAKES = re.compile("|".join(sorted(TAKES_ORG, key=len, reverse=True)))   # plain words: re scans faster
_VERB_IN = re.compile("|".join(map(re.escape, TAKES_ORG + ANNOUNCE + MOVE_VERBS)))   # plain words: re, as _TAKES
_ANNOUNCE = re.compile(r"(?:^|(?<=[，,。;；:：\n]))(?:\d{1,2}月\d{1,2}日|\d{1,2}日|近日|日前|今天|昨天|此外|同时)?[，,]?"
                          r"(?P<name>[%sA-Za-z0-9]{2,10}?)(?:还|也|则|已|正式|近日|日前|今天|昨天|均|都)?"
                          r"(?P<verb>%s)" % (HAN, "|".join(ANNOUNCE)), re.M)


# _ANNOUNCE and _STOCK match only at the start of the text, of a line or after the
# characters of their lookbehind, and reach their verb or bracket within a few
# characters: the two scans below try _ANNOUNCE / _STOCK only at those starts
# that have a verb / bracket close enough after them, and give the same
# matches as finditer over the whole text, far faster.
_ANNOUNCE_AT = re.compile("|".join(ANNOUNCE))            # the verbs (their every place: every_start)
_ANNOUNCE_OPEN = re.compile("[，,。;；:：\n]")
ANNOUNCE_REACH = 25     # > 6 (date) + 1 (comma) + 10 (name) + 2 (adverb): the verb begins within this
_STOCK_OPEN = re.compile("[，,。;；:：\n“【%s]" % REGEX_SPACE)         # the regex module's \s, spelled out
_BRACKET = re.compile("[（(]")
STOCK_REACH = 12        # > 2 (time word) + 8 (name): the bracket begins within this


def _anchored(norm: str, rx, opens, targets: list[int], reach: int):
    """rx.finditer(norm) for a pattern that matches only at 0 or right after a
    match of `opens` (one character: its ^ and lookbehind), and whose match
    holds one of `targets` (sorted positions) less than `reach` after its start."""
    near = set()            # the starts c with a target t, c <= t < c + reach
    for t in targets:
        if t < reach:
            near.add(0)
        near.update(m.end() for m in opens.finditer(norm, max(0, t - reach), t))   # the opens before t only
    yield from match_at(rx, norm, sorted(near))


def _announcements(norm: str):
    return _anchored(norm, _ANNOUNCE, _ANNOUNCE_OPEN, every_start(_ANNOUNCE_AT, norm), ANNOUNCE_REACH)


def _stock_names(norm: str):
    return _anchored(norm, _STOCK, _STOCK_OPEN, [m.start() for m in _BRACKET.finditer(norm)], STOCK_REACH)
