"""Organisations.

1. The bundled dictionary (longest match over jieba's tokens, then the
   earliest). Forms that are also everyday words (`stopnames.txt`
   [needs_context]: 苹果, 长城, 罗马, 枪手 ...) need a cue: a sports club
   named like its city needs a text about sport (主场, 联赛, 进球, vs ...);
   the others an organisation cue in the sentence (公司, 旗下, a title,
   another organisation, a join/leave verb ...).
2. Names closed by a suffix (星衡智能科技有限公司, 北京市海淀区人民法院,
   清华大学经济管理学院, 上海银监局). The name part is the run of tokens
   before the suffix, back to punctuation, a function word or verb (现任,
   曾任, 在, 和 ...), a title or a date; a known organisation inside it
   becomes part of the name (中国工商银行纽约分行). Strong suffixes (有限公司,
   银行, 大学, 法院, 局 ...) take long names of ordinary words (长城特殊钢有限
   责任公司); weak ones (科技, 智能, 投资, 集团 without more ...) only a short
   name that looks like a proper noun (序智科技, 星衡智能: an unknown word, a
   place, a name), never a generic one (猎头公司, 创业公司, 大模型技术).
3. A place and a government body or armed service (美国政府, 印度空军,
   日本外交部), and in a text about sport, national and club teams (德国队,
   莱切队; the two sides of "A vs B").
4. Internal units (Seed团队, 名为Flow的团队, AI Lab) and Latin names the
   dictionary knows in another case (openai -> OpenAI).

Every org entity has `canonical` (aliases resolved: 阿里 -> 阿里巴巴) and a
`value` with its `kind` (company, unit, lab, university, government, sports
...) and, where known, its `parent` (达摩院 -> 阿里巴巴).
"""
from __future__ import annotations

import bisect
import re

import regex

from extractor.model import Entity
from extractor.taggers import (PERSON_TAGS, TOKEN_START, Context, FirstChars, every_start, lexicon_prefixes, match_at,
                               matches_from, per_lexicon, starts_pattern, token_matches, word_memo)
from extractor.text import REGEX_SPACE
from extractor.text import is_han as _is_han

MAX_WINDOW = 5          # tokens joined to look up one dictionary name
MAX_NAME = 24           # characters of a name part before a strong suffix
MAX_TOKENS = 10         # tokens of a name part before a strong suffix

# Suffixes that close an organisation's name: kind, and whether the suffix is
# strong (any name part will do) or weak (the name part must look like a name).
STRONG = {
    "股份有限公司": "company", "有限责任公司": "company", "有限公司": "company", "集团有限公司": "company",
    "集团": "company", "总公司": "company", "分公司": "company", "子公司": "company", "公司": "company", "集团公司": "company",
    "银行": "company", "分行": "company", "支行": "company", "总行": "company", "信用社": "company",
    "农商行": "company", "证券": "company", "信托": "company", "期货": "company", "商行": "company",
    "事务所": "other", "律师事务所": "other", "会计师事务所": "other", "研究院": "lab", "研究所": "lab",
    "研究中心": "lab", "实验室": "lab", "科学院": "lab", "设计院": "lab", "总院": "lab", "大学": "university",
    "学院": "university", "分院": "university", "学校": "university", "中学": "university", "党校": "university",
    "系": "university", "医院": "other", "协会": "other", "学会": "other", "商会": "other", "公会": "other",
    "联合会": "other", "基金会": "other", "促进会": "other", "研究会": "other", "委员会": "government",
    "俱乐部": "other", "工作室": "company", "出版社": "media", "报社": "media", "杂志社": "media",
    "电视台": "media", "广播电台": "media", "通讯社": "media", "日报": "media", "晚报": "media",
    "法院": "court", "人民法院": "court", "检察院": "government", "人民检察院": "government",
    "仲裁委员会": "arbitration", "仲裁院": "arbitration", "政府": "government", "人民政府": "government",
    "公安局": "government", "公安厅": "government", "派出所": "government", "管理局": "government",
    "监督局": "government", "局": "government", "厅": "government", "署": "government", "总局": "government",
    "委": "government", "办": "government", "总队": "government", "支队": "government", "大队": "government",
    "部队": "government", "舰队": "government", "战队": "sports",
    "厂": "company", "总厂": "company", "分厂": "company", "矿": "company", "中心": "other",
    "市委": "government", "省委": "government", "县委": "government", "区委": "government",
    "人大常委会": "government", "常委会": "government", "管委会": "government", "政协": "government",
    "网": "media", "社": "other",
}
WEAK = {
    "科技": "company", "智能": "company", "技术": "company", "汽车": "company",
    "资本": "investor", "基金": "investor", "创投": "investor", "保险": "company",
    "控股": "company", "传媒": "media", "股份": "company", "实业": "company",
    "药业": "company", "制药": "company", "电子": "company", "电器": "company", "电气": "company",
    "化工": "company", "化学": "company", "能源": "company", "地产": "company", "置业": "company",
    "物流": "company", "影业": "company", "影视": "company", "软件": "company",
    "通信": "company", "动力": "company", "生物": "company", "机器人": "company", "半导体": "company", "微电子": "company",
    "光电": "company", "数智": "company", "智造": "company", "智慧": "company", "互娱": "company", "娱乐": "company",
    "医药": "company", "新能源": "company", "材料": "company", "环保": "company", "咨询": "company",
    "贸易": "company", "航空": "company", "重工": "company", "电力": "company", "钢铁": "company",
    "物业": "company", "食品": "company", "乳业": "company", "商贸": "company", "联盟": "other",
    "事业部": "unit", "事业群": "unit", "部": "unit",
}
# Not suffixes, though company names end with them: 发展, 文化, 信息, 投资 and 网络 follow
# places and topics far more often than names (商务区发展, 周易文化; measured on
# CLUENER's news, where a name before them was an organisation once in 80 times).
# Their full forms (…文化传媒有限公司) are still closed by the strong suffixes.
# Parts of an organisation that follow its name (…有限公司|上海分公司, 清华大学|经济管理学院).
SUB_UNITS = {"分公司", "子公司", "分行", "支行", "总行", "分厂", "分院", "学院", "系", "研究所", "研究院", "研究中心",
             "实验室", "中心", "分所", "事务所", "办事处", "代表处", "营业部", "分局", "支队", "大队", "总队", "分会",
             "委员会", "事业部", "党校", "医院"}
# Words after "<name>智能/科技…" that make it a field or a team rather than a company.
# A function word jieba's HMM glued onto the end of an unknown name part (晁书言为|公司): a verb before the suffix.
_GLUED_VERB = set("为是在与和对向给被把将让")
# A count of companies opening a name part (十余家, 两家, 多个): a description.
_COUNTED = re.compile(r"[一二两三四五六七八九十百千几多数0-9]+余?[家个所]")
FIELD_AFTER = ("驾驶", "制造", "座舱", "网联", "家居", "穿戴", "终端", "硬件",
               "团队", "部门", "小组", "业务", "领域", "方向", "赛道", "产业", "行业", "技术", "产品", "应用", "模型", "算法",
               "系统", "平台", "芯片", "研究", "项目", "实验室", "中心", "事业部", "板块", "概念", "专业", "课程",
               "奖励", "激励", "转让", "变动", "回购", "比例", "结构", "价格", "行业")
