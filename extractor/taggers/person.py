"""People, known or not.

Chinese names
-------------
A candidate is a surname (single or compound, `data/surnames.txt`) at the
start of a jieba token, followed by one or two given-name characters, ending
where a jieba token ends. Each candidate gets a score from independent pieces
of evidence, and is kept when the score reaches `THRESHOLD`:

- how jieba cut it: an unknown word its HMM joined (郭彪, 秦禹嘉) is a strong
  sign; a word of the dictionary that is not a name (高薪, 马上, 周年, 王府) is
  strong evidence against; a name tag of jieba's dictionary (nr) is weak
  evidence, as that dictionary tags many ordinary words nr;
- the given-name characters: common in given names (伟, 芳, 霞 ...) or never
  in them (的, 们, 说 ...);
- the surname: frequent, rare, or first of all an everyday word (高, 马, 周);
- context before: a title or an organisation ends right there (CEO梁汝波,
  零一万物前算法副总裁黄文灏), a word for a person (记者, 球员, 网友), or a
  list of people continues (、 和 与);
- context after: a verb of saying or of the events (表示, 告诉, 加入, 担任),
  an honorific (先生, 女士), a title (张伟董事), or the biography pattern
  "<name>，男，".

A three-character name whose last character jieba glued to what follows
(郭庆祥成|了, 李晓|林先生) is a candidate too, weighted so that it needs strong
evidence besides. A verb of saying or of the events right after a one-token
name (毕滢|辞职) counts more than an adverb or a preposition there. Unnamed
people (张某, 王某某, 刘某辉) are tagged wherever 某 is not "some" (某种, 某个).

A name accepted once in a document is accepted everywhere else in it (rule
"same name as above"). `<surname>先生` / `<surname>女士` with no given name
is tagged as the surname alone, with the honorific kept in `canonical`
(王先生): the person is named, only the given name is unknown.

Foreign names
-------------
Transliterated names with the middle dot or a hyphen (保罗·乔治, 以赛亚-皮内罗)
are taken whole, also where jieba glued a function word onto the first part
(拍卖会|上安迪·沃霍尔) or the last (特蕾莎·梅|在); 小/老 (Junior/Senior) before
a transcribed name belongs to it (小乔丹). Without
the dot, a run of transliteration characters (德罗巴, 费尔南德斯, two characters
only as one unknown token or one jieba tags as a name: 卡鲁) is scored like a
Chinese name, with context weights of its own and its ending (-亚, -兰 of
places; -夫, -维奇, -森 of surnames; a function word glued onto the first
syllable, 和沃|克尔, is left out; two tokens jieba knows as names make one,
安东尼|戴维斯); Latin-script names likewise, and only in a person's slot.

Well-known people
-----------------
Public figures of `data/people.txt` (伯南克, 齐白石, 乾隆, 梅西: general knowledge by
category) are names wherever they stand on their own: not inside a longer word
(望子成龙), not the start of a longer name (马云帆, 王维和先生), not followed by
what makes them a place, a prize or an era (林则徐纪念馆, 鲁迅文学奖, 乾隆六十年).
A candidate followed by a landmark's kind (林泽悦广场, 某某博物馆) or by what is named
after someone (雷蒙德雪山, “柯林斯”号) is no person, nor one in a title that the start
or the end of the text cuts (林小雨的夏天》). A capitalised Latin name at the head
of a clause before an adverb or a verb of a person's acts (Harrison在接受…采访) is in
a person's slot. So is the handle of a famous player or game designer of
`data/handles.txt` (Grubby, Jaedong, EG.Puppey) in a text about games.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import os
import re

import regex

from extractor.compiled import speedups
from extractor.lexicon import DATA_DIR
from extractor.model import Entity
from extractor.taggers import (PERSON_TAGS, Context, FirstChars, char_positions, every_match, lexicon_prefixes,
                               matches_from, pair_positions, per_lexicon, title_last_chars, word_memo)
from extractor.text import is_han as _is_han, normalize

_FAST = speedups()   # extractor._speedups, or None where the Python twins run

THRESHOLD = -0.95
COORD_MIN, COORD_BONUS = -2.5, 1.5

# Characters that do not occur in given names (function words, pronouns,
# measure words, time words and the like).
NOT_GIVEN = set("的了着们吗呢吧啊呀哦嘛你我他她它您谁啥么这那哪个每各某该此两几也都就还又而或被把将给让说在是"
                "、，,。.!！?？;；:：“”\"'（）()《》【】 \t\n")
# Characters frequent in modern given names (general knowledge of Chinese
# naming; cross-checked against the given names of the words jieba's own
# dictionary tags as person names).
GIVEN = set("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力永健世广志义兴良海山仁波宁贵福"
            "生龙元全国胜学祥才发武新利清飞彬富顺信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群"
            "豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦亨奇固之翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士"
            "家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘慧巧美淑惠珠翠雅芝娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪"
            "荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹"
            "蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希欣飘育滢馥筠柔竹霭凝晓欢霄枫芸"
            "菲寒伊亚宜可舒影荔枝阳妮宝贝初程恒鸿桦骅剑娇纪宽灵媚琪晴容睿烁堂唯威韦雯苇萱彦宇雨忠宗曼紫逸贤"
            "蝶菡轩立继宪俊峰毅铭杨军宁凯锋昊旻炜玮琨瑜璇铮钰鑫淼森焱磊晗晟昕暄曦旸昀晔晖皓珂珏琳瑛璋璟"
            "婧嫣姝婉妤娴婷媛嫦妙姗嘉懿翊翎羿骏驰骁腾鹤鹰麟凤彤桐柏松杉桂楷樟槿榆梓棠杭沛沐涵淇清湘溪潇"
            "澄润洲汉浩渊源沁泓淳涌滨瀚灿炳烨熙煜耀坤城培基垚增圣尧舜禹汤周吉祯祺禄祖福祥瑞礼仲叔季孟伯"
            "少小晓东南西北春夏秋冬兵卫戈武斌彪虎豹龙凤麒鹏雁鸥鸣莺川岳盈")
# Words for a person that stand right before a name (in addition to titles).
ROLE_BEFORE = ("员工", "前员工", "记者", "本报记者", "通讯员", "实习生", "编辑", "主持人", "球员", "前锋", "后卫", "中场",
               "门将", "主帅", "主教练", "教练", "队长", "球星", "名将", "老将", "新秀", "选手", "棋手", "车手", "演员",
               "影星", "歌手", "明星", "导演", "编剧", "作家", "诗人", "画家", "书法家", "艺术家", "收藏家", "藏家",
               "设计师", "建筑师", "网友", "市民", "居民", "村民", "农民", "工人", "司机", "学生", "大学生", "研究生",
               "老师", "教师", "医生", "护士", "警察", "民警", "律师", "法官", "检察官", "嫌疑人", "犯罪嫌疑人", "被告",
               "被告人", "原告", "当事人", "受害人", "男子", "女子", "男孩", "女孩", "老人", "小伙", "姑娘", "妻子",
               "丈夫", "儿子", "女儿", "父亲", "母亲", "哥哥", "姐姐", "弟弟", "妹妹", "朋友", "同学", "同事", "玩家",
               "冠军", "总统", "总理", "首相", "国王", "王子", "公主", "皇帝", "部长", "发言人", "分析师", "专家",
               "学者", "经济学家", "科学家", "投资人", "投资者", "创始人", "老板", "董事长", "高管", "负责人",
               "业主", "房东", "彩民", "股民", "家长", "患者", "病人", "游客", "顾客", "客户", "用户", "读者", "粉丝",
               "先生", "女士", "好友", "搭档", "队友", "对手", "助手", "秘书", "翻译", "作者", "译者", "主演",
               "毕业生", "应届生", "校友", "室友", "合伙人", "受访者", "当事人", "知情人", "国脚", "中卫", "边锋", "边卫", "射手", "球迷",
               "行政长官", "特首", "议员", "代表", "委员", "董事", "主任", "总监", "经理", "院长", "校长", "所长",
               "是", "由", "向", "让", "给", "请", "叫", "被", "对", "跟", "同", "为", "包括", "会见", "会晤", "采访", "专访",
               "对话", "称赞", "批评", "感谢", "支持", "击败", "战胜", "执导", "饰演", "扮演")
# what follows 某 when it is "some" (某种, 某个, 某些, 某项 …), not an unnamed person (王某)
SOME_AFTER = set("种个些项位类样处地方时天年月日次件份人一")
# Verbs whose object is a person (任命<person>为, 起诉<person>): stronger than a role word.
FRAME_BEFORE = ("据", "任命", "委任", "聘请", "聘任", "提名", "推荐", "推举", "选举", "挖来", "挖走", "邀请", "力邀", "延揽",
                "招募", "引进", "签下", "签约", "起诉", "状告", "控告", "诉", "名叫", "叫做", "姓名", "名为", "名字叫",
                "原名", "本名", "又名", "曾用名", "化名", "笔名", "艺名")
# Verbs and words that follow a person's name.
AFTER = ("表示", "说", "称", "告诉", "透露", "指出", "认为", "坦言", "介绍", "回应", "强调", "提到", "解释", "回忆",
         "笑称", "直言", "感叹", "评价", "建议", "提醒", "承认", "否认", "证实", "希望", "相信", "觉得", "知道", "表态",
         "宣布", "决定", "发现", "估计", "看来", "分析", "预计", "指出", "说道", "问道", "答道", "写道", "补充", "谈到",
         "加入", "加盟", "入职", "离开", "离职", "辞职", "辞去", "卸任", "担任", "出任", "升任", "接任", "兼任", "历任",
         "现任", "曾任", "任", "创办", "创立", "成立", "组建", "建立", "带领", "率领", "负责", "主持", "主演", "出演",
         "执导", "饰演", "扮演", "领衔", "打进", "攻入", "进球", "破门", "射门", "助攻", "首发", "替补", "复出",
         "受伤", "伤愈", "缺阵", "转会", "效力", "签约", "获得", "获", "荣获", "毕业", "出生", "生于", "出任", "当选",
         "被", "曾", "已", "已经", "也", "则", "就", "便", "才", "都", "又", "还", "仍", "正", "将", "即将", "于", "在",
         "此前", "目前", "现在", "本人", "先生", "女士", "小姐", "博士", "教授", "院士", "老师", "同学", "夫妇", "夫人",
         "等人", "等", "、", "和", "与", "及", "以及", "一起", "对", "的", "今年", "去年", "跳槽", "作为", "直接",
         "参与", "随后", "后来", "同志", "同样", "本场", "近日", "日前", "昨天", "昨日", "今天", "当时", "从", "自",
         "早在", "上月", "本月", "个人", "之前", "之后", "身上", "手中", "看到", "来到", "回到", "走进", "拿出", "向",
         "给", "把", "让", "要", "想", "会", "能", "可以", "没有", "不", "并", "却", "因", "因为", "所", "一直",
         "联合", "共同", "牵头", "开出", "提出", "提供", "发表", "发布", "出席", "参加", "接受", "拿下", "拿到",
         "获悉", "来自", "出身", "是", "为", "成为", "签下", "推出", "接手", "执教", "回来", "曾经", "至今",
         "原是", "原为", "原任", "原本", "早年", "毕业于", "出生于", "生于", "拟", "将于", "已于", "于今年", "因",
         # more verbs of the events and adverbs before them (辞任, 请辞, 引咎辞职, 退休, 最终 …)
         "辞任", "请辞", "引咎", "退休", "退役", "下课", "续约", "签下", "最终", "终于", "正式", "随即", "同时",
         "首次", "再次", "依然", "依旧", "仍然", "表现", "坦承", "强调", "提问", "发问")
# function words that jieba's HMM sometimes glues to the end of a name (乐雁对, 骆辰则, 鞠澄于)
FUNC_HEAD = set("据对向和与被让给由将在从把跟同请叫令使经为")
# ... and conjunctions it glues on the same way (而|纪平, 但|安蓓)
GLUE_HEAD = FUNC_HEAD | set("而但却并且若")
# ... and verbs and the 中 of 《…》中 that take a person after them, glued the same way (问|钟晓岚, 按|郁文涛,
# 剧中|林秋白; the 友 of 网友, 博友, 驴友: 博友|张伟民): where a name may start only (not as a foreign
# name's head). Not 以: a preposition before nouns of every kind, and no gain on CLUENER in either half.
START_GLUE = GLUE_HEAD | set("中问看找替帮陪像见到按令趁友")
FUNC_TAIL = set("对则于向在将也都就还又称说和与及等被把给让从到为以因而已曾仍正便才亦即均皆共却拟入")
# ... of which these never end a given name (已, 将, 于 ...): the glued form is never the name
# ... and 是, glued the same way to a name that opens a clause (童岚是|一位导演); only where a
# name's end is sought: as a tail elsewhere it would mark a place or thing before 是 as glued too
GLUED_TAIL = FUNC_TAIL | {"是"}
STRONG_TAIL = set("对则于向在将也都就还又称说被把给让从到为已拟入因")
HONORIFIC = ("先生", "女士", "小姐", "夫人", "太太")
BIO = regex.compile(r"[，,：:]\s*(?:男|女)[，,。;；]|[，,：:]\s*(?:19|20)\d\d年(?:\d{1,2}月)?(?:出)?生")
GROUP = regex.compile(r"(?:两|二|三|四|五|六|七|八|九|十)(?:人|位)")   # 单羽、乐清扬与濮存墨三人
_BIO_FIRST, _GROUP_FIRST = set("，,：:"), set("两二三四五六七八九十")   # what BIO and GROUP can begin with
NUMERAL_UNITS = set("万亿千百")   # surnames that are also units of a number written before them
OPEN = set("，,。！？；;：:“\"（(、【《 \n\t")
# Characters used to transcribe foreign names (Xinhua's transcription tables use a few hundred).
TRANSLIT = ("阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕波伯勃博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费芬丰"
            "弗伏福盖甘冈高戈哥格古瓜圭哈海汉豪赫黑亨洪胡华怀霍基吉加贾杰捷金久卡凯坎康考柯科克肯库奎拉"
            "莱赖兰朗劳勒雷蕾里理利莉丽连林琳刘隆卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米明莫姆穆纳娜奈南内尼涅宁"
            "纽努诺欧帕潘庞佩彭皮平珀普齐奇恰乔切钦琼丘屈萨塞赛桑瑟森沙莎珊尚舍什施史斯松苏索塔泰坦汤唐特"
            "提廷图托瓦万旺威韦维温文沃乌伍西希锡夏谢辛休修雅亚扬耶伊因英尤于约泽扎詹兹佐治琪娅露丝黛妮薇斐缇"
            "菲罗莱茨瑞迦嘉卓若蕾澳夫顿列逊廉摩翰冯"
            "得当密略甫各历伍琴延宾默")     # 彼得, 亚当, 史密斯, 卡瓦略, 舍甫琴科, 雅各布, 亚历山大, 伍德, 延科
_TRANSLIT_SET = set(TRANSLIT)
# a name with the middle dot may use a few more characters (阿方索·卡隆, 朱尔斯·德·贝兰库尔)
DOT_PART = TRANSLIT + "方历山昆滕佛汀朱得易迭雪卜柔密珍季可徒生冯茱卫蒂娃杜凯尚拿肖依热吐孜买江古丽木"
# ... and more syllables of the same transcription tables (以赛亚, 翁, 伍德, 琴科, 延科, 叶夫, 宾, 默, 瑙, 察, 祖)
DOT_PART += "以翁伍琴延叶宾默瑙察祖舒富赞杭京欣蓬通贡孔宗雄宰柴陶绍尧根申嫩策楚敏济"
_DOT_SET = set(DOT_PART)
DOT_TAIL = set("以于和与及在为向对从将")
DOT_AFTER = set("在将的是和与及已也都就还又被把对向从为说称则")
DOT_GLUE = set("上中里的了有是和与及在也都就还又对向被让给由将从把跟同请叫令使经为而但却并且若")
# (大 of 亚历山大, 大卫: only where a dot joins it to another part)
DOT_PART += "大"
# the parts joined by the dot, one of them perhaps an initial (马修·r·科尔特, r·安德森)
# (DOTTED_HEAD: the longest first part, so that a match begins at most that far before its first dot)
DOTTED_HEAD = 6
_DOTTED = re.compile(r"(?:[%s]{1,%d}|(?<![A-Za-z0-9])[A-Za-z])(?:[·•](?:[%s]{1,8}|[A-Za-z](?![A-Za-z0-9]))){1,3}"
                     % (DOT_PART, DOTTED_HEAD, DOT_PART))
# the last character of a place or a thing, rarely of a given name (何庄子 aside)
KIN = set("妻夫叔伯姨姑舅婶嫂姐哥弟妹爷奶婆妈爸公翁母父儿女孙侄总工师氏")
# after a surname: a clan, a family or its shop, a way to address a director (章姓, 沈家, 邱记, 柳氏, 严导)
CLAN_SUFFIX = set("姓家记氏导")
# ... and the two-character terms of address that follow a surname in place of a given name (written
# from general knowledge of Chinese kinship and address terms)
KIN_WORDS = frozenset(("奶奶", "爷爷", "婆婆", "阿婆", "阿姨", "叔叔", "伯伯", "阿伯", "大爷", "大妈", "大娘", "大叔",
                       "大婶", "大姐", "大哥", "姐姐", "哥哥", "妹妹", "弟弟", "师傅", "老汉", "老伯", "老太", "阿姐"))
PLACE_END = set("街路巷村庄镇乡县市省区湾寺庙祠宫殿馆楼阁园亭桥港岛塔城院厅店场站所局处队团社司厂部网卡榜门"
                "湖滩峡寨")    # 白沙滩, 苗寨 (not 谷, 旗, 邦: 王石谷, 李红旗, 梁定邦)
# How transcribed place names end (-ia 亚, -land 兰, -stan 斯坦, -burg 堡, -town/-ton 敦 ...) and how
# transcribed surnames end (-ov 夫, -ova 娃, -vich 维奇, -ski 斯基, -son 森/逊, -ez 斯): general
# knowledge of Xinhua-style transcription, not a list of names; 路 and 街 end a street named after
# a transcription (卡森路)
PLACE_FINALS = ("亚", "兰", "坦", "堡", "达", "图", "加", "卡", "拿", "港", "湾", "州", "城", "岛", "山", "河", "湖", "谷",
                "路", "街")
PERSON_FINALS = ("夫", "娃", "维奇", "斯基", "森", "逊", "尔德", "曼", "茨", "奇", "诺", "洛", "朗", "尔斯")
# The verbs of saying and of the events among AFTER (and a few more): a person does these, a place or a
# thing rarely; stronger evidence than an adverb or a preposition after the name.
EVENT_AFTER = ("表示", "告诉", "透露", "指出", "认为", "坦言", "介绍", "回应", "强调", "提到", "解释", "回忆", "笑称",
               "直言", "感叹", "承认", "否认", "证实", "宣布", "说道", "问道", "答道", "写道", "谈到", "坦承", "加入",
               "加盟", "入职", "离职", "辞职", "辞去", "辞任", "请辞", "引咎", "卸任", "担任", "出任", "升任", "接任",
               "兼任", "历任", "现任", "曾任", "创办", "创立", "执导", "主演", "出演", "当选", "退休", "退役", "申请",
               "递交", "提交", "签约", "续约", "转会", "效力", "毕业于", "出生于", "生于")
# function words jieba's HMM glues onto the first syllable of a transcription (有斯|库利, 和沃|克尔)
FOREIGN_GLUE = GLUE_HEAD | set("有是及在也都就还又")
_QUOTED_TITLE = regex.compile(r"《[^《》\n]{1,40}》")
_TRANS_RUN = re.compile(r"[%s]{3,7}" % TRANSLIT)


def tag(ctx: Context, orgs: list[Entity], titles: list[Entity]) -> list[Entity]:
    norm = ctx.norm
    busy = bytearray(len(norm) + 1)
    for x in orgs + titles:
        busy[x.start:x.end] = b"\x01" * (x.end - x.start)
    for m in _QUOTED_TITLE.finditer(norm):      # names inside a book or film title are not people here
        busy[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    _cut_titles(norm, busy)                 # 林小雨的夏天》: the text begins inside a title
    found = _dotted(ctx, busy)
    for p in found:
        busy[p.start:p.end] = b"\x01" * (p.end - p.start)
    env = {"title_end": {t.end for t in titles}, "title_start": {t.start for t in titles},
           "org_end": {o.end for o in orgs}, "person_end": {p.end for p in found}, "after_left": _after_left,
           "token_firsts": _token_firsts(ctx)}
    # by start, the best first at each (two stable sorts in C: key=lambda c: (c[1], -c[0]))
    cands = sorted(sorted(_chinese(ctx, env, busy) + _foreign(ctx, env, busy) + _latin(ctx, env, busy)
                          + _famous(ctx, busy) + _bylines(ctx, busy), key=_SCORE, reverse=True), key=_START_OF)
    # names in a list support each other (范承泽、阚星河、聂淞)
    firsts = [c for i, c in enumerate(cands) if i == 0 or cands[i - 1][1] != c[1]]
    for x, y in zip(firsts, firsts[1:]):
        if norm[x[2]:y[1]] in ("、", "和", "与", "及", "，") and x[0] > COORD_MIN and y[0] > COORD_MIN:
            x[0] += COORD_BONUS
            y[0] += COORD_BONUS
            if y[4] == "name by its form":
                y[4] = "<person>、name"
    _coord_titled(norm, cands, busy, env)              # 曲衡与前商汤科技高级研究员莫语川共同创办
    for c in cands:
        if c[4] == "name by its form" and c[2] - c[1] == 3:
            c[0] -= BARE_THREE                         # 何庄子, 马林鱼: no context for a person at all
    # the best candidates first, none overlapping another
    out = []
    occupied = bytearray(busy)
    # (those under THRESHOLD, which the loop stops at, left out before the sort)
    for score, s, e, canon, rule in sorted([c for c in cands if c[0] >= THRESHOLD], key=lambda c: (-c[0], c[1])):
        if any(occupied[s:e]):
            continue
        out.append(Entity("person", norm[s:e], s, e, canonical=canon, rule=rule))
        occupied[s:e] = b"\x01" * (e - s)
    # a name accepted once is a name everywhere in the document (晏清和 … 晏清和最终选择)
    names = sorted({p.text for p in out if len(p.text) >= 2 and p.rule not in ("surname + 某", "transliterated name")},
                   key=len, reverse=True)   # a bare transcription is too weak to spread (苏梅 … 苏梅岛)
    owner = {}
    for p in out:
        for x in range(p.start, p.end):
            owner[x] = p
    nameset = set(names)
    lengths = sorted({len(x) for x in names}, reverse=True)
    firsts = {x[0] for x in names}
    hits = []
    for w, ts, te in ([ctx.tokens[x] for x in _find_each(env["token_firsts"], firsts)] if names else ()):
        for L in lengths:
            if norm[ts:ts + L] in nameset:
                hits.append((ts, norm[ts:ts + L]))
                break
    for i, name in hits:
        j = i + len(name)
        over = {id(owner[x]): owner[x] for x in range(i, j) if x in owner}
        inside = list(over.values())
        # free, or one shorter person inside it (晏清 in 晏清和); at a word start
        # (and not where a place's kind follows: 吕青山|纪念馆); most hits are the mentions
        # found already, which the test of what is inside turns down first
        if (not inside or (len(inside) == 1 and inside[0].start >= i and inside[0].end <= j
                           and inside[0].end - inside[0].start < j - i)) and \
                not any(busy[i:j]) and not _place_follows(ctx, env, j):
            for p in inside:
                out.remove(p)
            ent = Entity("person", name, i, j, canonical=name, rule="same name as above")
            out.append(ent)
            for x in range(i, j):
                owner[x] = ent
            occupied[i:j] = b"\x01" * (j - i)
    out = _drop_place_names(norm, out)
    found += out
    for i, p in enumerate(found):
        # 小乔丹, 老雷德克纳普, 小罗伯特-唐尼: Junior and Senior belong to a transcribed name
        a = p.start - 1
        if a >= 0 and norm[a] in "小老" and (p.rule.startswith("transliterated") or (
                p.end - p.start >= 2 and all(c in _TRANSLIT_SET for c in p.text))) and not busy[a] and \
                not occupied[a] and ctx.token_from(a) is not None and ctx.token_from(a)[2] == a + 1:
            found[i] = Entity("person", norm[a:p.end], a, p.end, canonical=norm[a:p.end], rule=p.rule)
    found += _known(ctx, occupied, found)
    _cut_at_dot(ctx, found, busy, occupied)
    return sorted(found, key=lambda x: x.start)


def _token_firsts(ctx: Context) -> str:
    """Each token's first character, in the tokens' order: the characters of the text at the tokens'
    starts, written into one string in C (_speedups.first_chars), else picked by one itemgetter (the
    starts are distinct and in order: the tokens cover the text one after the other)."""
    if _FAST is not None:
        return _FAST.first_chars(ctx.norm, ctx.tokens)
    starts = ctx.token_starts
    return "".join(operator.itemgetter(*starts)(ctx.norm)) if starts else ""


def _place_follows(ctx: Context, env, e: int) -> bool:
    """A place's, a landmark's or a namesake's kind follows e (吕青山|纪念馆, 林则徐|故居, 蓝湾|岛): a name
    accepted elsewhere in the text names a place here, not the person."""
    return _named_after(ctx.norm, e) or _cached_right(ctx, env, e) == "place"


# A reporter's credit in brackets after the dateline: （记者X）, （记者X、通讯员Y）, (本报记者X 实习生Y): the
# two or three characters between the role and the bracket or the next credit are a name, whether
# or not they begin with a surname (记者晓帆) or make a word (记者马力)
BYLINE_ROLE = ("记者", "通讯员", "实习生", "特约记者", "见习记者")
# (the bracket or mark before it taken in, not looked behind at: re then skips ahead to those)
_BYLINE_CREDIT = re.compile(r"[（(、 　](?:本报|本刊|本台)?(?:%s)([\u4e00-\u9fff]{2,3})(?=[）)、 　]|(?:%s))"
                            % ("|".join(BYLINE_ROLE), "|".join(BYLINE_ROLE)))
BYLINE_SCORE = THRESHOLD + 5.0
# what a reporter does, written where a credit could be (（记者获悉）, （记者综合报道）)
BYLINE_ACTS = ("获悉", "了解", "报道", "综合", "整理", "摄影", "摄", "发自", "采访", "调查", "暗访", "走访", "实习", "核实",
               "证实", "查询", "连线", "探访", "跟踪", "编译", "翻译", "执笔")


def _bylines(ctx: Context, busy) -> list[list]:
    """The names of reporters' credits in brackets (one search over the text)."""
    norm = ctx.norm
    out = []
    for m in _BYLINE_CREDIT.finditer(norm):
        s, e = m.span(1)
        if any(busy[s:e]) or norm.startswith(BYLINE_ROLE + BYLINE_ACTS, s) or s not in ctx.token_starts:
            continue
        out.append([BYLINE_SCORE, s, e, norm[s:e], "reporter's byline"])
    return out


