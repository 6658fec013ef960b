"""Titles: the bundled list (副总裁, 首席科学家, CTO, 主任架构师, 高级经济师 ...)
matched over jieba's tokens, longest first, then extended:

- to the left over the words that narrow a post: modifiers (算法副总裁,
  技术负责人, 常务副总经理), the department it belongs to (财务部经理,
  党委办公室主任, 证券部副部长, 研发中心主任), the board or committee
  (董事会秘书, 第六届董事会独立董事, 监事会主席);
- to the right over 助理 (总经理助理, 厂长助理).

A department is a unit named by its function (财务, 人力资源, 证券, 研发 ...)
and a unit word (部, 处, 科, 室, 办公室, 车间, 中心 ...); a unit with a name
of its own (土地储备交易中心, 星衡智能) is an organisation, tagged by the org
tagger, and stops the extension. 负责 as a verb is not a title: only the
listed nouns (负责人) are. Degrees (博士, 硕士, MBA) and roles (网友, 投资者, 员工)
are in the list as person cues only and are not tagged.
"""
from __future__ import annotations

import regex

from extractor.model import Entity
from extractor.taggers import Context, lexicon_prefixes, title_last_chars, token_matches

# Words that narrow a title when they stand right before it.
MODIFIERS = set("""算法 技术 产品 研发 基础 平台 业务 工程 首席 高级 资深 常务 执行 副 总 全球 区域 中国区 大中华区
事业部 事业群 部门 项目 研究 科研 数据 安全 运营 市场 销售 人力 人力资源 财务 法务 战略 投资 设计 架构
前端 后端 搜索 推荐 广告 语音 视觉 大模型 模型 机器学习 深度学习 人工智能 AI 云 智能 软件 硬件 芯片 自动驾驶 网页
核心 骨干 创始 联合 独立 非执行 主任 代理 临时 名誉 荣誉 终身 特聘 客座 兼职 专职 专任 常务副 第一 主管 分管
营销 行政 人事 综合 审计 证券 质量 生产 采购 信息 计划 企管 品牌 公关 客户 客服 培训 后勤 党委 党组
纪委 工会 团委 董事会 监事会 理事会 学术委员会 专家委员会 管委会 筹委会 职代会 党支部 党总支 分党组 院 所 厂 系""".split())
# Functions that name a department (财务部, 人力资源部, 证券事务部 ...).
FUNCTIONS = set("""财务 财会 会计 计财 人力资源 人力 人事 劳资 行政 综合 办公 总经理 总裁 董事会 监事会 党委 党群 党政 宣传 组织
纪检 监察 审计 法务 法律 证券 投资 融资 资金 资产 资产管理 风险 风控 风险管理 合规 信息 信息化 信息技术 计划 计划财务 企管
企业管理 经营 经营管理 采购 物资 供应 供应链 物流 仓储 工程 工程技术 设备 动力 技术 研发 研究 开发 科研 科技 科技发展 产品
生产 制造 质量 质检 质管 安全 安监 环保 后勤 保卫 基建 规划 战略 发展 战略发展 市场 营销 市场营销 销售 客户 客服 运营
品牌 公关 外事 外联 国际 国际业务 海外 进出口 贸易 培训 教育 项目 合同 预算 结算 稽核 统计 档案 秘书 调研 政策 法规
业务 个人金融 公司金融 公司业务 零售 信贷 授信 投行 资本市场 金融市场 同业 托管 电子银行 信用卡 房地产 建设 工会 团委
研究所 研究室 技术中心 研发中心 数据中心 工程部 综合管理 行政管理 人力资源管理 设计 检验 测试 维修 装备 材料 电气
财政 外交 国防 商务 教育 司法 内政 卫生 文化 交通 农业 能源 环境 劳工 贸易 经济 民政 公安 国土 水利 住建""".split())
DEPT_UNITS = ("办公室", "事业部", "车间", "中心", "分部", "部", "处", "科", "室", "办", "组", "股", "所", "站")
BODIES = ("董事会", "监事会", "理事会", "党委", "党组", "纪委", "工会", "团委", "党支部", "党总支", "职代会", "管委会",
          "筹委会", "学术委员会", "专家委员会", "委员会")
_ORDINAL = regex.compile(r"第[一二三四五六七八九十\d]{1,3}届(?:(?:和|及|、)第[一二三四五六七八九十\d]{1,3}届)?$")
TITLE_TAIL = ("们", "组", "团", "团队", "建议", "意见", "表示", "认为", "指出", "称", "说", "介绍", "分析", "预测", "预计",
              "提醒", "解释", "透露", "坦言", "强调")
OUTLET = ("本报", "本刊", "本台", "本网", "本站", "该报", "我报", "该刊")   # 本报记者: "this paper's" reporter
NOT_EMITTED = ("degree", "role")     # person cues only (博士, 网友, 投资者, 员工)
MAX_LEFT = 14        # characters a title may grow to the left