# Units inside an organisation: with a title after them they belong to the title (办公室主任).
DEPARTMENTS = {"部", "处", "科", "室", "办", "办公室", "事业部", "事业群", "车间"}
# Suffixes that close a company's name: a name part never runs over one (公司|星衡智能).
CLOSING = {"公司", "有限公司", "股份有限公司", "有限责任公司", "总公司", "集团公司"}
MAX_SUFFIX = max(len(x) for x in list(STRONG) + list(WEAK))
# a token can hold a suffix only if it ends with a suffix's last character or
# begins with a strong suffix's first (协会|会长): most tokens fail both at once
_LAST_CHARS = frozenset(x[-1] for x in list(STRONG) + list(WEAK))
_FIRST_CHARS = frozenset(x[0] for x in STRONG)
# Legal-form words a suffix may take in before it (…集团股份有限公司, …(集团)有限公司).
LEGAL_PARTS = ("股份", "集团", "有限", "责任", "控股", "（集团）", "(集团)", "律师", "会计师", "审计师", "税务师", "评估师",
               "资产评估", "专利", "商标")
# Units that name a part of an organisation when written alone (法学院): no name by themselves.
GENERIC = set("""猎头 外包 创业 上市 科技 互联网 技术 大模型 模型 人工智能 AI 这家 该 一家 某 其 本 我们 他们 它 两家 多家
各家 每家 新 老 大 小 头部 中国 国内 国外 海外 全球 美国 竞对 对手 合资 子 母 分 总 这 那 哪 此 同 原 前 现 旗下 整个 内部
研发 招聘 人才 公关 法务 财务 管理 运营 市场 销售 产品 业务 部门 团队 数据 算法 平台 基础 应用 服务 咨询 投资 创新 中
的 了 和 与 及 在 是 为 从 到 对 也 都 就 还 又 而 或 等 个 家 些 所 一 二 三 几 多 其他 其它 一些 这些 那些 不少 许多 很多
民营 国有 私营 外资 实体 空壳 皮包 医药 汽车 科研 高校 知名 著名 大型 中型 小型 初创 独角兽 明星 传统 新兴 第三方 供应商
目标 竞争 这个 那个 研究 开发 技术研究 联合 人民 地方 基层 专门 专业 独立 相关 有关 上述 以上 下属 所属 该院 博彩 彩票
贷款 小额贷款 软件 游戏 网络 电子 电脑 手机 汽车 房地产 地产 物业 保险 证券 基金 信托 银行 商业 股份制 城市 农村 农业
建筑 工程 设计 广告 物流 快递 航空 旅游 旅行 餐饮 酒店 教育 培训 医疗 体育 娱乐 文化 影视 传媒 新闻 出版 发行 运输 外贸
进出口 贸易 能源 电力 石油 化工 钢铁 机械 制造 代理 经纪 中介 担保 租赁 典当 拍卖 会计 律师 审计 评估 信用 征信
政府 中央 国家 省 市 县 区 镇 乡 村 当地 各地 有关部门 相关部门 职能 监管 主管 上级 下级 基金会 学校 大学 学院 医院
该所 该行 本行 我行 各大 四大 五大 十大 几家 多个 各个 某家 某个 一个 这所 那家 哪家 一所 全国 世界 国际""".split())
# Words that cannot be part of an organisation's name: verbs, pronouns and
# function words that stand before a name (现任…公司, 宣布公司…, 收购了…).
NAME_STOP = set("""加入 加盟 离开 离职 创办 创立 成立 包括 来自 任职 就职 供职 担任 出任 升任 接任 宣布 表示 认为 称 是
有 在 进入 收购 成为 作为 通过 所在 这家 一家 两家 该 他 她 它 其 我们 他们 她们 你们 自己 我 你
对 向 与 和 被 把 让 给 为 上市 回到 回归 跳槽 转投 投奔 组建 设立 建立 参与 共同 旗下 整个 全
全体 每家 各 本 原 前 后 现任 曾任 历任 兼任 时任 先后 曾 现 任 兼 并 及 以及 或 等 于 至 到 从 自
由 据 经 赴 去 来 在于 位于 毕业 毕业于 就读 就读于 获得 取得 获 荣获 拥有 持有 入股 参股 领导 主持
分管 主管 协助 工作 任教 执教 效力 供职于 任职于 就职于 工作于 目前 现在 当时 此前 之前 之后 以后 以来
至今 期间 同时 其中 另外 此外 但 而 却 也 都 还 又 再 已 已经 将 要 会 能 可 可以 的 了 着 过
之 所 以 因 因为 由于 如果 虽然 但是 然后 并且 不过 而且 只有 只是 就是 正是 还是 也是 都是 这是
那是 根据 按照 依据 对于 关于 针对 随着 经过 凭借 依靠 借助 连同 伙同 协同 代表 代理 委托 授权 要求
希望 建议 告诉 透露 指出 介绍 强调 提到 回应 称为 叫做 名为 简称 下称 以下简称 即 系 乃 为例 比如
例如 如 像 涵盖 图为 记者 报道 讯 消息 日电 电 据悉 获悉 了解 得知 显示 表明 证实 发现 看来 来看
而言 来说 方面 击败 战胜 负于 不敌 战平 逼平 迎战 对阵 做客 坐镇 输给 赢 主场 客场 面对 挑战 对手
力克 险胜 完胜 横扫 淘汰 收到 致电 致函 起诉 状告 诉 告 控告 申请 提起 提请 申报 批准 核准 审批 同意
决定 发布 公布 推出 开出 提供 给出 子 分 总 下属 所属 属下 隶属 隶属于 改组 改制 更名 改名 合并 重组
并入 划归 转制 筹建 创建 新建 兴建 扩建 看好 本场 本赛季 上赛季 赛季 本轮 上轮 首轮 大胜 今年 去年
明年 上周 上周末 本周 近期 最近 月底 月初 当年 当地 此次 本次 本届 本期 本季 其余 其他 其它 各大 主流
部分 许多 很多 不少 一些 这些 那些 一位 一名 一个 一下 这一 尽管 因此 所以 毕竟 或者 其实 还有 无论
无论是 不管 即使 哪怕 除了 至于 比如说 一旦 帮助 接受 得到 感谢 导致 关注 接到 聘为 采用 使得 引入
意味着 类似 来到 拨打 交给 相信 仅次于 无视 征战 就任 原任 派驻 登陆 可见 接手 交由 办理 遭遇 援引
走进 进军 排除 担心 加上 推进 前往 来源 超越 对抗 承认 轻取 兼并 会同 未经 升入 避开 预测 放在 觉得
改为 享受 开始 推翻 似乎 保送 认定 未获 调入 原为 举办 影响 终结 表现 受到 知道 试图 承受 打击 亲自
回 请 总算 看到 听说 选择 准备 计划 打算 需要 应该 可能 必须 正在 曾经 一直 始终 仍然 依然 不是 没有
不会 不能 不要 并非 即将 将会 也许 或许 分别 一起 一同 相继 陆续 纷纷 均 皆 全部 主要 特别 尤其 甚至
更是 只 仅 才 便 就 竟 也就是 就像 好像 成为了 作为了 对此 为此 因而 从而 进而 然而 可是 且 则 既
若 比 与其 占有 牵头 发起 支持 反对 批评 指控 调查 处罚 罚款 约谈 图片 照片 视频 编辑 作者 通讯员
实习生 摄 文 图 公告 声明 通知 文件""".split())
NAME_STOP |= set("""出面 调停 禁止 鼓励 引起 感谢 欢迎 坚称 只能 依靠 联系 熟知 流入 提交 值得 送 靠 主办单位 承办单位 协办单位
主办方 承办方 协办方 主办 承办 协办 单位 设立 开设 开办 落户 入驻 进驻 委托 授权 聘请 邀请 携手 牵手 联手 对接 签约 签署
辞去 辞任 卸任 离任 辞职 退出 告别 离别 挂职 兼职 借调 调任 转任 升任 晋升 提拔 返回 重返 回流 投身 效力 服役""".split())
# Function words and verbs of moving jobs that end a name part as well (另据|日本橡胶贸易协会, 履新|西南证券).
NAME_STOP |= set("""故 令 使 另 随 按 凭 往 朝 替 跟 除 连 另据 据悉 履新 入职 转战 前述 上述 下述 所述""".split())
# Words that describe a business rather than name it (初创, 知名, 服务商 ...): they end a name part too.
NAME_STOP |= set("""初创 知名 著名 新兴 头部 老牌 大型 中型 小型 国有 民营 私营 外资 合资 跨国 独角兽 领先 龙头 本土 中资 港资 台资
美资 日资 新锐 一线 二线 传统 主要 服务商 提供商 厂商 友商 竞品""".split())
STOP_TAIL = ("任", "于", "了", "过", "着", "的", "在", "到", "至", "为", "是", "已", "将", "被", "把", "向", "从", "对", "下")
GLUED_HEAD = ("现任", "曾任", "历任", "兼任", "担任", "出任", "任", "在", "于", "据", "向", "和", "与", "为", "被", "由", "将",
              "从", "把", "该", "其", "是", "及", "等", "至", "到", "赴", "即", "获", "并", "另")