_CUT_AT_DOT = re.compile(r"[%s]{2,6}(?:[·•][%s]{1,8}){0,2}[·•]\s*\Z" % (DOT_PART, DOT_PART))


def _cut_at_dot(ctx: Context, found: list[Entity], busy, occupied) -> None:
    """A text that stops right after a name's middle dot (…由玛格丽塔·) was cut inside the name: the
    name runs to the dot, which is part of it (the rest is lost). One search at the end of the text."""
    norm = ctx.norm
    m = _CUT_AT_DOT.search(norm, max(0, len(norm) - 40))
    if m is None:
        return
    dot = norm.rindex("·" if "·" in m.group(0) else "•")
    for i, p in enumerate(found):
        if p.end == dot:                                   # 安吉丽娜 found before the dot
            found[i] = Entity("person", norm[p.start:dot + 1], p.start, dot + 1, canonical=norm[p.start:dot + 1],
                              rule=p.rule)
            return
    s = m.start()
    while s < dot and s not in ctx.token_starts:
        s += 1                                             # on a token boundary: 由|玛格丽塔·
    if dot - s >= 2 and not any(busy[s:dot]) and not any(occupied[s:dot]) and not any(
            p.start < dot + 1 and s < p.end for p in found):
        found.append(Entity("person", norm[s:dot + 1], s, dot + 1, canonical=norm[s:dot + 1],
                            rule="transliterated name with ·"))


def _coord_titled(norm: str, cands: list[list], busy, env) -> None:
    """A candidate before 与/和/及 and a person introduced by a title (曲衡与前商汤科技高级研究员莫语川):
    the two are coordinated as in a plain list (范承泽、阚星河), with the organisation and title between."""
    title_end = env["title_end"]
    byend = {}
    for c in cands:
        if c[0] > COORD_MIN and norm[c[2]:c[2] + 1] in ("与", "和", "及"):
            byend.setdefault(c[2] + 1, []).append(c)
    if not byend:
        return
    for y in cands:
        if y[0] < THRESHOLD or y[1] not in title_end:
            continue
        for a in range(y[1] - 1, max(0, y[1] - 20), -1):
            if not busy[a] and norm[a] not in "前原现":
                break
            for x in byend.get(a, ()):
                if x[0] < THRESHOLD and x[1] < a:
                    x[0] += COORD_BONUS


# the surname lengths to try at a start: 2 then 1 where a two-character surname may begin, else 1
# (named: Cython cannot type the two tuples of a conditional expression written out in place)
_DOUBLE_FIRST, _SINGLE_FIRST = (2, 1), (1,)


