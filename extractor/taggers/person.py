"""People, known or not.

Chinese names are found from a surname (single or compound) at a token start,
followed by one or two given-name characters, and accepted on evidence:

- jieba's own judgement: its HMM joined the name into one unknown token, or
  its dictionary tags the word as a person (nr);
- context before: a title or organisation ends right there (CEO梁汝波,
  零一万物前算法副总裁黄文灏, 前员工周畅), or a list of people continues (、);
- context after: a verb of saying or of the events (表示, 告诉, 加入, 担任),
  an honorific (先生, 女士, 博士), or a list mark (、, 等).

A candidate that is a word of the dictionary (高薪, 马上, 周年) or in the
bundled list of non-names (王府井) needs context on both sides or a name tag.
Transliterated names with the middle dot (保罗·乔治) are taken whole.
"""
from __future__ import annotations

import regex

from extractor.model import Entity
from extractor.taggers import Context

# Characters that do not occur in given names (function words and the like).
NOT_GIVEN = set("的了是在和与及为从到对也都就还又而或等被把将向给让由于以跟同往去来说称道着过得地之其这那哪"
                "个们你我他她它您谁啥么吗呢吧啊呀哦嘛年月日时分秒号每各某该本此两几多少不没无非未已曾才再更最很太"
                "、，,。.!！?？;；:：“”\"'（）()《》【】 \t\n")
AFTER_VERBS = ("表示", "说", "称", "告诉", "透露", "指出", "认为", "坦言", "介绍", "回应", "强调", "提到", "解释",
               "加入", "加盟", "入职", "离开", "离职", "辞职", "辞去", "卸任", "担任", "出任", "升任", "接任", "创办",
               "创立", "成立", "组建", "建立", "带领", "负责", "被", "曾", "已", "已经", "也", "则", "就", "于", "在",
               "将", "即将", "此前", "目前", "现在", "本人", "先生", "女士", "博士", "教授", "院士", "老师", "同学",
               "等", "、", "和", "与", "及", "以及", "一起", "对", "的", "又", "还", "今年", "去年", "跳槽", "作为",
               "发现", "估计", "看来", "直接", "表态", "宣布", "决定", "回忆", "参与", "随后", "后来", "便", "才")
BEFORE_WORDS = ("员工", "前员工", "记者", "创始人", "联合创始人", "董事长", "总裁", "经理", "专家", "教授", "博士",
                "研究员", "工程师", "科学家", "负责人", "成员", "主任", "院长", "主席", "CEO", "CTO", "COO", "CFO",
                "老板", "掌门人", "高管", "总监", "同事", "领导", "学生", "导师", "选手", "律师", "法官", "作者",
                "演员", "歌手", "导演", "主持人", "网友", "用户", "先生", "女士", "是", "由", "向", "让", "给",
                "包括", "挖来", "邀请", "力邀", "任命", "委任", "聘请")
TIME_AFTER = ("上月", "去年", "今年", "本月", "昨天", "昨日", "今天", "此前", "近日", "日前", "早年", "从", "自", "早在")
PERSON_TAGS = ("nr", "nrfg", "nrt")
# Characters used to transcribe foreign names (Xinhua's transcription tables use a few hundred).
TRANSLIT = ("阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕波伯勃博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费芬丰"
            "弗伏福盖甘冈高戈哥格古瓜圭哈海汉豪赫黑亨洪胡华怀霍基吉加贾杰捷金久卡凯坎康考柯科克肯库奎拉"
            "莱赖兰朗劳勒雷蕾里理利莉丽连林琳刘隆卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米明莫姆穆纳娜奈南内尼涅宁"
            "纽努诺欧帕潘庞佩彭皮平珀普齐奇恰乔切钦琼丘屈萨塞赛桑瑟森沙莎珊尚舍什施史斯松苏索塔泰坦汤唐特"
            "提廷图托瓦万旺威韦维温文沃乌伍西希锡夏谢辛休修雅亚扬耶伊因英尤于约泽扎詹兹佐治琪娅露丝黛妮薇斐缇"
            "菲罗莱茨瑞迦嘉卓若蕾澳")