# ... and those glued to the front of an unknown word inside a name part (为瑞中|达国际…, 为博|中汇集团)
GLUED_INSIDE = set("为从在于被把将向与由据另并及")
FUNC_CHARS = set("的了和与及在是为从到对也都就还又而或等被把将向给让由于以跟同往去来入离任兼曾并即前原现已再")
STOP_HEAD = ("这", "那", "该", "其", "各", "每", "某", "此", "本", "我", "你", "他", "她", "它", "被", "将", "把", "让", "给",
             "向", "对", "在", "从", "就", "已", "曾", "又", "再", "还", "也", "都")
_COUNT = regex.compile(r"^[一二两三四五六七八九十几数多每各]+[个家张位名次支些所条项件份批届期轮场]$")
_DATEY = regex.compile(r"^(?:\d+|[〇零一二三四五六七八九十百千]+)(?:年|月|日|号)?$|^(?:年|月|日|号|至今|今)$")
# Bodies written after a place: 美国政府, 印度空军, 日本外交部, 上海市政府 (not in STRONG: short words).
BODIES = ("政府", "人民政府", "军方", "军队", "海军", "空军", "陆军", "海军陆战队", "外交部", "国防部", "财政部",
          "商务部", "内政部", "司法部", "教育部", "卫生部", "国务院", "国会", "议会", "参议院", "众议院", "警方",
          "警察局", "移民局", "央行", "中央银行", "证监会", "银监会", "住建委", "建委", "发改委", "国土局", "房管局",
          "教育局", "财政局", "税务局", "地税局", "国税局", "地税", "国税", "审计局", "民政局", "卫生局", "统计局",
          "工商局", "物价局", "银监局", "证监局", "保监局", "环保局", "交通局", "文化局", "体育局", "旅游局", "公安局",
          "公安厅", "建设厅", "财政厅", "教育厅", "文化厅", "市委", "省委", "县委", "区委", "纪委", "人大", "政协",
          "使馆", "大使馆", "领事馆", "总领事馆", "驻华使馆")
# Cues that a text is about sport (for clubs named like their city): words, or a
# score. (Two patterns: re searches an alternation of plain words only for the
# places their first characters stand, several times faster than with the score in it.)
SPORTS_CUES = re.compile(
    r"主场|客场|主队|客队|联赛|进球|射门|破门|球队|球员|足球|篮球|比赛|赛季|轮次|本轮|上轮|首轮|冠军|夺冠|战平|逼平|战胜|击败|"
    r"不敌|负于|输给|赢球|输球|盘口|让球|赔率|欧赔|亚盘|初盘|胜平负|德比|射手|门将|前锋|后卫|中场|主帅|主教练|转会|积分|"
    r"降级|保级|出线|晋级|淘汰赛|小组赛|半决赛|决赛|vs|VS|Vs|"
    r"签下|裁掉|季后赛|常规赛|选秀|外援|球迷|引援|新援|自由球员|顶薪|底薪|篮板|助攻|首发|完成交易|达成交易|送出")
SCORE = re.compile(r"[0-9]\s*[:：比-]\s*[0-9]")
# Cues that a sentence is about an organisation (for everyday-word names: 苹果, 小米);
# plain words: re searches them four times faster than regex.
ORG_CUES = re.compile(
    r"公司|集团|旗下|子公司|股价|市值|股份|上市|财报|营收|利润|融资|估值|收购|投资|发布|推出|宣布|官方|官网|董事|总裁|"
    r"CEO|CTO|创始人|员工|高管|加入|加盟|离职|跳槽|入职|手机|汽车|品牌|产品|业务|市场|招聘|竞对|大厂|厂商|门店|"
    r"组建|成立|团队|部门|实验室|研究院|事业部|开出|年薪|月薪|薪资|offer|挖来|挖角|挖人|引援|任命|出任|担任|辞职|卸任|"
    r"总监|负责人")
_LATIN_FIRST = FirstChars("[A-Z]")    # where _LATIN begins (matches_from: its lookbehind keeps re from skipping ahead)
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]{1,20}(?:[ \-][A-Z][A-Za-z0-9]{1,20}){0,3}(?![A-Za-z0-9])")
_UNIT_NAMED = regex.compile(
    r"(?:代号|名)为?[“\"'《「]?(?P<name>[A-Za-z0-9][A-Za-z0-9 \-]{0,20}|\p{Han}{2,8})[”\"'》」]?的(?:神秘)?(?P<kind>团队|实验室|部门|项目组|小组|事业部)")
_UNIT_SUFFIXED = regex.compile(
    r"(?<![A-Za-z0-9])(?P<name>[A-Z][A-Za-z0-9]{0,15}(?: [A-Z][A-Za-z0-9]{0,15})?)(?P<kind>团队|实验室|项目组|小组|事业部| Lab| LAB| Team)(?![A-Za-z])")
_BODY_SET = frozenset(BODIES)
_BODY_AT = re.compile("|".join(BODIES))      # where a body may begin (_place_body looks only there)
TEAM_AFTER = ("主场", "客场", "击败", "战胜", "负于", "不敌", "战平", "逼平", "迎战", "做客", "坐镇", "输给", "赢得", "取胜",
              "本轮", "上轮", "首轮", "近况", "状态", "主队", "客队", "队")