def _chinese(ctx: Context, env, busy) -> list[list]:
    """Scored candidates [score, start, end, canonical, rule], the best at each start."""
    norm, lex, seg = ctx.norm, ctx.lexicon, ctx.segmenter
    surnames = lex.surnames
    toks = ctx.tokens
    title_end, org_end = env["title_end"], env["org_end"]
    person_end = env["person_end"]
    # the first characters of the two-character surnames: elsewhere only a one-character one may start
    double = per_lexicon(lex, "double-surname-first", lambda: frozenset(x[0] for x in surnames if len(x) == 2))
    out = []
    shapes = word_memo(lex, seg, "person candidates", lambda key: _candidates_of(seg, lex, *key), limit=1 << 17)
    prune = FEATURE_LOG is None and "after_left" in env
    for k, s, w in _starts(ctx, env):
        if busy[s]:
            continue
        best = bound = None
        at = toks[k][1] == s
        stop = busy.find(1, s)             # the next busy one (busy holds 0 and 1): a candidate ends at or before it
        for ls in (_DOUBLE_FIRST if norm[s] in double else _SINGLE_FIRST):
            sur = norm[s:s + ls]
            if len(sur) < ls or sur not in surnames:
                continue
            # _ends and the tests of the words alone, memoised on the words there (_candidates_of)
            for rel, ntok, name, fits, form in shapes[_shape_key(toks, k, w, ls, at)]:
                end = s + rel
                if stop != -1 and end > stop:
                    break                                  # any(busy[s:end])
                if not fits:
                    continue                               # a stopname, or a given name _features rejects
                if prune and form is not None:
                    if norm.startswith(HONORIFIC, s + ls):
                        continue                           # (as _features: 王先|生)
                    if bound is None:
                        bound = _left_bound(ctx, env, k, s)
                    most = _hopeless_at(ctx, env, bound, end, form)
                    if most is not None:
                        # hopeless: it stands for its start at a score that changes nothing
                        if best is None:
                            best = (most, s, end, name, "name by its form")
                        continue
                feats = _features(ctx, k, s, w, end, ls, ntok, sur, env)
                if feats is None:
                    continue
                if feats.__class__ is float:
                    # hopeless (see _features): it stands for its start at a score that changes nothing
                    if best is None:
                        best = (feats, s, end, name, "name by its form")
                    continue
                score = _score_of(feats)
                if FEATURE_LOG is not None:
                    FEATURE_LOG.append((s, end, feats))
                if best is None or score > best[0]:
                    best = (score, s, end, name, _rule_of(feats))
            if ls == 1 and norm[s + 1:s + 2] in _HONORIFIC_OR_SOME:
                best = _named_by_next(ctx, k, s, w, sur, best, title_end, org_end)
            if best is not None:
                break
        if best is not None:
            out.append(list(best))
            if best[0] >= THRESHOLD:
                person_end.add(best[2])
    return out


# what may follow a one-character surname for _named_by_next to find something: an honorific's first
# character, or 某
_HONORIFIC_OR_SOME = frozenset(h[0] for h in HONORIFIC) | {"某"}


def _named_by_next(ctx: Context, k: int, s: int, w: str, sur: str, best, title_end, org_end):
    """The best candidate at s once a one-character surname followed by an honorific or 某 is
    considered (best: the best before): the person is named, but not by the given name."""
    norm, lex = ctx.norm, ctx.lexicon
    # 王先生: the surname alone, named by an honorific
    if norm.startswith(HONORIFIC, s + 1) and len(w) in (1, 3) and \
            (s == 0 or norm[s - 1] in OPEN or not _is_han(norm[s - 1]) or s in title_end or s in org_end):
        h = next(x for x in HONORIFIC if norm.startswith(x, s + 1))
        if best is None or best[0] < THRESHOLD:
            best = (THRESHOLD + 4, s, s + 1, sur + h, "surname + " + h)
    # 戚某, 王某某: a person the article leaves unnamed
    if norm.startswith("某", s + 1) and lex.surnames.get(sur) != "word":
        ee = s + (3 if norm.startswith("某某", s + 1) else 2)
        if ee == s + 2 and norm[ee:ee + 1] in GIVEN and (_closes(norm, ee + 1) or norm[ee + 1:ee + 2] in "以被向因"):
            ee += 1                                        # 刘某辉, 谭某长: the surname and one given character
        if norm[ee:ee + 1] not in SOME_AFTER or (
                (s == 0 or norm[s - 1] in OPEN or s in title_end or prevtok_in(ctx, k, s, lex.titles)
                 or norm[max(0, s - 6):s].endswith(ROLE_BEFORE)) and _closes(norm, ee)):
            best = (THRESHOLD + 3, s, ee, norm[s:ee], "surname + 某")
    return best


def _starts(ctx: Context, env):
    """Where a name may start: a token start, or the second character of an
    unknown token whose first character is a preposition jieba's HMM glued
    on (据|乐雁, 由|张伟): (token index, start, the token from there)."""
    seg = ctx.segmenter
    firsts = lexicon_prefixes(ctx.lexicon, "surname-first", ctx.lexicon.surnames, _first_char)   # a name starts nowhere else
    norm, toks = ctx.norm, ctx.tokens
    # a token starting with neither a surname nor START_GLUE yields nothing below
    heads = per_lexicon(ctx.lexicon, "surname-or-glue-first", lambda: _char_class(firsts | START_GLUE))
    for k in char_positions(heads, env["token_firsts"]):   # the tokens that begin with one of them
        w, s, e = toks[k]
        c = w[0]
        if c in NUMERAL_UNITS and s > 0 and norm[s - 1].isdigit():
            continue   # 8000万欧, 3亿元: a unit of the number, not the surname 万
        if c in firsts:
            yield k, s, w
        if c in START_GLUE and (3 <= len(w) <= 4 or (len(w) == 2 and c not in "从在经")) and w[1] in firsts \
                and not seg.is_word(w):                    # 由齐|远山 too; not 从龙|云山 (a place follows 从)
            yield k, s + 1, w[1:]


def _first_char(surname: str) -> str:
    return surname[:1]


def _shape_key(toks, k: int, w0: str, ls: int, at: bool) -> tuple:
    """What _candidates_of needs to know at a start: the token from there (w0), the surname's
    length, whether the start is the token's, and the next one or two tokens where _ends looks
    at them: the next while w0 is at most ls + 2 long (a name can end after it, or one of
    _surname_again go on with it), the one after only while a name can still end after it
    (the tokens before are shorter than ls + 2 together)."""
    n = len(w0)
    if n > ls + 2 or k + 1 >= len(toks):
        return w0, None, None, ls, at
    w1 = toks[k + 1][0]
    if n + len(w1) >= ls + 2 or k + 2 >= len(toks):
        return w0, w1, None, ls, at
    return w0, w1, toks[k + 2][0], ls, at


def _candidates_of(seg, lex, w0: str, w1: str | None, w2: str | None, ls: int, at: bool) -> tuple:
    """The candidates at a start from its words (see _shape_key), as _chinese's loop goes through
    them: (end - start, ntok, name) for each end of _ends in its order, whether the name can be one
    at all (no stopname, a given name that fits: the tests of _features that look at the words only)
    and _form_most of the name where the shortcut may drop it (None: _features may reject it).
    _ends runs over tokens laid out from 0 (the token of a glued start begins one character before)."""
    text = w0
    toks = [(w0, 0, len(w0)) if at else ("?" + w0, -1, len(w0))]   # 由|张伟: the start is the token's second character
    for w in (w1, w2):
        if w is None:
            break
        toks.append((w, len(text), len(text) + len(w)))
        text += w
    stopnames, forms = lex.stopnames, _form_memo(seg, lex)
    out = []
    for end, ntok in _ends(toks, 0, 0, w0, ls, seg):
        name = text[:end]
        given = name[ls:]
        fits = name not in stopnames and _given_fits(given) and given != "总"
        form = forms[name, ls, ntok, w0] if fits and not (len(given) == 2 and given[-1] in STRONG_TAIL) else None
        out.append((end, ntok, name, fits, form))
    return tuple(out)


def _ends(toks, k, s, w0, ls, seg):
    """Ends of 1- or 2-character given names that fall on token ends, with
    the number of tokens the name spans (0: inside one unknown token whose
    last character is a function word jieba's HMM glued on: 乐雁对, 骆辰则)."""
    cross = None
    if len(w0) in (ls + 2, ls + 3) and (w0[-1] in GLUED_TAIL or _verb_tail(w0, ls, seg)
                                        or _surname_again(w0, ls, toks, k)) and not seg.is_word(w0):
        yield s + len(w0) - 1, 0                # 乐雁|对, 芮嘉言|为: a function word glued on; 周茜|死
        #                                         (not 侦探小说, 童话诗: a word of the dictionary)
    elif toks[k][1] == s:
        # the last given-name character glued to what follows: 郭庆祥成|了 (inside one unknown
        # token), 梅建|明文, 李晓|林先生, 曾|梵志长 (the first character of the next token)
        e3 = s + ls + 2
        if len(w0) == ls + 3:
            if not seg.is_word(w0):
                cross = e3
        elif len(w0) in (ls, ls + 1) and k + 1 < len(toks):
            nw, nb, ne = toks[k + 1]
            if nb < e3 < ne and len(nw) in (2, 3) and _all_han(nw):
                cross = e3
    if len(w0) in (ls, ls + 1) and k + 1 < len(toks) and toks[k][1] == s:
        nw = toks[k + 1][0]
        if len(nw) == 2 and nw[1] in STRONG_TAIL and _is_han(nw[0]) and not seg.is_word(nw):
            # 阙铭|远于, 汪以|宁则, 宇文|拓已: the last character glued to a function word
            # (not a word of its own: 徐军|由于)
            yield toks[k + 1][1] + 1, (-1 if len(w0) == ls + 1 else -2)
    total = 0
    for j in range(k, min(k + 3, len(toks))):
        w, ts, te = toks[j]
        if j > k and not _all_han(w):
            break
        total = te - s
        if total > ls + 2:
            break
        if total >= ls + 1:
            yield te, j - k + 1
    if cross is not None:
        yield cross, -3


# The verbs among AFTER: a conjunction (和, 与) never stands right before one.
VERBS = tuple(w for w in AFTER if len(w) >= 2 and w not in ("以及", "一起", "今年", "去年", "此前", "目前", "现在", "本人",
                                                           "先生", "女士", "小姐", "博士", "教授", "院士", "老师", "同学",
                                                           "夫妇", "夫人", "等人", "同志", "同样", "本场", "近日", "日前",
                                                           "昨天", "昨日", "今天", "当时", "早在", "上月", "本月", "个人",
                                                           "之前", "之后", "身上", "手中", "因为", "已经", "即将", "随后",
                                                           "后来", "曾经", "至今", "没有", "可以", "一直", "直接", "作为",
                                                           "最终", "终于", "正式", "随即", "同时", "首次", "再次",
                                                           "依然", "依旧", "仍然", "表现"))
# Evidence weights (log-odds). A candidate is kept when the sum of its pieces of
# evidence reaches THRESHOLD. Structural pieces say how often a candidate cut this
# way is a name (oov/cut/nr/nrfg/nrt/split/lone/pieces : surname class : given-name
# length); the others how much more often a piece of context stands next to a name
# than next to a non-name. Fitted by logistic regression on counts from public NER
# corpora (news sentences and executive biographies), then rounded.
W = {
    "L:and": 1.0, "L:colon": 0.4, "L:comma": 0.6, "L:de": 0.2, "L:dun": -0.5, "L:frame": 0.9, "L:list": 2.1,
    "L:loc": -1.1, "L:open": -1.1, "L:org": -1.0, "L:other": -0.8, "L:role": 0.6, "L:sent": 1.4, "L:sports": -2.3,
    "L:start": 1.0, "L:title": 2.4, "R:and": 0.8, "R:bio": 2.9, "R:close": -0.1, "R:colon": 2.1, "R:comma": -0.3,
    "R:date": 1.9, "R:de": 0.5, "R:dun": 0.5, "R:end": 0.6, "R:hon": 3.0, "R:other": -0.8, "R:place": -4.2,
    "R:sent": -0.2, "R:sports": -1.8, "R:title": 0.4, "R:verb": 0.6, "conjunction-before-verb": 1.0,
    "cut:common:1": -0.5, "cut:common:2": -2.7, "cut:compound:1": 0.7, "cut:compound:2": 2.0, "cut:rare:1": -1.4,
    "cut:rare:2": 0.5, "cut:word:1": -3.7, "cut:word:2": -1.9, "fL:and": 1.2, "fL:colon": 0.3, "fL:comma": 0.8,
    "fL:de": 0.4, "fL:dun": 0.0, "fL:frame": 0.6, "fL:list": 1.6, "fL:loc": -1.2, "fL:open": -0.5, "fL:org": -1.2,
    "fL:other": -0.3, "fL:role": 0.5, "fL:sent": 1.0, "fL:sports": -2.8, "fL:start": 0.5, "fL:title": 2.3,
    "fR:and": 1.0, "fR:bio": 2.7, "fR:close": -0.4, "fR:colon": 2.0, "fR:comma": 0.2, "fR:de": 0.5, "fR:dun": 0.9,
    "fR:end": -0.2, "fR:hon": 2.6, "fR:other": -0.9, "fR:place": -4.3, "fR:sent": -0.1, "fR:sports": -1.8,
    "fR:title": 0.1, "fR:verb": 1.3, "foreign-run-continues": -4.1, "foreign:han-like": -0.3, "foreign:long": 0.6,
    "foreign:nr": 0.0, "foreign:nrfg": 1.5, "foreign:nrt": -0.5, "foreign:person-final": 0.7, "foreign:place": -1.7,
    "foreign:place-final": -1.9, "foreign:short": -2.0, "foreign:short-nr": -1.3, "foreign:short-nrt": -0.9,
    # set by hand on the candidate counts (few of these are names: only with strong evidence besides)
    "R:event": 1.5, "fR:event": 1.0,       # set by hand: CLUENER and Resume unchanged or better, DuEE +0.005
    "nr-place-end": -2.0,                  # set by hand: 8 false alarms, no name, on CLUENER train
    "place-name": -4.0,                    # set by hand: a country or a city of data/places.txt
    "verb-tail": -3.0,                     # set by hand: no name of the training sets ends so
    "travel-text": -2.0,                   # set by hand: words of travel writing nearby
    "slot:appoint": 2.0, "slot:event": 1.0,   # set by hand: a person's slot on both sides (_slots)
    "wei-name": 3.0,                          # set by hand: a given name ending in 为 before a verb (_wei_name)
    "R:byline": 4.5,                          # set by hand: 记者X北京报道, the name ends before the place (_byline)
    "R:column": 3.0,                          # set by hand: X火线推荐：, X解盘：, a columnist's heading (_COLUMN)
    # set by hand: every transcription without the dot (measured on CLUENER's even documents, confirmed on the
    # odd ones): at the margin they name places, ships, products and clubs more often than people
    "foreign:base": -0.3,
    "landmark-after": -4.0,                # set by hand: a landmark's kind follows (_landmark_after)
    "classifier": -4.0,                    # set by hand: the "surname" is a measure word after a number (这张晓峰…)
    # -- set by hand, measured on CLUENER's even documents, confirmed on the odd ones (Chinese names, round 4)
    "place-people": -4.0,                  # a place of data/places.txt and 人: someone from there (_more)
    "place-is": -3.0,                      # X是个小镇: the kind of a place follows 是 in the clause (_PLACE_IS)
    "surname-again": -9.0,                 # the surname again before 女士/总 (_more): outweighs R:hon
    "clan-suffix": -2.5,                   # a one-character "given name" of CLAN_SUFFIX (_given_shape)
    "function-given": -2.0,                # a one-character given name of STRONG_TAIL (_given_shape)
    "after-place": -1.5,                   # set by hand: right after a place of data/places.txt
    "cross:oov": -3.0, "cross:next": -5.0, "cross-rest:func": 0.0, "cross-rest:other": -1.0,
    "foreign:short-oov": -0.3, "foreign:unknown": -0.5, "foreign:word": -3.0, "foreign:two-names": 1.0, "function-tail": -1.7,
    "given-char-after": -1.5, "given-double": 0.7, "given-word:common": -1.8, "given-word:frequent": -2.4,
    "given:1:0": -1.3, "given:1:1": -0.4, "given:2:0": -0.3, "given:2:1": 0.9, "given:2:2": 2.0, "glr:a": 0.7,
    "glr:aa": 0.9, "glr:ab": 0.6, "glr:ac": 0.5, "glr:b": 0.3, "glr:bb": -0.1, "glr:bc": -0.3, "glr:c": -0.5,
    "glr:cc": -1.3, "kinship": -1.3, "latin:after-transliteration": 2.0, "latin:alnum": -3.9,
    "latin:before-han-brackets": 1.3, "latin:camel": -1.6, "latin:cap": -1.1, "latin:caps": -2.9,
    "latin:handle-pair": 3.5, "latin:in-brackets-after-han": 1.1, "latin:lower": -2.0, "latin:spaced": -1.0, "lone-open:nr": -2.0,
    "lone-open:ns": -3.0, "lone-open:oov": -1.5, "lone-open:word": -5.1, "lone:nr": -1.3, "lone:ns": -4.1,
    "lone:oov": -1.5, "lone:word": -4.8, "nr:common:1": 0.4, "nr:common:2": 0.1, "nr:compound:1": 1.6,
    "nr:compound:2": -0.1, "nr:rare:1": -2.7, "nr:rare:2": -0.8, "nr:word:1": -1.9, "nr:word:2": -1.9,
    "nrfg:common:1": 0.7, "nrfg:common:2": 3.7, "nrfg:compound:1": 2.5, "nrfg:compound:2": 2.5, "nrfg:rare:1": 2.5,
    "nrfg:rare:2": 2.5, "nrfg:word:1": 5.4, "nrfg:word:2": 2.5, "nrt:common:1": -2.4, "nrt:common:2": -1.5,
    "nrt:compound:1": -1.5, "nrt:compound:2": -1.5, "nrt:rare:1": -0.4, "nrt:rare:2": -4.9, "nrt:word:1": 0.8,
    "nrt:word:2": -3.5, "oov:common:1": 1.3, "oov:common:2": 0.4, "oov:compound:1": 0.7, "oov:compound:2": 2.0,
    "oov:rare:1": 0.5, "oov:rare:2": -0.7, "oov:word:1": -1.6, "oov:word:2": -1.6, "orphan-after": -3.3,
    "pieces:oov": -2.5, "pieces:word": -4.5, "place-end": -2.2, "preposition-surname": -2.7, "split:common:1": -0.6,
    "split:common:2": 0.2, "split:compound:1": 3.8, "split:compound:2": 0.4, "split:rare:1": -1.4,
    "split:rare:2": -1.7, "split:word:1": -3.2, "split:word:2": -2.8, "word": -4.0, "xL:and": 1.0, "xL:comma": 0.3,
    "xL:de": 0.6, "xL:frame": 0.5, "xL:loc": -0.5, "xL:open": -1.1, "xL:other": -0.9, "xL:role": 0.3,
    "xL:start": 0.8, "xL:title": 2.8, "xR:and": 0.8, "xR:bio": 3.0, "xR:close": -0.2, "xR:colon": 1.0,
    "xR:comma": 0.1, "xR:de": 0.7, "xR:dun": 0.3, "xR:end": 0.3, "xR:hon": 3.0, "xR:other": -0.3, "xR:place": -4.2,
    "xR:sent": -0.2, "xR:title": 0.2, "xR:verb": 1.3,
    # -- person-latin: Latin names and transcriptions (set by hand) --
    "latin:known-handle": 4.0,             # a handle of data/handles.txt in a text about games (_known_handle)
    "latin:company-act": -3.0,             # a company's act follows the Latin name (_COMPANY_ACT)
    "foreign:short-rare": -1.3,            # 基勒: a rare untagged word of two syllables (_rare_short), as short-nr
}
RULES = {"L:title": "<title> + name", "L:org": "<org> + name", "L:frame": "<verb> + name", "L:role": "<cue> + name",
         "L:list": "<person>、name", "R:hon": "name + 先生/女士", "R:bio": "name，男/女", "R:colon": "name：",
         "R:verb": "name + <verb>", "R:title": "name + <title>", "R:date": "name + 于<date>",
         "R:column": "name + 推荐："}
