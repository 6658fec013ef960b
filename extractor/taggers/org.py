"""Organisations: the bundled dictionary first (longest match over jieba's
tokens, then the earliest), then unknown names by their suffix (序智科技,
星衡智能, 北京市海淀区人民法院), by Latin form (OpenAI, Google DeepMind), and
internal units (Seed团队, 名为Flow的团队, AI Lab, 通义实验室).

Every org entity has `canonical` (aliases resolved: 阿里 → 阿里巴巴) and a
`value` with its `kind` (company, unit, lab, university, ...) and, where known,
its `parent` (达摩院 → 阿里巴巴).
"""
from __future__ import annotations

import regex

from extractor.model import Entity
from extractor.taggers import Context, token_matches

MAX_WINDOW = 5          # tokens joined to look up one dictionary name

# Suffixes that close an organisation's name, with the kind they give.
SUFFIXES = {
    "有限责任公司": "company", "股份有限公司": "company", "有限公司": "company", "公司": "company",
    "集团": "company", "科技": "company", "智能": "company", "技术": "company", "网络": "company",
    "汽车": "company", "资本": "investor", "基金": "investor", "创投": "investor", "投资": "investor",
    "银行": "company", "证券": "company", "保险": "company", "控股": "company", "传媒": "media",
    "实验室": "lab", "研究院": "lab", "研究所": "lab", "研究中心": "lab", "中心": "other",
    "大学": "university", "学院": "university", "医院": "other", "协会": "other", "学会": "other",
    "法院": "court", "仲裁委员会": "arbitration", "仲裁院": "arbitration", "检察院": "government",
    "委员会": "government", "局": "government", "部": "unit", "事业部": "unit", "事业群": "unit",
}
# A name part made only of these words is generic: 猎头公司, 创业公司, 这家公司.
GENERIC = set("""猎头 外包 创业 上市 科技 互联网 技术 大模型 模型 人工智能 AI 这家 该 一家 某 其 本 我们 他们 它 两家 多家
各家 每家 新 老 大 小 头部 中国 国内 国外 海外 全球 美国 竞对 对手 合资 子 母 分 总 这 那 哪 此 同 原 前 现 旗下 整个 内部
研发 招聘 人才 公关 法务 财务 管理 运营 市场 销售 产品 业务 部门 团队 数据 算法 平台 基础 应用 服务 咨询 投资 创新 中
的 了 和 与 及 在 是 为 从 到 对 也 都 就 还 又 而 或 等 个 家 些 所 一 二 三 几 多 其他 其它 一些 这些 那些 不少 许多 很多
民营 国有 私营 外资 实体 空壳 皮包 医药 汽车 科研 高校 知名 著名 大型 中型 小型 初创 独角兽 明星 传统 新兴 第三方 供应商
目标 竞争 这个 那个 研究 开发 技术研究 联合 人民 地方 基层 专门 专业 独立 相关 有关 上述 以上 下属 所属 该院""".split())
# Words that cannot be part of an organisation's name: verbs and pronouns
# that stand before a bare 公司 (他出任公司…, 宣布公司…).
NAME_STOP = set("""加入 加盟 离开 离职 创办 创立 成立 包括 来自 任职 就职 供职 担任 出任 升任 接任 宣布 表示 认为 称 是 有 在 进入
收购 投资 成为 作为 通过 服务 所在 这家 一家 两家 该 他 她 它 其 我们 他们 她们 你们 自己 我 你 对 向 与 和 被 把 让 给 为
上市 创业 注册 回到 回归 跳槽 转投 投奔 组建 设立 建立 参与 合作 联合 共同 旗下 整个 全 全体 每家 各 本 原 前 后""".split())
STOP_BEFORE = set("的了和与及在是为从到对也都就还又而或等被把将向给让由于以跟同往去来入加离任")

_LATIN = regex.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]{1,20}(?:[ \-][A-Z][A-Za-z0-9]{1,20}){0,3}(?![A-Za-z0-9])")
_UNIT_NAMED = regex.compile(
    r"(?:代号|名)为?[“\"'《「]?(?P<name>[A-Za-z0-9][A-Za-z0-9 \-]{0,20}|\p{Han}{2,8})[”\"'》」]?的(?:神秘)?(?P<kind>团队|实验室|部门|项目组|小组|事业部)")
_UNIT_SUFFIXED = regex.compile(
    r"(?<![A-Za-z0-9])(?P<name>[A-Z][A-Za-z0-9]{0,15}(?: [A-Z][A-Za-z0-9]{0,15})?)(?P<kind>团队|实验室|部门|项目组|小组|事业部| Lab| LAB| Team)(?![A-Za-z])")


def _dictionary(ctx: Context) -> list[Entity]:
    lex, norm = ctx.lexicon, ctx.norm

    def lookup(surface, s, e):
        if e - s < 2 or _inside_word(norm, s, e):
            return None
        return lex.canonical_org(surface)

    return [Entity("org", norm[s:e], s, e, canonical=canon, value=_value(lex, canon), rule="dictionary")
            for s, e, canon in token_matches(ctx, lookup, MAX_WINDOW)]


def _inside_word(norm: str, s: int, e: int) -> bool:
    """A Latin name glued to more Latin letters (Meta in Metaverse) is no match."""
    return (norm[s].isascii() and s > 0 and norm[s - 1].isascii() and norm[s - 1].isalnum()) or \
        (norm[e - 1].isascii() and e < len(norm) and norm[e].isascii() and norm[e].isalnum())