TEAM_BEFORE = ("击败", "战胜", "负于", "不敌", "逼平", "迎战", "对阵", "输给", "做客", "主场", "客场", "对手")
# (?i)\s*(?:vs\.?|v\.s\.|对阵)\s* of the regex module, for re: its \s and its case-insensitive v (v V) and s (s S ſ)
_VS = re.compile(r"[{sp}]*(?:[vV][sSſ]\.?|[vV]\.[sSſ]\.|对阵)[{sp}]*".format(sp=REGEX_SPACE))
# every match of _VS holds one of these after its blanks (each written as a literal: re
# skips to the places of their first characters only when every alternative opens with one)
_VS_CORE = re.compile("v|V|对阵")
_BLANK = re.compile("[%s]" % REGEX_SPACE)
_TEAM_WORD = re.compile("队")
_TEAM_CUE = starts_pattern(TEAM_AFTER + TEAM_BEFORE)
PAREN_OK = ("集团", "控股", "中国", "香港", "澳门", "台湾", "亚洲", "国际", "上海", "北京", "深圳", "广州")
_PAREN = regex.compile(r"[（(][\p{Han}A-Za-z]{1,6}[）)]")


def tag(ctx: Context) -> list[Entity]:
    sporty = bool(SPORTS_CUES.search(ctx.norm) or SCORE.search(ctx.norm))
    found, sporty = _dictionary(ctx, sporty)
    found += _units(ctx)
    taken = [(e.start, e.end) for e in found]
    found += _latin(ctx, taken, sporty)
    found += _by_suffix(ctx, found)
    found += _place_body(ctx)
    if sporty:
        found += _teams(ctx, found)
    return _compose(ctx, _drop_descriptors(ctx, _longest(found)))


def _drop_descriptors(ctx: Context, ents: list[Entity]) -> list[Entity]:
    """家庭服务机器人公司星衡智能, 具身智能公司穹顶机器人: a "<kind of business>公司"
    right before a name describes it and is not a name itself, unless it holds
    a known organisation; after a quantifier (一家物流公司) only when it holds
    no name-like word (一家AI基础设施公司 stays: the events take it as the
    company founded or joined when no name follows)."""
    out = []
    for i, e in enumerate(ents):
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if e.rule in ("<name> + suffix 公司", "<name> + suffix 企业") and (
                (nxt is not None and nxt.start == e.end
                 and not any(ctx.lexicon.canonical_org(w) for w, _, _ in ctx.tokens_in(e.start, e.end - 2)))
                or (ctx.norm[max(0, e.start - 2):e.start] in QUANTIFIERS and not _named(ctx, e.start, e.end - 2))):
            continue
        out.append(e)
    return out


QUANTIFIERS = ("一家", "两家", "这家", "那家", "多家", "几家", "某家", "一个", "这个")


def _named(ctx: Context, s: int, e: int) -> bool:
    """s..e holds a name, not only words: an unknown word, a name of jieba's
    dictionary other than a place, Latin letters, a known organisation."""
    seg, lex = ctx.segmenter, ctx.lexicon
    for w, ts, te in ctx.tokens_in(s, e):
        if len(w) > 1 and (not seg.is_word(w) or seg.tag(w) in ("nt", "nr", "nrt", "nrfg", "nz") or
                           (w.isascii() and w[:1].isalpha()) or lex.canonical_org(w)):
            return True
    return False


# -- 1. the dictionary -----------------------------------------------------------

def _dictionary(ctx: Context, sporty: bool) -> list[Entity]:
    lex, norm = ctx.lexicon, ctx.norm

    names = lex.org_names

    def lookup(surface, s, e):
        if e - s < 2:
            return None
        hit = names.get(surface)
        if hit is None:
            if not surface.isascii():
                return None
            hit = lex.canonical_org(surface)      # Latin forms in any case and spacing
            if hit is None:
                return None
        return None if _inside_word(norm, s, e) else hit

    out = []
    # the key of ASCII words from a memo: a look-up in C for the words met before
    key = word_memo(lex, ctx.segmenter, "org key", _key).__getitem__
    matches = token_matches(ctx, lookup, lexicon_prefixes(lex, "org", lex.org_names, _key), key, MAX_WINDOW)
    surfaces = [norm[s:e] for s, e, _ in matches]
    needs = [_needs_context(lex, x) for x in surfaces]
    # a sentence that names other organisations plainly is about organisations
    plain = [s for (s, _, _), nc in zip(matches, needs) if not nc]
    # a club or league named plainly (湖人, 曼联, NBA) makes the text one about sport
    sporty = sporty or any(not nc and getattr(lex.orgs.get(c), "kind", "") == "sports"
                           for (_, _, c), nc in zip(matches, needs))
    # one sense per text: an everyday-word name taken once with a cue is taken everywhere
    starts = [sp.start for sp in ctx.sentences]
    cued = {x for (s, _, _), x, nc in zip(matches, surfaces, needs)
            if nc and (_org_cue(ctx, starts, s) or _same_sentence(ctx, starts, s, plain))}
    for (s, e, canon), surface, nc in zip(matches, surfaces, needs):
        if _person_slot(ctx, s, e):
            continue
        org = lex.orgs.get(canon)
        rule = "dictionary"
        if nc:
            if org is not None and org.kind == "sports" or surface in ("威廉",):
                if not sporty:
                    continue
                rule = "dictionary (in a text about sport)"
            elif surface not in cued:
                continue
            else:
                rule = "dictionary (with an organisation cue)"
        out.append(Entity("org", surface, s, e, canonical=canon, value=_value(lex, canon), rule=rule))
    if "·" in norm:
        dotted = _dotted_names(ctx, out)
        out = [x for x in out if not any(d.start <= x.start and x.end <= d.end for d in dotted)] + dotted
    return out, sporty


_DOT = re.compile("·")


def _dotted_names(ctx: Context, found: list[Entity]) -> list[Entity]:
    """A name of the dictionary written with a middle dot between two tokens, as a transcribed name is
    (威廉·希尔 for 威廉希尔): the organisation, unless it needs a cue (a word as well); it takes the place
    of a shorter name found inside it (威廉)."""
    lex, norm = ctx.lexicon, ctx.norm
    out = []
    for m in _DOT.finditer(norm):
        left, right = ctx.token_at(m.start() - 1) if m.start() else None, ctx.token_from(m.end())
        if left is None or right is None or left[2] != m.start():
            continue
        s, e = left[1], right[2]
        undotted = norm[s:m.start()] + norm[m.end():e]
        canon = lex.org_names.get(undotted)
        if canon is None or _needs_context(lex, undotted) or \
                any(x.start < e and s < x.end and not (s <= x.start and x.end <= e) for x in found + out):
            continue
        out.append(Entity("org", norm[s:e], s, e, canonical=canon, value=_value(lex, canon), rule="dictionary (dotted)"))
    return out


def _person_slot(ctx: Context, s: int, e: int) -> bool:
    """A short name of the dictionary stands where a person's name does: after a name's middle dot (萨米尔·阿里:
    the name's last part) or right after a post (副总裁|苏宁, 教练|威廉), two or three Han characters with no
    post of their own after them (苏宁|董事长 is the company's)."""
    norm, seg = ctx.norm, ctx.segmenter
    if s >= 2 and norm[s - 1] in "·•" and _is_han(norm[s - 2]):
        first = ctx.token_at(s - 2)          # the name's first part: no word (加时-拉齐奥胜 is a score)
        return first is not None and (not seg.is_word(first[0]) or seg.tag(first[0]) in PERSON_TAGS)
    if not 2 <= e - s <= 3 or not all(map(_is_han, norm[s:e])):
        return False
    before = ctx.token_at(s - 1) if s else None
    if before is None or before[2] != s or before[0] not in ctx.lexicon.titles:
        return False
    return not (e in ctx.token_starts and _title_at(ctx, e))