# Set by hand (measured on CLUENER's even documents, confirmed on the odd ones): a three-character
# candidate with no context of a person on either side (its rule "name by its form") is a village, a
# product or a building about as often as a person: it needs this much more evidence of its form
BARE_THREE = 0.4
FEATURE_LOG: list | None = None    # set to a list to record every candidate's evidence (for calibration)


def _surname_class(lex, sur: str, ls: int) -> str:
    """The surname's class for the pieces of evidence: its class in surnames.txt, and every two-character
    surname that is no word "compound"."""
    cls = lex.surnames.get(sur, "common")
    return "compound" if ls == 2 and cls != "word" else cls


def _word_kind(seg, w: str) -> str:
    """What jieba's dictionary says of a token: unknown ("oov"), a person's name ("nr"), a place ("ns"),
    another word ("word")."""
    if not seg.is_word(w):
        return "oov"
    tg = seg.tag(w)
    return "nr" if tg in PERSON_TAGS else "ns" if tg == "ns" else "word"


def _features(ctx: Context, k: int, s: int, w0: str, e: int, ls: int, ntok: int, sur: str, env) -> list[str] | None:
    """The pieces of evidence about a Chinese-name candidate s..e (see W)."""
    norm, seg, lex = ctx.norm, ctx.segmenter, ctx.lexicon
    name = norm[s:e]
    given = name[ls:]
    if not _given_fits(given) or norm.startswith(HONORIFIC, s + ls) or given == "总":
        return None
    toks = ctx.tokens
    cls = _surname_class(lex, sur, ls)
    g = len(given)
    # -- how jieba cut it
    if ntok == 0:
        f = [f"cut:{cls}:{g}"]                             # 乐雁|对: a function word glued after
    elif ntok == 1:
        tg = seg.tag(name)
        if tg in PERSON_TAGS:
            f = [f"{tg}:{cls}:{g}"]                       # a name of jieba's dictionary
        elif seg.is_word(name):
            f = ["word"]                                   # a word of the dictionary: 高薪, 马上, 周年
        else:
            f = [f"oov:{cls}:{g}"]                         # an unknown word jieba's HMM joined
    elif ntok == 2 and len(w0) == ls:
        f = [f"split:{cls}:{g}"]                           # 杨|红霞
    elif ntok == -2:
        f = [f"split:{cls}:{g}"]
    elif ntok == -3:
        f = ["cross:" + ("oov" if len(w0) == ls + 3 else "next"),     # 郭庆祥成|了, 梅建|明文
             "cross-rest:" + ("func" if norm[e] in FUNC_TAIL or _starts_with(norm, e, AFTER)
                              or norm.startswith(HONORIFIC, e) else "other")]
    elif ntok == -1:
        f = ["lone:" + _word_kind(seg, w0)]
    elif ntok == 2 and g == 2 and len(toks[k + 1][0]) == 1 and (_closes(norm, e) or given[-1] in GIVEN):
        # 黄文|灏: a lone character left over; 周望|军|公开: the name may go on
        f = [("lone:" if _closes(norm, e) else "lone-open:") + _word_kind(seg, w0)]
    else:
        f = ["pieces:" + ("oov" if not seg.is_word(w0) else "word")]   # 刘海|生, 毕业|后, 杨|红|霞
    if cls == "word" and sur in FUNC_HEAD:
        f.append("preposition-surname")                    # 向|智驾, 和|美国
    f.append(_given_piece(given))
    if f[0] != "word":                                     # (a word of the dictionary is judged as one)
        f.append(_glr_piece(given))                        # 伟, 芳: a; 说, 上: c
    if g == 2 and given[-1] in "和与及" and _verb_at(norm, e):
        f.append("conjunction-before-verb")                # 晏清和|提供: 和 before a verb is no conjunction
    elif g == 2 and given[-1] in FUNC_TAIL:
        if given[-1] in STRONG_TAIL and not _wei_name(ctx, e, given, ntok):
            return None                                    # 夏侯岚于, 宇文拓已: see the cut form
        f += ["wei-name"] if given[-1] in STRONG_TAIL or _cai_name(ctx, e, given, ntok) else []
        #                                                    蒋大为|称, 苗有|为|博士, 邵德|才|强调 (see _wei_name)
        f.append("function-tail")
    _given_shape(seg, given, f[0], f)
    left = _cached_left(ctx, env, k, s)
    if FEATURE_LOG is None and "after_left" in env:
        # what is added from here on (R:…, R:event, …) adds at most _after_left of the contexts: a
        # candidate whose score cannot exceed COORD_MIN is never kept, nor lifted by a neighbour
        most = _hopeless(ctx, env, k, s, e, _score_of(f))
        if most is not None:
            return most
        right = _cached_right(ctx, env, e)
    else:
        right = _right(ctx, e, env["title_start"])
    f += ["L:" + left, "R:" + right]
    if right == "verb" and f[0].startswith(("oov:", "nr", "cut:")) and "preposition-surname" not in f \
            and _starts_with(norm, e, EVENT_AFTER):
        f.append("R:event")                                # 毕滢|辞职, 高翔|申请辞去: saying or an event
    f += _slots(norm, e, left, f, seg.tag(name) in ("nr", "ns"), env["title_start"])      # 选举|邬|向东|为, 宁|夕照|近日被曝跳槽
    if left == "title" and _byline(norm, e):
        f.append("R:byline")                               # 记者|项昆|才|北京报道: the name ends before the place
    if _TRANSLIT_SET.issuperset(name):
        nxt = ctx.token_from(e)
        if nxt is not None and _translit_token(nxt[0], seg):
            f.append("foreign-run-continues")              # 梅德韦|杰夫: part of a longer transliteration
    if right == "other" and len(name) == ls + 1 and _lone(ctx, e):
        f.append("orphan-after")                           # 黄文|灏 taken as 黄文 would leave 灏 alone
    elif right == "other" and len(name) == ls + 1:
        nxt = ctx.token_from(e)
        if nxt is not None and len(nxt[0]) == 1 and nxt[0] in GIVEN:
            f.append("given-char-after")                   # 周望|军: a given-name character follows
    f += _more(ctx, env, s, e, f)
    return f


def _hopeless(ctx: Context, env, k: int, s: int, e: int, form: float) -> float | None:
    """(a shortcut) The most that a candidate s..e can score when that cannot pass COORD_MIN, else
    None: the pieces down to the context before add at most form, whatever the context they look
    at, and the rest at most _after_left of the contexts, before and then after. _chinese asks it
    with form the bound _form_most, before any piece is listed; _features with the sum of the
    pieces it has listed."""
    return _hopeless_at(ctx, env, _left_bound(ctx, env, k, s), e, form)


def _hopeless_at(ctx: Context, env, bound: tuple, e: int, form: float) -> float | None:
    """_hopeless with the start's _left_bound worked out (_chinese asks it once per start)."""
    left, weight, rest = bound
    form += weight
    most = form + rest
    if most < COORD_MIN - 1e-6:
        return most
    most = form + env["after_left"](left, _cached_right(ctx, env, e))
    if most < COORD_MIN - 1e-6:
        return most
    return None


def _left_bound(ctx: Context, env, k: int, s: int) -> tuple[str, float, float]:
    """The context before a start (_cached_left), its weight, and the most the pieces after it can
    add whatever the context after (_after_left)."""
    return _left_weights(_cached_left(ctx, env, k, s))


@functools.lru_cache(maxsize=64)       # W is fixed once loaded; a few kinds of context
def _left_weights(left: str) -> tuple[str, float, float]:
    """_left_bound of a kind of context before."""
    return left, W.get("L:" + left, 0.0), _after_left(left)


def _cached_left(ctx: Context, env, k: int, s: int) -> str:
    """_left, worked out once per start (the context before depends on the start only)."""
    lefts = env.get("left")
    if lefts is None:
        lefts = env["left"] = {}
    left = lefts.get(s)                    # (s falls in token k: k goes with s)
    if left is None:
        left = lefts[s] = _left(ctx, k, s, env["title_end"], env["org_end"], env["person_end"])
    return left


def _cached_right(ctx: Context, env, e: int) -> str:
    """_right, worked out once per end."""
    rights = env.get("right")
    if rights is None:
        rights = env["right"] = {}
    right = rights.get(e)
    if right is None:
        right = rights[e] = _right(ctx, e, env["title_start"])
    return right


def _form_most(seg, lex, name: str, ls: int, ntok: int, w0: str) -> float:
    """The most that the pieces _features finds before the context before (how jieba cut the
    candidate, its given name) can weigh, over whatever the text after it holds: memoised, as it
    depends on the words only (a quarter of the names _candidates_of meets come back after other
    words than its memo keys on). A given name of two characters ending in STRONG_TAIL is left
    out (there _features may reject the candidate)."""
    return _form_memo(seg, lex)[name, ls, ntok, w0]


def _form_memo(seg, lex) -> dict:
    """_form_most's memo: memo[name, ls, ntok, w0] (_candidates_of asks it once for all its names)."""
    return word_memo(lex, seg, "person form most", lambda key: _form_most_of(seg, lex, *key), limit=1 << 17)


def _form_most_of(seg, lex, name: str, ls: int, ntok: int, w0: str) -> float:
    """_form_most, worked out: the pieces of _features in the same order; where one depends on the
    text after the name, the heaviest of those it can be."""
    sur, given = name[:ls], name[ls:]
    cls = _surname_class(lex, sur, ls)
    g = len(given)

    if ntok == 0:
        form = [f"cut:{cls}:{g}"]
    elif ntok == 1:
        tg = seg.tag(name)
        form = [f"{tg}:{cls}:{g}" if tg in PERSON_TAGS else "word" if seg.is_word(name) else f"oov:{cls}:{g}"]
    elif (ntok == 2 and len(w0) == ls) or ntok == -2:
        form = [f"split:{cls}:{g}"]
    elif ntok == -3:
        form = ["cross:" + ("oov" if len(w0) == ls + 3 else "next"), "cross-rest:func", "cross-rest:other"]
    elif ntok == -1:
        form = ["lone:" + _word_kind(seg, w0)]
    elif ntok == 2 and g == 2 and len(name) - len(w0) == 1:
        # lone (_closes), else lone-open (given[-1] in GIVEN) or pieces
        form = ["lone:" + _word_kind(seg, w0), "lone-open:" + _word_kind(seg, w0) if given[-1] in GIVEN
                else "pieces:" + ("oov" if not seg.is_word(w0) else "word")]
    else:
        form = ["pieces:" + ("oov" if not seg.is_word(w0) else "word")]
    if ntok == -3:
        most = W.get(form[0], 0.0) + max(W.get(form[1], 0.0), W.get(form[2], 0.0))
    else:
        most = max(map(W.get, form, _ZEROS))
    f = []
    if cls == "word" and sur in FUNC_HEAD:
        f.append("preposition-surname")
    f.append(_given_piece(given))
    if form[0] != "word":
        f.append(_glr_piece(given))
    if g == 2 and given[-1] in "和与及":
        most += max(W.get("conjunction-before-verb", 0.0), W.get("function-tail", 0.0))
    elif g == 2 and given[-1] in FUNC_TAIL:
        f.append("function-tail")
        if given[-1] in CAI_TAIL:
            most += max(0.0, W.get("wei-name", 0.0))   # _cai_name: depends on the text after
    _given_shape(seg, given, form[0], f)
    return most + _score_of(f)


