"""Titles: the bundled list (副总裁, 首席科学家, CTO, 主任架构师 ...) matched over
jieba's tokens, longest first, and extended to the left over the words that
narrow a post (算法副总裁, 技术负责人, 基础研发平台副总裁). 负责 as a verb is not
a title: only the listed nouns (负责人) are."""
from __future__ import annotations

from extractor.model import Entity
from extractor.taggers import Context, token_matches

# Words that narrow a title when they stand right before it.
MODIFIERS = set("""算法 技术 产品 研发 基础 平台 业务 工程 首席 高级 资深 常务 执行 副 总 全球 区域 中国区 大中华区
事业部 事业群 部门 项目 研究 科研 数据 安全 运营 市场 销售 人力 人力资源 财务 法务 战略 投资 设计 架构
前端 后端 搜索 推荐 广告 语音 视觉 大模型 模型 机器学习 深度学习 人工智能 AI 云 智能 软件 硬件 芯片 自动驾驶 网页
核心 骨干 创始 联合 独立 非执行 主任 首任 现任 代理 临时""".split())


def tag(ctx: Context, orgs: list[Entity] = ()) -> list[Entity]:
    titles, norm, toks = ctx.lexicon.titles, ctx.norm, ctx.tokens

    def lookup(surface, s, e):
        if surface in titles:
            return surface
        if surface.isascii() and surface.upper() in titles:
            return surface.upper()
        return None

    out = []
    in_org = {i for o in orgs for i in range(o.start, o.end)}
    index = {s: k for k, (_, s, _) in enumerate(toks)}
    for s, e, canon in token_matches(ctx, lookup, 4):
        if norm[s:e].isascii() and ((s > 0 and norm[s - 1].isascii() and norm[s - 1].isalnum())
                                    or (e < len(norm) and norm[e].isascii() and norm[e].isalnum())):
            continue   # CEO inside a longer Latin word
        k, start, rule = index.get(s), s, "dictionary"
        while k is not None and k > 0 and toks[k - 1][0] in MODIFIERS and toks[k - 1][2] == start \
                and s - toks[k - 1][1] <= 8 and toks[k - 1][1] not in in_org:
            k -= 1
            start, rule = toks[k][1], "<modifier> + dictionary"
        if s in in_org:
            continue
        out.append(Entity("title", norm[start:e], start, e, canonical=norm[start:e], rule=rule))
    return out