def _key(surface: str) -> str:
    return surface.casefold().replace(" ", "") if surface.isascii() else surface


def _sentence_of(ctx: Context, starts: list[int], s: int):
    """The sentence span holding position s (`starts`: the sentences' starts)."""
    i = bisect.bisect_right(starts, s) - 1
    sents = ctx.sentences
    if 0 <= i < len(sents) and sents[i].start <= s < sents[i].end:
        return sents[i]
    return None


def _same_sentence(ctx: Context, starts: list[int], s: int, others: list[int]) -> bool:
    sp = _sentence_of(ctx, starts, s)
    if sp is None:
        return False
    i = bisect.bisect_left(others, sp.start)
    return i < len(others) and others[i] < sp.end


def _org_cue(ctx: Context, starts: list[int], s: int) -> bool:
    """An organisation cue in the sentence holding s."""
    sp = _sentence_of(ctx, starts, s)
    return sp is not None and bool(ORG_CUES.search(ctx.norm, sp.start, sp.end))


def _inside_word(norm: str, s: int, e: int) -> bool:
    """A Latin name glued to more Latin letters (Meta in Metaverse) or inside
    an address (blog.sina.com.cn, @openai) is no match."""
    if not (norm[s].isascii() or norm[e - 1].isascii()):
        return False
    before = norm[s - 1] if s > 0 else ""
    after = norm[e] if e < len(norm) else ""
    if (norm[s].isascii() and before.isascii() and before.isalnum()) or \
            (norm[e - 1].isascii() and after.isascii() and after.isalnum()):
        return True
    return (before in "./@_" and before != "") or (after in "./_" and after != "" and
                                                  norm[e + 1:e + 2].isascii() and norm[e + 1:e + 2].isalnum())


def _value(lex, canon: str) -> dict:
    org = lex.orgs.get(canon)
    if org is None:
        return {"kind": "company"}
    v = {"kind": org.kind}
    if org.parent:
        v["parent"] = lex.root_org(canon)
    return v


# -- 2. names closed by a suffix ---------------------------------------------------


# Two-character words that end like a suffix but name no organisation.
NOT_SUFFIXED = set("""格局 布局 结局 当局 大局 全局 饭局 残局 时局 政局 战局 定局 变局 危局 赌局 僵局 棋局 困局 开局 出局 骗局
关系 联系 体系 派系 维系 星系 水系 直系 旁系 嫡系 谱系 干系 语系 母系 父系 上网 联网 电网 球网 渔网 入网 官网 外网 内网
排队 军队 车队 梯队 插队 归队 离队 入队 带队 整队 领队 场所 厕所 住所 处所 哨所 会所 寓所 工厂 出厂 建厂 进厂 回厂
结社 公社 旅社 报社 本委 编委 党委 常委 主委 总署 部署 签署 公署 专署 兼办 主办 承办 协办 举办 创办 开办 操办 代办 督办
平局 大结局 变局 餐厅 大厅 客厅 展厅 门厅 歌厅 舞厅 饭厅 前厅 大堂 跨国公司 特种部队""".split())


def _suffix_of(w: str, seg, titles) -> tuple[str, str, bool, int] | None:
    """(suffix, kind, strong, where the suffix ends in w) for a token that is,
    ends with, or (协会|会长) begins with a suffix followed by a title. The
    caller has tested `_LAST_CHARS` and `_FIRST_CHARS` (most tokens stop there)."""
    if w in STRONG:
        return w, STRONG[w], True, len(w)
    if w in WEAK:
        return w, WEAK[w], False, len(w)
    n = len(w)
    for m in range(min(MAX_SUFFIX, n - 1), 0, -1):     # the longest suffix first
        suf = w[n - m:]
        if suf in STRONG and (m >= 2 or not seg.is_word(w) or n >= 3 or w not in NOT_SUFFIXED):
            return suf, STRONG[suf], True, n
        if suf in WEAK and not seg.is_word(w):
            return suf, WEAK[suf], False, n
    for m in range(2, min(MAX_SUFFIX, n - 1) + 1):
        suf = w[:m]
        if suf in STRONG and w[m:] in titles and suf not in DEPARTMENTS:
            return suf, STRONG[suf], True, m
    return None


# Where a suffix ends (searched in the reversed text) and where a strong suffix
# that may open a token before a title begins (协会|会长): _suffix_tokens looks
# up only the tokens that end or begin there.
_SUFFIX_END = starts_pattern(x[::-1] for x in {*STRONG, *WEAK})
_SUFFIX_HEAD = starts_pattern(x for x in STRONG if len(x) >= 2 and x not in DEPARTMENTS)


def _suffix_tokens(ctx: Context, suffix_of) -> list[tuple[int, tuple]]:
    """(k, suffix_of[word]) for the tokens k that hold a suffix, ascending. A
    token holds one only where it is a suffix, ends with one or opens with a
    strong one (_suffix_of): only the tokens that end where a suffix ends or
    begin where such a strong one begins are looked up, found by two searches
    of the text rather than a look-up per token (most tokens hold none)."""
    norm, toks, ends = ctx.norm, ctx.tokens, ctx.token_ends
    n = len(norm)
    found = set()
    for r in every_start(_SUFFIX_END, norm[::-1]):     # a suffix ends at n - r
        if n - r in ends:
            found.add(_token_ending(ctx, n - r))
    found.update(_tokens_from(ctx, every_start(_SUFFIX_HEAD, norm)))
    out = []
    for k in sorted(found):
        hit = suffix_of[toks[k][0]]
        if hit is not None:
            out.append((k, hit))
    return out


# Verbs of moving between organisations: never part of a name (卜劳辛辞任青禾控股)
MOVE_VERBS = ("辞任", "辞去", "退任", "卸任", "离任", "出任", "担任", "加盟", "加入", "入职", "调往", "调任", "调入", "转投")
_MOVE_IN = re.compile("|".join(MOVE_VERBS))      # plain words: re, far quicker to set up than regex