def _given_shape(seg, given: str, form: str, f: list[str]) -> None:
    """The pieces about the shape of the given name that depend on the words only, appended to f
    (by _features, and by _form_most_of for its bound); form is the piece of how jieba cut it."""
    g = len(given)
    if g == 2 and given in KIN_WORDS:
        f.append("kinship")                                # 赵奶奶, 唐师傅: how one addresses a relation or a stranger
    if g == 2 and given[0] == given[1] and given not in KIN_WORDS:
        f.append("given-double")                           # 伏盈盈, 李婷婷: a doubled given name
    elif g == 2:                                           # 曾|先后, 曾|任职: the given name is a common word
        fr = seg.freq(given)
        if fr > 5000:
            f.append("given-word:common")
        elif fr > 1000:
            f.append("given-word:frequent")
    if given[-1] in PLACE_END:
        f.append("place-end")
        if form.startswith("nr:"):
            f.append("nr-place-end")                       # 景德镇, 石家庄, 武侯祠: places jieba's dictionary tags nr
    if g == 1 and given in KIN:
        f.append("kinship")                                # 董妻, 杨叔, 吴氏: a relation or a clan, not a given name
    if g == 1 and given in CLAN_SUFFIX:
        f.append("clan-suffix")                            # 章姓, 沈家, 邱记, 柳氏, 严导: a clan, a family's shop
        #                                                    or how one addresses a director, not a given name
    elif g == 1 and given in STRONG_TAIL:
        f.append("function-given")                         # 韩|称, 盛|于两宋: a verb or a preposition follows a word


def _load_bands() -> dict[str, str]:
    path = os.path.join(DATA_DIR, "givenchars.tsv")
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t") for line in f if not line.startswith("#"))


# How typical each character is of given names, a > b > c (data/givenchars.tsv)
_BANDS = _load_bands()


def _word_list(fname: str) -> list[str]:
    """The entries of a word list of data/ (one a line; '#' opens a comment)."""
    with open(os.path.join(DATA_DIR, fname), encoding="utf-8") as f:
        return [w for w in (line.split("#")[0].strip() for line in f) if w]


# Countries, cities, regions (data/places.txt): jieba tags many of them nr/nrt (爱尔兰, 莫斯科)
_PLACES = frozenset(_word_list("places.txt"))


def _more(ctx: Context, env, s: int, e: int, feats: list[str]) -> list[str]:
    """Evidence about any candidate s..e, Chinese or transcribed (its other pieces of
    evidence: feats), beyond its form and the kinds of context of _context."""
    f = []
    norm = ctx.norm
    if norm[s:e] in _PLACES or (norm[s] in "于在从到往至" and norm[s + 1:e] in _PLACES):
        f.append("place-name")                             # 爱尔兰, 卢森堡, (于)岳阳: a place of the gazetteer
    if e - s >= 3 and norm[e - 1] == "人" and norm[s:e - 1] in _PLACES:
        f.append("place-people")                           # 重庆人, 苏格兰人: someone from a place, not a name
    if (s >= 2 and norm[s - 2:s] in _PLACES) or (s >= 3 and norm[s - 3:s] in _PLACES) or \
            (s >= 4 and norm[s - 4:s] in _PLACES):
        f.append("after-place")                            # 陕西|杨凌, 上海|敬华: a place narrowed down
    if norm[e - 1] in VERB_TAIL and e - s >= 3 and not feats[0].startswith(("foreign", "latin")):
        f.append("verb-tail")                              # 周茜死, 于海案: the name ends before it
    if _travel_near(env, norm, s, e) and \
            not any(x.lstrip("f") in PERSON_SLOT for x in feats) and \
            not norm[max(0, s - 8):s].rstrip(" \u3000").endswith(ROLE_BEFORE + FRAME_BEFORE + ("摄影",)):
        f.append("travel-text")                            # 景点, 游客 nearby: 库塔, 沙溪 are places there
    if e - s == 3 and norm[e - 1] == norm[s] and norm.startswith(HONORIFIC + ("总",), e):
        f.append("surname-again")                          # 潘悦|潘女士, 程诚|程总: the full name, then the
        #                                                    surname again with an honorific, as hosts address guests
    if norm[e:e + 1] == "是" and _PLACE_IS.match(norm, e):
        f.append("place-is")                               # 青溪是个小镇, 云岭是这一带的最高点: a place
    if _landmark_after(norm, e):
        f.append("landmark-after")                         # 林则徐|纪念馆, 林泽悦|广场: a place named so
    if norm[s] in CLASSIFIER_SURNAMES and s > 0 and (norm[s - 1] in COUNTING or norm[s - 1].isdigit()):
        f.append("classifier")                             # 这|张晓峰签名的海报, 三|项建议: a measure word
    return f


# 是 and, within the clause, the kind of a place (X是个小镇, X是岛上的最高点, X是世界自然遗产): X names the place
PLACE_KINDS = ("小镇", "古镇", "小城", "城市", "县城", "小村", "村庄", "村落", "景点", "景区", "胜地", "圣地", "遗产",
               "最高点", "海岛", "小岛", "岛屿", "山峰", "湖泊", "河流", "社区", "街区", "度假村", "港口",
               "海滩", "古城", "地标", "商圈", "酒吧街", "步行街")
_PLACE_IS = re.compile("是[^，。；！？,.;!?\n]{0,16}?(?:%s)" % "|".join(PLACE_KINDS))


# Surnames that are measure words too (一张纸, 三项指标), and what counts things before a measure word
CLASSIFIER_SURNAMES = set("张项支门")
COUNTING = set("这那哪一二两三四五六七八九十百千万几每余多数某整半")

# Landmarks and districts named after a person or a word that reads like one (林则徐纪念馆, 鲁迅故居,
# 星海新城): what follows is a place, not a person's act. Also one character further on, where the
# name of the place goes on before its kind (林泽悦|广场; only the kinds of LANDMARK_FAR)
LANDMARK_AFTER = ("故居", "故里", "纪念馆", "纪念堂", "纪念碑", "博物馆", "美术馆", "艺术馆", "新城", "新区", "商务区",
                  "开发区", "庙", "祠", "陵园", "景区", "风景区", "度假区", "温泉",
                  # … and things named after someone or somewhere (安德鲁斯空军基地, 雷蒙德雪山, 阿布辛贝神庙,
                  # 多德-弗兰克法案, “柯林斯”号, “基洛夫”级)
                  "空军基地", "基地", "雪山", "冰川", "神庙", "拱门", "酒庄", "大陆", "集市", "法案", "音乐节",
                  "包围战", "主题乐园", "主题公园", "”号", "”级", "\"号", "\"级")
LANDMARK_FAR = ("广场", "公园", "新城", "商务区", "景区", "故居", "大厦", "花园")


def _landmark_after(norm: str, e: int) -> bool:
    """A landmark's kind follows e, right there or after one more character of its name (see LANDMARK_AFTER)."""
    if _starts_with(norm, e, LANDMARK_AFTER):
        return True
    return e < len(norm) and _is_han(norm[e]) and norm[e] not in FUNC_TAIL and norm[e] != "的" and \
        norm.startswith(LANDMARK_FAR, e + 1)


# A person's slot on both sides: an appointment (选举|任命|聘任 X 为|担任), or a title or a word for a
# person before and an event verb after, maybe behind a few adverbs (工程师X近日被曝跳槽, 前员工X起诉).
# There a surname and a word of the dictionary (夕照, 向东) or pieces jieba left (严明|远) are a name.
APPOINT_BEFORE = ("任命", "委任", "聘请", "聘任", "聘用", "提名", "推举", "选举", "增补", "改选", "选聘")
APPOINT_AFTER = ("为", "担任", "出任", "接任", "兼任")
SLOT_VERBS = EVENT_AFTER + ("跳槽", "起诉", "提起", "发起", "状告", "控告", "创办", "联合创办", "共同创办", "离开",
                            "宣布", "回归", "重返", "履新", "接棒", "被任命", "获任", "调任", "转任", "出走", "投身")
_SLOT_ADV = re.compile(r"(?:近日|日前|此前|随后|目前|已经|已|也|则|正式|即将|将|今年|去年|上月|本月|近期|最近"
                       r"|郑重|公开|再次|首次|同时|最终|被曝|被传|被指|据悉"
                       r"|于(?:\d{2,4}年(?:\d{1,2}月)?|\d{1,2}月|[今去前]年|近日|日前|上月|本月|年初|年底)){0,3}")


def _slots(norm: str, e: int, left: str, feats: list[str], named: bool, title_start=()) -> list[str]:
    """A person's slot on both sides of a Chinese-name candidate ending at e (named: a word of the
    dictionary that jieba tags as a name or a place, 江河, 田野)."""
    if feats[0] == "pieces:word" or "preposition-surname" in feats or left not in ("title", "role", "frame"):
        return []
    if left == "frame" and norm.startswith(APPOINT_AFTER, e) and _appointed(norm, e) and \
            (feats[0] != "word" or named or any(e + len(x) in title_start for x in APPOINT_AFTER
                                                    if norm.startswith(x, e))):
        return ["slot:appoint"]                            # 推举|汪洋|为|独立董事: a title follows 为
    if feats[0] == "word" and not named:
        return []                                          # 核心成员|相继|离开: an adverb, not a name
    m = _SLOT_ADV.match(norm, e)
    if _starts_with(norm, m.end(), SLOT_VERBS):
        return ["slot:event"]
    return []


_BYLINE = re.compile(r"(\w{2,4}?)(?:报道|电)(?:\W|$)|(?:发自|从)(\w{2,4})(?:报道|\W|$)")


# what ends a reporter's credit right after the name (记者X报道, 记者X文/摄, 记者X/文)
BYLINE_TAIL = ("报道", "文/", "文／", "/文", "／文", "摄")


def _byline(norm: str, e: int) -> bool:
    """A place and 报道 follow e, or 发自 and a place (本报记者X北京报道, 记者X发自上海), or the credit ends
    right there (记者X报道, 记者X文/摄): a reporter's byline."""
    if norm.startswith(BYLINE_TAIL, e):
        return True
    m = _BYLINE.match(norm, e)
    return m is not None and (m.group(1) or m.group(2)) in _PLACES


# Function words that also end given names often (德才, 英才, 俊才), though none of STRONG_TAIL
CAI_TAIL = set("才")
# verbs of saying that the adverb 才 (only then) hardly ever stands before, unlike 知道, 发现, 认为, 承认
SAY_AFTER = ("表示", "告诉", "透露", "指出", "坦言", "介绍", "回应", "强调", "提到", "解释", "回忆", "笑称", "直言",
             "感叹", "说道", "问道", "答道", "写道", "谈到", "坦承")


def _cai_name(ctx: Context, e: int, given: str, ntok: int) -> bool:
    """A given name ending in 才 where an honorific or a verb of saying follows, maybe behind an adverb
    (邵德才|强调, 邵德才|同时表示, 邵德才|先生): there 才 ends the name (but 李明|才|知道)."""
    norm = ctx.norm
    return given[-1] in CAI_TAIL and ntok in (1, 2) and (
        norm.startswith(HONORIFIC + ("博士", "教授"), e) or norm.startswith(SAY_AFTER, _SLOT_ADV.match(norm, e).end()))


def _wei_name(ctx: Context, e: int, given: str, ntok: int) -> bool:
    """A given name ending in 为 (大为, 有为) that jieba's HMM joined into one unknown token with its surname,
    where a verb of saying or of the events, an honorific or 博士 follows (蒋大为|称, 苗有|为|博士): there 为
    is no preposition nor the copula, which a noun follows."""
    norm = ctx.norm
    return given[-1] == "为" and ntok in (1, 2) and (norm.startswith(VERBS + HONORIFIC + ("博士", "教授"), e)
                                                   or (norm[e:e + 1] in "称说" and norm[e + 1:e + 2] in "，,：:")
                                                   or _event_ahead(norm, e)
                                                   or (norm[e:e + 1] == "为" and _appointed(norm, e)))


def _event_ahead(norm: str, e: int) -> bool:
    """Adverbs and an event verb follow e (孟以|卓|郑重宣布, 卓|则于今年离职): a name may end there."""
    m = _SLOT_ADV.match(norm, e)
    return m.end() > e and _starts_with(norm, m.end(), SLOT_VERBS)


def _appointed(norm: str, e: int) -> bool:
    """An appointment verb stands within a few characters before e (选举|邬向东|为)."""
    return any(x in norm[max(0, e - 8):e] for x in APPOINT_BEFORE)


# One-character verbs and nouns that jieba's HMM glues onto a name (周茜死, 崔恺出, 于海案, 李安版) and
# that never end a given name (none ends a three-character name of the public NER training sets)
VERB_TAIL = set("死抱出案版所时问用盘看带打拿送想要买卖做写画去")


def _surname_again(w0: str, ls: int, toks, k: int) -> bool:
    """An unknown token of a one-character surname, a one-character given name and the surname again,
    before an honorific or 总 (潘悦潘|女士, 程诚程|总): the full name, then the surname with the
    honorific, as a host addresses a guest."""
    return ls == 1 and len(w0) == 3 and w0[2] == w0[0] and k + 1 < len(toks) and \
        toks[k + 1][0].startswith(HONORIFIC + ("总",))


def _verb_tail(w0: str, ls: int, seg) -> bool:
    """An unknown token of a surname, one given-name character and one of VERB_TAIL (周茜死)."""
    return len(w0) == ls + 2 and w0[-1] in VERB_TAIL and not seg.is_word(w0)


# Words of travel writing: near them a word that looks like a name is most often a place (a beach, a
# town, a mountain); a person there needs evidence of a person (a title, a verb of saying).
_TRAVEL = re.compile("景点|景区|旅游|旅行|游客|游览|度假|门票|自驾|攻略|海滩|古城|徒步|风光|风景"
                     # … and the words of travel writing abroad (a resort, a fjord, a guesthouse, a day trip)
                     "|小镇|渔村|峡湾|海岛|浮潜|潜水|沙滩|古堡|城堡|住宿|民宿|行程|景致|游玩|目的地|自由行|一日游|半天游"
                     "|酒店|教堂|湖畔|海湾")
TRAVEL_SPAN = 40


def _travel_near(env, norm: str, s: int, e: int) -> bool:
    """_TRAVEL.search(norm, max(0, s - TRAVEL_SPAN), e + TRAVEL_SPAN) is not None: a word of travel writing
    lies wholly within TRAVEL_SPAN characters of the candidate s..e. The words are found once per
    document (env["travel"]: every match, overlapping ones too; no word is a prefix of another, so
    each position begins at most one)."""
    spans = env.get("travel")
    if spans is None:
        spans = env["travel"] = [m.span() for m in every_match(_TRAVEL, norm)]
    a, b = max(0, s - TRAVEL_SPAN), e + TRAVEL_SPAN
    for i in range(bisect.bisect_left(spans, (a,)), len(spans)):
        p, q = spans[i]
        if p >= b:
            break
        if q <= b:
            return True
    return False


# contexts that announce a person whatever the text is about (局长|董金明, 记者|李秉钧, 朴宝剑|拍摄)
PERSON_SLOT = {"L:title", "L:role", "L:frame", "L:org", "L:list", "R:hon", "R:bio", "R:title", "R:colon", "R:verb",
               "R:date"}