def _value(lex, canon: str) -> dict:
    org = lex.orgs.get(canon)
    if org is None:
        return {"kind": "company"}
    v = {"kind": org.kind}
    if org.parent:
        v["parent"] = lex.root_org(canon)
    return v


def _by_suffix(ctx: Context, taken: list[tuple[int, int]]) -> list[Entity]:
    """Unknown names closed by an org suffix: the name part is the run of
    tokens before the suffix, back to punctuation, a function word, or a
    known org (which then becomes part of the name: 华为诺亚方舟实验室)."""
    toks, norm, seg = ctx.tokens, ctx.norm, ctx.segmenter
    out: list[Entity] = []
    for k, (w, s, e) in enumerate(toks):
        kind = SUFFIXES.get(w)
        suffix_start = s
        if kind is None:
            # a token ending with a suffix: 序智科技 may come out as one token
            for suf in ("科技", "智能", "集团", "公司", "实验室", "研究院", "大学", "法院", "银行", "资本"):
                if len(w) > len(suf) and w.endswith(suf) and not seg.is_word(w):
                    kind, suffix_start = SUFFIXES[suf], e - len(suf)
                    break
            if kind is None:
                continue
        # collect the name part
        start, m = suffix_start, k if suffix_start == s else k + 1
        parts = 0
        while m > 0 and parts < 3:
            pw, ps, pe = toks[m - 1]
            if not _name_token(pw) or pe != start:
                break
            start, m, parts = ps, m - 1, parts + 1
        name = norm[start:suffix_start]
        if not name or len(name) > 10 or all(p in GENERIC for p in _split_known(ctx, start, suffix_start)):
            continue
        if any(a < e and start < b for a, b in taken if not (a >= start and b <= e)):
            continue
        if len(name) < 2 and not name.isascii():
            continue
        out.append(Entity("org", norm[start:e], start, e, canonical=norm[start:e], value={"kind": kind},
                          rule="<name> + suffix " + norm[suffix_start:e]))
    return out


def _split_known(ctx: Context, s: int, e: int) -> list[str]:
    return [w for w, ts, te in ctx.tokens if ts >= s and te <= e]


def _name_token(w: str) -> bool:
    if not w or w.isspace():
        return False
    if any(ch in STOP_BEFORE for ch in w) and len(w) == 1:
        return False
    if w[-1] in "的了" or w in NAME_STOP:
        return False
    return all(("\u4e00" <= ch <= "\u9fff") or ch.isalnum() for ch in w)


def _units(ctx: Context) -> list[Entity]:
    norm, out = ctx.norm, []
    for m in _UNIT_NAMED.finditer(norm):
        out.append(Entity("org", m.group(0)[m.start("name") - m.start():], m.start("name"), m.end(),
                          canonical=m.group("name").strip(), value={"kind": "unit"}, rule="名为<name>的团队"))
    for m in _UNIT_SUFFIXED.finditer(norm):
        out.append(Entity("org", m.group(0), m.start(), m.end(), canonical=m.group(0).strip(),
                          value={"kind": "unit"}, rule="<Latin name> + 团队/Lab"))
    return out


def _latin(ctx: Context, taken) -> list[Entity]:
    """Capitalised Latin names next to an org cue: X宣布, X公司, 加入X ... are
    left to the events; here only names the dictionary knows in another case
    (openai → OpenAI) are added."""
    lex, out = ctx.lexicon, []
    for m in _LATIN.finditer(ctx.norm):
        canon = lex.canonical_org(m.group(0))
        if canon and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Entity("org", m.group(0), m.start(), m.end(), canonical=canon, value=_value(lex, canon),
                              rule="dictionary (Latin)"))
    return out


def tag(ctx: Context) -> list[Entity]:
    found = _dictionary(ctx)
    found += _units(ctx)
    taken = [(e.start, e.end) for e in found]
    found += _latin(ctx, taken)
    taken = [(e.start, e.end) for e in found]
    found += _by_suffix(ctx, taken)
    return _compose(ctx, _longest(found))


def _longest(ents: list[Entity]) -> list[Entity]:
    """Non-overlapping, longest first, then earliest."""
    out: list[Entity] = []
    for e in sorted(ents, key=lambda x: (-(x.end - x.start), x.start)):
        if all(e.end <= o.start or e.start >= o.end for o in out):
            out.append(e)
    return sorted(out, key=lambda x: x.start)


def _compose(ctx: Context, ents: list[Entity]) -> list[Entity]:
    """A company directly followed by one of its units is one mention whose
    canonical is the unit (阿里达摩院 → 达摩院, parent 阿里巴巴)."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == e.start and (e.value or {}).get("kind") in ("unit", "lab") \
                and (prev.value or {}).get("kind") == "company":
            parent = ctx.lexicon.root_org(prev.canonical) if prev.canonical in ctx.lexicon.orgs else prev.canonical
            out[-1] = Entity("org", ctx.norm[prev.start:e.end], prev.start, e.end, canonical=e.canonical,
                             value={"kind": e.value["kind"], "parent": parent}, rule=f"<org> + <unit> ({e.rule})")
        else:
            out.append(e)
    return out