def _by_suffix(ctx: Context, known: list[Entity]) -> list[Entity]:
    toks, norm, seg, lex = ctx.tokens, ctx.norm, ctx.segmenter, ctx.lexicon
    known_at = {e.end: e for e in known if e.type == "org"}
    known_start = {e.start: e for e in known if e.type == "org"}
    out: list[Entity] = []
    titles = lex.titles
    suffix_of = word_memo(lex, seg, "org suffix", lambda w: _suffix_of(w, seg, titles)
                             if w[-1] in _LAST_CHARS or w[0] in _FIRST_CHARS else None)
    for k, hit in _suffix_tokens(ctx, suffix_of):
        w, s, e = toks[k]
        suf, kind, strong, cut = hit
        if suf in ("队", "战队") and w == suf:
            continue                           # teams: see _teams
        e = s + cut
        suffix_start = e - len(suf)
        start, m = s, k        # a name part may sit inside the token itself (序智科技 as one token)
        # absorb legal-form words (…集团|股份|有限公司)
        while m > 0 and toks[m - 1][0] in LEGAL_PARTS and toks[m - 1][2] == start:
            m -= 1
            start = toks[m][1]
        name_start = _scan_left(ctx, m, start, strong, known_at, inner_ok=kind in ("lab", "university", "other"),
                                digits_ok=suf in ("厂", "分厂", "总厂", "矿", "车间"), sub_unit=suf in SUB_UNITS)
        if name_start is None:
            continue
        for mv in _MOVE_IN.finditer(norm, name_start, suffix_start):
            name_start = mv.end()              # 卜劳辛辞任|青禾控股: a verb of moving ends what is before it
        name = norm[name_start:suffix_start]
        if not name or name.startswith(("公司", "集团")):
            continue
        if len(suf) == 1 and len(w) > 1 and name_start >= s and seg.is_word(w):
            continue                           # 互联网, 铝厂 alone: a word, not a name
        if norm.startswith(("了", "过", "着"), e):
            continue                           # 学会了, 委托过: a verb, not a suffix
        if suf == "系" and not any(x in norm[name_start:suffix_start] for x in ("大学", "学院", "学校", "分校")):
            continue                           # 周正龙案系…: the copula; departments of a university only
        parts = [t for t, ts, te in ctx.tokens_in(name_start, suffix_start)] or [name]
        lead = _person_lead(seg, parts, lex.surnames)
        if lead == "clause":
            continue                           # 刘德华|暂时搞不定俱乐部…: a sentence about a person
        if lead == "person":
            name_start += len(parts[0])        # 李文博|临湘市建设局: a person's name, then the organisation
            parts = parts[1:]
            name = norm[name_start:suffix_start]
        if suf == "部" and _person_name(seg, name, lex.surnames) and not any(seg.tag(p) == "ns" for p in parts):
            continue                           # 某某某部: the troops under a commander, not a department
        if all(p in GENERIC or p in lex.never_alone for p in parts):
            continue
        if parts[-1][-1] in _GLUED_VERB and len(parts[-1]) > 1 and not seg.is_word(parts[-1]):
            continue                           # 晁书言为|公司财务总监: 为 is the verb, not the name's end
        if _COUNTED.match(parts[0]):
            continue                           # 十余家AI公司, 两家芯片公司: a description, not a name
        if strong and len(parts) <= 2 and not any(_proper_token(p, seg, lex) for p in parts) \
                and not _proper(ctx, name_start, suffix_start):
            continue                           # 改善公司, 合作银行, 四星酒店: words, not a name
        if not strong:
            if len(name) > 8 or not _proper(ctx, name_start, suffix_start):
                continue
            if norm.startswith(FIELD_AFTER, e):
                continue                       # 具身智能团队, 自动驾驶技术方向: a field, not a company
            if name in lex.org_names and lex.orgs.get(lex.org_names[name]) and \
                    lex.orgs[lex.org_names[name]].kind == "company" and suf in ("机器人", "汽车", "手机", "芯片"):
                continue                       # 小米机器人: a product line of a known company
        if len(name) < 2 and not name.isascii() and not (strong and len(suf) >= 2 and _proper(ctx, name_start,
                                                                                                  suffix_start)):
            continue
        # a department (部, 办, 委, 厅 …) directly followed by a title is part of the title (党委办公室主任)
        if suf in ("部", "办", "室", "处", "科", "办公室") and (e in ctx.token_starts and _title_at(ctx, e)):
            continue
        inner = known_at.get(e)
        if inner is not None and inner.start > name_start and inner.rule.startswith("dictionary") \
                and not _proper(ctx, name_start, inner.start):
            continue                           # 前述|建设银行: words before a known name are not part of it
        span = (name_start, e)
        value = {"kind": kind}
        head = known_start.get(name_start)          # a known organisation the name starts with
        if head is not None and head.end < e and head.rule.startswith("dictionary"):
            value["parent"] = lex.root_org(head.canonical) if head.canonical in lex.orgs else head.canonical
        ent = Entity("org", norm[span[0]:span[1]], span[0], span[1], canonical=norm[span[0]:span[1]],
                     value=value, rule="<name> + suffix " + norm[suffix_start:e])
        out.append(ent)
        if e not in known_at:
            known_at[e] = ent                  # a branch or a school may follow (…有限公司|上海分公司)
    return out


# What follows a person's name at the head of a clause (an act, a manner, a preposition), never a
# word inside an organisation's name: 李某|详解…局, 某某|特意…舰队, 某某|以…银行
PERSON_ACTS = frozenset("""表示 称 说 详解 解读 谈 谈到 挽救 拯救 闯 闯入 特意 专程 亲自 暂时 仍 仍然 依然 已经 曾 曾经 正在
以 向 对 被 把 将 在 为 大手笔 出手 炮轰 怒斥 痛批 力挺 点评 回应 否认 透露 指出 强调 认为 来 去 到 赴 做客 作客 走进""".split())
_PLACE_HEADS = ("中共", "中国", "全国")
# The acts of PERSON_ACTS that never stand inside an organisation's name wherever they come in the name
# part, after a name jieba cut in two (卡斯滕|科夫|特意…舰队): the part is a clause about a person
CLAUSE_ACTS = PERSON_ACTS - frozenset("以 向 对 被 把 将 在 为 来 去 到 赴 谈 闯 说 称 仍 曾".split())


def _person_lead(seg, parts: list[str], surnames) -> str | None:
    """How a name part that begins with a person's name goes on: "clause" when an act of that person
    follows (the "name" is a sentence), "person" when a place or 中共/中国 follows (a name before the
    organisation, as in a list of officials), None otherwise (宋庆龄|基金会 is a name). A person's name is
    one of jieba's dictionary, or a word jieba does not know of two or three characters opening with a
    common surname (阎晓东|专程|…医院, 梁启峰|中共…县委)."""
    if len(parts) < 2:
        return None
    if any(p in CLAUSE_ACTS for p in parts[1:]):
        return "clause"
    if not _person_name(seg, parts[0], surnames):
        return None
    nxt = parts[1]
    if nxt in PERSON_ACTS:
        return "clause"
    if seg.tag(nxt) == "ns" or nxt.startswith(_PLACE_HEADS):
        return "person"
    return None


def _person_name(seg, w: str, surnames) -> bool:
    """w is a person's name: jieba's dictionary says so, or an unknown word of two or three Han
    characters opens with a common surname."""
    if seg.tag(w) in PERSON_TAGS:
        return True
    return 2 <= len(w) <= 3 and not seg.is_word(w) and surnames.get(w[0]) == "common" and all(map(_is_han, w))