@functools.lru_cache(maxsize=None)     # W is fixed once loaded
def _after_left(left: str | None = None, right: str | None = None) -> float:
    """The most that the pieces _features adds after the context before can add to a score,
    given the kinds of context before and after where known (None: any): the context after
    (R:verb with R:event, which needs it), and the pieces that follow it if they weigh for
    (_slots gives one only after a title, a word for a person or a verb that takes one,
    R:byline only after a title; orphan-after and given-char-after only before "other")."""
    event = max(0.0, W.get("R:event", 0.0))
    if right is None:
        best_right = max(v + (event if x == "R:verb" else 0.0) for x, v in W.items()
                         if x.startswith("R:") and x not in ("R:event", "R:byline"))
    else:
        best_right = W.get("R:" + right, 0.0) + (event if right == "verb" else 0.0)
    slot = 0.0
    if left is None or left == "frame":
        slot = max(0.0, W.get("slot:appoint", 0.0), W.get("slot:event", 0.0))   # _slots gives one of them
    elif left in ("title", "role"):
        slot = max(0.0, W.get("slot:event", 0.0))
    rest = ["foreign-run-continues"]
    if left is None or left == "title":
        rest.append("R:byline")
    if right is None or right == "other":
        rest += ["orphan-after", "given-char-after"]
    return best_right + slot + sum(max(0.0, W.get(x, 0.0)) for x in rest)


def _score_of(feats: list[str]) -> float:
    return sum(map(W.get, feats, _ZEROS))         # sum([W.get(x, 0.0) for x in feats]), in C


_ZEROS = itertools.repeat(0.0)


def _rule_of(feats: list[str]) -> str:
    why = list(filter(None, map(_rule_piece, feats)))
    return " ".join(why) if why else "name by its form"


@functools.lru_cache(maxsize=1024)     # the pieces of evidence are a few hundred strings
def _rule_piece(piece: str) -> str | None:
    """The words of RULES for a piece of evidence (the same for its foreign and Latin forms), or None."""
    return RULES.get(piece.lstrip("fx"))


def _context(ctx: Context, k: int, s: int, e: int, title_end, title_start, org_end, person_end) -> tuple[str, str]:
    """The kinds of context before and after a candidate s..e (token k holds s)."""
    return _left(ctx, k, s, title_end, org_end, person_end), _right(ctx, e, title_start)


def _left(ctx: Context, k: int, s: int, title_end, org_end, person_end) -> str:
    """The kind of context before a candidate starting at s (token k holds s)."""
    norm, lex, toks = ctx.norm, ctx.lexicon, ctx.tokens
    # -- context before
    prev = norm[s - 1] if s > 0 else ""
    prevtok = (toks[k - 1][0] if k > 0 else "") if s == toks[k][1] else prev
    if s > 0 and prev not in _LEFT_LAST and prevtok[-1:] not in _LEFT_LAST and s not in title_end \
            and s not in org_end:
        last = title_last_chars(lex)
        if prev not in last and prevtok[-1:] not in last:
            return "other"      # (a shortcut) every other kind needs one of these characters before s
    if s in title_end or prevtok in lex.titles or _title_before(norm, s, lex):
        left = "title"
    elif s in org_end:
        left = "org"
    elif prev in _FRAME_LAST and _ends_with(norm, s, FRAME_BEFORE, 6):
        left = "frame"
    elif prev in _ROLE_LAST and _ends_with(norm, s, ROLE_BEFORE, 6):
        left = "role"
    elif s == 0:
        left = "start"
    elif prev in _LOC_LAST and _ends_with(norm, s, LOC_BEFORE, 4):
        left = "loc"                                       # 位于|X, 前往|X: a place follows
    elif prev in _SPORTS_LAST and _ends_with(norm, s, SPORTS_BEFORE, 4):
        left = "sports"                                    # vs|X, 对阵|X: a team follows
    elif prev in "、和与及" and (s - 1) in person_end:
        left = "list"
    else:
        left = _PUNCT_BEFORE.get(prev)
        if left is None:
            if prev in "。！？；;!?\n":
                left = "sent"
            elif prevtok in ("和", "与", "及", "跟", "同"):
                left = "and"
            elif prevtok == "的":
                left = "de"
            else:
                left = "other"
    return left


def _right(ctx: Context, e: int, title_start) -> str:
    """The kind of context after a candidate ending at e."""
    norm = ctx.norm
    # -- context after
    nxt = norm[e:e + 1]
    if nxt not in _RIGHT_FIRST and e not in title_start and e != len(norm):
        return "other"          # (a shortcut) every other kind needs one of these characters at e
    if norm.startswith(HONORIFIC, e):
        right = "hon"
    elif nxt in _BIO_FIRST and BIO.match(norm, e):
        right = "bio"
    elif e in title_start:
        right = "title"
    elif _starts_with(norm, e, PLACE_AFTER):
        right = "place"                                    # X|广场, X|森林公园: a place
    elif _starts_with(norm, e, SPORTS_AFTER):
        right = "sports"                                   # X|主场, X|vs: a team
    elif e == len(norm):
        right = "end"
    elif nxt in _COLUMN_FIRST and _COLUMN.match(norm, e):
        right = "column"                                   # 李默火线推荐：, 陈亮解盘：: a columnist's heading
    elif nxt in "：:" or (nxt in "答问" and norm[e + 1:e + 2] in ("：", ":")):
        right = "colon"                                    # X：, and X答：/X问： in an interview's transcript
    elif nxt in "，,":
        right = "comma"
    elif nxt == "、":
        right = "dun"
    elif nxt in "。！？；;!?\n":
        right = "sent"
    elif nxt in "）)”\"】》（(":
        right = "close"
    elif nxt == "的":
        right = "de"
    elif (norm.startswith(("和", "与", "及", "等"), e) and not _verb_at(norm, e + 1)) or (nxt in _GROUP_FIRST
                                                                                     and GROUP.match(norm, e)):
        right = "and"
    elif nxt in _AT_DATE_FIRST and _AT_DATE.match(norm, e):
        right = "date"                                     # X|于去年年底, X|于2019年: when a person did something
    elif _starts_with(norm, e, AFTER) and not norm.startswith(TIME_AFTER, e):
        right = "verb"
    else:
        right = "other"
    return right


# A column's heading in sports and betting pages: a pundit's name, what the column is about, the
# kind of piece and a colon (张三火线推荐：…, 李四足彩解盘：…, 王五博客：…)
COLUMN_TOPIC = ("火线", "足彩", "竞彩", "彩票", "亚盘", "澳盘", "欧赔", "西甲", "英超", "意甲", "德甲", "法甲", "欧冠",
                "周末", "独家", "赛前")
COLUMN_KIND = ("推荐", "解盘", "解析", "点评", "前瞻", "预测", "博客", "专栏", "观点", "评论")
_COLUMN = re.compile("(?:%s)?(?:%s)[：:]" % ("|".join(COLUMN_TOPIC), "|".join(COLUMN_KIND)))
_COLUMN_FIRST = frozenset(w[0] for w in COLUMN_TOPIC + COLUMN_KIND)


# 之后, 之前 … follow an act (权衡之后, 毕业之前) far more often than a name: no evidence of one
TIME_AFTER = ("之后", "之前", "以后", "以前")


_AT_DATE = regex.compile(r"(?:已|曾|将)?于(?:\d{2,4}年|\d{1,2}月|[去今前明]年|上月|本月|近日|日前|昨天|昨日|今天|年初|年底|月初|月底)")
_AT_DATE_FIRST = set("已曾将于")   # what _AT_DATE can begin with
LOC_BEFORE = ("位于", "前往", "来到", "抵达", "飞往", "途经", "游览", "参观", "坐落在", "地处", "到达", "在")
SPORTS_BEFORE = ("vs", "VS", "Vs", "对阵", "客场", "主场", "战胜", "击败", "负于", "不敌", "逼平", "战平", "做客",
                 "输给", "力克", "迎战", "血拼", "弱旅", "强队", "球队")     # 输给弱旅|X, 荷甲球队|X: a team follows
PLACE_AFTER = ("广场", "公园", "森林", "乐园", "机场", "车站", "港", "岛", "湖", "山", "河", "江", "海", "湾", "街", "路",
               "大道", "大街", "小镇", "古镇", "镇", "村", "市", "省", "州", "县", "区", "城", "国", "半岛", "群岛", "酒店",
               "大厦", "中心", "寺", "宫", "馆", "塔", "桥", "瀑布", "沙漠", "海滩", "景区", "地区", "一带")
SPORTS_AFTER = ("主场", "客场", "队", "vs", "VS", "Vs", "对阵", "战平", "逼平", "主胜", "客胜", "让球", "赢球", "输球",
                "本赛季", "本轮", "上轮", "近况", "状态", "阵中", "主帅", "球迷")


def _title_before(norm: str, s: int, lex) -> bool:
    """The text right before s ends with a title (本报记者, 执行副行长)."""
    titles = lex.titles
    if s == 0 or norm[s - 1] not in title_last_chars(lex):
        return False
    for n in range(2, min(s, 5) + 1):
        if norm[s - n:s] in titles:
            return True
    return False


def prevtok_in(ctx: Context, k: int, s: int, words) -> bool:
    """The token before position s (the start of token k, or inside it) is one of `words`."""
    if s == ctx.tokens[k][1]:
        return k > 0 and ctx.tokens[k - 1][0] in words
    return False


def _lone(ctx: Context, e: int) -> bool:
    """A single Han character token starts at e and a name could end after
    it, or a token of that character and a glued function word (墨|为)."""
    hit = ctx.token_from(e)
    if hit is None:
        return False
    w, _, t = hit
    if len(w) == 2 and w[1] in STRONG_TAIL and _is_han(w[0]) and w[0] not in NOT_GIVEN:
        return True
    return len(w) == 1 and _is_han(w) and w not in NOT_GIVEN and w not in VERB_TAIL and _closes(ctx.norm, t)


def _verb_at(norm: str, e: int) -> bool:
    """A verb of saying or of the events, or an adverb before one, starts at e
    (提供, 表示, 加入, 拟, 已 ...): no conjunction stands right before it."""
    return _starts_with(norm, e, VERBS) or norm[e:e + 1] in "拟将已曾也则便就即正仍还又都亦说称被把"


# verbs of lawsuits and moves after which a name may end too (宗知|远|发起了仲裁: jieba left the last character
# alone); not in AFTER, as an organisation does them as often (ESA发起)
CLOSE_VERBS = ("起诉", "提起", "发起", "状告", "控告", "履新", "回归", "重返")


def _closes(norm: str, e: int) -> bool:
    """A name may end at e: punctuation, the end, or a verb or particle follows."""
    return e >= len(norm) or not _is_han(norm[e]) or _starts_with(norm, e, AFTER) or norm[e] in "的和与及等" \
        or norm.startswith(CLOSE_VERBS, e) or _event_ahead(norm, e)


def _dotted(ctx: Context, busy) -> list[Entity]:
    out = []
    starts, ends = ctx.token_starts, ctx.token_ends
    for m in _dotted_matches(ctx.norm):
        s, e = m.span()
        # on token boundaries: 于|阿方索·卡隆, 学生|福雷斯特, 西恩·潘|依旧; but where jieba's HMM
        # glued a character that is no syllable onto the name (拍卖会|上安迪·沃霍尔) the match
        # starts inside that unknown token
        if s not in starts:
            tok = ctx.token_at(s)
            if tok is None or s - tok[1] != 1 or ctx.norm[tok[1]] not in DOT_GLUE or ctx.segmenter.is_word(tok[0]):
                while s < e and s not in starts and ctx.norm[s] != "·":
                    s += 1
        if e not in ends and ctx.norm[e - 1] != "·" and ctx.norm[e:e + 1] in DOT_AFTER:
            pass                                           # 特蕾莎·梅|在: jieba glued the preposition to the last part
        else:
            while e > s and e not in ends and ctx.norm[e - 1] != "·":
                e -= 1
        if e - s > 3 and ctx.norm[e - 1] in DOT_TAIL and e - 1 in starts:
            e -= 1                                         # 马里恩·图尔|以|合谋: a preposition after the name
        if "·" not in ctx.norm[s + 1:e - 1] or any(busy[s:e]) or not _han_part(ctx.norm[s:e]):
            continue
        if _landmark_after(ctx.norm, e):
            busy[s:e] = b"\x01" * (e - s)                # “某某·某某”号, 某某-某某法案: named after someone,
            continue                                       # and no part of it is a name either
        out.append(Entity("person", ctx.norm[s:e], s, e, canonical=ctx.norm[s:e], rule="transliterated name with ·"))
    return out


def _dotted_matches(norm: str):
    """_DOTTED.finditer(norm), tried only at the few places before each dot where a match can begin
    (within DOTTED_HEAD characters): the search at every character of the text tried the first part
    at each syllable character, and most texts have no dot at all."""
    pos = 0                                  # the end of the last match: the next begins there or later
    for dot in _find_each(norm, "·•"):
        for s in range(max(pos, dot - DOTTED_HEAD), dot):
            m = _DOTTED.match(norm, s)
            if m is not None:
                yield m
                pos = m.end()
                break


def _han_part(name: str) -> bool:
    """Some part of a dotted name has two or more Chinese syllables (not c·d alone)."""
    return any(len(x) >= 2 and _is_han(x[0]) for x in name.replace("•", "·").split("·"))


