"""Events from tagged text: triggers (data/triggers.tsv) and argument rules
per form, one event per person, status from cue words (data/cues.tsv), and a
per-document memory so that arguments can come from earlier sentences.

The walk is sentence by sentence, in order. For each trigger the rules of its
form find the people (the subject before it, a coordinated list, a pronoun, or
the people after an agent), then the organisation, title, level, salary and
date around it. A sentence's people update the memory: their appositive
organisations and titles (零一万物前算法副总裁黄文灏), where they worked (曾在阿里),
and the events found. Events of one type about the same person and
organisation are merged, so a move told twice is one event.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from dataclasses import dataclass, field

import regex

from extractor.events.rules import Rules, Trigger, load_rules
from extractor.model import Entity, Event
from extractor.taggers import Context, word_memo
from extractor.taggers.orgctx import GENERIC as _ORG_GENERIC, _clean as _clean_org
from extractor.text import Span, clauses

PRONOUNS = ("他们", "她们", "这个人", "此人", "该人士", "其本人", "这位", "他", "她", "其")
_BYLINE = regex.compile(r"(?:记者|编辑|通讯员|撰文|作者|实习生)\s*$")
_BYLINE_LAST = frozenset("者辑员文生")   # the last characters of the byline words: a byline holds one
# Words after a trigger that stand for an organisation named elsewhere.
COREF_ORG = ("该公司", "本公司", "这家公司", "该企业", "该机构", "公司", "该俱乐部", "俱乐部", "该队", "本队", "球队", "战队", "其")
_QUOTED = regex.compile(r"[“\"「『](?P<name>[^”\"」』，,。]{2,12})[”\"」』]")
CATEGORY_ENDINGS = ("公司", "企业", "新创", "新創", "初创", "独角兽", "工作室", "机构", "平台")
_NAME_AFTER = regex.compile(r"(?P<name>[A-Za-z][A-Za-z0-9]{1,15}|[\p{Han}]{2,6}?)(?=[，,。；;、（(“”]|已|将|于|在|近日|日前|今|宣布|表示|称|的|成立|完成|$)")
_THEN_TITLE = regex.compile(r"[，,](?:并|随后|将|同时)?(?:担任|出任)")   # 加入公司，担任首席科学家
# Leaving triggers after which a post alone may stand for the one leaving (董事长辞职)
POST_LEAVE = ("辞职", "离职", "请辞", "辞任", "离任", "卸任", "辞职报告", "辞呈")
# What may stand between such a post and the trigger: 因个人原因 / 已于近日 / 宣布 / 引咎
_POST_GAP = regex.compile(r"(?:已经|已|也|亦|均|都|则|正式|宣布|突然|意外|主动|引咎|提出|申请|递交|提交|集体|全部|相继|先后|从\p{Han}{2,6}|"
                          r"双双|近日|日前|将|要|会|于|从|自|向(?:公司)?(?:董事会|监事会)|向|在|自己|本人|数[日周月]内|年内|月内|近期|即将|"
                          r"因[^，,。;；]{1,12}?(?:原因|问题|丑闻|压力|需要|安排|调整|变动)|了|的|书面|\s){0,8}")
# Join triggers whose object can only be an organisation: an unknown name after them is one
NAMED_OBJECT = ("加盟", "租借加盟", "转投", "投奔", "转会至", "转会到")
_OBJECT_NAME = regex.compile(
    r"(?:到了|到|至)?(?P<name>[\p{Han}A-Za-z0-9&]{1,10}?)"
    r"(?=[^\p{Han}A-Za-z0-9&]|的|后|之后|以来|以后|时|向|与|和|并|及|成为|成定局|将|已|了|一事|为|是|后|至今|期间|效力|出任|担任|任|$)")
GENERIC_OBJECT = ("公司", "球队", "团队", "我们", "他们", "本队", "该队", "新东家", "东家", "新球队", "豪门", "联盟",
                  "俱乐部", "战队", "其中", "这里", "那里", "国外", "海外", "中超", "英超", "西甲", "意甲", "德甲",
                  "法甲", "CBA", "NBA", "欧洲", "美国", "中国")
GENERIC_OBJECT_START = ("一", "该", "这", "那", "新", "其", "某", "本", "此", "哪", "什么", "多", "几", "两", "不", "半",
                        "也", "很", "都", "还", "就", "达成", "完成", "录制", "手续", "协议", "事宜", "消息", "谈判",
                        "可能", "费用", "合同", "之", "以", "于", "在", "给", "让", "使", "而")
# Verbs after which the one leaving is someone else: 张丹峰宣布毕滢辞职 / 詹姆斯不满魔术师辞职
_REPORTING = regex.compile(r"宣布|透露|表示|声称|称|不满|不理解|理解|谈到|谈及|证实|确认|批准|同意|接受|希望|要求|怒批|批评|"
                           r"曝光|爆料|回应|逼|迫使|导致|接替|得知|获悉|发现|披露|公告")
_OPEN_STOP = set("，,。;；:：!！?？、“”\"'()（）《》【】\n\t 的了是在和与及为从到对向被把让由")
_UNNAMED = regex.compile(r"(?:被告人|被告|犯罪嫌疑人|嫌疑人|判处|对|起诉|公诉|男子|女子|^|(?<=[，,。；;：:\s]))"
                         r"(?P<name>\p{Han}某某?)(?=[^\p{Han}]|[等涉以向提被有的和与及犯]|$)")
_PAREN = regex.compile(r"[（(][^（()）]{1,16}[）)]")   # 王剑（正局级）涉嫌…
_PROSECUTOR = regex.compile(r"检方|公诉机关|检察机关|公诉人|检察院")
_BARE_SUBJECT = regex.compile(
    r"(?:官宣|官方宣布|宣布|确认|曝|消息称|自从|自打)?(?P<name>[\p{Han}]{2,5}?|[A-Za-z][A-Za-z0-9]{1,15})"
    r"(?:已经|已|正式|将|即将|以[^，,。;；]{1,10}?(?:价|身份|形式|合同)|低价|高价|自由转会|租借|宣布|决定|选择|确定|携手\p{Han}{0,4}|终于|也|则|亦|引咎|主动|突然|被迫|意外|申请){0,3}在?")   # 威少在加盟火箭队之后
_TITLED_NAME = regex.compile(r"(?P<name>[\p{Han}]{2,3}|[\p{Han}]{2,6}[·•・][\p{Han}]{2,6}|[A-Z][A-Za-z]{1,15}(?: [A-Z][A-Za-z]{1,15})?)")
_TITLED_NAME2 = regex.compile(r"(?P<name>[\p{Han}]{2})")
_NOT_NAME_START = set("因已将于在也亦均都则正宣突意主引提申递提集全相先双近日要会从自数年月即辞离的了和与及兼等由被把让对给新刚他她它其我你您咱谁")
_AGENT_OPENING = regex.compile(
    r"(?P<name>[\p{Han}A-Za-z0-9]{2,8}?)(?:队)?(?:官方|官宣|正式|已经|已|宣布|今日|今天|昨日|日前|近日|最终|成功|也|还|又|先后|再次|继续|"
    r"以[^，,。;；]{1,10}?(?:价|身份|合同|方式|元|欧|镑)|依靠[^，,。;；]{1,8}|从[^，,。;；]{1,10}|了){0,4}")
_SIGN_WITH = regex.compile(
    r"(?P<a>[^，,。;；]{1,30}?)(?:已经|已|正式|宣布|官宣|今日|日前|近日|也|还){0,3}(?:和|与|同|跟)"
    r"(?P<b>[^，,。;；]{2,20}?)(?:正式|完成|达成|成功|了)?")
# jieba's dictionary writes some triggers with the adverbial before them as one word (引咎辞职, 被迫辞职,
# 重新加入, 提前退休, 民事诉讼); with these modifiers the word still announces the event
MODIFIED_TRIGGER = frozenset(("引咎", "愤而", "因故", "被迫", "重新", "申请", "提前", "民事", "刑事", "行政", "联合", "提出"))
_WISH = re.compile(r"希望|想|渴望|梦想|期待|盼望|愿意|立志")
_WITH = re.compile(r"(?:与|和|跟|同|携手)$")
_TOGETHER = re.compile(r"[^，,。;；]{0,4}?(?:共同|一起|一同|携手|联手|一道|双双)")
_DEAL_AFTER = re.compile(r"了?(?:一份)?[^，,。;；]{0,12}?(?:合同|合约|加盟协议|签约协议|[一二两三四五六七八九十0-9]+年(?:的)?(?:协议|合约|合同))")
_BECOMES_MEMBER = re.compile(r"成为了?(?=[^，,。;；]{2,20}?的(?:正式)?$)")
_TAKES_EFFECT = re.compile(r"\s*(?:并|且|均|将|已)?(?:自|于|从)?")
_TAKES_EFFECT_AFTER = re.compile(r"(?:起|开始)?(?:正式)?生效")
_SOURCE_AFTER = re.compile(r"[^，,。;；]{0,6}?(?:报道|消息|记者|获悉|援引|披露|讯|称|发文|发布)")
_REPORT_AFTER = re.compile(r"(?:凌晨|早间|上午|中午|下午|晚间|晚上|晚)?(?:电(?![话视影脑子器力商池])|讯|消息|报道|获悉|援引)")
SIGN_CONTRACT = ("签订", "签署", "达成")   # join only where a person and an organisation sign a contract
_CONTRACT_AFTER = regex.compile(r"了?[^，,。;；]{0,16}?(?:合同|合约)")
_SIGNED_NAME = regex.compile(r"了?(?P<name>[\p{Han}A-Za-z0-9]{2,8})(?=$|[，,。;；！!？?\s])")
_TEAM_OPENING = regex.compile(r"(?:[^，,。;；]{0,12}?[，,])?(?P<name>[\p{Han}A-Za-z0-9]{2,8}?)(?P<suf>队|男篮|女篮|男足|女足|男排|女排|战队|俱乐部)")
_BARE_NOT_FIRST = set("为致临因被对向让给用以当于随经")
_BARE_NOT_LAST = set("就才都也还又将要会得地着过")
BARE_LEAVE = ("辞职", "离职", "辞任", "辞去", "退任", "卸任")   # a name no tagger knows may open the clause
_REPLACES = regex.compile(r"(?:接替|取代|代替|顶替)(?:了)?[^，,。;；]{0,8}$")
_JIANG_WORD = regex.compile(r"[小大老猛主名干悍战武中少上爱宿骁勇强健门闯虎]将|将(?:军|领|帅|士)")
_ANNOUNCER = regex.compile(r"(?:[^，,。;；]{0,12}?[，,])?(?P<name>[\p{Han}A-Za-z0-9]{2,8}?)(?:队|俱乐部)?(?:官方)?"
                           r"(?:今日|今天|昨日|昨天|日前|近日|周[一二三四五六日])?(?:正式)?(?:宣布|官宣)[，,：:]")
BA_TRIGGERS = ("告上", "诉至", "起诉至", "告到", "交易到", "交易至")
_BA_AFTER = regex.compile(r"(?:到|至|上)(?:了)?(?:\p{Han}{0,12}?)(?:法院|法庭|仲裁)")
_BA_JIANG = regex.compile(r"(?<!即|亦|必)将(?![于会要在以])")
# a party described, not named, on either side of 将 (一名网约车司机将平台公司告上法庭)
_DESCRIBED = regex.compile(r"(?:[^，,。;；]*?[，,])?(?:近日|日前|昨日|今年|去年|此前|最终|竟然|竟|已经|已|也|还|则|一纸诉状)*"
                           r"(?P<a>[\p{Han}A-Za-z0-9“”\"]{2,14}?)(?:近日|日前|竟然|竟|已经|已|也|还|则|一纸诉状|再次|又)*将"
                           r"(?P<b>[\p{Han}A-Za-z0-9“”\"]{2,14}?)(?:一并|再次|又|也)?$")
_PASSIVE_PARTY = regex.compile(r"(?:近日|日前|昨日|今年|去年|此前|最终|目前|涉案的?)*(?P<a>[\p{Han}A-Za-z0-9*“”\"]{2,12}?)"
                               r"(?:近日|日前|也|均|都|已经|已|再次|又|将|或将|遭|正式|依法)*")
_PARTY_HEAD = regex.compile(r"(?:男子|女子|男孩|女孩|老人|老汉|夫妇|夫妻|父母|母亲|父亲|儿子|女儿|孙女|孙子|妻子|丈夫|前妻|前夫|"
                            r"房东|租客|业主|员工|职工|司机|乘客|患者|医生|学生|家长|网友|粉丝|消费者|嫌疑人|被告人|男友|女友|"
                            r"村民|商家|股民|投资者|用户|球员|艺人|主播|作者|演员|歌手|教练|商人|老板|"
                            r"公司|平台|企业|集团|银行|医院|学校|物业|门店|工厂|机构|网站|商场|酒店|协会|俱乐部|景区|政府|"
                            r"局|委员会|所|院|大学|方)$")
_SENTENCED = regex.compile(r"判处|判决|被告人|犯罪嫌疑人|嫌疑人")
_BY_AGENT = re.compile(r"由[^，,。;；由]{1,8}$")   # 由<agent> right before a trigger
# a plural or generic noun for people right before a trigger is its subject (更多年轻人加入);
# not 两人/三人 (a group of those named) nor 本人
_PEOPLE_NOUN = re.compile(r"(?:(?<![两二三四五六七八九十俩本个])人|人才|员工|同事|同学|朋友|伙伴|成员|新人|毕业生|求职者|工程师|研究员|高管|骨干|们)$")
_SUES_COMPANY = re.compile(r"(?:要求|请求|判令|对|起诉|状告)(?:该公司|公司|原公司|老东家|原单位|用人单位)")
_POST_MARK = re.compile(r"为|担任|出任|出掌|执掌|接任")   # after the one appointed: the post follows
_APPOINTED_BY = re.compile(r"任命|聘任|聘请|聘用|委任|延聘")   # the appoint-form triggers (triggers.tsv)
_DESCRIBED_THEN_NAMED = re.compile(r"了?(?:一家|一个|一所|一支)[^，,。;；]{1,20}(?:——|—|:|：)")
_DISMISSED_GAP = re.compile(r"了?(?:其|前|原|现任|该公司|公司)?(?:员工|前员工)?")   # 解聘了前首席技术官X: what may stand before X
_CASE_PAPERS = re.compile(r"材料|文件|书|文书|期限|时效|副本")   # after a dispute trigger: a noun (起诉材料)
_CHARGE_ITS = re.compile(r"(?:指控|指称|要求)其")   # the one sued, as a pronoun after the trigger
# patterns matched on a slice, compiled once (regex.match(pattern, …) looks the pattern up in
# regex's cache at every call)
_NAME_BEFORE_TITLE = regex.compile(r"[\p{Han}A-Za-z]{2,6}")
_CLAUSE_OF_DE = regex.compile(r"了?[^，,。;；]{0,14}的")
_LATIN_AFTER_TRIGGER = regex.compile(r"了?(?P<name>[A-Z][A-Za-z0-9.\-]{1,20}(?: [A-Z][A-Za-z0-9]{1,20})?)")
_COMPANY_LAST = regex.compile(r"(?:公司|该公司|本公司)$")
_WITH_FIRST = regex.compile(r"^(?:并|还|也|又|随后|后来)?(?:与|和|同|跟)")
_AGAINST = regex.compile(r"对(?:其|前|原)?")
_DEMANDS = regex.compile(r"要求|请求判令|判令")
_LATIN_UNIT = regex.compile(r"\s?(?P<name>[A-Z][A-Za-z0-9]{1,15}(?: [A-Z][A-Za-z0-9]{1,15}){0,2})")
_THIS_UNIT = regex.compile(r"(?:该|这支|这个|新)(?:团队|实验室|部门|中心|小组)")
_LED_BY = regex.compile(r"由(?P<t>[^，,。]{0,20}?)(?:牵头|负责|领衔|带队|领导|带领|掌舵|挂帅|担任负责人)")
_TO = regex.compile(r"(?:给|为|向|对)")


@functools.lru_cache(maxsize=None)
def _modifiers(gap: int):
    """Modifiers of at most gap characters (Han, Latin, 、), as a pattern (see _person_after_de)."""
    return regex.compile(r"[\p{Han}A-Za-z、]{0,%d}" % gap)


_AGENT_RUN = regex.compile(r"到?(?P<a>[\p{Han}A-Za-z][\p{Han}A-Za-z0-9 ]{1,19}?)(?:以[^，,。;；]{1,12}?罪|依法|就[^，,。;；]{1,10}?|联合|共同|再次|正式)?")
_QUOTED_PARTY = regex.compile(r"了?(?P<a>“[^”，,。;；]{2,12}”(?:主办方|运营方|经营方|开发者|公司)?)")
# a described party that is an organisation by its last word (…公司, 老东家/前东家 and 用人单位: the employer)
_ORGISH = regex.compile(r"(?:公司|企业|科技|医药|股份|控股|传媒|网络|电子|智能|证券|保险|基金|资本|平台|集团|银行|医院|学校|物业|店|厂|协会|俱乐部|局|委|中心|商场|酒店|网站|机构|东家|单位)$")
TRADE_GET = ("得到", "换来", "换回")   # join only in a trade (送出…得到)
_TRADE_GIVE = regex.compile(r"送出|送走|交易走|交易出")
_TRADE_GAP = regex.compile(r"了?(?:从[^，,。;；]{1,10}?)?(?:[\p{Han}]{0,8}?(?:老将|新秀|球星|巨星|后卫|前锋|中锋|球员|内线|外线|射手|控卫|核心))?")
PLACE_OR_PERSON = ("ns", "nr", "nrfg", "nrt")   # jieba's tags of words that name a place or a person, not a club
WEAK_JOIN = ("进入", "回到", "来到", "投身", "履职")   # these join only an organisation named after them
NOT_EMPLOYER = ("court", "arbitration", "media")
_GROUP = regex.compile(r"(?:这|上述)?(?P<n>两|二|三|四|五|俩)(?:人|位|名)")
COORD = ("、", "和", "与", "及", "以及", "跟", "同")
# What may stand between the parts of an appositive: 零一万物 前 算法副总裁 黄文灏
_GAP = regex.compile(r"^(?:前|原|现|现任|前任|时任|曾任|当时的|原来的|的|旗下|\s){0,4}[\p{Han}A-Za-z]{0,6}(?:前|原)?$")
_WORKED_AT = regex.compile(r"(?:\d{4}年)?(?:(?:曾经|曾|就|已|也|还|一直|此前|早年|开始|就开始|先后){0,4}在"
                           r"|(?:曾经|曾|此前|早年|先后){1,2}(?:担任|出任|任职于|就职于|任职|任))")   # 韩楚曾任小米集团副总裁
_WORKED_AT_CHARS = frozenset("在曾此早先")   # every match of _WORKED_AT holds one of these (…在, 曾/此前/早年/先后…任)
_INTRODUCES = regex.compile(r"介绍|欢迎|引荐|迎来|任命|邀请|请来|挖来|聘请|提拔|推荐")
_APPOS_VERB = regex.compile(r"宣布|官宣|透露|表示|证实|确认|获悉|签下|签约|任命|聘请|邀请|欢迎|迎来|挖来|引进|起诉|解雇|辞退")
_FORMER_BEFORE = regex.compile(r"(?:(?<![目日当眼提面生])前|原|曾任|曾是|此前|之前)$")
_GAP_STOP = set("给在和与从到对向被把让由是为说称将已曾也都就还又而或于以跟同往去来入离任称，,。;；:：“”\"")
FORMER_MARKS = ("前", "原", "曾任", "曾是", "此前", "原来的", "当时的")
GENERIC_UNIT = ("子团队", "新团队", "团队", "部门", "实验室", "小组", "中心", "办公室", "分公司", "子公司")
_NAMED = regex.compile(r"(?:名为|代号为?|称为|叫做|取名为?|命名为)[“\"「『]?(?P<name>[^”\"」』，,。;；的]{1,12}?)[”\"」』]?(?=的|[，,。;；]|$)")
# 设立了一个新的AI安全实验室 / 组建一支约30人的强化学习团队 / 新设一个200人规模的研发中心
_UNIT_PHRASE = regex.compile(
    r"了?(?:一个|一支|一家|一所|一座|一批|多个|新的|全新的|独立的|专门的|内部的|约?\d{1,5}人(?:规模)?的|[^，,。;；的]{0,6}的){0,3}"
    r"(?P<name>[\p{Han}A-Za-z0-9][\p{Han}A-Za-z0-9 ]{0,14}?(?:团队|实验室|研究院|研究所|研发中心|中心|事业部|事业群|部门|小组|工作室|部))"
    r"(?=[^\p{Han}]|[于在正已将也则并还又]|$)")
# patterns the methods below once passed to regex.search/match as strings, compiled once
_STUDENT = regex.compile(r"应届|毕业生|学生|在读")
_STUDENT2 = regex.compile(r"应届|毕业|学生|在读")
_LIST_GOES_ON = regex.compile(r"(?:以及|及|和|与|还有)")
_AFTER_CLAUSE = regex.compile(r"(?:之后|以后|后|时)[，,]$")
_HEADLINE_GAP = regex.compile(r"\p{Han}\s+\p{Han}")
_LEARNT = regex.compile(r"(?:获悉|得知|了解到|获得的消息)")
_WORKED_BEFORE = regex.compile(r"曾(?:经)?(?:在|于|任职于|就职于)|(?:此前|之前|早前)(?:是|为|在|任职于|就职于|供职于)")


@dataclass(slots=True)
class Mention:
    """What the memory knows of one person."""
    orgs: list[tuple[Entity, bool]] = field(default_factory=list)   # (org, former)
    titles: list[Entity] = field(default_factory=list)
    joined: set[str] = field(default_factory=set)                    # roots of orgs joined in this text


class _Doc:
    def __init__(self, ctx: Context, entities: list[Entity], rules: Rules):
        self.ctx, self.rules, self.norm = ctx, rules, ctx.norm
        self.ents = entities
        self._starts: dict[str, list[int]] = {}
        self._mods: tuple[int, list[Entity], list[int]] | None = None   # see _modifiers_range
        # the lexicon's root of each of its organisations, memoised with the lexicon (root_org follows parent links)
        self._roots = word_memo(ctx.lexicon, ctx.segmenter, "events root_org", ctx.lexicon.root_org)
        self.by_type: dict[str, list[Entity]] = {}
        for e in entities:
            self.by_type.setdefault(e.type, []).append(e)
        self.memory: dict[str, Mention] = {}
        self.topic: Entity | None = None
        self.denied = False          # the trigger being handled is denied: its events teach the memory nothing
        self.events: list[Event] = []
        # the article's organisation is counted over the organisations as tagged (not those _specific
        # adds later), when first asked: most articles never ask (see main_org)
        self._tagged_orgs = list(self.by_type.get("org", ()))
        self._main_org_known, self._main_org_value = False, None
        self._names: tuple[list[int], list[int]] | None = None   # see _in_name

    # -- helpers over entities ------------------------------------------------
    def within(self, type_: str, s: int, e: int) -> list[Entity]:
        """Mentions of a type inside [s, e), by bisection over their starts."""
        ents = self.by_type.get(type_, ())
        starts = self._starts.get(type_)
        if starts is None or len(starts) != len(ents):
            starts = self._starts[type_] = [x.start for x in ents]
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        return [x for x in ents[lo:hi] if x.end <= e]

    def _modifiers_range(self, s: int, e: int) -> tuple[list[Entity], int, int]:
        """The organisations and titles in one list by (start, end), kept in that
        order (rebuilt when an organisation is added), and the range of it that
        starts in [s, e): those of the range that end by e are
        sorted(within("org", s, e) + within("title", s, e))."""
        orgs, titles = self.by_type.get("org", ()), self.by_type.get("title", ())
        if self._mods is None or self._mods[0] != len(orgs):
            both = sorted([*orgs, *titles], key=lambda x: (x.start, x.end))
            self._mods = (len(orgs), both, [x.start for x in both])
        _, both, starts = self._mods
        return both, bisect_left(starts, s), bisect_left(starts, e)

    def orgs_within(self, s: int, e: int, units: bool | None = None) -> list[Entity]:
        out = self.within("org", s, e)
        if units is None:
            return out
        return [o for o in out if (_kind(o) == "unit") == units]

    def root(self, org: Entity) -> str:
        name = org.canonical or org.text
        if name in self.ctx.lexicon.orgs:
            return self._roots[name]
        parent = (org.value or {}).get("parent")
        return parent or name

    @property
    def main_org(self) -> Entity | None:
        """The organisation the article is about: the most mentioned company
        (as `_company_counts` counts them) among those tagged."""
        if not self._main_org_known:
            self._main_org_known, self._main_org_value = True, self._main_org()
        return self._main_org_value

    def _main_org(self) -> Entity | None:
        orgs = self._tagged_orgs
        counts = self._company_counts(len(self.norm), orgs)
        if not counts:
            return None
        name, n = counts.most_common(1)[0]
        if n < 2 and len(counts) > 1:
            return None   # no organisation stands out
        return self._first_of(name, orgs)

    def _company_counts(self, before: int, orgs: list[Entity] | None = None) -> Counter:
        """Mentions of each company (by root) that start before `before`, not
        counting units, courts, media and the like, nor a mention as someone's
        former or left employer (前高通副总裁, 从高通离职); of `orgs`, else of
        the organisations known now."""
        return Counter(self.root(o) for o in (self.by_type.get("org", ()) if orgs is None else orgs)
                       if o.start < before and _kind(o) not in ("unit",) + NOT_EMPLOYER
                       and self.norm[max(0, o.start - 1):o.start] not in ("前", "原", "从", "自"))

    def _first_of(self, root: str, orgs: list[Entity] | None = None) -> Entity:
        return next(o for o in (self.by_type["org"] if orgs is None else orgs) if self.root(o) == root)

    def _main(self, pos: int) -> Entity | None:
        """The article's company as the text stands at `pos`: 公司 and 其 point
        back, so when the most mentioned company is first named only after
        pos, it is the most mentioned of those named before (the first of
        them on a tie), and the most mentioned overall when none is."""
        main = self.main_org
        if main is None or main.start < pos:
            return main
        counts = self._company_counts(pos)
        return self._first_of(counts.most_common(1)[0][0]) if counts else main

    # -- memory ---------------------------------------------------------------
    def appositive(self, person: Entity) -> tuple[list[tuple[Entity, bool]], list[Entity]]:
        """Organisations and titles written right before a person:
        零一万物前算法副总裁黄文灏, 面壁智能原核心成员、序智科技创始人秦禹嘉."""
        orgs, titles = [], []
        j = person.start
        both, lo, hi = self._modifiers_range(max(0, j - 60), j)
        former = False
        for k in range(hi - 1, lo - 1, -1):   # the nearest first: by (start, end), from the last
            x = both[k]
            if x.end > j:
                continue   # not before what was read last (or the person)
            gap = self.norm[x.end:j]
            if gap in ("、",) and not orgs and not titles:
                break
            if gap != "、" and (not _GAP_STOP.isdisjoint(gap) or not _GAP.match(gap) or _APPOS_VERB.search(gap)):
                break   # 星河科技宣布方启明正式加入: a verb between, not an appositive
            former = former or any(m in gap for m in FORMER_MARKS)
            if x.type == "org":
                orgs.append((x, former))
            else:
                titles.append(x)
                former = former or any(m in self.norm[max(0, x.start - 2):x.start] for m in ("前", "原"))
            j = x.start
        if orgs and _FORMER_BEFORE.search(self.norm, max(0, j - 3), j):
            orgs = [(o, True) for o, _ in orgs]   # 原腾讯云副总裁宋明远: 原 covers the whole phrase
        main = self._main(j) if (titles or orgs) and self.norm[j - 1:j] == "其" else None
        if main is not None:
            orgs.append((main, False))   # 影溯科技…。其视觉算法负责人费南星
        return orgs, titles

    def remember(self, person: Entity, org: Entity | None = None, former: bool = False,
                 title: Entity | None = None) -> None:
        if self.denied:
            return   # a denied event tells nothing about where anyone works
        m = self.memory.setdefault(person.name, Mention())
        if org is not None and all(o.span != org.span for o, _ in m.orgs):
            m.orgs.append((org, former))
        if title is not None:
            m.titles.append(title)

    def known_org(self, person: Entity, exclude: str | None = None, current: bool | None = None) -> Entity | None:
        m = self.memory.get(person.name)
        if not m:
            return None
        for org, former in reversed(m.orgs):
            if exclude and self.root(org) == exclude:
                continue
            if current is not None and former == current:
                continue
            return org
        return None

    # -- the walk -------------------------------------------------------------
    def run(self) -> list[Event]:
        for sent, people, worded in self._busy_sentences():
            for p in people:
                orgs, titles = self.appositive(p)
                for o, former in orgs:
                    if not _STUDENT.search(self.norm[o.end:p.start]):   # 复旦大学应届博士X
                        self.remember(p, o, former)
                for t in titles:
                    self.remember(p, title=t)
            self._worked_at(sent, people)
            cls = None
            for trig, start in self._triggers(sent) if worded else ():
                if cls is None:
                    cls = clauses(self.norm, sent)
                self._event(trig, start, sent, cls)
            people = [p for p in people if not self._reporter(p)]
            if people:
                self.topic = self._topic(people)
        return _merge(self.events, self)

    def _busy_sentences(self):
        """The sentences the walk has work in, each with its people (as
        `within` gives them) and whether a trigger word begins in it: those
        that hold a person (the memory learns from them: appositives, 曾在, the
        topic) or a trigger word. A sentence with
        neither changes nothing, and most sentences are such; finding them
        takes one bisection per person and one search for a trigger word per
        sentence that holds one, not a call per sentence."""
        sents, norm = self.ctx.sentences, self.norm
        people_of: dict[int, list[Entity]] = {}
        sent_starts = [s.start for s in sents]
        for p in self.by_type.get("person", ()):
            k = bisect_right(sent_starts, p.start) - 1
            if k >= 0 and p.start < sents[k].end and p.end <= sents[k].end:
                people_of.setdefault(k, []).append(p)
        search = self.rules.pattern.search
        hit = -1   # where the first trigger word at or after the sentence's start begins (len(norm): none)
        for k, sent in enumerate(sents):
            if hit < sent.start:
                # unbounded: a word that fits in the sentence is found here too, one
                # that runs past its end only puts `hit` in it (then _triggers finds none)
                m = search(norm, sent.start)
                hit = m.start() if m is not None else len(norm)
            people = people_of.get(k)
            if people is not None or hit < sent.end:
                yield sent, people or [], hit < sent.end

    def _topic(self, people: list[Entity]) -> Entity:
        """Whom a 他 opening the next sentence means: the sentence's first
        person, not one standing as a modifier (韩楚的老上司周立), nor one who
        introduces another (周立介绍了新任首席技术官韩楚: 韩楚)."""
        first = next((p for p in people if self.norm[p.end:p.end + 1] != "的"), people[0])
        later = [p for p in people if p.start > first.end and p.name != first.name]
        if later and _INTRODUCES.search(self.norm, first.end, later[-1].start):
            return later[-1]
        return first

    def _worked_at(self, sent: Span, people: list[Entity]) -> None:
        """P(曾/就/已)在ORG...: where a person worked or works."""
        for p in people:
            end = min(sent.end, p.end + 12)
            if _WORKED_AT_CHARS.isdisjoint(self.norm[p.end:end]):
                continue   # no gap after the person can read 曾在 or 曾任 (most people)
            for o in self.orgs_within(p.end, end):
                gap = self.norm[p.end:o.start]
                if _WORKED_AT.fullmatch(gap):
                    self.remember(p, o, former="曾" in gap or "此前" in gap or "早年" in gap)
                    break

    def _triggers(self, sent: Span):
        """Trigger words in the sentence, longest first at each place. A
        trigger wholly inside a longer token (起诉书, 任命书) is not one."""
        norm, trig, search = self.norm, self.rules.triggers, self.rules.pattern.search
        i = sent.start
        while True:
            m = search(norm, i, sent.end)
            if m is None:
                return
            i = m.start()
            hit = None
            for L in range(min(self.rules.max_trigger, sent.end - i), 1, -1):
                t = trig.get(norm[i:i + L])
                if t is not None and not self._inside_token(i, i + L):
                    hit = t
                    break
            if hit:
                yield hit, i
                i += len(hit.word)
            else:
                i += 1

    def _inside_token(self, s: int, e: int) -> bool:
        tok = self.ctx.token_at(s)
        if tok is None:
            return False
        w, ts, te = tok
        if te == e and w[:s - ts] in MODIFIED_TRIGGER:
            return False   # 引咎辞职, 被迫辞职, 民事诉讼: a word made of a modifier and the trigger is the trigger
        return te >= e and te - ts > e - s and self.ctx.segmenter.is_word(w)

    # -- one trigger ----------------------------------------------------------
    def _event(self, trig: Trigger, start: int, sent: Span, cls: list[Span]) -> None:
        end = start + len(trig.word)
        clause = next((c for c in cls if c.start <= start < c.end), sent)
        if self._in_name(start, end):
            return   # the trigger is inside a name (创立 in 创立科技)
        handler = getattr(self, "_" + trig.type)
        trigger = Entity("trigger", self.ctx.text[start:end], start, end)
        status = self._status(trigger, sent, clause)
        self.denied = status == "denied"
        for ev in handler(trig, trigger, sent, clause, cls) or ():
            ev.status = status
            if "date" not in ev.arguments and "subject" in ev.rule and not self.within("date", clause.start, clause.end):
                prev = next((p for p in reversed(self.events) if p.sentence == ev.sentence and p.first("date")
                             and (p.type != "leave" or ev.type == "leave")   # 上月离职，并将于近期加盟: two moments
                             and p.first("person") is not None and ev.first("person") is not None
                             and p.first("person").name == ev.first("person").name), None)
                if prev is not None:   # 已于2月10日加入，出任芯片设计总监: one moment
                    ev.add("date", prev.first("date"))
            if ev.status == "asserted" and "subject" in ev.rule:
                # 拟加盟蚂蚁集团，出任首席数据官: a clause that shares its subject shares its status
                prev = next((p for p in reversed(self.events) if p.sentence == ev.sentence
                             and p.first("person") is not None and ev.first("person") is not None
                             and p.first("person").name == ev.first("person").name), None)
                if prev is not None and prev.status in ("planned", "reported"):
                    ev.status = prev.status
            if "date" not in ev.arguments:
                ev.add("date", self._date(trigger, sent, clause, cls))
            self.events.append(ev)

    def _in_name(self, start: int, end: int) -> bool:
        """Whether a person or organisation overlaps [start, end): one of those
        starting before `end` reaches past `start` (a bisection and a look-up,
        not a test of every name)."""
        if self._names is None:   # the spans of people and organisations by start, and the furthest end of each prefix
            names = sorted((x.start, x.end) for x in self.ents if x.type in ("person", "org"))
            self._names = [s for s, _ in names], list(accumulate((e for _, e in names), max))
        starts, reach = self._names
        k = bisect_left(starts, end)
        return k > 0 and reach[k - 1] > start

    def _new(self, type_: str, trigger: Entity, sent: Span, rule: str) -> Event:
        return Event(type=type_, trigger=trigger, sentence=(sent.start, sent.end), rule=rule)

    def subjects(self, trigger: Entity, sent: Span, clause: Span) -> tuple[list[Entity], str]:
        """The people doing the action: the coordinated list right before the
        trigger in its clause; else a pronoun there; else the sentence's first
        person before it (a subject left out of a later clause)."""
        before = [p for p in self.within("person", clause.start, trigger.start) if not self._addressee(p)]
        if before:
            group = [before[-1]]
            for p in reversed(before[:-1]):
                gap = self.norm[p.end:group[0].start]
                if any(c in gap for c in COORD) and not self._has_trigger(gap) and len(gap) <= 20:
                    group.insert(0, p)
                else:
                    break
            # 方启明将接替创始人周立出任CEO: the one replaced is no subject; the one before 接替 is
            m = _REPLACES.search(self.norm, max(clause.start, group[0].start - 12), group[0].start)
            if m is not None and len(group) == 1:
                subj = [p for p in self.within("person", clause.start, m.start()) if not self._reporter(p)]
                if subj and self._adverbial(subj[-1].end, m.start()):
                    return subj[-1:], "<person>"
                pro = self._pronoun(clause.start, m.start())
                if pro is not None:
                    return [pro], "<pronoun>"
            # 以顶薪与杜兰特共同加盟 / 携手乔治加盟: the one named with 与…共同 joins with the subject
            # 与前百度高级架构师祁慕言共同创办: the partner's organisation and title may come between
            k = None
            if self.norm.startswith("携手", group[0].start - 2):
                k = group[0].start - 2
            elif _TOGETHER.match(self.norm, group[-1].end, trigger.start) or \
                    trigger.text.startswith(("共同", "联合", "一起", "一同", "联手")):   # 与X联合创办
                k = self._with_at(group[0].start, clause.start)
            if k is not None:
                lead = [p for p in self.within("person", sent.start, k) if not self._reporter(p)]
                if lead and not any(lead[-1].span == g.span for g in group):
                    return [lead[-1]] + group, "<person> 与 <person>"
            # 公孙奕、邝启明，以及宓晨曦等人已陆续入职: a list that runs over clauses
            c_start = clause.start
            while _LIST_GOES_ON.match(self.norm[c_start:group[0].start]):
                prev = [c for c in self.ctx.sentences if c.start <= c_start - 1 < c.end]
                if not prev or c_start - 1 < sent.start:
                    break
                k = max(self.norm.rfind(ch, sent.start, c_start - 1) for ch in "，,:：;；") + 1
                k = max(k, sent.start)
                more = self.within("person", k, c_start)
                if not more:
                    break
                group = more + group
                c_start = k
            return group, "<person>"
        pro = self._pronoun(clause.start, trigger.start)
        if pro is not None:
            return [pro], "<pronoun>"
        if _BY_AGENT.search(self.norm, clause.start, trigger.start):
            return [], ""   # 则由…接任: the one named after 由 acts, and no tagger found a name there
        if _PEOPLE_NOUN.search(self.norm, clause.start, trigger.start):
            return [], ""   # 欢迎更多年轻人加入初序: people in general, not the sentence's speaker
        # a subject left out: the person of the last event in this sentence, else
        # the first person named in it who is not a reporter (（记者 陈可）)
        last = next((e.first("person") for e in reversed(self.events)
                     if e.sentence == (sent.start, sent.end) and e.first("person") is not None), None)
        if last is not None:
            return [last], "<subject>"
        earlier = [p for p in self.within("person", sent.start, clause.start) if not self._reporter(p)]
        if earlier:
            return [earlier[0]], "<subject>"
        pro = self._pronoun(sent.start, clause.start)
        if pro is not None:      # 这位…已于10月底入职，担任…
            return [pro], "<pronoun subject>"
        # 2021年辞去阿里职务后，他创办了…: the subject opens the next clause
        if _AFTER_CLAUSE.search(self.norm[trigger.end:clause.end]):
            nxt = self.norm[clause.end:clause.end + 3]
            later = self.within("person", clause.end, clause.end + 4)
            if later and nxt[:1] not in "他她其":
                return later[:1], "<subject after>"
            pro = self._pronoun(clause.end, clause.end + 1) if nxt[:1] in "他她其" else None
            if pro is not None:
                return [pro], "<pronoun after>"
        return [], ""

    def _addressee(self, p: Entity) -> bool:
        """向总统米歇尔·奥恩递交辞呈 / 向特朗普辞职: the one addressed, with the
        posts and organisations written before the name, is no subject."""
        k = p.start
        for x in reversed(self.within("title", max(0, k - 16), k) + self.within("org", max(0, k - 16), k)):
            if x.end == k:
                k = x.start
        return self.norm[k - 1:k] in ("向", "给")

    def _pronoun(self, s: int, e: int) -> Entity | None:
        seg = self.norm[s:e]
        for pr in PRONOUNS:
            k = seg.rfind(pr)
            if k >= 0 and not seg[k:].startswith(("他们", "她们", "其他", "其中", "其实", "其余", "其它", "他人")):
                ante = self._antecedent(s + k)
                if ante is not None:
                    return Entity("person", self.ctx.text[ante.start:ante.end], ante.start, ante.end,
                                  canonical=ante.canonical, rule=f"pronoun {pr} → {ante.text}")
        return None

    def _antecedent(self, pos: int) -> Entity | None:
        """The subject of the sentence holding `pos` if it comes before it,
        else the topic person of the sentences before."""
        sent = next((s for s in self.ctx.sentences if s.start <= pos < s.end), None)
        if sent is not None:
            before = self.within("person", sent.start, pos)
            # the latest person not standing as a modifier (周畅曾经的领导)
            before = [p for p in before if not self._reporter(p)]
            for p in reversed(before):
                if "的" not in self.norm[p.end:min(pos, p.end + 4)]:
                    return p
            if before:
                return before[0]
        return self.topic

    def _with_at(self, start: int, lo: int) -> int | None:
        """Where the 与/和/跟/同/携手 before a person who starts at `start`
        begins, past the person's organisations, titles and 前/原 (与前百度高级
        架构师祁慕言), not before `lo`; None when there is none."""
        pos = start
        for _ in range(5):
            m = _WITH.search(self.norm, max(lo, pos - 2), pos)
            if m is not None:
                return m.start()
            mods = [x for x in self.within("org", lo, pos) + self.within("title", lo, pos) if x.end == pos]
            if mods:
                pos = min(x.start for x in mods)
            elif self.norm[pos - 1:pos] in ("前", "原", "的") and pos - 1 >= lo:
                pos -= 1
            else:
                return None
        return None

    def _reporter(self, p: Entity) -> bool:
        """（记者 陈可）, 【記者巫佩蓉／新竹報導】: the byline, not a person in the story."""
        lo = max(0, p.start - 5)
        if _BYLINE_LAST.isdisjoint(self.norm[lo:p.start]):
            return False   # no byline word ends in reach (most people)
        return _BYLINE.search(self.norm, lo, p.start) is not None

    def _has_trigger(self, s: str) -> bool:
        return any(w in s for w in ("表示", "称", "说", "告诉")) or self.rules.pattern.search(s) is not None

    def _first_after(self, type_: str, pos: int, end: int, gap_max: int = 12) -> Entity | None:
        for x in self.by_type.get(type_, ()):
            if x.start >= pos and x.end <= end:
                return x if x.start - pos <= gap_max else None
        return None

    def _date(self, trigger: Entity, sent: Span, clause: Span, cls: list[Span]) -> Entity | None:
        """The date nearest the trigger in its clause, else in the nearest
        earlier clause of the sentence that holds no other trigger, else the
        date that opens a list of announcements (1月7日，X宣布：…；…；…)."""
        d = self._date_in_sentence(trigger, sent, clause, cls)
        if d is not None:
            return d
        item = sent
        for _ in range(4):
            if not self._continues(item):
                return None
            item = self._previous(item)
            opener = [x for x in self.within("date", item.start, item.end)
                      if "：" in self.norm[x.end:item.end] or ":" in self.norm[x.end:item.end]]
            if opener:
                return opener[0]
        return None

    def _date_in_sentence(self, trigger: Entity, sent: Span, clause: Span, cls: list[Span]) -> Entity | None:
        in_clause = self.within("date", clause.start, clause.end)
        # a headline's parts are set apart by spaces: 徐国飞辞职 公司去年净利同比增长
        in_clause = [d for d in in_clause if not (d.start >= trigger.end and d.start - trigger.end > 2
                                                   and _HEADLINE_GAP.search(self.norm[trigger.end - 1:d.start]))]
        in_clause = [d for d in in_clause if not self._report_date(d)]
        if in_clause:
            return min(in_clause, key=lambda d: abs(d.start - trigger.start))
        # 已辞任公司执行董事，自2019年6月1日起生效: the date it takes effect, in the clause after
        nxt = next((c for c in cls if c.start >= clause.end), None)
        if nxt is not None:
            ds = self.within("date", nxt.start, nxt.end)
            if ds and _TAKES_EFFECT.fullmatch(self.norm, nxt.start, ds[0].start) is not None \
                    and _TAKES_EFFECT_AFTER.match(self.norm, ds[0].end):
                return ds[0]
        for c in reversed([c for c in cls if c.end <= clause.start]):
            ds = [d for d in self.within("date", c.start, c.end) if not self._report_date(d)]
            if ds:
                text = self.norm[c.start:c.end]
                if self.rules.pattern.search(text):
                    return None
                return ds[-1]
        return None

    def _news_source(self, x: Entity) -> bool:
        """据新京报报道 / 澎湃新闻记者获悉: a medium that reports, not a party."""
        return self.norm[max(0, x.start - 1):x.start] in ("据", "从") or \
            _SOURCE_AFTER.match(self.norm, x.end) is not None

    def _report_date(self, d: Entity) -> bool:
        """The date of the report, not of the event: a dateline (新华社6月11日电,
        北京时间5月3日消息, 本报7日讯) or the day a reporter learnt it (记者12日获悉)."""
        return _REPORT_AFTER.match(self.norm, d.end) is not None or self.norm.endswith("记者", 0, d.start)

    def _status(self, trigger: Entity, sent: Span, clause: Span) -> str:
        norm, r = self.norm, self.rules
        if norm[trigger.start - 1:trigger.start] in ("新", "刚") and norm.startswith("的", trigger.end):
            return "asserted"   # 将调往新成立的…事业部: what is new already exists; 将 is the move's
        before = _JIANG_WORD.sub("", norm[clause.start:trigger.start])   # 4名潜力小将正式加盟: 小将 is no plan
        if trigger.text in BA_TRIGGERS or _BA_AFTER.match(norm, trigger.end):
            before = _BA_JIANG.sub("", before)   # 星河科技将前员工告上法庭: 将 marks the one sued, not a plan
        for p in self.within("person", clause.start, trigger.start):
            if _WITH.search(norm, clause.start, p.start):   # 将携手郦文博加盟: 将 stays next to its verb
                before = before.replace(norm[p.start:p.end], "")
        near = before[-4:]
        whole = norm[sent.start:sent.end]
        cue = r.cue_in
        if cue(near, "denied", "adjacent") or cue(whole, "denied", "sentence") or cue(before, "denied", "before"):
            return "denied"
        if cue(near, "planned", "adjacent") or cue(before, "planned", "before"):
            return "planned"
        if cue(whole, "reported", "sentence") or cue(near, "reported", "adjacent"):
            return "reported"
        return "asserted"

    def _from_org(self, person: Entity, clause: Span, sent: Span, trigger: Entity, target: str | None) -> Entity | None:
        """Where the person came from: 从X in the clause, an appositive
        organisation, 曾在X in the sentence, or the memory."""
        o = self._from_org_mention(person, clause, sent, trigger, target)
        return self._specific(o) if o is not None else None

    def _from_org_mention(self, person: Entity, clause: Span, sent: Span, trigger: Entity,
                          target: str | None) -> Entity | None:
        for o in self.orgs_within(clause.start, trigger.start):
            if self.norm[max(clause.start, o.start - 1):o.start] == "从" and self.root(o) != target:
                return o
        if (person.rule or "").startswith("pronoun"):
            # the person is named elsewhere: 这位OpenAI前研究员已于10月底入职
            for o in self.orgs_within(clause.start, trigger.start):
                if self.norm[o.end:o.end + 1] in ("前", "原") and self.root(o) != target:
                    return o
        orgs, _ = self.appositive(person)
        for o, _former in orgs:
            if self.root(o) != target and not _STUDENT2.search(self.norm[o.end:person.start]):
                return o
        m = _WORKED_BEFORE.search(self.norm[sent.start:sent.end])
        if m:
            o = self._first_after("org", sent.start + m.end(), sent.end, 2)
            if o is not None and self.root(o) != target:
                return o
        return self.known_org(person, exclude=target)

    def _sentence_org(self, sent: Span, before: int, exclude: str | None = None) -> Entity | None:
        """The company a sentence is about: the first one named in it
        before `before` (its subject: 听澜智能宣布，…加入公司)."""
        orgs = self.orgs_within(sent.start, before)
        for k, o in enumerate(orgs):
            source = _LEARNT.match(self.norm[o.end:o.end + 5])   # 记者从X获悉
            if _kind(o) not in NOT_EMPLOYER and (exclude is None or self.root(o) != exclude) \
                    and (self.norm[max(sent.start, o.start - 1):o.start] not in ("从", "自") or source) \
                    and not self._modifies_org(o, orgs[k + 1:]):
                return self._specific(o)
        return None

    def _modifies_org(self, o: Entity, later: list[Entity]) -> bool:
        """o stands in a phrase that modifies a later organisation of its
        clause (前微软亚洲研究院副院长周明创立的澜舟科技宣布): that one is the subject."""
        for o2 in later:
            gap = self.norm[o.end:o2.start]
            if any(c in gap for c in "，,。;；:：“”\"") or len(gap) > 20:
                return False
            if self.norm[o2.start - 1:o2.start] == "的" and _kind(o2) not in NOT_EMPLOYER:
                return True
        return False

    def _implicit_org(self, trigger: Entity, sent: Span, clause: Span, exclude: str | None = None) -> Entity | None:
        """加入公司 / 加入该公司 / 已于2月10日加入，…: the organisation is the
        sentence's company, else the article's main one."""
        after = self.norm[trigger.end:clause.end]
        after = after[1:] if after.startswith("了") else after
        if not (after.startswith(COREF_ORG) or not after or after[0] in "，,。;；!！?？"):
            return None
        org = self._sentence_org(sent, trigger.start, exclude)
        if org is None:
            main = self._main(trigger.start)
            org = main if main is not None and self.root(main) != exclude else None
        return org or self._previous_org(sent, exclude)

    def _previous_org(self, sent: Span, exclude: str | None = None, person: Entity | None = None) -> Entity | None:
        """The company the sentence before is about, for a move told without
        one (澜起微电子迎来一位重量级人物。前…宋明远已正式加盟): its first
        employer named, not a source (从X获悉), not a former one of the person."""
        prev = self._previous(sent)
        if prev is None or sent.start - prev.end > 2:
            return None
        old = {self.root(o) for o, _ in self.memory[person.name].orgs} if person is not None \
            and person.name in self.memory else set()
        for o in self.orgs_within(prev.start, prev.end):
            if _kind(o) in NOT_EMPLOYER + ("unit",) or self.norm[max(prev.start, o.start - 1):o.start] in ("从", "自"):
                continue
            r = self.root(o)
            if r == exclude or r in old:
                continue
            return self._specific(o)
        return None

    def _group(self, clause: Span, trigger: Entity) -> list[Entity]:
        """三人/两位 before a trigger: the last people named before it."""
        m = None
        for m in _GROUP.finditer(self.norm, clause.start, trigger.start):
            pass
        if m is None:
            return []
        n = {"两": 2, "二": 2, "俩": 2, "三": 3, "四": 4, "五": 5}[m.group("n")]
        seen: list[Entity] = []
        for p in reversed(self.within("person", 0, m.start())):
            if all(q.name != p.name for q in seen):
                seen.insert(0, p)
            if len(seen) == n:
                return seen
        return []

    def _agent_org(self, agent: Entity | None) -> Entity | None:
        if agent is None:
            return None
        if agent.type == "org":
            return agent
        return self.known_org(agent) or None

    # -- per type ---------------------------------------------------------------
    def _join(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        org = agent = None
        rule = ""
        if trig.word in TRADE_GET:
            # 太阳队送出了梅尔顿…，得到了老将科沃尔: a trade gets players only where it also gives some away
            give = None
            for give in _TRADE_GIVE.finditer(self.norm, sent.start, sent.end):
                break
            people = [p for p in self.within("person", trigger.end, clause.end)
                      if _TRADE_GAP.fullmatch(self.norm, trigger.end, p.start)
                      or self.norm[p.start - 1:p.start] in ("、", "和", "与", "及")]
            if give is None or not people:
                return
            org = next((o for o in reversed(self.orgs_within(max(sent.start, give.start() - 12), give.start()))
                        if _kind(o) not in NOT_EMPLOYER), None)
            if org is None:
                c = next((c for c in cls if c.start <= give.start() < c.end), clause)
                org = self._opening_org(c, Entity("t", "", give.start(), give.start()))
            org = org or self._sentence_org(sent, trigger.start)
            org = org or self._team_opening(sent, give.start())
            if org is None:
                return
            for p in people:
                ev = self._new("join", trigger, sent, "<org> 送出…%s <person>" % trig.word)
                ev.add("person", p)
                ev.add("org", org)
                self.remember(p, org)
                yield ev
            return
        if trig.word == "一员":
            yield from self._member(trigger, sent, clause)
            return
        if trig.form == "agent":
            people = self.within("person", trigger.end, clause.end)
            if not people and self.norm[clause.end - 1:clause.end] in ("：", ":"):
                people = self.within("person", trigger.end, sent.end)[:3]   # 签下了三条大鱼：A和B
            if trig.word in SIGN_CONTRACT or (not people and trig.word in ("签约", "签下")):
                yield from self._sign_with(trig, trigger, sent, clause)
                return
            subj, _ = self.subjects(trigger, sent, clause)
            ag_org = [o for o in self.orgs_within(clause.start, trigger.start)
                      if norm[max(0, o.start - 1):o.start] != "从"]
            agent = ag_org[-1] if ag_org else (subj[0] if subj else None)
            org = self._agent_org(agent) or self._sentence_org(sent, trigger.start) or self._main(trigger.start)
            if org is not None and people and org is not agent \
                    and any(self.root(o) == self.root(org) for o, _ in self.appositive(people[0])[0]):
                org = None   # 球队已经签下了前NBA后卫X: where X came from is not who signed him
            if org is None and people and not subj:
                org = self._opening_org(clause, trigger) or self._team_opening(sent, trigger.start)   # 灰熊已经签下了布坎南
            if org is None and people:
                org = self._team_opening(sent, trigger.start)   # 山东西王男篮今天官方宣布，球队已经正式签下了…
            rule = "<agent> %s <person>" % trig.word
        elif trig.form == "passive":
            k = norm.rfind("被", clause.start, trigger.start)
            if k < 0:
                return
            people = self.within("person", clause.start, k) or self.subjects(trigger, sent, clause)[0]
            between = [o for o in self.orgs_within(k, trigger.start)
                       if norm[max(0, o.start - 1):o.start] not in ("从", "自")]   # 被腾讯从网易挖走
            org = between[0] if between else None
            rule = "<person> 被 <org> %s" % trig.word
        else:
            people, how = self.subjects(trigger, sent, clause)
            org = self._object_org(trigger, clause)
            if org is not None and trig.word in WEAK_JOIN and _kind(org) in ("government", "court") + NOT_EMPLOYER:
                return   # 进入立法会会议厅: a building, a chamber, not an employer
            if org is not None and _league(org):
                # 加盟CBA / 重返NBA: a league is where a club plays, not whom one works for; the club
                # named in the sentence is (北京男篮…，林书豪也…加盟CBA), else the league stands
                if trig.word in WEAK_JOIN + ("重返", "回归"):
                    return
                org = next((o for o in self.orgs_within(sent.start, trigger.start)
                            if _kind(o) not in NOT_EMPLOYER and not _league(o)), org)
            if org is None and trig.word in NAMED_OBJECT:
                org = self._name_after(trigger, clause)
            if org is not None and trig.word in NAMED_OBJECT \
                    and (how != "<person>" or not self._adverbial(people[-1].end, trigger.start)):
                # 刚刚加盟火箭的威少 / 他谈到了加盟火箭的威少: the one joining follows the relative clause
                if self.norm[org.end:org.end + 1] == "的" or self.norm[org.end:org.end + 2] in ("队的",):
                    nxt = self._person_after_de(org.end + self.norm[org.end:org.end + 2].index("的") + 1, clause, 8)
                    if nxt is not None:
                        people, how = [nxt], "<org>的<person>"
            if not people and trig.word in ("加入", "加盟") and org is None:
                # 湖人方面加入了浓眉 / 他们新加入了拉塞尔: a team takes on a player
                nxt = self._first_after("person", trigger.end, clause.end, 8)
                gap = self.norm[trigger.end:nxt.start] if nxt is not None else ""
                for t in self.within("title", trigger.end, nxt.start) if nxt is not None else ():
                    gap = gap.replace(t.text, "")
                team = [o for o in self.orgs_within(clause.start, trigger.start) if _kind(o) not in NOT_EMPLOYER]
                if nxt is not None and gap in ("", "了") and team and not _league(team[-1]) \
                        and self.norm[nxt.end:nxt.end + 1] != "的":   # 腾讯加入了王立新的团队: not him
                    people, how, org = [nxt], "<org>", team[-1]
            if not people and trig.word in NAMED_OBJECT:
                bare = self._titled_name(trigger, clause) or self._bare_subject(trigger, clause)
                if bare is not None:
                    people, how = [bare], "<name>"
            if not people:
                # 加入X的人才包括A、B: the people come after the trigger
                k = norm.find("包括", trigger.end, sent.end)
                if k >= 0:
                    people = self.within("person", k, sent.end)
                    how = "<org> ... 包括 <person>"
            if org is None:
                inv = [w for w in self.rules.cue_words("invite") if w in norm[clause.start:trigger.start]]
                if inv:
                    subj = self.within("person", sent.start, clause.start)
                    inviter = subj[0] if subj else None
                    org = self._agent_org(inviter) or self._main(trigger.start)
                    how = f"{inv[0]} <person> {trig.word}"
            back = norm[trigger.end:clause.end].lstrip("了")
            if org is None and trig.word in ("回归", "重返") and people \
                    and (not back or back.startswith(("老东家", "东家", "母公司", "原公司") + COREF_ORG)):
                # 回归老东家 / 宣布回归: the company the person was at; not 回归学术界, 重返校园
                org = self.known_org(people[0], current=False) or self.known_org(people[0])
            if org is None and people and trig.word not in WEAK_JOIN:
                frm = self._from_org(people[0], clause, sent, trigger, None)
                org = self._implicit_org(trigger, sent, clause, self.root(frm) if frm is not None else None)
            rule = f"<org> {trig.word} <person>" if how == "<org>" else f"{how or '<person>'} {trig.word} <org>"
        if org is None or not people:
            return
        target = self.root(org)
        for p in people:
            ev = self._new("join", trigger, sent, rule)
            ev.add("person", p)
            ev.add("org", org)
            ev.add("from_org", self._from_org(p, clause, sent, trigger, target))
            ev.add("title", self._join_title(p, trigger, clause))
            if len(people) == 1:
                self._pay(ev, sent, trigger)
            self.remember(p, org, former=False)
            if p.name in self.memory and not self.denied:
                self.memory[p.name].joined.add(target)
            yield ev

    def _member(self, trigger: Entity, sent: Span, clause: Span):
        """仉志远正式成为湖人队的一员: 成为 <org> 的一员 is a join."""
        m = _BECOMES_MEMBER.search(self.norm, clause.start, trigger.start)
        if m is None or _WISH.search(self.norm, max(clause.start, m.start() - 4), m.start()):
            return   # 希望成为腾讯的一员: a wish
        org = next((o for o in self.orgs_within(m.end(), trigger.start)
                    if self.norm[o.end:trigger.start] in ("的", "的正式")), None)
        if org is None or _kind(org) in NOT_EMPLOYER or _league(org):
            return
        people, how = self.subjects(Entity("trigger", "成为", m.start(), m.end()), sent, clause)
        for p in people:
            ev = self._new("join", trigger, sent, f"{how or '<person>'} 成为 <org> 的一员")
            ev.add("person", p)
            ev.add("org", org)
            self.remember(p, org, former=False)
            yield ev

    def _person_after_de(self, k: int, clause: Span, gap: int) -> Entity | None:
        """The person a relative clause ending in 的 at k-1 describes, with at
        most `gap` characters of modifiers between (加盟火箭的巴西前锋X)."""
        return next((p for p in self.within("person", k, min(clause.end, k + gap + 4))
                     if _modifiers(gap).fullmatch(self.norm[k:p.start])), None)

    def _previous(self, sent: Span) -> Span | None:
        return next((s for s in reversed(self.ctx.sentences) if s.end <= sent.start), None)

    def _continues(self, sent: Span) -> bool:
        """The sentence is an item of a list begun before it (…：A；B；C)."""
        prev = self._previous(sent)
        return prev is not None and self.norm[prev.end - 1:prev.end] in ";；"

    def _specific(self, o: Entity) -> Entity:
        """自动驾驶公司无界动力 / 具身智能公司踏浪机器人: a category written before
        a name yields to the name, tagged or not."""
        if not o.text.endswith(CATEGORY_ENDINGS) or o.text.endswith(("有限公司", "股份公司", "集团公司", "责任公司")):
            return o   # 澄江新材料股份有限公司董事会: a full legal name is no category
        nxt = next((x for x in self.by_type.get("org", ()) if x.start == o.end), None)
        if nxt is not None:
            return nxt
        m = _NAME_AFTER.match(self.norm, o.end)
        nxt_title = next((x for x in self.ents if x.type in ("title", "person") and o.end + 2 <= x.start <= o.end + 6), None)
        if nxt_title is not None and _NAME_BEFORE_TITLE.fullmatch(self.norm[o.end:nxt_title.start]):
            s0, e0 = o.end, nxt_title.start     # AI Infra创业公司矩阵方舟联合创始人…
        elif m is None or self.ctx.segmenter.is_word(m.group("name")) or any(
                x.start < m.end("name") and o.end < x.end for x in self.ents if x.type in ("person", "date", "title")):
            return o
        else:
            s0, e0 = m.span("name")
        if self.ctx.segmenter.is_word(self.norm[s0:e0]):
            return o
        named = Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=self.norm[s0:e0], value={"kind": "company"},
                       rule="<category>公司 + <name>")
        self.by_type.setdefault("org", []).append(named)
        self.by_type["org"].sort(key=lambda x: x.start)
        return named

    def _object_org(self, trigger: Entity, clause: Span) -> Entity | None:
        o = self._first_after("org", trigger.end, clause.end, 4)
        if o is None:
            # 跳槽到了做AI搜索的创业公司北辰问道: a modifier ending in 的 before the org
            o = self._first_after("org", trigger.end, clause.end, 16)
            if o is not None and not _CLAUSE_OF_DE.fullmatch(self.norm[trigger.end:o.start]):
                o = None
        if o is None:
            # 加入一家专注于AI应用的早期基金——启明星资本: a description, a dash, the name
            o = self._first_after("org", trigger.end, clause.end, 26)
            if o is not None and not _DESCRIBED_THEN_NAMED.fullmatch(self.norm, trigger.end, o.start):
                o = None
        if o is not None:
            return self._specific(o)
        # an unknown name right after the trigger: 加盟澜舟 / 创办了星衡
        m = _LATIN_AFTER_TRIGGER.match(self.norm[trigger.end:clause.end])
        if m:
            s = trigger.end + m.start("name")
            return Entity("org", self.ctx.text[s:s + len(m.group("name"))], s, s + len(m.group("name")),
                          canonical=m.group("name"), value={"kind": "company"}, rule="name after trigger")
        return None

    def _sign_with(self, trig, trigger: Entity, sent: Span, clause: Span):
        """霍华德已经和湖人签约 / 国王队正式宣布和球员皮内罗签约: A 与/和 B 签约,
        one side a person, the other an organisation (named, or a rare word)."""
        if trig.word != "签约":
            # 与湖人签下一份两年合同 / 与球队签订了工作合同 / 与快船达成三年协议: only a contract of one's own
            c = (_DEAL_AFTER if trig.word == "达成" else _CONTRACT_AFTER).match(self.norm, trigger.end, clause.end)
            if c is None or "合作" in c.group(0):
                return
        m = _SIGN_WITH.fullmatch(self.norm, clause.start, trigger.start)
        if m is None:
            if trig.word == "签约":
                yield from self._sign_org(trigger, sent, clause)
            return
        a0, a1 = m.span("a")
        b0, b1 = m.span("b")
        pa = [p for p in self.within("person", a0, a1) if p.end == a1 or self._adverbial(p.end, a1)]
        pb = [p for p in self.within("person", b0, b1) if p.end == b1]
        if pa and not pb:
            person, org = pa[-1], self._party_org(b0, b1)
            if org is None and self.norm[b0:b1] in COREF_ORG:   # 已经和球队签约: the club named before
                org = self._sentence_org(sent, a0) or self._main(a0)
        elif pb and not pa:
            person = pb[-1]
            orgs = [o for o in self.orgs_within(a0, a1) if _kind(o) not in NOT_EMPLOYER]
            org = orgs[-1] if orgs else self._party_org(a0, a1)
            if org is None and self.norm[a0:a1] in COREF_ORG + ("他们",):   # 球队已与后卫X签下…合同
                org = self._sentence_org(sent, a0) or self._team_opening(sent, a0) or self._main(a0)
        else:
            return
        if org is None:
            return
        ev = self._new("join", trigger, sent, "<person> 与 <org> %s" % trig.word)
        ev.add("person", person)
        ev.add("org", org)
        self.remember(person, org, former=False)
        yield ev

    def _sign_org(self, trigger: Entity, sent: Span, clause: Span):
        """林书豪正式签约首钢 / 演员X签约某经纪公司: a person signs with the
        organisation written right after 签约."""
        before = [p for p in self.within("person", clause.start, trigger.start) if self._adverbial(p.end, trigger.start)]
        if not before:
            return
        org = self._first_after("org", trigger.end, clause.end, 1)
        if org is None:
            m = _SIGNED_NAME.match(self.norm, trigger.end, clause.end)
            org = self._party_org(*m.span("name")) if m else None
        if org is None or _kind(org) in NOT_EMPLOYER:
            return
        person = before[-1]
        ev = self._new("join", trigger, sent, "<person> 签约 <org>")
        ev.add("person", person)
        ev.add("org", org)
        self.remember(person, org, former=False)
        yield ev

    def _taken(self, s: int, e: int) -> bool:
        """Some mention already covers part of [s, e)."""
        return any(x.start < e and s < x.end for x in self.ents)

    def _party_org(self, s: int, e: int) -> Entity | None:
        """The organisation written in [s, e): a tagged one, else the whole run
        if it may be a name (湖人, 灰狼)."""
        orgs = [o for o in self.orgs_within(s, e) if _kind(o) not in NOT_EMPLOYER]
        if orgs:
            return orgs[-1]
        name, seg = self.norm[s:e], self.ctx.segmenter
        if not 2 <= len(name) <= 8 or self._taken(s, e) or _generic(name) or name[0] in _NOT_NAME_START \
                or (seg.is_word(name) and (seg.freq(name) >= 1000 or seg.tag(name) in PLACE_OR_PERSON)):
            return None
        return Entity("org", self.ctx.text[s:e], s, e, canonical=name, value={"kind": "company"}, rule="与<org>签约")

    def _opening_org(self, clause: Span, trigger: Entity) -> Entity | None:
        """灰熊已经签下了… / 山东官宣签下…: the name that opens the clause of an
        agent trigger (签下, 引进) is the organisation signing, known or not."""
        m = _AGENT_OPENING.fullmatch(self.norm, clause.start, trigger.start)
        if m is None:
            return None
        span = _clean_org(self.ctx, m.start("name"), m.end("name"), [(x.start, x.end) for x in self.ents], True)
        if span is None:
            # clubs named with an everyday word (灰狼, 快船): a word of the dictionary that is not frequent,
            # not a place or a person, and not a generic noun (球队, 我们)
            name, seg = m.group("name"), self.ctx.segmenter
            s0, e0 = m.span("name")
            if self._team_word(name, e0):
                pass   # 太阳队送出… / 火箭签下… where the article writes 火箭队 or 休斯敦火箭 elsewhere
            elif not seg.is_word(name) or seg.freq(name) >= 1000 or seg.tag(name) in PLACE_OR_PERSON \
                    or _generic(name) or self._taken(s0, e0):
                return None
            span = (s0, e0)
        s0, e0 = span
        return Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=self.norm[s0:e0], value={"kind": "company"},
                      rule="<org> " + trigger.text)

    def _team_opening(self, sent: Span, end: int) -> Entity | None:
        """青岚队本周完成了一笔交易，送出了… / 海鸥队本周在自由市场上签下了…: a
        team written with 队 opening the sentence (or its second clause)."""
        m = _TEAM_OPENING.match(self.norm, sent.start, end)
        if m is None or (m.group("suf") == "队" and not self._team_word(m.group("name"), m.end("name"))) \
                or m.group("name")[0] in _NOT_NAME_START or m.group("name") in GENERIC_OBJECT \
                or any(x.start < m.end("name") and m.start("name") < x.end for x in self.within("person", sent.start, end)):
            # 海鸥官方今日宣布，他们已经签下了…: the club that announces it
            m = _ANNOUNCER.match(self.norm, sent.start, end)
            if m is None:
                return None
            name, seg = m.group("name"), self.ctx.segmenter
            s0, e0 = m.span("name")
            if name[0] in _NOT_NAME_START or _generic(name) or name in ("官方", "记者", "媒体", "消息") \
                    or self._taken(s0, e0) \
                    or not (self._team_word(name, e0) or (seg.freq(name) < 1000 and seg.tag(name) not in PLACE_OR_PERSON)):
                return None
            return Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=self.norm[s0:e0],
                          value={"kind": "company"}, rule="<team> 宣布")
        s0, e0 = m.start("name"), m.end("suf")
        return Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=self.norm[s0:e0],
                      value={"kind": "company"}, rule="<team>队")

    def _team_word(self, name: str, end: int) -> bool:
        """An everyday word used as a club's name: written with 队 here or
        elsewhere in the article (太阳队), or ending a tagged club (菲尼克斯太阳)."""
        if len(name) < 2 or _generic(name) or name[0] in _NOT_NAME_START:
            return False
        if self.norm[end:end + 1] == "队" or (name + "队") in self.norm:
            return True
        return any(o.text.endswith(name) and len(o.text) > len(name) for o in self.by_type.get("org", ()))

    def _bare_subject(self, trigger: Entity, clause: Span, start: int | None = None) -> Entity | None:
        """安部裕葵加盟巴萨 / 考辛斯以白菜价加盟勇士: a name no tagger knows,
        opening the clause right before a trigger whose subject can only be a
        person (transcribed foreign names, nicknames)."""
        start = clause.start if start is None else start
        if trigger.start - start > 24:
            return None
        m = _BARE_SUBJECT.fullmatch(self.norm, start, trigger.start)
        if m is None:
            return None
        s0, e0 = m.span("name")
        name = m.group("name")
        if any(x.start < e0 and s0 < x.end for x in self.ents if x.type in ("org", "title", "date", "person", "quantity")) \
                or self.norm[trigger.end:trigger.end + 1] == "的" or name[0] in _NOT_NAME_START or name[0] in "向":
            return None   # 由新近加盟的…: the one joining comes after
        seg = self.ctx.segmenter
        if name in GENERIC_OBJECT or name.startswith(GENERIC_OBJECT_START) or seg.is_word(name) \
                or any(seg.is_word(name[:k]) and seg.freq(name[:k]) >= 500 for k in range(2, len(name))) \
                or any(seg.is_word(name[k:]) and seg.freq(name[k:]) >= 500 for k in range(1, len(name) - 1)) \
                or name[0] in _BARE_NOT_FIRST or name[-1] in _BARE_NOT_LAST:
            return None   # 球队加盟 / 他们加盟 / 气得当场辞职 / 为爱辞职: common words, not a name
        return Entity("person", self.ctx.text[s0:e0], s0, e0, canonical=name, rule="<name> " + trigger.text)

    def _titled_name(self, trigger: Entity, clause: Span) -> Entity | None:
        """副总经理向庆辞职 / 门将内托正式加盟球队: a name no tagger knows between a
        post and the trigger (a post is followed by the name of its holder)."""
        titles = self.within("title", clause.start, trigger.start)
        if not titles:
            return None
        t = titles[-1]
        m = None
        for cand in (_TITLED_NAME, _TITLED_NAME2):   # 内托正式加盟: the shorter name when the longer leaves no adverbial
            m = cand.match(self.norm, t.end, trigger.start)
            if m is not None and self._adverbial(m.end("name"), trigger.start) and not self._cuts_word(m.end("name")):
                break
            m = None
        if m is None:
            return None
        s0, e0 = m.span("name")
        name = m.group("name")
        seg = self.ctx.segmenter
        if any(x.start < e0 and s0 < x.end for x in self.ents if x.type in ("org", "title", "date", "person", "quantity")) \
                or name in GENERIC_OBJECT or name.startswith(GENERIC_OBJECT_START) or seg.freq(name) >= 500 \
                or name[0] in _NOT_NAME_START:
            return None
        return Entity("person", self.ctx.text[s0:e0], s0, e0, canonical=name, rule="<title> <name> " + trigger.text)

    def _cuts_word(self, k: int) -> bool:
        """k falls inside a dictionary word (向董|事会: not the end of a name)."""
        tok = self.ctx.token_at(k)
        return tok is not None and tok[1] < k and self.ctx.segmenter.is_word(tok[0])

    def _name_after(self, trigger: Entity, clause: Span) -> Entity | None:
        """加盟火箭 / 租借加盟国米成定局 / 加盟天津女排: after a trigger whose
        object can only be an organisation, the name it is written with, up to
        punctuation or a function word, even if no dictionary knows it (clubs
        are often everyday words)."""
        if self.norm[trigger.start - 1:trigger.start] == "的":
            return None   # C罗的加盟也引起了关注: a noun, not a verb with an object
        m = _OBJECT_NAME.match(self.norm, trigger.end, clause.end)
        if m is None:
            return None
        name = m.group("name")
        if name in GENERIC_OBJECT or name.startswith(GENERIC_OBJECT_START) or \
                (len(name) < 2) or any(x.start < m.end("name") and m.start("name") < x.end
                                       for x in self.ents if x.type in ("person", "date", "title", "salary", "quantity")):
            return None
        s0, e0 = m.span("name")
        return Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=name, value={"kind": "company"},
                      rule="name after " + trigger.text)

    def _join_title(self, person: Entity, trigger: Entity, clause: Span) -> Entity | None:
        m = _THEN_TITLE.match(self.norm, clause.end - 1) if self.norm[clause.end - 1:clause.end] in "，," else None
        if m is not None:   # 加入公司，担任首席科学家
            t = self._first_after("title", m.end(), m.end() + 24, 16)
            if t is not None:
                return self._last_of_chain(t, m.end() + 40)
        for t in self.within("title", clause.start, clause.end):
            pre = self.norm[max(clause.start, t.start - 3):t.start]
            if t.end <= trigger.start and any(pre.endswith(w) for w in ("作为", "以")):
                return t
            if t.start >= trigger.end and any(pre.endswith(w) for w in ("出任", "担任", "任")):
                return t
        return None

    def _last_of_chain(self, t: Entity, end: int) -> Entity:
        """联合创始人兼首席科学家: the post a chain of titles ends on."""
        while self.norm[t.end:t.end + 1] in ("兼", "及", "和", "、"):
            nxt = self._first_after("title", t.end + 1, end, 0)
            if nxt is None:
                break
            t = nxt
        return t

    def _pay(self, ev: Event, sent: Span, trigger: Entity) -> None:
        """The pay and level of the sentence, except those another company
        offered (小米开出了年薪超过500万元的offer，但X最终选择加入Y: not Y's)."""
        org = ev.first("org")
        others = {x.span for p in self.events if p.type == "offer" and ev.type != "offer" and p.sentence == ev.sentence
                  and p.first("org") is not None and org is not None and self.root(p.first("org")) != self.root(org)
                  for role in ("level", "salary") for x in p.arguments.get(role, ())}
        for role, typ in (("level", "level"), ("salary", "salary")):
            for x in self.within(typ, sent.start, sent.end):
                if x.span not in others:
                    ev.add(role, x)

    def _leave(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        if norm.startswith(("党籍", "学籍", "出党"), trigger.end) or norm.startswith(("党籍", "学籍"), trigger.end + 1):
            return   # 被开除党籍: a party's or a school's roll, not a post
        if trig.form == "agent":
            yield from self._dismissed(trig, trigger, sent, clause)
            return
        people, how = self.subjects(trigger, sent, clause)
        if trig.word.startswith(("被", "遭")) and how not in ("<person>", "<pronoun>"):
            return   # X被解雇: the one dismissed stands right before, or is not known
        if norm[trigger.end:trigger.end + 1] == "的" and trig.word in POST_LEAVE \
                and not (how == "<person>" and self._adverbial(people[-1].end, trigger.start)):
            # 即将离任的央行行长X / 不久前辞职的总经理X: the one leaving follows the relative clause
            nxt = self._person_after_de(trigger.end + 1, clause, 16)
            if nxt is not None:
                people, how = [nxt], "<trigger>的<person>"
        post = self._post_before(trig, trigger, clause) if people else None
        if post is not None and all(p.end <= post.start for p in people) \
                and self.norm[people[-1].end:post.start].strip() not in ("", "、", "和", "及", "与", "（", "("):
            people = []   # 约翰逊接任首相前，财政大臣宣布辞职: the post is the one leaving, not the person before
        if people and how == "<person>":
            k = _REPORTING.search(self.norm, people[-1].end, trigger.start)
            if k is not None and not self._adverbial(k.end(), trigger.start):
                # 张丹峰宣布毕滢辞职: someone else is leaving, named after the verb (or not found)
                bare = self._bare_subject(trigger, clause, k.end()) if trig.word in BARE_LEAVE else None
                if bare is None:
                    return
                people, how = [bare], "<reporter> <name>"
        if not people and trig.word in POST_LEAVE:
            named = self._titled_name(trigger, clause)
            if named is not None:
                people, how = [named], "<title> <name>"
        if not people and trig.word in BARE_LEAVE and (trig.word not in ("辞去", "辞任", "退任", "卸任") or
                                                       self._first_after("title", trigger.end, clause.end, 12)
                                                       or self._first_after("org", trigger.end, clause.end, 2)):
            bare = self._bare_subject(trigger, clause)   # 益子修辞任三菱汽车CEO / 毕滢引咎辞职
            if bare is not None:
                people, how = [bare], "<name>"
        if not people:
            yield from self._post_leave(trig, trigger, sent, clause)
            return
        after = norm[trigger.end:clause.end].lstrip("了")
        org = self._first_after("org", trigger.end, clause.end, 3)
        if org is not None and self._has_trigger(norm[trigger.end:org.start]):
            org = None   # 离职后加入星衡智能: the company after another verb is where the person went
        title = None
        if org is not None and _league(org) and trig.word in ("离开", "告别", "出走"):
            org = None   # 想离开中超: a league, not an employer
        if trig.word == "告别" and org is None:
            return       # 告别时 / 成年人的告别: a farewell, not a departure from an organisation
        if trig.word in ("离开", "告别", "出走") and org is None:
            # 离开北京: a place, not an organisation
            if after and after[0] not in "，,。;；!！?？" and not after.startswith(("后", "时", "前", "的", "公司", "该公司", "本公司", "这家公司")):
                return   # (离开公司: the company named before)
        if org is None:
            frm = [o for o in self.orgs_within(clause.start, trigger.start)
                   if norm[max(clause.start, o.start - 1):o.start] in ("从", "自")]
            org = frm[-1] if frm else None
        if org is None and after.startswith(COREF_ORG):
            org = self._sentence_org(sent, trigger.start) or self._main(trigger.start)   # 辞去公司董事长职务
        if trig.word in ("辞去", "卸任", "离任"):
            title = self._first_after("title", trigger.end, clause.end, 10)
        for p in people:
            # an organisation left unsaid is the one the person is known at, else the article's;
            # a leave with none known is still an event (英国财政大臣哈蒙德宣布辞职)
            # an organisation the text says the person joined is not the one left
            m = self.memory.get(p.name, Mention())
            barred = self._barred(p, m, trigger, sent, clause, cls)
            left = [o for o, _ in reversed(m.orgs) if self.root(o) not in barred]
            o = org or (left[0] if left else None) or self.known_org(p)
            if o is None and p.end <= trigger.start and trig.word in POST_LEAVE:
                posts = self.appositive(p)[1]   # 东方银星副总经理崔玉辉辞职: the name before the post
                o = self._opening_name(clause, posts[-1].start) if posts else None
            if o is None:   # 青禾股份（000558）董事会收到…卜凡的书面辞职报告: the sentence's company
                o = self._sentence_org(sent, min(trigger.start, p.start))
                if o is not None and self.root(o) in barred:
                    o = None
            main = self._main(trigger.start) if o is None else None
            if main is not None and not any(self.root(x) == self.root(main) for x in self.orgs_within(trigger.end, sent.end)):
                o = main   # not the company named later in the sentence (离职，加入澜舟: where he went)
            ev = self._new("leave", trigger, sent, f"{how} {trig.word} <org>")
            ev.add("person", p)
            ev.add("org", o)
            # the post left: named after the trigger, else the title written before the name
            apos_titles = self.appositive(p)[1] if p.end <= trigger.start else []
            ev.add("title", title or (apos_titles[0] if apos_titles else None))
            self.remember(p, o, former=True)
            yield ev

    def _barred(self, p: Entity, m: Mention, trigger: Entity, sent: Span, clause: Span, cls) -> set[str]:
        """The organisations the text says the person joined, which a leave
        told without one is not from (离职，加入澜舟: where he went) — except
        one joined at a date before the leave's (于2017年加入和瑞医药，2022年初
        辞去首席科学家职务: the one left)."""
        if not m.joined:
            return m.joined
        when = self._date(trigger, sent, clause, cls)
        start = (when.value or {}).get("start") if when is not None else None
        if not start:
            return m.joined
        earlier = set()
        for ev in self.events:
            d = ev.first("date")
            who = ev.first("person")
            if ev.type == "join" and d is not None and who is not None and who.name == p.name \
                    and ev.first("org") is not None and (d.value or {}).get("end", "9") < start:
                earlier.add(self.root(ev.first("org")))
        return m.joined - earlier

    def _post_before(self, trig, trigger: Entity, clause: Span) -> Entity | None:
        """The post written right before a leaving trigger (董事长因个人原因辞职)."""
        if trig.word not in POST_LEAVE:
            return None
        titles = self.within("title", clause.start, trigger.start)
        if not titles:
            return None
        t = titles[-1]
        return t if self._adverbial(t.end, trigger.start) else None

    def _adverbial(self, s: int, e: int) -> bool:
        """Only adverbials (and dates) between s and e: 已于近日 / 因个人原因 / 宣布."""
        gap = self.norm[s:e]
        for d in self.within("date", s, e) + self.within("org", s, e):
            gap = gap.replace(d.text, "")
        return bool(_POST_GAP.fullmatch(gap))

    def _opening_name(self, clause: Span, head: int) -> Entity | None:
        """The run that opens the clause before the post at `head` names the
        organisation of a report of a resignation (东方银星副总经理X辞职,
        南宁糖业董事长因工作调整辞职), known to any dictionary or not."""
        floor = clause.start
        if self.norm[head - 1:head] in ("：", ":"):
            head -= 1   # 石化机械：董事长袁建强辞职, a headline's company before its colon
            floor = 0
        k = head
        while k > floor and self.norm[k - 1] not in _OPEN_STOP and head - k < 8:
            k -= 1
        if k == head or not (k == floor or self.norm[k - 1] in _OPEN_STOP):
            return None
        span = _clean_org(self.ctx, k, head, [(x.start, x.end) for x in self.ents], True, sure=True)
        if span is None:
            return None
        return Entity("org", self.ctx.text[span[0]:span[1]], span[0], span[1],
                      canonical=self.norm[span[0]:span[1]], value={"kind": "company"}, rule="<org> <post> 辞职")

    def _dismissed(self, trig, trigger, sent, clause):
        """董事会决定免去X的总经理职务 / 公司已解聘X: the one leaving is named after
        the trigger, the organisation is the one acting before it (else the
        sentence's, else the article's), the post follows the person."""
        k_bei = self.norm.rfind("被", clause.start, trigger.start)
        if k_bei >= 0:   # 柏知行上月被星衡智能解雇
            people = [x for x in self.within("person", clause.start, k_bei) if self._adverbial(x.end, k_bei)][-1:]
            acting = [o for o in self.orgs_within(k_bei, trigger.start) if _kind(o) not in NOT_EMPLOYER]
        else:
            people = self.within("person", trigger.end, clause.end)[:1]
            if people:
                gap = self.norm[trigger.end:people[0].start]
                for x in self.within("title", trigger.end, people[0].start) + self.orgs_within(trigger.end, people[0].start):
                    gap = gap.replace(x.text, "")
                if not _DISMISSED_GAP.fullmatch(gap):
                    return
            acting = [o for o in self.orgs_within(clause.start, trigger.start) if _kind(o) not in NOT_EMPLOYER]
        if not people:
            return
        p = people[0]
        org = acting[-1] if acting else (self._sentence_org(sent, trigger.start) or self._main(trigger.start))
        title = self._first_after("title", p.end, clause.end, 4) or next(iter(self.appositive(p)[1]), None)
        ev = self._new("leave", trigger, sent, f"<org> {trig.word} <person>")
        ev.add("person", p)
        ev.add("org", org)
        ev.add("title", title)
        self.remember(p, org, former=True)
        yield ev

    def _post_leave(self, trig, trigger, sent, clause):
        """公司董事长因个人原因辞职 / 星河传媒副总经理宣布辞职: the one leaving is
        named only by the post. The event has no person: its title is the post
        and its org the organisation written before the post (else the
        sentence's, else the article's)."""
        t = self._post_before(trig, trigger, clause)
        if t is None:
            return
        titles = self.within("title", clause.start, t.end)
        # a chain of posts: 董事长、副董事长辞职 / 董事兼总经理辞职
        chain = [t]
        for x in reversed(titles[:-1]):
            if self.norm[x.end:chain[0].start] in ("、", "和", "及", "兼", "与"):
                chain.insert(0, x)
            else:
                break
        orgs = [o for o in self.orgs_within(clause.start, chain[0].start) if _kind(o) not in NOT_EMPLOYER]
        org = orgs[-1] if orgs and _GAP.match(self.norm[orgs[-1].end:chain[0].start]) else None
        head = org.start if org is not None else chain[0].start
        if self.norm[max(clause.start, head - 1):head] in ("向", "给", "对", "与", "和", "被", "由", "把", "让", "请"):
            return   # 向董事长递交了辞呈: the post is not the one leaving
        if org is None and _COMPANY_LAST.search(self.norm[clause.start:chain[0].start]):
            org = self._sentence_org(sent, chain[0].start) or self._main(chain[0].start)
        if org is None:
            org = self._opening_name(clause, chain[0].start)   # 南宁糖业董事长因工作调整辞职
        if org is None:
            org = self._sentence_org(sent, chain[0].start) or self._main(chain[0].start)
        for x in chain:
            ev = self._new("leave", trigger, sent, f"<post> {trig.word}")
            ev.add("org", org)
            ev.add("title", x)
            yield ev

    def _found(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        people, how = self.subjects(trigger, sent, clause)
        org = self._object_org(trigger, clause)
        if org is None and people:
            k = norm.rfind("由", clause.start, people[0].start)
            if k >= 0:   # 元枢智能由柯以宁创办
                before = [o for o in self.orgs_within(sent.start, k) if _kind(o) not in NOT_EMPLOYER]
                org = before[-1] if before else None
                how = "<org> 由 <person>"
        if org is None:
            org = self._first_after("org", trigger.end, clause.end, 14)
            org = self._specific(org) if org is not None else None
        if org is None:
            q = _QUOTED.search(norm, trigger.end, clause.end)
            if q is not None and q.start() - trigger.end <= 12:   # 创立了独立游戏工作室“青萍之末”
                s0, e0 = q.span("name")
                org = Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=q.group("name"),
                             value={"kind": "company"}, rule="<trigger> … “<name>”")
        named = _NAMED.search(norm, trigger.end, min(sent.end, trigger.end + 30))
        if named is not None and (org is None or org.start >= named.start()):
            # 创立了一家AI Agent公司，取名归藏科技; 名为“深蓝行者”的…公司: the whole name, not a known word in it
            s0, e0 = named.span("name")
            org = next((o for o in self.within("org", s0, e0 + 4) if o.start == s0 and o.end >= e0), None) or \
                    Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=named.group("name"),
                           value={"kind": "company"}, rule="取名<name>")
        if people and _WITH_FIRST.match(norm[clause.start:people[0].start]):
            subj = self.within("person", sent.start, clause.start)[:1] or \
                [x for x in [self._pronoun(sent.start, clause.start)] if x is not None]
            people = subj + people   # 他…，与宁远舟联合创立了弦月智能
            how = "<subject> 与 <person>"
        if not people or org is None:
            return
        yield from self._founders(people, org, trigger, sent, f"{how} {trig.word} <org>")

    def _founders(self, people: list[Entity], org: Entity, trigger: Entity, sent: Span, rule: str):
        """One found event per founder."""
        for p in people:
            ev = self._new("found", trigger, sent, rule)
            ev.add("person", p)
            ev.add("org", org)
            self.remember(p, org)
            yield ev

    def _appoint(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        if trig.form == "appoint":
            k_bei = trigger.start if trig.word.startswith("被") else \
                norm.rfind("被", max(clause.start, trigger.start - 3), trigger.start)
            if k_bei >= 0:
                people, how = self.subjects(Entity("t", "", k_bei, k_bei), sent, clause)
                agent_orgs = self.orgs_within(k_bei, trigger.start)
            else:
                m_wei = _POST_MARK.search(norm, trigger.end, clause.end)
                k_wei = m_wei.start() if m_wei is not None else -1
                people = self.within("person", trigger.end, k_wei if k_wei >= 0 else clause.end)
                people = people if k_wei >= 0 else people[:1]   # 任命A、B为副总裁
                how = "<org> %s <person>" % trig.word
                subject_org = self._sentence_org(sent, trigger.start)
                agent_orgs = self.orgs_within(clause.start, trigger.start) or ([subject_org] if subject_org else [])
            # the post is named after 为 or 担任 (任命药明康德前副总裁宗政瑶为首席运营官, 聘请前京东技术总监X担任CTO:
            # not the post the person held before)
            m_wei = _POST_MARK.search(norm, people[-1].end if people and k_bei < 0 else trigger.end, clause.end)
            start = m_wei.end() if m_wei is not None and k_bei < 0 else trigger.end
            title = self._first_after("title", start, clause.end, 20)
            if title is not None and people and k_bei < 0 and title.end <= people[0].start and \
                    _FORMER_BEFORE.search(norm, max(0, title.start - 3), title.start):
                # 任命原投资副总裁X接替…: the post X held, not the one given
                title = self._first_after("title", people[-1].end, clause.end, 20)
            org = self._first_after("org", start, title.start if title else clause.end, 8)
            if org is not None and norm[max(0, org.start - 1):org.start] in ("从", "自"):
                org = None    # 任命从微软亚洲研究院加入的莘远航为…
            org = org or (agent_orgs[-1] if agent_orgs else None)
        else:
            people, how = self.subjects(trigger, sent, clause)
            if people and _APPOINTED_BY.search(norm, clause.start, people[0].start):
                return   # 聘请X担任CTO: the appointment is 聘请's, with its agent
            group = self._group(clause, trigger) if how != "<person>" else []
            if group:
                people, how = group, "<N people>"
            title = self._first_after("title", trigger.end, clause.end, 16)
            org = self._first_after("org", trigger.end, title.start if title else clause.end, 6)
            if title is None:
                # 实验室主任由新近加盟的…靳一帆担任: the post stands before 由
                k_you = norm.rfind("由", clause.start, trigger.start)
                before = self.within("title", clause.start, k_you) if k_you >= 0 else []
                title = before[-1] if before else None
                if title is not None:
                    org = org or next((o for o in self.orgs_within(clause.start, title.end)
                                       if o.end <= title.start), None)
            if org is None:   # 在谷歌担任研究员
                at = [o for o in self.orgs_within(clause.start, trigger.start)
                      if norm[max(clause.start, o.start - 1):o.start] == "在"]
                org = at[-1] if at else None
        if not people or title is None:
            return
        titles = [title]
        if len(people) > 1 and "分别" in norm[max(clause.start, trigger.start - 4):trigger.start]:
            titles = self.within("title", trigger.end, clause.end)[:len(people)]
            how += " 分别"
        for k, p in enumerate(people):
            o = org or self.known_org(p, current=True)
            if o is None:
                former = {self.root(x) for x, was in self.memory[p.name].orgs if was} if p.name in self.memory else set()
                o = self._sentence_org(sent, trigger.start)
                if o is not None and self.root(o) in former:   # 原百度副总裁韩楚将出任…: not 百度
                    o = self._sentence_org(sent, trigger.start, self.root(o))
                o = o or self._main(trigger.start)
                if o is None or self.root(o) in former:
                    o = self._previous_org(sent, person=p) or o
            t = titles[k] if k < len(titles) else titles[-1]
            ev = self._new("appoint", trigger, sent, f"{how} {trig.word} <org>? <title>")
            ev.add("person", p)
            ev.add("org", o)
            ev.add("title", t)
            if len(titles) == 1:   # 担任联合创始人兼首席科学家
                nxt = t
                while nxt is not None and self.norm[nxt.end:nxt.end + 1] in ("兼", "及", "和", "、"):
                    nxt = self._first_after("title", nxt.end + 1, clause.end, 0)
                    ev.add("title", nxt)
            if o is not None:
                self.remember(p, o, title=t)
            yield ev
            if trig.form == "appoint" and o is not None:
                # 任命药明康德前副总裁宗政瑶为…: someone from elsewhere appointed has joined
                former = [x for x, was in self.appositive(p)[0] if was and self.root(x) != self.root(o)]
                if former:
                    join = self._new("join", trigger, sent, f"<org> {trig.word} 前<org><title><person>")
                    join.add("person", p)
                    join.add("org", o)
                    join.add("from_org", former[0])
                    join.add("title", t)
                    self.remember(p, o)
                    yield join

    def _is_forum(self, x: Entity) -> bool:
        return x.type == "org" and (_kind(x) in ("court", "arbitration")
                                    or x.text.endswith(("法院", "仲裁委员会", "仲裁院", "仲裁庭", "仲裁委")))

    def _dispute(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        if _CASE_PAPERS.match(norm, trigger.end):
            return   # 起诉材料显示: the papers of a case, told later
        earlier = next((e for e in self.events if e.type == "dispute" and e.sentence == (sent.start, sent.end)), None)
        parties = [x for x in self.ents if x.type in ("org", "person") and not self._is_forum(x)
                   and not (_kind(x) == "media" and self._news_source(x)) and not self._reporter(x)]
        unnamed = self._unnamed_parties(sent, parties)
        if unnamed:
            parties = sorted(parties + unnamed, key=lambda x: x.start)
        before = [x for x in parties if clause.start <= x.start and x.end <= trigger.start]
        k_bei = trigger.start if trig.word.startswith("被") else norm.rfind("被", clause.start, trigger.start)
        while k_bei >= 0 and norm[k_bei + 1:k_bei + 2] == "告" and k_bei + 1 != trigger.start:
            # 被告人李某: a noun, not the passive (but 被告上法庭 is: the trigger 告上 follows 被)
            k_bei = norm.rfind("被", clause.start, k_bei)
        k_zao = norm.rfind("遭", clause.start, trigger.start)      # 中国全通遭某基金起诉: 遭 is a passive too
        if k_zao > k_bei and trigger.start - k_zao <= 24 and norm[k_zao + 1:k_zao + 2] not in ("遇", "受", "拒"):
            k_bei = k_zao + (1 if norm[k_zao + 1:k_zao + 2] == "到" else 0)
        k_jiang = norm.rfind("将", clause.start, trigger.start)
        if k_bei >= 0 and trigger.start - k_bei <= 24:
            # 周某被前东家起诉
            defendant = [x for x in before if x.end <= k_bei][-1:]
            plaintiff = [x for x in before if x.start >= k_bei][-1:]
            rule = f"<defendant> 被 <plaintiff> {trig.word}"
        elif _AGAINST.search(norm[clause.start:trigger.start]) and \
                [x for x in before if norm.rfind("对", clause.start, x.start) >= 0]:
            # 阿里巴巴已就竞业问题对前员工柯远申请仲裁
            k_dui = norm.rfind("对", clause.start, trigger.start)
            defendant = [x for x in before if x.start > k_dui][:1]
            plaintiff = [x for x in before if x.end <= k_dui][:1]
            if defendant and defendant[0].type == "org":
                # 对茅台原总经理刘自力涉嫌受贿案提起公诉: the company only introduces the accused
                nxt = [x for x in before if x.start >= defendant[0].end and x.type == "person"][:1]
                if nxt and any(o.span == defendant[0].span for o, _ in self.appositive(nxt[0])[0]):
                    defendant = nxt
            rule = f"<plaintiff> 对 <defendant> {trig.word}"
        elif k_jiang >= 0 and [x for x in before if x.start > k_jiang]:
            # 晨岚科技将前员工戚某诉至法院
            defendant = [x for x in before if x.start > k_jiang][:1]
            plaintiff = [x for x in before if x.end <= k_jiang][-1:]
            rule = f"<plaintiff> 将 <defendant> {trig.word}"
        else:
            plaintiff = before[-1:]
            after = [x for x in parties if x.start >= trigger.end and x.end <= sent.end]
            defendant = after[:1]
            # 申请仲裁“通义大模型前员工周畅…”: an org that only introduces a person
            for p in [x for x in after if x.type == "person"][:1]:
                if defendant and defendant[0].type == "org" and any(o.span == defendant[0].span
                                                                      for o, _ in self.appositive(p)[0]):
                    defendant = [p]
            rule = f"<plaintiff> {trig.word} <defendant>"
        if not plaintiff and rule.startswith("<defendant> 被"):
            m = _PROSECUTOR.search(norm, k_bei, trigger.start)
            if m is not None:   # 被检方以…罪提起公诉
                plaintiff = [self._prosecutor(m)]
            else:               # 被联邦政府起诉, 遭Prosper Talent起诉: the one suing, named by no tagger
                m = _AGENT_RUN.fullmatch(norm, k_bei + 1, trigger.start)
                plaintiff = self._described(m, "a") if m is not None else []
        if not plaintiff:
            m = _PROSECUTOR.search(norm, clause.start, trigger.start)
            if m is not None and not rule.startswith("<defendant> 被"):   # 检方以盗窃罪对被告人杨某提起公诉
                plaintiff = [self._prosecutor(m)]
        passive = rule.startswith("<defendant> 被")
        if passive and not defendant:
            # 郭某因开设赌场，…被起诉: the subject left out is the one sued
            first = [x for x in parties if sent.start <= x.start and x.end <= clause.start]
            pro = self._pronoun(clause.start, trigger.start)
            defendant = first[:1] or ([pro] if pro is not None else [])
            if not defendant:
                # QQ浏览器被诉…, 女童母亲和男友均被起诉: the one sued described, or named by no tagger
                m = _PASSIVE_PARTY.fullmatch(norm, clause.start, k_bei)
                if m is not None:
                    defendant = self._described(m, "a", strict=True)
        elif not plaintiff and not passive:
            # a subject left out: the first party of the sentence; of 东海证券前员工狄某, the person
            first = [x for x in parties if sent.start <= x.start and x.end <= clause.start]
            if first and first[0].type == "org":
                head = next((x for x in first if x.type == "person"
                             and any(o.span == first[0].span for o, _ in self.appositive(x)[0])), None)
                first = [head] if head is not None else first
            pro = self._pronoun(clause.start, trigger.start)
            plaintiff = first[:1] or ([pro] if pro is not None else [])
        # 经…检察院提起公诉，法院以盗窃罪判处赵某…，判处李某…: the ones sentenced; 被告人某某: the accused
        sentenced = []
        for m in _SENTENCED.finditer(norm, trigger.end, sent.end):
            sentenced += [x for x in parties if m.end() <= x.start <= m.end() + 2 and x.type == "person"
                          and x.end <= sent.end and all(x.span != d.span for d in sentenced)][:1]
            if sentenced and m.group(0) != "判处":
                break
        if not defendant or (sentenced and defendant[0].span == sentenced[0].span):
            defendant = sentenced or defendant
        if not defendant:
            k = norm.find("涉嫌", sent.start, trigger.start)
            if k >= 0:
                accused = [x for x in parties if sent.start <= x.start and x.end <= k and x.type == "person"
                           and x not in plaintiff and (self._adverbial(x.end, k) or _PAREN.fullmatch(norm, x.end, k))]
                defendant = accused[-1:]
        if not defendant:
            m = _DEMANDS.search(norm[trigger.end:sent.end])
            if m:
                defendant = [x for x in parties if x.start >= trigger.end + m.end()
                             and x.end <= sent.end][:1]
        if not defendant and not passive:
            # 提起诉讼，指控其违反竞业协议: the one sued is the 其 of the charge
            m = _CHARGE_ITS.search(norm, trigger.end, sent.end)
            pro = self._pronoun(m.start(), m.end()) if m is not None else None
            if pro is not None and all(pro.span != x.span for x in plaintiff):
                defendant = [pro]
        if not defendant and plaintiff and plaintiff[0].type == "person":
            # 前员工狄某…申请劳动仲裁，要求公司支付赔偿金: the company is the one sued
            m = _SUES_COMPANY.search(norm, trigger.end, sent.end)
            if m is not None:
                own = [o for o, _ in self.appositive(plaintiff[0])[0]]
                org = own[0] if own else (self._sentence_org(sent, trigger.start) or self._main(trigger.start))
                defendant = [org] if org is not None else []
        if (not defendant or not plaintiff) and k_jiang >= 0 and (trig.word in BA_TRIGGERS or _BA_AFTER.match(norm, trigger.end)):
            m = _DESCRIBED.fullmatch(norm, clause.start, trigger.start)
            if m is not None:   # 老夫妻竟将孙女告上法庭: the parties described, not named
                if not plaintiff:
                    plaintiff = self._described(m, "a")
                if not defendant:
                    defendant = self._described(m, "b")
        if not defendant:
            m = _QUOTED_PARTY.match(norm, trigger.end)   # 起诉“净化大师”: a name in quotes
            if m is not None:
                defendant = self._described(m, "a")
        # 对刘某某、彭某某等11人提起公诉: everyone coordinated with the one sued
        while defendant and defendant[-1].type == "person":
            nxt = next((x for x in parties if x.type == "person" and x.start > defendant[-1].end
                        and self.norm[defendant[-1].end:x.start] in COORD), None)
            if nxt is None:
                break
            defendant.append(nxt)
        if not defendant and not plaintiff:
            return
        if earlier is not None:
            # 将夏侯岚诉至法院，指控其…，索赔…: one case, told in several verbs
            for role, vals in (("plaintiff", plaintiff), ("defendant", defendant)):
                if role not in earlier.arguments:
                    for x in vals:
                        earlier.add(role, x)
            return
        ev = self._new("dispute", trigger, sent, rule)
        for x in plaintiff:
            ev.add("plaintiff", x)
        for x in defendant:
            ev.add("defendant", x)
        whole = norm[sent.start:sent.end]
        for w in self.rules.cue_words("cause"):
            k = whole.find(w)
            if k >= 0:
                s = sent.start + k
                ev.add("cause", Entity("cause", self.ctx.text[s:s + len(w)], s, s + len(w), canonical=w))
                break
        forums = [x for x in self.within("org", sent.start, sent.end) if self._is_forum(x)]
        if forums:
            ev.add("forum", min(forums, key=lambda x: abs(x.start - trigger.start)))
        yield ev

    def _prosecutor(self, m) -> Entity:
        """检方, 检察机关 …: the prosecution, named by its common word."""
        return Entity("org", self.ctx.text[m.start():m.end()], m.start(), m.end(), canonical=m.group(0),
                      value={"kind": "government"}, rule="prosecutor word")

    def _described(self, m, group: str, strict: bool = False) -> list[Entity]:
        s0, e0 = m.span(group)
        text = self.norm[s0:e0]
        if text in ("其", "他", "她", "他们", "她们", "对方") or text[0] in "这该那此其本我你" or any(
                x.start < e0 and s0 < x.end for x in self.ents if x.type in ("person", "org", "date")):
            return []
        if strict and not (_PARTY_HEAD.search(text) or any(t.end == e0 for t in self.within("title", s0, e0))):
            return []   # 飞行员提出辞职随后, 骚扰同事: a clause, not a party
        kind = "org" if _ORGISH.search(text) else "person"
        return [Entity(kind, self.ctx.text[s0:e0], s0, e0, canonical=text, rule="described party")]

    def _unnamed_parties(self, sent: Span, parties: list[Entity]) -> list[Entity]:
        """李某, 王某某 after the words of a criminal case (被告人, 犯罪嫌疑人, 判处,
        对): people the report leaves unnamed, which the name tagger takes only
        in some places."""
        out = []
        sur = self.ctx.lexicon.surnames
        for m in _UNNAMED.finditer(self.norm, sent.start, sent.end):
            s0, e0 = m.span("name")
            if sur.get(self.norm[s0]) in (None, "word") or any(x.start < e0 and s0 < x.end for x in parties):
                continue
            out.append(Entity("person", self.ctx.text[s0:e0], s0, e0, canonical=self.norm[s0:e0],
                              rule="<case word> <surname>某"))
        return out

    def _unit_formed(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        unit = None
        for u in self.within("org", trigger.end, clause.end):
            if u.start - trigger.end <= 16 and _kind(u) in ("unit", "lab"):
                unit = u
                break
        named = _NAMED.search(norm, trigger.end, clause.end)
        if named is not None and named.start() - trigger.end <= 12:
            s0, e0 = named.span("name")   # 组建了一支名为“灯塔”的大模型应用团队
            unit = Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=named.group("name"),
                          value={"kind": "unit"}, rule="名为<name>")
        if unit is None:
            m = _UNIT_PHRASE.match(norm, trigger.end, clause.end)
            lat = _LATIN_UNIT.match(norm[m.end():clause.end]) if m else None
            if lat is not None:   # 设立了首个北美工作室Studio Lumen
                s0 = m.end() + lat.start("name")
                e0 = s0 + len(lat.group("name"))
                unit = Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=lat.group("name"),
                              value={"kind": "unit"}, rule="<unit phrase> <Latin name>")
            elif m and m.group("name") not in GENERIC_UNIT:
                s0, e0 = m.span("name")
                unit = Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=m.group("name"),
                              value={"kind": "unit"}, rule="<trigger> … <name>团队/中心/实验室")
        if unit is None and trig.word in ("成立", "创立"):
            # 沈听澜…在深圳成立了深湾机器人: a person founding a company
            subj, how = self.subjects(trigger, sent, clause)
            obj = self._first_after("org", trigger.end, clause.end, 4)
            if subj and subj[0].end <= trigger.start and obj is not None and _kind(obj) not in NOT_EMPLOYER:
                yield from self._founders(subj, obj, trigger, sent, f"{how} {trig.word} <org>")
                return
        if unit is None:
            # 由蔺川负责的自动驾驶团队于上月正式成立: the unit is the subject
            after = norm[trigger.end:clause.end].lstrip("了")
            u = [x for x in self.within("org", clause.start, trigger.start) if _kind(x) in ("unit", "lab")]
            if not u:
                m = None
                for m in _UNIT_PHRASE.finditer(norm, clause.start, trigger.start):
                    pass
                if m is not None and m.group("name") not in GENERIC_UNIT:
                    s0, e0 = m.span("name")
                    u = [Entity("org", self.ctx.text[s0:e0], s0, e0, canonical=m.group("name"),
                                value={"kind": "unit"}, rule="<name>团队 … 成立")]
            if u and (not after or after[0] in "，,。;；" or after.startswith(("于", "在"))):
                unit = u[-1]
        if unit is None:
            return
        companies = [o for o in self.orgs_within(clause.start, trigger.start) if _kind(o) not in NOT_EMPLOYER]
        subj, how = self.subjects(trigger, sent, clause)
        org = self._specific(companies[-1]) if companies else self._sentence_org(sent, trigger.start)
        if org is None and (unit.value or {}).get("parent"):
            org = unit
        org = org or self._main(trigger.start)    # may stay unknown: 由蔺川负责的自动驾驶团队于上月正式成立
        ev = self._new("unit_formed", trigger, sent, f"<org> {trig.word} <unit>")
        ev.add("org", org)
        ev.add("unit", unit)
        span_end = sent.end
        nxt = next((x for x in self.ctx.sentences if x.start >= sent.end), None)
        if nxt is not None and _THIS_UNIT.match(norm[nxt.start:nxt.end]):
            span_end = nxt.end   # …组建了X团队。该团队由禚嘉木牵头
        leader = _LED_BY.search(norm[sent.start:span_end])
        if leader:
            ls = sent.start + leader.start("t")
            for p in self.within("person", ls, sent.start + leader.end("t")):
                ev.add("leader", p)
        else:
            for p in subj:
                ev.add("leader", p)
        for q in self.within("quantity", sent.start, sent.end):
            ev.add("size", q)
        yield ev

    def _offer(self, trig, trigger, sent, clause, cls):
        norm = self.norm
        m = None
        for m in _TO.finditer(norm[clause.start:trigger.start]):
            pass
        k = clause.start + m.start() if m is not None else trigger.start
        person = self.within("person", k, trigger.start) if m is not None else []
        if m is not None and not person:
            pro = self._pronoun(k, trigger.start)     # 美团为其开出了…
            person = [pro] if pro is not None else []
        how = f"<org> {norm[k]} <person> {trig.word}"
        if not person:
            # 为了争取谭望，字节跳动给出了…: the person named before in the sentence
            person = self.within("person", sent.start, trigger.start)[-1:]
            how = f"<person> … <org> {trig.word}"
        if not person and self._continues(sent):
            # 她拿到了三家的邀约：阿里给出…；腾讯开出…: the list goes on after ；
            last = next((e for e in reversed(self.events) if e.type == "offer"), None)
            person = [last.first("person")] if last is not None else []
            how = f"<person>：… ；<org> {trig.word}"
        if not person:
            return
        orgs = [o for o in self.orgs_within(clause.start, k) if _kind(o) not in NOT_EMPLOYER] \
            or [o for o in self.orgs_within(sent.start, k) if _kind(o) not in NOT_EMPLOYER][-1:]
        org = orgs[-1] if orgs else self._main(trigger.start)
        ev = self._new("offer", trigger, sent, how + " <level/salary>")
        ev.add("person", person[-1])
        ev.add("org", org)
        # the pay after the trigger, up to another company's clause (…的offer，腾讯开出的年薪…: 腾讯's)
        end = next((o.start for o in self.orgs_within(clause.end, sent.end) if _kind(o) not in NOT_EMPLOYER
                    and org is not None and self.root(o) != self.root(org)), sent.end)
        self._pay(ev, Span(trigger.start, end), trigger)
        ev.add("title", self._first_after("title", trigger.end, end, 30))
        if not any(r in ev.arguments for r in ("level", "salary", "title")):
            return
        yield ev


def _kind(e: Entity) -> str:
    return (e.value or {}).get("kind", "company") if e.type == "org" else e.type


def _generic(name: str) -> bool:
    """A word for an organisation or a group (公司, 球队, 该队, 新东家), not its name."""
    return name in _ORG_GENERIC or name in GENERIC_OBJECT or name.startswith(GENERIC_OBJECT_START)


def _league(e: Entity) -> bool:
    """A league, cup or governing body of sport (NBA, 中超, 欧冠, 国际足联), not a club."""
    return _kind(e) == "sports" and (e.canonical or e.text).endswith(("联赛", "联盟", "协会", "联合会", "委员会", "杯", "大赛"))


_UNIT_SUFFIX = regex.compile(r"(?:团队|实验室|部门|小组|项目组| ?Team| ?Lab| ?LAB)$")


def unit_core(name: str, lexicon) -> str:
    """The core of a unit's name, for comparing mentions: 字节跳动Seed,
    Seed团队 and 名为Seed的团队 are all Seed."""
    core = _UNIT_SUFFIX.sub("", name.strip()) or name
    for k in range(min(len(core) - 1, 8), 1, -1):
        if lexicon.canonical_org(core[:k]) is not None:
            core = core[k:]
            break
    return core.strip().lower() or name


def _key(ev: Event, doc: _Doc) -> tuple:
    def names(role):
        return tuple(sorted({doc.root(x) if x.type == "org" else x.name for x in ev.arguments.get(role, ())}))
    if ev.type == "unit_formed":
        return (ev.type, tuple(sorted({unit_core(x.name, doc.ctx.lexicon) for x in ev.arguments.get("unit", ())})))
    if ev.type == "dispute":
        return (ev.type, names("plaintiff"), names("defendant"))
    if not ev.arguments.get("person"):   # 董事长、副董事长辞职: posts stand apart
        return (ev.type, (), names("org"), names("title"), ev.status == "denied")
    return (ev.type, names("person"), names("org"), ev.status == "denied")


def _posts(ev: Event) -> set[str]:
    return {x.name for x in ev.arguments.get("title", ())}


def _merge(events: list[Event], doc: _Doc) -> list[Event]:
    """Events of one type about the same people and organisation are one:
    the first keeps its trigger; roles it lacks are filled from the others."""
    out: list[Event] = []
    index: dict[tuple, Event] = {}
    for ev in events:
        k = _key(ev, doc)
        first = index.get(k)
        if first is not None and ev.type == "appoint" and _posts(first) and _posts(ev) and _posts(first) != _posts(ev):
            out.append(ev)   # 聘任X为首席执行官 … 去年3月升任总裁: two appointments, each with its own date
            continue
        if first is None:
            index[k] = ev
            out.append(ev)
            continue
        for role, vals in ev.arguments.items():
            if role not in first.arguments:
                for v in vals:
                    first.add(role, v)
        if first.status != "asserted" and ev.status == "asserted":
            first.status = "asserted"
    return out


def extract(ctx: Context, entities: list[Entity]) -> list[Event]:
    events = _Doc(ctx, entities, load_rules()).run()
    for ev in events:
        for role, ents in ev.arguments.items():
            ev.arguments[role] = [_with_honorific(ctx, e) for e in ents]
    return events


def _with_honorific(ctx: Context, e: Entity) -> Entity:
    """赵女士 as an event's party: the person tagger's mention is the surname
    alone (as NER corpora mark it), the argument names the person as written."""
    if e.type != "person" or not (e.rule or "").startswith("surname + ") or e.rule.endswith("某"):
        return e
    end = e.end + len(e.rule) - len("surname + ")
    return dataclasses.replace(e, text=ctx.text[e.start:end], end=end)