def _scan_left(ctx: Context, m: int, start: int, strong: bool, known_at, inner_ok: bool = False,
               digits_ok: bool = False, sub_unit: bool = False) -> int | None:
    """The start of the name part that ends at `start` (token index m begins
    right after it), or None when there is none."""
    toks, norm, lex, seg = ctx.tokens, ctx.norm, ctx.lexicon, ctx.segmenter
    max_tok = MAX_TOKENS if strong else 3
    max_len = MAX_NAME if strong else 8
    names = _name_tokens(lex, seg)
    first = start
    n = 0
    j = m
    while j > 0 and n < max_tok:
        pw, ps, pe = toks[j - 1]
        if pe != first:
            break
        if pw in ("）", ")"):
            p = _PAREN.search(norm, max(0, ps - 8), pe)
            inner = norm[p.start() + 1:p.end() - 1] if p else ""
            if p and p.end() == pe and j >= 2 and (inner in PAREN_OK or seg.tag(inner) == "ns") \
                    and p.start() > 0 and _is_han(norm[p.start() - 1]):
                # (集团), （广东）: keep, then go on left of the bracket
                while j > 0 and toks[j - 1][1] >= p.start():
                    j -= 1
                first = p.start()
                n += 1
                continue
            break
        org = known_at.get(pe)
        if org is not None and org.start <= ps and (org.rule == "dictionary" or org.rule.startswith("dictionary")
                                                    or sub_unit):
            # a known organisation is the head of this one (中国工商银行|纽约分行)
            first = org.start
            while j > 0 and toks[j - 1][1] >= org.start:
                j -= 1
            n += 1
            continue
        if pw in ("与", "和", "及") and inner_ok and j >= 2 and names[toks[j - 2][0], False] \
                and toks[j - 2][0] not in lex.titles and seg.is_word(toks[j - 2][0]) and not seg.tag(toks[j - 2][0]):
            first = ps
            j -= 1
            n += 1
            continue
        if pw.isdigit() and first == start and digits_ok:
            first = ps                     # 58分厂, 4310厂
            j -= 1
            n += 1
            continue
        if len(pw) >= 2 and pw[0] in GLUED_INSIDE and pw[1] not in FUNC_CHARS and pw not in NAME_STOP \
                and not seg.is_word(pw) and first - ps + 1 <= max_len:
            first = ps + 1                     # 张海涛|为瑞中|达国际控股公司: the name begins after the glued 为
            break
        if not names[pw, inner_ok and first == start]:
            break
        if not strong and first != start and not _proper_token(pw, seg, lex):
            break                              # 若愚|辞去|星衡智能: a weak suffix takes proper names only
        if first - ps > max_len or start - ps > max_len:
            break
        first = ps
        j -= 1
        n += 1
    # jieba's HMM may glue a verb or preposition to an unknown name: 任|泰伦特, 现任|国投新集
    k = ctx.token_starts.get(first)    # the first token inside [first, start), as tokens_in finds it
    head_tok = ([toks[k]] if toks[k][2] <= start else []) if k is not None else ctx.tokens_in(first, start)[:1]
    for w, ts, te in head_tok:
        if w.startswith(GLUED_HEAD) and not seg.is_word(w):     # (the tuple first: one test in C)
            for head in GLUED_HEAD:
                if w.startswith(head) and len(w) > len(head):
                    return ts + len(head)
    return first


def _name_tokens(lex, seg) -> dict:
    """Whether a token can be part of a name, by (word, titles_ok): _name_token_of,
    a pure function of the word, kept in a memo."""
    return word_memo(lex, seg, "org name token", lambda key: _name_token_of(key[0], lex, seg, key[1]))


def _name_token_of(w: str, lex, seg, titles_ok: bool) -> bool:
    if not w or w.isspace() or w in NAME_STOP or (w in lex.titles and not titles_ok) or w in CLOSING:
        return False
    if w.endswith(STOP_TAIL) and len(w) <= 3 and not seg.tag(w):
        return False
    if w.startswith(STOP_HEAD) and seg.is_word(w) and not seg.tag(w):
        return False
    if _DATEY.match(w) or _COUNT.match(w):
        return False
    if len(w) == 1 and w in "的了和与及在是为从到对也都就还又而或等被把将向给让由于以跟同往去来入加离任兼曾并即系前原现":
        return False
    if len(w) == 2 and all(c in FUNC_CHARS for c in w):
        return False                           # 由前, 于是: function characters jieba's HMM joined
    return all(_is_han(ch) or ch.isalnum() or ch in "·&-" for ch in w)


def _proper(ctx: Context, s: int, e: int) -> bool:
    """The name part looks like a proper noun: an unknown word, a place or a
    name, Latin letters, or a known organisation."""
    seg = ctx.segmenter
    singles = 0
    for w, ts, te in ctx.tokens_in(s, e) or [(ctx.norm[s:e], s, e)]:
        singles = singles + 1 if len(w) == 1 and _is_han(w) else 0
        if singles >= 2:
            return True                        # 曜|石, 熵|减: an unknown word jieba left in pieces
        if len(w) > 1 and _proper_token(w, seg, ctx.lexicon) and w not in GENERIC:
            return True
    return False


RARE_WORD = 800      # a dictionary word rarer than this may name a company (渡口科技, 朔风科技; not 金融科技)


def _proper_token(w: str, seg, lex) -> bool:
    """A token that can be part of a short company name: an unknown word, a
    name of jieba's dictionary, a rare word, Latin letters or digits, a
    single character, a known organisation (a pure function of the word: kept
    in a memo)."""
    return word_memo(lex, seg, "org proper token", lambda x: _proper_token_of(x, seg, lex))[w]


def _proper_token_of(w: str, seg, lex) -> bool:
    return len(w) == 1 or not seg.is_word(w) or bool(seg.tag(w)) or seg.freq(w) < RARE_WORD or w.isascii() \
        or lex.canonical_org(w) is not None


def _title_at(ctx: Context, pos: int) -> bool:
    titles = ctx.lexicon.titles
    for w, s, e in ctx.tokens_in(pos, pos + 12)[:3]:
        if w in titles or any(w.endswith(t) for t in ("长", "主任", "经理", "书记", "总监", "负责人")):
            return True
        break
    return False


# -- 3. places with a body; teams ------------------------------------------------------

def _place_body(ctx: Context) -> list[Entity]:
    """美国政府, 印度空军, 日本外交部: a place (a word jieba's dictionary tags
    ns) directly followed by a government body or an armed service."""
    toks, tags, norm = ctx.tokens, ctx.segmenter.tags, ctx.norm
    out = []
    for k in _tokens_from(ctx, every_start(_BODY_AT, norm)):
        nw, _, ne = toks[k]
        if k == 0 or nw not in _BODY_SET:
            continue
        w, s, e = toks[k - 1]
        if tags.get(w) != "ns":
            continue
        out.append(Entity("org", norm[s:ne], s, ne, canonical=norm[s:ne], value={"kind": "government"},
                          rule="<place> + " + nw))
    return out


def _tokens_from(ctx: Context, positions):
    """The numbers of the tokens that start at one of `positions` (ascending)."""
    starts = ctx.token_starts
    for p in positions:
        k = starts.get(p)
        if k is not None:
            yield k


def _teams(ctx: Context, known: list[Entity]) -> list[Entity]:
    """In a text about sport: <place or club>队 (德国队, 莱切队) and both sides
    of "A vs B" when they are places or unknown names."""
    toks, seg, norm, lex = ctx.tokens, ctx.segmenter, ctx.norm, ctx.lexicon
    taken = bytearray(len(norm) + 1)
    for x in known:
        taken[x.start:x.end] = b"\x01" * (x.end - x.start)
    out = []
    for k in _tokens_from(ctx, every_start(_TEAM_WORD, norm)):
        w, s, e = toks[k]
        if w == "队" and k > 0 and toks[k - 1][2] == s:
            pw, ps, pe = toks[k - 1]
            if seg.tag(pw) == "ns" or lex.canonical_org(pw) or (not seg.is_word(pw) and len(pw) >= 2
                                                                  and all(_is_han(c) for c in pw)):
                out.append(Entity("org", norm[ps:e], ps, e, canonical=norm[ps:e], value={"kind": "sports"},
                                  rule="<place or club>队"))
    # a country or city beside a result or a fixture: 阿根廷上轮主场击败乌拉圭, 迎战冰岛
    for k in _fixture_places(ctx):
        w, s, e = toks[k]
        if len(w) < 2 or any(taken[s:e]):
            continue
        if norm.startswith(TEAM_AFTER, e) or norm[max(0, s - 3):s].endswith(TEAM_BEFORE):
            out.append(Entity("org", w, s, e, canonical=w, value={"kind": "sports"}, rule="<place> in a fixture"))
            taken[s:e] = b"\x01" * (e - s)
    for m in match_at(_VS, norm, _vs_starts(norm)):
        for side in ("left", "right"):
            if side == "left":
                e = m.start()
                s = e
                while s > 0 and _is_han(norm[s - 1]) and e - s < 8:
                    s -= 1
            else:
                s = m.end()
                e = s
                while e < len(norm) and _is_han(norm[e]) and e - s < 8:
                    e += 1
            if e - s < 2 or any(taken[s:e]):
                continue
            name = norm[s:e]
            parts = ctx.tokens_in(s, e)
            if not parts or parts[0][1] != s or parts[-1][2] != e or \
                    any(seg.is_word(w) and seg.tag(w) != "ns" and not lex.canonical_org(w) for w, _, _ in parts):
                continue                       # 本轮主场对阵…: words, not a team
            if seg.tag(name) == "ns" or not seg.is_word(name):
                out.append(Entity("org", name, s, e, canonical=name, value={"kind": "sports"},
                                  rule="<team> vs <team>"))
                taken[s:e] = b"\x01" * (e - s)
    return out