def _foreign(ctx: Context, env, busy) -> list[list]:
    """Transliterated names without the dot (德罗巴, 费尔南德斯): runs of whole
    tokens made of transliteration characters, each an unknown word or one
    jieba's dictionary tags as a name, scored with the same context as the
    Chinese names."""
    norm, seg, toks = ctx.norm, ctx.segmenter, ctx.tokens
    out = []
    n = len(toks)
    heads = _foreign_heads(ctx, env) + [n]     # a token that _foreign_head rejects is skipped below
    h = 0
    k = 0
    while k < n:
        while heads[h] < k:
            h += 1
        k = heads[h]
        if k >= n:
            break
        w, s, e = toks[k]
        j = k
        if w[0] in NUMERAL_UNITS and s > 0 and norm[s - 1].isdigit():
            k += 1          # 8000|万欧: the unit of a sum, not a name
            continue
        rare_head = False
        if w[0] not in _TRANSLIT_SET:      # the cheap half of _translit_token, inline
            # 有斯|库利, 和沃|克尔, 及萨加诺|夫斯基: jieba's HMM glued a function word onto the name's first syllables
            if not (_glued_head(w, seg) and k + 1 < n and _translit_token(toks[k + 1][0], seg) and not busy[e]):
                k += 1
                continue
            s, j = s + 1, k + 1
        elif not _translit_token(w, seg):
            # 科比|什利, 利维|拉尼: a rare word of the dictionary made of syllables, then an unknown syllable run
            if k + 1 < n and _syllable_run(toks[k + 1][0], seg) and not busy[e]:
                j, rare_head = k + 1, True
            elif _rare_short(w, seg.tag(w), seg):
                j = k + 1                                  # 主帅|基勒: a rare one alone
            else:
                k += 1
                continue
        while j < n and _translit_token(toks[j][0], seg) and toks[j][2] - s <= 7 and not busy[toks[j][1]]:
            j += 1
        if j == k or (s != toks[k][1] and j == k + 1) or (rare_head and j == k + 1):
            k += 1
            continue
        e = toks[j - 1][2]
        if j < n and _glued_syllable(toks[j][0], seg) and not busy[e]:
            e += 1                                         # 索斯盖|特拿, 雅各布|斯称: the last syllable glued on
        if j - k >= 2 and ctx.token_tags[k] == "ns" and seg.freq(toks[k][0]) > 100 and \
                all(len(t[0]) == 1 for t in toks[k + 1:j]):
            k = j                                          # 纽约|比: a place and a single syllable after it
            continue
        name = norm[s:e]
        if name in ctx.lexicon.stopnames or name in _FOREIGN_THINGS:
            k = j                                          # 高尔夫, 比基尼, 迈巴赫: a loanword, a brand, a club
            continue
        tg = seg.tag(name) if j - k == 1 else None
        if len(name) >= 3 or (len(name) == 2 and j - k == 1 and (tg in ("nrt", "nr") or not seg.is_word(name)
                                                                   or _rare_short(name, tg, seg))):
            if len(name) == 2:
                st = "short-" + (tg or ("rare" if seg.is_word(name) else "oov"))   # 卡鲁, 埃辛: weak alone
            elif tg == "ns":
                st = "place"
            elif tg in ("nrt", "nrfg", "nr"):
                st = tg
            elif j - k == 1 and seg.is_word(name):
                st = "word"
            else:
                st = "unknown" if len(name) >= 3 else "short"
            left, right = _context(ctx, k, s, e, env["title_end"], env["title_start"], env["org_end"],
                                   env["person_end"])
            feats = ["foreign:base", "foreign:" + st, "fL:" + left, "fR:" + right] + (["foreign:long"] if len(name) >= 4
                                                                                        else [])
            if j - k == 2 and all(len(t[0]) >= 2 and ctx.token_tags[x] in PERSON_TAGS
                                  for x, t in ((x, toks[x]) for x in (k, k + 1))):
                feats.append("foreign:two-names")          # 安东尼|戴维斯: a given name and a surname jieba both knows
            if right == "verb" and _starts_with(norm, e, EVENT_AFTER):
                feats.append("fR:event")
            if name.endswith(PLACE_FINALS):
                feats.append("foreign:place-final")        # 索马里亚, 新西兰, 哈萨克斯坦: how places end
            elif name.endswith(PERSON_FINALS):
                feats.append("foreign:person-final")       # 马卡罗夫, 武西尼奇, 彼得森: how surnames end
            if sum(c in GIVEN for c in name) >= len(name) - 1:
                feats.append("foreign:han-like")           # 林达海, 高华: reads as Chinese as well
            feats += _more(ctx, env, s, e, feats)
            if FEATURE_LOG is not None:
                FEATURE_LOG.append((s, e, feats))
            why = _rule_of(feats)
            out.append([_score_of(feats), s, e, name,
                        "transliterated name" + (" (" + why + ")" if why != "name by its form" else "")])
        k = j
    return out


def _foreign_heads(ctx: Context, env) -> list[int]:
    """The indices of the tokens that _foreign_head lets through, in order: a memo look-up per token
    whose first character can begin one (compress and map: in C, not a step of a comprehension)."""
    toks, seg = ctx.tokens, ctx.segmenter
    idx = char_positions(_FOREIGN_HEAD_CLASS, env["token_firsts"])
    memo = word_memo(ctx.lexicon, seg, "person foreign head", lambda w: _foreign_head(w, seg))
    return list(itertools.compress(idx, map(memo.__getitem__, map(_FIRST, map(toks.__getitem__, idx)))))