def tag(ctx: Context, orgs: list[Entity] = ()) -> list[Entity]:
    titles, norm, toks = ctx.lexicon.titles, ctx.norm, ctx.tokens

    def lookup(surface, s, e):
        if surface in titles:
            return surface
        if surface.isascii() and surface.upper() in titles:
            return surface.upper()
        return None

    out = []
    org_at = {}
    for o in orgs:
        for i in range(o.start, o.end):
            org_at[i] = o
    index = ctx.token_starts
    # (str.upper: token_matches keys ASCII text only, for which it is _title_key)
    matches = token_matches(ctx, lookup, lexicon_prefixes(ctx.lexicon, "title", ctx.lexicon.titles, _title_key),
                            str.upper, 4)
    matched = {s for s, _, _ in matches}
    last_chars = title_last_chars(ctx.lexicon)
    # tokens that are a unit word and a title written together (处处长, 科科长, 室主任)
    for w, s, e in toks:
        if len(w) < 3 or s in matched or w in titles:
            continue   # (the length first: most tokens are shorter)
        if w[-1] not in last_chars and not w.endswith(TITLE_TAIL):
            continue   # neither a title nor a TITLE_TAIL word ends the token (most do not)
        for cut in (1, 2, 3):
            head, rest = w[:cut], w[cut:]
            if rest in titles and (head in DEPT_UNITS or head in FUNCTIONS or head in BODIES):
                matches.append((s, e, w))
                break
            if rest in titles and head in OUTLET:
                matches.append((s + cut, e, rest))     # 本报|记者: the paper is not part of the post
                break
        else:
            for cut in (2, 3, 4):
                head, rest = w[:cut], w[cut:]
                if head in titles and rest in TITLE_TAIL:
                    matches.append((s, s + cut, head))   # 专家|建议, 专家|组, 工人|们
                    break
    for s, e, canon in sorted(matches):
        if norm[s:e].isascii() and ((s > 0 and norm[s - 1].isascii() and norm[s - 1].isalnum())
                                    or (e < len(norm) and norm[e].isascii() and norm[e].isalnum())):
            continue   # CEO inside a longer Latin word
        if titles.get(canon) in NOT_EMITTED:
            continue
        start, rule = s, "dictionary"
        if s in org_at:
            # 协会|会长 as one token: the organisation took the first part, the title is the rest
            o = org_at[s]
            if not (o.end < e and norm[o.end:e] in titles):
                continue
            start, rule = o.end, "dictionary (after <org>)"
        else:
            start, how = _extend_left(ctx, index.get(s), s, org_at)
            if how:
                rule = f"<{how}> + dictionary"
        end = e
        if norm.startswith("助理", e) and (e + 2 >= len(norm) or norm[e + 2] not in "员"):
            end = e + 2
            rule += " + 助理"
        out.append(Entity("title", norm[start:end], start, end, canonical=norm[start:end], rule=rule))
    return out


def _title_key(text: str) -> str:
    return text.upper() if text.isascii() else text


def _extend_left(ctx: Context, k: int | None, s: int, org_at) -> tuple[int, str]:
    """How far a title starting at token k (position s) grows to the left."""
    toks, norm = ctx.tokens, ctx.norm
    start, how = s, ""
    if k is None:
        return start, how
    k0 = k
    tw = toks[k][0]
    titles_cat = ctx.lexicon.titles.get(tw) or ctx.lexicon.titles.get(tw[-2:]) or ctx.lexicon.titles.get(tw[-3:])
    while k > 0:
        pw, ps, pe = toks[k - 1]
        if pe != start or ps in org_at or s - ps > MAX_LEFT:
            break
        if pw.endswith("届"):
            m = _ORDINAL.search(norm, max(0, ps - 12), pe)
            if not m or m.start() in org_at:
                break
            while k > 0 and toks[k - 1][1] >= m.start():
                k -= 1
            start, how = m.start(), "term"
            continue
        if ctx.segmenter.tag(pw) == "ns" and how == "" and titles_cat in ("gov",) and k == k0:
            kind = "place"                     # 俄罗斯|总统, 重庆市|市长
        elif pw in MODIFIERS:
            kind = "modifier"
        elif _is_department(pw) or pw in BODIES:
            kind = "department"
        elif pw in DEPT_UNITS and k >= 2 and toks[k - 2][2] == ps and (toks[k - 2][0] in FUNCTIONS
                                                                         or toks[k - 2][0] in MODIFIERS):
            kind = "department"
        else:
            break
        start = ps
        how = kind if how in ("", "modifier") else how
        k -= 1
        if kind == "place":
            break
    return start, how


def _is_department(w: str) -> bool:
    """财务部, 人力资源部, 证券事务部, 综合办公室, 研发中心: a function and a unit word."""
    if not w.endswith(DEPT_UNITS):
        return False        # (one test in C: most words end with no unit word)
    for unit in DEPT_UNITS:
        if w.endswith(unit) and len(w) > len(unit):
            head = w[:-len(unit)]
            if head in FUNCTIONS or _made_of(head, FUNCTIONS):
                return True
    return False


def _made_of(s: str, words) -> bool:
    """s is a concatenation of words (greedy, longest first, at most 3 pieces)."""
    i, pieces = 0, 0
    while i < len(s) and pieces < 3:
        for n in range(min(6, len(s) - i), 1, -1):
            if s[i:i + n] in words:
                i += n
                pieces += 1
                break
        else:
            return False
    return i == len(s)