def _fixture_places(ctx: Context) -> list[int]:
    """The numbers of the place tokens (tagged ns) that end where a word of
    TEAM_AFTER begins or begin where one of TEAM_BEFORE ends, ascending: the
    only ones the fixture rule of _teams can take. The words are found by one
    search of the text, not by a look at every token."""
    tags, norm = ctx.token_tags, ctx.norm
    starts, ends = ctx.token_starts, ctx.token_ends
    found = set()
    for p in every_start(_TEAM_CUE, norm):
        if norm.startswith(TEAM_AFTER, p) and p in ends:      # the token that ends at p
            k = _token_ending(ctx, p)
            if k is not None and tags[k] == "ns":
                found.add(k)
        if not norm.startswith(TEAM_BEFORE, p):               # (one test in C first: two hits in three open none)
            continue
        for w in TEAM_BEFORE:                                 # the token that starts after the word
            if norm.startswith(w, p):
                k = starts.get(p + len(w))
                if k is not None and tags[k] == "ns":
                    found.add(k)
    return sorted(found)


def _token_ending(ctx: Context, p: int) -> int | None:
    """The number of the token that ends at p: the one before the token that
    starts there, or (where none does: the text's end, a gap) by a search."""
    k = ctx.token_starts.get(p)
    if k is not None and k > 0 and ctx.tokens[k - 1][2] == p:
        return k - 1
    k = bisect.bisect_left(ctx.tokens, p, key=TOKEN_START) - 1
    return k if k >= 0 and ctx.tokens[k][2] == p else None


def _vs_starts(norm: str):
    """Where _VS can match: at its v or 对阵, or where the run of blanks before it begins."""
    for m in _VS_CORE.finditer(norm):
        j = m.start()
        while j > 0 and _BLANK.match(norm, j - 1):
            j -= 1
        yield j


# -- 4. units and Latin names -------------------------------------------------------------

def _units(ctx: Context) -> list[Entity]:
    norm, out = ctx.norm, []
    for m in match_at(_UNIT_NAMED, norm, _starts_before(_UNIT_NAMED_AT, norm, _UNIT_NAMED_KIND, NAMED_REACH)):
        out.append(Entity("org", m.group(0)[m.start("name") - m.start():], m.start("name"), m.end(),
                          canonical=m.group("name").strip(), value={"kind": "unit"}, rule="名为<name>的团队"))
    for m in match_at(_UNIT_SUFFIXED, norm,
                      _starts_before(_UNIT_SUFFIXED_AT, norm, _UNIT_SUFFIXED_KIND, SUFFIXED_REACH)):
        out.append(Entity("org", m.group(0), m.start(), m.end(), canonical=m.group(0).strip(),
                          value={"kind": "unit"}, rule="<Latin name> + 团队/Lab"))
    return out


# where the two unit patterns can begin (re finds these places far faster than
# regex scans for the patterns): 代号 or 名; a capital after no Latin letter or digit;
# and only where the words that close them follow close enough: 的团队 (的 within
# 代号为“ + 21 characters of a name + ” = 26 on), 团队 or Lab (within 33, a name's longest)
_UNIT_NAMED_AT = re.compile("代号|名")
_UNIT_NAMED_KIND = re.compile("的(?:神秘)?(?:团队|实验室|部门|项目组|小组|事业部)")
NAMED_REACH = 26
_UNIT_SUFFIXED_AT = re.compile("[A-Z](?<![A-Za-z0-9][A-Z])")   # (the capital first: re skips to capitals)
_UNIT_SUFFIXED_KIND = re.compile("团队|实验室|项目组|小组|事业部| Lab| LAB| Team")
SUFFIXED_REACH = 33


def _starts_before(at, norm: str, closing, reach: int):
    """The places (ascending) where `at` matches with a match of `closing`
    beginning after them, at most `reach` characters on."""
    ends = list(every_start(closing, norm))
    if not ends:
        return
    i = 0
    for x in at.finditer(norm):
        c = x.start()
        while i < len(ends) and ends[i] <= c:
            i += 1
        if i == len(ends):
            return
        if ends[i] <= c + reach:
            yield c


def _latin(ctx: Context, taken, sporty: bool) -> list[Entity]:
    """Capitalised Latin names the dictionary knows in another case (openai
    -> OpenAI); other Latin names are left to the events' context rules. A
    form that is also an everyday word (IG, Arm) needs what the dictionary
    pass asks of it: a sports club a text about sport, others a cue."""
    lex, out = ctx.lexicon, []
    for m in matches_from(_LATIN, _LATIN_FIRST, ctx.norm):
        canon = lex.canonical_org(m.group(0))
        if canon and _needs_context(lex, m.group(0)):
            org = lex.orgs.get(canon)
            if not (sporty if org is not None and org.kind == "sports" else
                    _org_cue(ctx, [sp.start for sp in ctx.sentences], m.start())):
                continue
        if canon and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Entity("org", m.group(0), m.start(), m.end(), canonical=canon, value=_value(lex, canon),
                              rule="dictionary (Latin)"))
    return out


def _needs_context(lex, surface: str) -> bool:
    """A [needs_context] surface; Latin forms compare case-folded, as they match."""
    if surface in lex.needs_context:
        return True
    return surface.isascii() and surface.casefold() in per_lexicon(
        lex, "needs_context-folded", lambda: frozenset(x.casefold() for x in lex.needs_context))


def _longest(ents: list[Entity]) -> list[Entity]:
    """Non-overlapping, longest first, then earliest."""
    out: list[Entity] = []
    taken = bytearray(max((e.end for e in ents), default=0) + 1)
    for e in sorted(ents, key=lambda x: (-(x.end - x.start), x.start)):
        if not any(taken[e.start:e.end]):
            out.append(e)
            taken[e.start:e.end] = b"\x01" * (e.end - e.start)
    return sorted(out, key=lambda x: x.start)


def _compose(ctx: Context, ents: list[Entity]) -> list[Entity]:
    """A company directly followed by one of its units is one mention whose
    canonical is the unit (阿里达摩院 -> 达摩院, parent 阿里巴巴)."""
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