_LATIN_FIRST = FirstChars("[A-Za-z]")     # where _LATIN_NAME begins (matches_from: its lookbehind keeps re from skipping ahead)
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z0-9]*(?:[.\-'’][A-Za-z][A-Za-z0-9]*)?"
                         r"(?: [A-Z][a-z]+){0,2}(?![A-Za-z0-9])")


def _latin(ctx: Context, env, busy) -> list[list]:
    """Latin-script names (Grace Liu, BillRoper, Infi, (johnmoore)) scored by
    their shape and the same context as the other names. Known organisations
    and titles (OpenAI, CEO) are taken before and are never candidates."""
    norm, lex = ctx.norm, ctx.lexicon
    out = []
    index = ctx.token_starts
    found = matches_from(_LATIN_NAME, _LATIN_FIRST, norm)
    esports = functools.lru_cache(maxsize=1)(_esports)     # searched once, and only when a pair is seen
    gaming = functools.lru_cache(maxsize=1)(_gaming)       # searched once, and only when a known handle is seen
    # a company's or a product's name (创业公司Oceanpay) is no person anywhere in the text
    things = {m.group(0) for m in found if norm[max(0, m.start() - 4):m.start()].endswith(THING_BEFORE)}
    for m in found:
        s, e = m.span()
        if e - s < 2 or any(busy[s:e]) or s not in index:
            continue
        name = m.group(0)
        if lex.canonical_org(name) is not None or name.upper() in lex.titles or name.casefold() in LATIN_WORDS:
            continue
        if norm.startswith("://", e):
            continue                                       # 转发链接http://t.cn/…: the scheme of a web address
        if norm[s - 1:s] == "_" or norm[e:e + 1] == "_":
            continue                                       # Team_Player: a part of a longer ID, not the name
        if name in things:
            continue                                       # 创业公司Oceanpay … Oceanpay为其: named a company once
        if _ROMAN.fullmatch(name):
            continue                                       # 赛车手IV: a numeral, not a name
        if _COMPANY_WORD.search(name, 1):
            continue                                       # BrightforgeInteractive, Northsoft: a company's
        if " " in name:
            shape = "spaced"
        elif name.isupper() and len(name) <= 5:
            shape = "caps"
        elif any(c.isdigit() for c in name):
            shape = "alnum"
        elif name[0].isupper() and any(c.isupper() for c in name[1:]):
            shape = "camel"
        elif name[0].isupper():
            shape = "cap"
        else:
            shape = "lower"
        k = index[s]
        left, right = _context(ctx, k, s, e, env["title_end"], env["title_start"], env["org_end"], env["person_end"])
        feats = ["latin:" + shape, "xL:" + left, "xR:" + right]
        if s >= 2 and norm[s - 1] in "（(" and _is_han(norm[s - 2]) and shape != "spaced":
            feats.append("latin:in-brackets-after-han")    # 威廉姆斯（haroldwilliams）
            if all(c in DOT_PART or c == "·" for c in norm[max(0, s - 4):s - 1]):
                feats.append("latin:after-transliteration")   # 科林麦克雷(ColinMcRae): the same name twice
        if _BRACKET_NAME.match(norm, e):
            feats.append("latin:before-han-brackets")      # Sky(李晓峰)
        if shape != "caps" and _handle_pair(norm, s, e) and esports(norm):
            feats.append("latin:handle-pair")              # 电竞 … Faker与Uzi: two players' handles
        if _known_handle(name) and gaming(norm):
            feats.append("latin:known-handle")             # 兽王Grubby与…: a famous player in a text about games
        if _COMPANY_ACT.match(norm, e):
            feats.append("latin:company-act")              # Brightvale又推出了, 由Quarrybrook负责开发
        if not (left in LATIN_LEFT or right in ("hon", "bio", "colon") or len(feats) > 3
                or (right == "verb" and _starts_with(norm, e, VERBS))            # Martens表示; not offer已经签了
                or _latin_subject(norm, s, e, left, right, shape)):
            continue     # Latin words are products and companies as often as people: a person's slot is needed
        if FEATURE_LOG is not None:
            FEATURE_LOG.append((s, e, feats))
        why = _rule_of(feats)
        if _epithet_before(norm, s) and not any(busy[s - 2:s]):
            s -= 2                                         # 兽王Grubby, 剑圣Moon: the epithet is part of it
        out.append([_score_of(feats), s, e, name, "Latin name" + (" (" + why + ")" if why != "name by its form" else "")])
    return out


LATIN_LEFT = ("title", "role", "frame")
# Words of e-sports and video-game writing: there players go by Latin handles (Faker, Uzi, TH000), and
# two of them joined by 和/与/、 are two players far more often than two products or teams
_ESPORTS = re.compile(r"电竞|战队|选手|解说|职业玩家|魔兽|星际|英雄联盟|王者荣耀|DotA|Dota|DOTA|War3|WAR3|war3|WCG|LOL")
# a Latin word right before or after 和/与/、/及 with another Latin word on the other side
_PAIR_JOIN = "和与、及"


def _esports(norm: str) -> bool:
    return _ESPORTS.search(norm) is not None


# A text about games in general, where the handles of data/handles.txt are players (or designers)
_GAMING = re.compile(_ESPORTS.pattern + r"|游戏|玩家|网游|暴雪|动视|赛事|职业联赛")


# What a company does, after its name and maybe an adverb: releases, develops, publishes, runs (Brightvale又推出了,
# 由Quarrybrook负责开发); not 宣布 nor 公布, which people do as often
_COMPANY_ACT = re.compile(r"(?:又|也|已|已经|正式|近日|日前|今日|今天|昨日|昨天|则|将|还|再次|首次|刚刚|负责)?"
                          r"(?:发布|推出|开发|发行|出品|研发|收购|上市|制作|代理|运营|凭借|旗下)")


# The last word of a company's Latin name written without spaces (BrightforgeInteractive, NorthwindStudios, Northsoft)
_COMPANY_WORD = re.compile(r"(?:Interactive|Entertainment|Games|Studios?|Software|[Ss]oft|Publishing|Publications?|"
                           r"Media|Digital|Labs?|Technolog(?:y|ies)|Networks|Systems|Pictures|Records|Productions|"
                           r"Inc|Corp|Online)$", re.I)


# The last character of a player's epithet written right before the handle (兽王Grubby, 剑圣Moon)
EPITHET_LAST = set("王皇魔神帝圣")


def _epithet_before(norm: str, s: int) -> bool:
    """Two Han characters ending in an epithet's last character stand right before s, the first no
    function word (而兽王Grubby: 兽王; not 的王)."""
    return s >= 2 and norm[s - 1] in EPITHET_LAST and _is_han(norm[s - 2]) and norm[s - 2] not in NOT_GIVEN


def _gaming(norm: str) -> bool:
    return _GAMING.search(norm) is not None


def _load_handles() -> frozenset[str]:
    """The handles of data/handles.txt as written and in capitals (Sky, SKY; not sky, a word)."""
    words = _word_list("handles.txt")
    return frozenset(words + [w.upper() for w in words])


_HANDLES = _load_handles()


def _known_handle(name: str) -> bool:
    """A handle of data/handles.txt, alone or after a team's tag and a dot (TeamTag.Handle)."""
    return name in _HANDLES or name.rpartition(".")[2] in _HANDLES


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _handle_pair(norm: str, s: int, e: int) -> bool:
    """The Latin word s..e is joined to another Latin word by 和/与/、/及 (Faker与Uzi, Infi和Moon),
    and the pair is not counted as things (Nexora与Vantix两款新耳机)."""
    if s >= 2 and norm[s - 1] in _PAIR_JOIN and _is_latin(norm[s - 2]):
        end = e                                            # the second of the pair
    elif norm[e:e + 1] in tuple(_PAIR_JOIN) and _is_latin(norm[e + 1:e + 2]):
        end = e + 2                                        # the first: find where the second ends
        while end < len(norm) and _is_latin(norm[end]):
            end += 1
    else:
        return False
    return _PAIR_OF_THINGS.match(norm, end) is None


# a pair counted with a classifier of things (两款, 两家, 两部): products, companies, games
_PAIR_OF_THINGS = re.compile(r"(?:这|等)?(?:两|二|三|几)(?:款|家|部|台|种|条|座|个品牌|大品牌|个游戏|个平台)")

# a Roman numeral (赛车手IV, 文明V): part of a title, no name
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
# what a person does at the head of a clause, beyond the verbs of VERBS: 在接受, 曾在, 被问及, 先后加盟,
# 打算, 突然宣布, 前来 (Harrison在接受采访时说, Martinez也回应)
SUBJECT_AFTER = ("在接受", "接受", "曾在", "曾经", "被问及", "先后", "打算", "突然", "前来", "已经",
                 "一直", "则", "也", "曾", "又", "还", "便", "才", "再次", "随后", "自然")


def _latin_subject(norm: str, s: int, e: int, left: str, right: str, shape: str) -> bool:
    """A capitalised Latin name at the head of a clause before a verb or an adverb of a person's
    acts (Harrison在接受…采访, Martinez也回应): the subject of a sentence about a person. Not an
    all-capitals word (IBM, NBA) nor a lower-case one (offer, app)."""
    return shape in ("cap", "camel", "spaced") and left in ("start", "sent", "comma") and \
        norm.startswith(SUBJECT_AFTER, e)
THING_BEFORE = ("公司", "企业", "平台", "品牌", "机构", "集团", "游戏", "产品", "应用", "开发商", "发行商", "厂商", "运营商",
                "供应商", "工作室", "网站", "杂志")
_BRACKET_NAME = regex.compile(r"[（(]\p{Han}{2,4}[）)]")
# Common English words and abbreviations that are no names.
LATIN_WORDS = set("""the a an and or of in on at to for with by from as is are was be this that it its new all top best game games
online pc ps ps3 ps4 xbox wii ds psp app apps ios android windows mac web www com cn net org http https html vs dota dota2
war war3 wow lol cs sc sc2 ok no yes vip diy gdp cpi ceo cto cfo coo vp hr pr it ai ar vr mba emba phd tv dvd cd mv mtv
nba cba fifa uefa wcg espn gps atm pos pdf usb led lcd cpu gpu ram id qq msn sns bbs blog e-mail email mail sms mp3 mp4
hd ipad iphone ipod kg km cm mm am pm ltd co inc corp group limited company team club
spl msl osl gsl esl iem wcs gstl
warcraft starcraft diablo doom quake halo wolfenstein crysis fallout hon cbd moma""".split())
# (the last lines: e-sports leagues, 解说GSL, OSL; famous video games; CBD, MoMA)


def _glued_syllable(w: str, seg) -> bool:
    """An unknown two-character token of a transcription syllable and a verb or a function
    word that jieba's HMM joined (特|拿, 斯|称, 特|说, 诺|均): the syllable ends the name before it."""
    return len(w) == 2 and w[0] in _TRANSLIT_SET and w[0] not in WEAK_SYLLABLES and \
        (w[1] in FUNC_TAIL or w[1] in VERB_TAIL) and not seg.is_word(w)


@functools.lru_cache(maxsize=1 << 16)    # the segmenter's dictionary is fixed once built
def _translit_token(w: str, seg) -> bool:
    """A token that can be part of a transliterated name."""
    if w[0] not in _TRANSLIT_SET or not _TRANSLIT_SET.issuperset(w):
        return False
    if len(w) <= 2 and not WEAK_SYLLABLES.isdisjoint(w):
        return seg.tag(w) in PERSON_TAGS                  # 彼得, but not 当|盖蒂, 多得, 纽约|各
    return len(w) == 1 or not seg.is_word(w) or seg.tag(w) in ("nr", "nrt", "nrfg", "ns")


@functools.lru_cache(maxsize=1 << 16)
def _foreign_head(w: str, seg) -> bool:
    """A token that _foreign's loop does not skip at once: one that can begin a transliterated
    name (_translit_token or _rare_syllables), or a function word and syllables jieba's HMM joined
    (和沃|克尔, 及萨加诺|夫斯基)."""
    if w[0] in _TRANSLIT_SET:
        return _translit_token(w, seg) or _rare_syllables(w, seg)
    return _glued_head(w, seg)


# Transcriptions that name clubs, towns, brands and ships, never a person (data/foreign_things.txt)
_FOREIGN_THINGS = frozenset(map(normalize, _word_list("foreign_things.txt")))


# how rare an untagged two-syllable word of jieba's dictionary must be to be a name on its own, with
# the context's help (基勒: a surname the dictionary holds untagged; 巴拉, 拉斯 are far more frequent)
RARE_SHORT = 30


def _rare_short(name: str, tg, seg) -> bool:
    """An untagged, rare two-syllable word of jieba's dictionary (see RARE_SHORT); one that _rare_syllables
    takes too, so that _foreign_head lets it through. Not one ending in a function word (卜|凡因|个人原因:
    a name's last syllable and 因)."""
    return tg is None and _rare_syllables(name, seg) and seg.freq(name) < RARE_SHORT and name[-1] not in FUNC_TAIL


# how rare (jieba's frequency) a word made of transcription syllables must be to start a longer name
# (科比 464, 利维 48: names jieba holds untagged; 比利 or 克里 of every day are far more frequent)
RARE_SYLLABLE_WORD = 500


@functools.lru_cache(maxsize=1 << 16)
def _rare_syllables(w: str, seg) -> bool:
    """A rare two-character word of jieba's dictionary made of syllables and tagged no place (科比, 利维)."""
    return len(w) == 2 and _TRANSLIT_SET.issuperset(w) and not WEAK_SYLLABLES.intersection(w) and \
        0 < seg.freq(w) < RARE_SYLLABLE_WORD and seg.tag(w) != "ns"


def _syllable_run(w: str, seg) -> bool:
    """Two or more syllables that can be part of a transcription (什利, 拉斯基): the name goes on."""
    return len(w) >= 2 and _translit_token(w, seg)


@functools.lru_cache(maxsize=1 << 16)
def _glued_head(w: str, seg) -> bool:
    """A function word and one to three syllables that jieba's HMM joined (和沃, 及萨加诺, 和菲尔):
    not a word, or one of the rarest (和菲尔 is in jieba's dictionary with a frequency of 2)."""
    return 2 <= len(w) <= 4 and w[0] in FOREIGN_GLUE and _TRANSLIT_SET.issuperset(w[1:]) and \
        (not seg.is_word(w) or (len(w) >= 3 and seg.freq(w) < 10))


# syllables that are function words as well (得, 当, 各, 历): only inside a longer token or a name jieba knows
WEAK_SYLLABLES = set("得当各历")


def _known(ctx: Context, busy, found) -> list[Entity]:
    """People from user dictionaries, matched as whole tokens."""
    people = ctx.lexicon.people
    if not people:
        return []
    out = []
    for w, s, e in ctx.tokens:
        if w in people and not any(busy[s:e]):
            out.append(Entity("person", w, s, e, canonical=people[w], rule="user dictionary"))
    return out


# -- speed helpers: exact replacements of the plain expressions they name -------------------

_PUNCT_BEFORE = {"，": "comma", ",": "comma", "、": "dun", "：": "colon", ":": "colon", "“": "open", "\"": "open",
                 "（": "open", "(": "open", "【": "open", "《": "open"}


def _all_han(w: str) -> bool:
    """all(_is_han(c) for c in w) (in C where extractor._speedups is built: a cache of the answers,
    as before, cost more in memory traffic than the test itself)"""
    return not w or ("\u4e00" <= min(w) and max(w) <= "\u9fff")


_all_han_py = _all_han
if _FAST is not None:
    _all_han = _FAST.all_han


def _given_fits(given: str) -> bool:
    """not any(c in NOT_GIVEN or not _is_han(c) for c in given)"""
    return _all_han(given) and NOT_GIVEN.isdisjoint(given)


@functools.lru_cache(maxsize=1 << 16)
def _given_piece(given: str) -> str:
    return f"given:{len(given)}:{sum(c in GIVEN for c in given)}"


@functools.lru_cache(maxsize=1 << 16)
def _glr_piece(given: str) -> str:
    return "glr:" + "".join(sorted(_BANDS.get(c, "c") for c in given))


_AFFIXES: dict[int, tuple] = {}


def _starts_with(norm: str, e: int, words: tuple) -> bool:
    """norm.startswith(words, e) for a long tuple of non-empty words: one set look-up per length
    of the words that begin with the character at e (most characters begin none)."""
    hit = _AFFIXES.get(id(words))
    if hit is None or hit[0] is not words:
        hit = _AFFIXES[id(words)] = _affix_table(words, 0)
    lengths = hit[2].get(norm[e:e + 1])
    if lengths is None:
        return False
    forms = hit[1]
    for n in lengths:
        if norm[e:e + n] in forms:
            return True
    return False


_SUFFIXES: dict[int, tuple] = {}


def _ends_with(norm: str, s: int, words: tuple, span: int) -> bool:
    """norm[max(0, s - span):s].endswith(words), as _starts_with: one set look-up per length (up to
    span and s) of the words that end with the character before s."""
    hit = _SUFFIXES.get(id(words))
    if hit is None or hit[0] is not words:
        hit = _SUFFIXES[id(words)] = _affix_table(words, -1)
    lengths = hit[2].get(norm[s - 1:s] if s > 0 else "")
    if lengths is None:
        return False
    forms = hit[1]
    for n in lengths:
        if n > span or n > s:
            break
        if norm[s - n:s] in forms:
            return True
    return False


def _affix_table(words: tuple, at: int) -> tuple:
    """(words, the set of them, their lengths in order under their character at `at`: 0 the first, -1 the last)."""
    lengths: dict[str, set] = {}
    for w in words:
        lengths.setdefault(w[at], set()).add(len(w))
    return words, frozenset(words), {c: sorted(n) for c, n in lengths.items()}


# the last characters of the words before a name: text that ends otherwise ends with none of them
_FRAME_LAST, _ROLE_LAST = frozenset(w[-1] for w in FRAME_BEFORE), frozenset(w[-1] for w in ROLE_BEFORE)
_LOC_LAST, _SPORTS_LAST = frozenset(w[-1] for w in LOC_BEFORE), frozenset(w[-1] for w in SPORTS_BEFORE)
_FOREIGN_HEAD = _TRANSLIT_SET | FOREIGN_GLUE
_FIRST = _SCORE = operator.itemgetter(0)
_START_OF = operator.itemgetter(1)


def _char_class(chars) -> FirstChars:
    """The class of chars (its .rx: a pattern matching any one of them)."""
    return FirstChars("[%s]" % "".join(re.escape(c) for c in sorted(chars)))


_FOREIGN_HEAD_CLASS = _char_class(_FOREIGN_HEAD)


def _find_each(text: str, chars) -> list[int]:
    """_matches for a few characters: the positions in text of each of chars, in order."""
    out = []
    for c in chars:
        i = text.find(c)
        while i >= 0:
            out.append(i)
            i = text.find(c, i + 1)
    out.sort()
    return out


# what _left and _right need next to a name for any kind but "other" (besides a title, an organisation,
# the start or the end of the text): the last characters of the words before, the first of the words after
_LEFT_LAST = (_FRAME_LAST | _ROLE_LAST | _LOC_LAST | _SPORTS_LAST | set(_PUNCT_BEFORE) | set("、和与及跟同的")
              | set("。！？；;!?\n"))
_RIGHT_FIRST = (frozenset(w[0] for ws in (HONORIFIC, PLACE_AFTER, SPORTS_AFTER, AFTER, ("和", "与", "及", "等"))
                          for w in ws) | _BIO_FIRST | _GROUP_FIRST | _AT_DATE_FIRST | _COLUMN_FIRST
                | set("：:，,、。！？；;!?\n）)”\"】》（(的"))


# -- well-known people (data/people.txt) ---------------------------------------------------------

# Public figures by the name the Chinese press uses for them (毛泽东, 伯南克, 梵高): no surname list
# nor transcription rule finds many of them (梵高, 乾隆, 舍瓦), nor reads them as sure names.
_PEOPLE = frozenset(normalize(w) for w in _word_list("people.txt") if len(w) >= 2)
_PEOPLE_FIRST = {}
for _name in _PEOPLE:
    _PEOPLE_FIRST.setdefault(_name[0], set()).add(len(_name))
_PEOPLE_LENGTHS = {c: sorted(ls, reverse=True) for c, ls in _PEOPLE_FIRST.items()}
# where a well-known name may begin: its first two characters, looked up in a set where the two
# pass the bitmaps of the first and of the second characters (pair_positions), instead of a
# look-up at every character of the text
_PEOPLE_HEADS = frozenset(name[:2] for name in _PEOPLE)
_PEOPLE_FIRST_CHARS = _char_class(_PEOPLE_LENGTHS)
_PEOPLE_SECOND_CHARS = _char_class({head[1] for head in _PEOPLE_HEADS})
KNOWN_SCORE = THRESHOLD + 6.0      # sure unless the context says otherwise (then no candidate at all)
# What makes a well-known name part of something else: a place, a building, a prize, a doctrine, an era
# (鲁迅故居, 林则徐纪念馆, 鲁迅文学奖, 毛泽东思想, 乾隆年间), or a company or a shop (梅西百货)
KNOWN_NOT_AFTER = PLACE_AFTER + ("故居", "故里", "纪念馆", "纪念堂", "纪念碑", "博物馆", "美术馆", "广场", "大道",
                                 "公园", "景区", "风景区", "新城", "文学奖", "奖", "杯", "思想", "主义", "理论",
                                 "年间", "时期", "年代", "朝", "号", "百货", "集团", "公司", "基金会", "大学", "学院",
                                 "中学", "小学", "医院", "酒店", "大厦", "中心", "体", "园", "陵", "体育", "庙", "祠",
                                 "政府", "房地产")


# Words of KNOWN_NOT_AFTER that still speak of the person (奥巴马政府, 撒切尔时期, 凯恩斯主义, 戴维斯杯)
STILL_PERSONAL = ("政府", "时期", "年代", "年间", "朝", "主义", "思想", "理论", "奖", "文学奖", "杯", "体", "号")


def _drop_place_names(norm: str, out: list[Entity]) -> list[Entity]:
    """A transcription the document also writes as the name of a place or a building (萨科塔瓦 …
    萨科塔瓦国家公园) names that place everywhere: its mentions are dropped. One search per such name."""
    places = set()
    for name in {p.text for p in out if p.rule.startswith("transliterated name") and "·" not in p.text
                 and "<title> + name" not in p.rule}:      # 画家X … X纪念馆: the title says who X is
        k = norm.find(name)
        while k >= 0 and name not in places:
            if _named_after(norm, k + len(name)) and not norm.startswith(STILL_PERSONAL, k + len(name)):
                places.add(name)
            k = norm.find(name, k + 1)
    return [p for p in out if p.text not in places] if places else out


def _named_after(norm: str, e: int) -> bool:
    """What follows e makes the name before it part of a place, a building, a prize or a company named after
    someone (帕兰岛, 鲁迅故居, 德鲁蒙纪念馆): that mention is no person, whatever another one was."""
    return _starts_with(norm, e, KNOWN_NOT_AFTER) or _landmark_after(norm, e)


# a reign name with a year (乾隆六十年, 光绪元年): a date, not the emperor
_REIGN_YEAR = re.compile(r"[元一二三四五六七八九十廿]{1,3}年")


def _name_goes_on(c: str, foreign: bool) -> bool:
    """c after a well-known name continues it: a syllable after a transcription, a given-name character
    after a Chinese name (马云帆, 姚明明)."""
    return c in _TRANSLIT_SET if foreign else ((c in GIVEN or _BANDS.get(c) in ("a", "b")) and c not in FUNC_TAIL)


def _famous(ctx: Context, busy) -> list[list]:
    """Candidates for the well-known people of data/people.txt, wherever the text names one on its
    own: not inside a longer word of the dictionary (望子成龙), not the start of a longer name
    (姚明明, 梅西耶), and not followed by what makes it a place, a prize or an era (鲁迅故居)."""
    norm, seg = ctx.norm, ctx.segmenter
    out = []
    for i in pair_positions(_PEOPLE_FIRST_CHARS, _PEOPLE_SECOND_CHARS, _PEOPLE_HEADS, norm):
        for L in _PEOPLE_LENGTHS[norm[i]]:
            name = norm[i:i + L]
            if len(name) == L and name in _PEOPLE and not any(busy[i:i + L]) and _known_free(ctx, seg, i, i + L):
                out.append([KNOWN_SCORE, i, i + L, name, "well-known person"])
                break
    return out


def _known_free(ctx: Context, seg, s: int, e: int) -> bool:
    """A well-known name at s..e stands on its own (see _famous)."""
    norm, surnames = ctx.norm, ctx.lexicon.surnames
    name = norm[s:e]
    foreign = _TRANSLIT_SET.issuperset(name)
    first, last = ctx.token_at(s), ctx.token_at(e - 1)
    before, after = ctx.token_at(s - 1) if s > 0 else None, ctx.token_from(e)
    if first[1] < s:
        head = norm[first[1]:s]
        if len(head) > 1 or seg.is_word(first[0]) or (head in _TRANSLIT_SET if foreign else
                                                        surnames.get(head, "word") != "word"):
            return False                  # 望子|成龙: inside a word; 艾维卡特, 邹成龙: a longer name
    elif before is not None and len(before[0]) == 1 and (before[0] in _TRANSLIT_SET if foreign else
                                                          len(name) == 2 and surnames.get(before[0], "word") != "word"):
        return False                      # 维|卡特, 邹|成龙: part of a longer name
    elif foreign and before is not None and before[2] == s and _TRANSLIT_SET.issuperset(before[0]) and \
            not seg.is_word(before[0]):
        return False                      # 艾维|卡特: syllables jieba left unknown before, a longer transcription
    if last[2] > e:
        rest = norm[e:last[2]]
        if seg.is_word(last[0]) and not (len(rest) == 1 and rest in FUNC_TAIL):
            return False                  # 那|英国, 韩|正式: the name's last character begins a word
        if _name_goes_on(rest[0], foreign):
            return False                  # 姚明明, 梅西耶: the name goes on
    elif after is not None and len(name) == 2 and (len(after[0]) == 1 or foreign) and \
            _name_goes_on(after[0][0], foreign) and not _starts_with(norm, e, AFTER):
        return False                      # 马云|帆, 伊布|拉希莫维奇: the name goes on
    if e < len(norm) and _is_han(norm[e]) and (norm.startswith(HONORIFIC, e + 1) or BIO.match(norm, e + 1)):
        return False                      # 王维和|先生: one character more is the name
    return not _named_after(norm, e) and not _REIGN_YEAR.match(norm, e)


# -- titles cut by the start or the end of the text ------------------------------------------

TITLE_CUT_SPAN = 20


def _cut_titles(norm: str, busy) -> None:
    """A text that begins inside a book or film title (林小雨的夏天》…) or ends inside one
    (《张小飞外传): the part before the first 》 that no 《 opens, or after the last 《 that no 》
    closes, is part of a title's name, not a person mention (when it is short)."""
    close, open_ = norm.find("》"), norm.rfind("《")
    if 0 < close <= TITLE_CUT_SPAN and "《" not in norm[:close]:
        start = max(norm.rfind(c, 0, close) for c in "，,。！？；;\n") + 1
        busy[start:close] = b"\x01" * (close - start)
    if open_ >= 0 and "》" not in norm[open_:] and len(norm) - open_ <= TITLE_CUT_SPAN:
        busy[open_:len(norm)] = b"\x01" * (len(norm) - open_)