_TRANSLIT = regex.compile(r"[%s]{1,6}·[%s]{1,8}(?:·[%s]{1,8})?" % ((TRANSLIT,) * 3))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def tag(ctx: Context, orgs: list[Entity], titles: list[Entity]) -> list[Entity]:
    norm, lex, seg = ctx.norm, ctx.lexicon, ctx.segmenter
    surnames, stop = lex.surnames, lex.stopnames
    ends_before = {e.end: e for e in orgs + titles}
    blocked = [(e.start, e.end) for e in orgs + titles]
    tok_at = {s: (w, e) for w, s, e in ctx.tokens}
    out: list[Entity] = _transliterated(ctx, blocked, [])
    blocked = blocked + [(p.start, p.end) for p in out]
    taken_until = -1
    n = len(norm)
    for w, s, e in ctx.tokens:
        if s < taken_until or not _is_han(w[0]):
            continue
        if any(a <= s < b for a, b in blocked):
            continue
        sur = norm[s:s + 2] if norm[s:s + 2] in surnames else (norm[s] if norm[s] in surnames else None)
        if sur is None:
            continue
        cand = _candidate(norm, s, sur, tok_at, seg)
        if cand is None:
            continue
        ce = cand
        name = norm[s:ce]
        if name in stop or any(a < ce and s < b for a, b in blocked):
            continue
        rule = _evidence(ctx, s, ce, name, sur, ends_before, out)
        if rule is None:
            continue
        out.append(Entity("person", name, s, ce, canonical=name, rule=rule))
        taken_until = ce
    out += _known(ctx, blocked, out)
    return sorted(out, key=lambda x: x.start)


def _candidate(norm: str, s: int, sur: str, tok_at, seg) -> int | None:
    """The end of the name starting at s: surname + one or two given chars,
    following jieba's tokens where it joined them."""
    w, e = tok_at[s]
    ls = len(sur)
    if ls < len(w) <= ls + 2 and all(_is_han(c) and c not in NOT_GIVEN for c in w[ls:]):
        end = e
        # 黄文|灏: a two-char token then a lone character that can be a given name
        if len(w) == ls + 1 and e in tok_at:
            nw, ne = tok_at[e]
            if len(nw) == 1 and _is_han(nw) and nw not in NOT_GIVEN and _lone_given(norm, ne):
                end = ne
        return end
    if len(w) == ls:
        # 杨|红霞 or 杨|红|霞: surname token, then given-name tokens
        if e not in tok_at:
            return None
        nw, ne = tok_at[e]
        if 1 <= len(nw) <= 2 and all(_is_han(c) and c not in NOT_GIVEN for c in nw):
            end = ne
            if len(nw) == 1 and ne in tok_at:
                nnw, nne = tok_at[ne]
                if len(nnw) == 1 and _is_han(nnw) and nnw not in NOT_GIVEN and _lone_given(norm, nne):
                    end = nne
            return end
    return None


def _lone_given(norm: str, after: int) -> bool:
    """A lone character after a two-character name joins it when the name
    ends there: punctuation, a non-Chinese character, or a verb follows."""
    if after >= len(norm) or not _is_han(norm[after]):
        return True
    return norm.startswith(AFTER_VERBS, after)


def _evidence(ctx: Context, s: int, e: int, name: str, sur: str, ends_before, found) -> str | None:
    norm, seg, lex = ctx.norm, ctx.segmenter, ctx.lexicon
    before = ends_before.get(s)
    left = norm[max(0, s - 4):s]
    right = norm[e:e + 4]
    strong_left = before is not None or any(left.endswith(w) for w in BEFORE_WORDS) \
        or (left.endswith(("、", "和", "与")) and found and found[-1].end >= s - 1)
    strong_right = right.startswith(AFTER_VERBS) or right[:1].isdigit() or right.startswith(TIME_AFTER)
    is_word = seg.is_word(name)
    tagged = seg.tag(name) in PERSON_TAGS
    if tagged:
        return "dictionary (person)"
    if is_word:
        # a dictionary word that begins with a surname (高薪, 周年): needs both sides
        return "<context> name <context>" if strong_left and strong_right and before is not None else None
    if before is not None and before.type == "title":
        return "<title> + name"
    if before is not None:
        return "<org> + name"
    if strong_left:
        return "<cue> + name"
    cls = lex.surnames.get(sur, "common")
    if strong_right and cls != "rare":
        return "name + <verb>"
    if len(name) == len(sur) + 2 and (cls == "common" or len(sur) == 2 or strong_right):
        return "surname + unknown given name"
    return None


def _transliterated(ctx: Context, blocked, found) -> list[Entity]:
    out = []
    for m in _TRANSLIT.finditer(ctx.norm):
        s, e = m.span()
        if any(a < e and s < b for a, b in blocked) or any(p.start < e and s < p.end for p in found):
            continue
        out.append(Entity("person", m.group(0), s, e, canonical=m.group(0), rule="transliterated name with ·"))
    return out


def _known(ctx: Context, blocked, found) -> list[Entity]:
    """People from user dictionaries, matched as whole tokens."""
    people = ctx.lexicon.people
    if not people:
        return []
    out = []
    for w, s, e in ctx.tokens:
        if w in people and not any(p.start < e and s < p.end for p in found) \
                and not any(a < e and s < b for a, b in blocked):
            out.append(Entity("person", w, s, e, canonical=people[w], rule="user dictionary"))
    return out
