"""The taggers look for some patterns only near a character or word every
match needs, instead of at every token or every position of the text. Each
shortcut must give what the plain scan gives: here the plain scans (as the
taggers had them before the shortcut) run beside the taggers' own over the
tagger corpus, the samples and a few sentences written to reach the rare
branches (blanks around vs, a body after a place, 队 after a club)."""
from __future__ import annotations

import pytest

from conftest import corpus_and_samples, make_context

from extractor.taggers import org
from extractor.text import normalize

# Written for these tests in the style of sports and political news.
EXTRA = [
    "周日的联赛中，莱切队主场2比1击败热那亚队，阿根廷上轮客场战平乌拉圭。",
    "本轮焦点战：国际米兰 vs 尤文图斯，罗马  VS.  拉齐奥，曼联v.s.切尔西。",
    "小组赛首轮德国对阵日本，法国迎战澳大利亚，西班牙做客哥斯达黎加。",
    "美国政府和日本外交部当天表态，印度空军与巴基斯坦军方均未回应，上海市人民政府发布通知。",
    "法国驻华使馆和日本总领事馆及韩国领事馆当天发布声明。",
    "北京队与广东队的比赛vs\u3000上海队，vvs 深圳队，V 对阵。",
]


def _texts() -> list[str]:
    return corpus_and_samples("org.jsonl", "title.jsonl", "person.jsonl", "salary.jsonl", "date.jsonl",
                              "quantity.jsonl", "level.jsonl") + EXTRA


@pytest.fixture(scope="module")
def contexts(pipeline):
    return [make_context(pipeline, t) for t in _texts()]


def _dicts(ents) -> list[dict]:
    return [e.to_dict() for e in ents]


# -- org: the plain scans --------------------------------------------------------------

def _place_body_plain(ctx):
    toks, tags, norm = ctx.tokens, ctx.segmenter.tags, ctx.norm
    out = []
    for (w, s, e), (nw, _, ne) in zip(toks, toks[1:]):
        if nw not in org._BODY_SET or tags.get(w) != "ns":
            continue
        out.append(org.Entity("org", norm[s:ne], s, ne, canonical=norm[s:ne], value={"kind": "government"},
                              rule="<place> + " + nw))
    return out


def _teams_plain(ctx, known):
    """org._teams with its three shortcuts replaced by the plain ways: every token for 队, every
    place token for a fixture, and finditer for vs (the rules' own code is shared)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(org, "_tokens_from", lambda ctx, positions: range(len(ctx.tokens)))
        mp.setattr(org, "_fixture_places", lambda ctx: ctx.token_indices("ns"))
        mp.setattr(org, "match_at", lambda rx, norm, starts: rx.finditer(norm))
        return org._teams(ctx, known)


def _token_matches_plain(ctx, lookup, prefixes, key, max_window=5):
    """taggers.token_matches as it was before its shortcuts: every window, the
    token alone too, tested against the prefixes before it is looked up."""
    toks, norm = ctx.tokens, ctx.norm
    out, n, resume = [], len(toks), 0
    for i, (w, _, _) in enumerate(toks):
        if i < resume or (key(w) if w.isascii() else w) not in prefixes:
            continue
        s, best, j = toks[i][1], None, i
        while j < n and j - i < max_window:
            e = toks[j][2]
            text = norm[s:e]
            if (key(text) if text.isascii() else text) not in prefixes:
                break
            hit = lookup(text, s, e)
            if hit is not None:
                best = (s, e, hit, j + 1)
            j += 1
        if best is not None:
            out.append(best[:3])
            resume = best[3]
    return out


def test_dictionary_matches_as_the_plain_scan(contexts):
    """org's and title's dictionary passes find what the plain window scan finds."""
    from extractor.taggers import title

    found = 0
    for ctx in contexts:
        orgs = org.tag(ctx)
        titles = title.tag(ctx, orgs)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(org, "token_matches", _token_matches_plain)
            mp.setattr(title, "token_matches", _token_matches_plain)
            assert _dicts(orgs) == _dicts(org.tag(ctx)), ctx.text
            assert _dicts(titles) == _dicts(title.tag(ctx, orgs)), ctx.text
        found += sum(e.rule.startswith("dictionary") for e in orgs + titles)
    assert found >= 200


def test_starts_pattern_as_the_alternation(contexts):
    """A tree of the words matches where the plain alternation of them does:
    words inside others (人民政府 and 政府), sharing a start (公司, 公告), and
    reversed, as org looks for suffixes."""
    import re

    from extractor.taggers import every_start, starts_pattern

    lists = [list(org.BODIES), sorted({*org.STRONG, *org.WEAK}), [x[::-1] for x in {*org.STRONG, *org.WEAK}],
             list(org.TEAM_AFTER + org.TEAM_BEFORE), ["公司", "公告", "公", "司", "a.b", "(集团)"]]
    texts = [ctx.norm for ctx in contexts] + ["公告称公司a.b和axb(集团)公"]
    for words in lists:
        tree = starts_pattern(words)
        plain = re.compile("|".join(map(re.escape, words)))
        for norm in texts + [t[::-1] for t in texts[:50]]:
            assert list(every_start(tree, norm)) == list(every_start(plain, norm)), (words[:3], norm)


def test_org_place_body_as_the_plain_scan(contexts):
    found = 0
    for ctx in contexts:
        got = _dicts(org._place_body(ctx))
        assert got == _dicts(_place_body_plain(ctx)), ctx.text
        found += len(got)
    assert found >= 3


def test_org_teams_as_the_plain_scan(contexts):
    found = 0
    for ctx in contexts:
        for known in ([], org.tag(ctx)):
            got = _dicts(org._teams(ctx, known))
            assert got == _dicts(_teams_plain(ctx, known)), ctx.text
            found += len(got)
    assert found >= 5


def test_org_vs_starts_as_finditer(contexts):
    for ctx in contexts:
        norm = ctx.norm
        fast = [m.span() for m in org.match_at(org._VS, norm, org._vs_starts(norm))]
        assert fast == [m.span() for m in org._VS.finditer(norm)], norm


def _units_plain(ctx):
    norm, out = ctx.norm, []
    for m in org._UNIT_NAMED.finditer(norm):
        out.append(org.Entity("org", m.group(0)[m.start("name") - m.start():], m.start("name"), m.end(),
                              canonical=m.group("name").strip(), value={"kind": "unit"}, rule="名为<name>的团队"))
    for m in org._UNIT_SUFFIXED.finditer(norm):
        out.append(org.Entity("org", m.group(0), m.start(), m.end(), canonical=m.group(0).strip(),
                              value={"kind": "unit"}, rule="<Latin name> + 团队/Lab"))
    return out


UNIT_SENTENCES = [
    "公司内部组建了一个代号为“Northwind Gale Core X”的神秘团队，还有名为Seed的团队和名为「天工开物」的实验室。",
    "他加入了Deep Vision团队，此后又在Applied Speech Lab和Quant Core Team工作，OpenResearch实验室也在招人。",
    "名为ABCDEFGHIJKLMNOPQRSTU的团队，名为ABCDEFGHIJKLMNOPQRSTUV的团队，Abcdefghijklmnop Qrstuvwxyzabcdef团队。",
]


def test_org_units_as_finditer(pipeline, contexts):
    found = 0
    for ctx in contexts + [make_context(pipeline, t) for t in UNIT_SENTENCES]:
        got = _dicts(org._units(ctx))
        assert got == _dicts(_units_plain(ctx)), ctx.text
        found += len(got)
    assert found >= 6


# Written for this test: a suffix that opens a token before a title (协会|会长), at the
# text's end, a weak suffix glued to an unknown name, and suffixes inside longer words.
SUFFIX_SENTENCES = [
    "据行业协会会长介绍，星衡智能科技有限公司与序智科技、北京市海淀区人民法院均已回应。",
    "他曾任职于长城特殊钢有限责任公司上海分公司，后加盟清华大学经济管理学院",
    "互联网公司的格局与关系变了，学会了委托过律师事务所，系主任和办公室主任都到了银行",
]


def test_org_suffix_tokens_as_the_plain_test(pipeline, contexts):
    """_by_suffix takes the tokens _suffix_tokens finds a suffix in: those the
    first/last character test lets through and _suffix_of finds one in, as a
    test of every token finds them."""
    found = 0
    for ctx in contexts + [make_context(pipeline, t) for t in SUFFIX_SENTENCES]:
        seg, titles = ctx.segmenter, ctx.lexicon.titles
        memo = org.word_memo(ctx.lexicon, seg, "org suffix", lambda w: org._suffix_of(w, seg, titles)
                             if w[-1] in org._LAST_CHARS or w[0] in org._FIRST_CHARS else None)
        fast = org._suffix_tokens(ctx, memo)
        plain = [(k, org._suffix_of(w, seg, titles)) for k, (w, _, _) in enumerate(ctx.tokens)
                 if (w[-1] in org._LAST_CHARS or w[0] in org._FIRST_CHARS) and org._suffix_of(w, seg, titles)]
        assert fast == plain, ctx.text
        found += len(fast)
    assert found >= 100


def test_org_sport_cues_as_one_pattern(contexts):
    """The words and the score, searched apart, find a cue where the one pattern did."""
    import re

    words = org.SPORTS_CUES.pattern.split("|")
    one = re.compile("|".join(words[:words.index("决赛") + 1] + [org.SCORE.pattern] + words[words.index("决赛") + 1:]))
    texts = [ctx.norm for ctx in contexts] + ["比分定格在3 : 1。", "最终2比0。", "两队3-3战成平局", "市值3:1拆股"]
    sporty = 0
    for norm in texts:
        got = bool(org.SPORTS_CUES.search(norm) or org.SCORE.search(norm))
        assert got == bool(one.search(norm)), norm
        sporty += got
    assert 0 < sporty < len(texts)


# -- orgctx ------------------------------------------------------------------------------

ANNOUNCE_SENTENCES = [
    "星衡智能宣布完成新一轮融资。3月5日，灵岫科技也表示将扩招；同时，镜湖精工官宣布局海外。",
    "鸿途股份（002318）公告称，董事长辞职。近日星河控股(00246-HK)披露，另外东方银星（600753）回应称",
    "宣布",
    "，确认",
]


def test_orgctx_anchored_scans_as_finditer(pipeline, contexts):
    from extractor.taggers import orgctx

    announced = stocks = 0
    for norm in [ctx.norm for ctx in contexts] + ANNOUNCE_SENTENCES:
        got = [m.span() for m in orgctx._announcements(norm)]
        assert got == [m.span() for m in orgctx._ANNOUNCE.finditer(norm)], norm
        announced += len(got)
        got = [m.span() for m in orgctx._stock_names(norm)]
        assert got == [m.span() for m in orgctx._STOCK.finditer(norm)], norm
        stocks += len(got)
    assert announced >= 8 and stocks >= 3


# -- salary ------------------------------------------------------------------------------

def _first_chars(parsed) -> tuple[set | None, bool]:
    """The characters a match of a parsed pattern (re._parser) can begin with
    (None: any) and whether it can be empty, for the constructs the salary
    patterns use (literals, classes of literals and ranges, alternations, groups,
    repeats, lookarounds)."""
    from re import _constants as C

    out: set = set()
    for op, av in parsed:
        if op is C.LITERAL:
            first, empty = {chr(av)}, False
        elif op is C.IN:
            first, empty = set(), False
            for o, a in av:
                if o is C.LITERAL:
                    first.add(chr(a))
                elif o is C.RANGE:
                    first |= {chr(x) for x in range(a[0], a[1] + 1)}
                else:
                    return None, False           # a category or a negated class: any character
        elif op is C.BRANCH:
            first, empty = set(), False
            for alt in av[1]:
                f, e = _first_chars(alt)
                if f is None:
                    return None, False
                first |= f
                empty = empty or e
        elif op is C.SUBPATTERN:
            first, empty = _first_chars(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            first, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            first, empty = set(), True
        else:
            return None, False
        if first is None:
            return None, False
        out |= first
        if not empty:
            return out, False
    return out, True


def _firsts_of(rx) -> set:
    from re import _parser

    first, _ = _first_chars(_parser.parse(rx.pattern, rx.flags))
    assert first is not None, rx.pattern
    return first


def test_salary_guards_hold_every_first_character():
    from extractor.taggers import salary

    assert _firsts_of(salary._RANGE_GAP) | _firsts_of(salary._RIGHT) <= salary._AFTER_FIRST
    assert _firsts_of(salary._RCUE) <= salary._RCUE_FIRST
    assert salary.COUNTERS <= _firsts_of(salary._COUNTER)
    # and the guard leaves _RIGHT nothing to find after the characters it lets through
    for norm, e in (("3月", 1), ("5个", 1), ("2024年", 4), ("8", 1)):
        r = salary._RIGHT.match(norm, e)
        assert norm[e:e + 1] not in salary._AFTER_FIRST and r.end() == e and not salary._RANGE_GAP.match(norm, e)


def test_salary_rejected_as_the_full_reading(contexts):
    """_rejected with its guards decides as the plain matches did."""
    from extractor.taggers import salary

    def plain(norm, toks, i, m, s):
        e = m.end()
        g = salary._RANGE_GAP.match(norm, e)
        if g and i < len(toks) and toks[i].start() == g.end():
            return False
        r = salary._RIGHT.match(norm, e)
        if r.group("cur") or r.group("per") or r.group("months") or salary._prefix_possible(norm, s):
            return False
        cn = m.group("cn")
        if cn is not None and not m.group("cn_unit") and not any(ch in "百千万亿佰仟" for ch in cn):
            return True
        rend = r.end()
        if salary._RCUE.match(norm, rend) is not None:
            return False
        if salary._COUNTER.match(norm, rend) is not None:
            return True
        return m.group("ar") is not None and not m.group("ar_unit") and not m.group("ar_lat") \
            and salary._PAY_WORD.search(norm, max(0, s - 28), s) is None

    extra = ["年薪50万元，月薪3万-5万，10-15K·16薪，8000元/月，5000以上，3 至 5 万美元，20人，3年，一百二十万日元",
             "折合人民币 5000，另付美元  300，$ 20，合计 80。"]    # a currency prefix and blanks before a number
    seen = set()
    for norm in [ctx.norm for ctx in contexts] + extra:
        toks = list(salary._NUM.finditer(norm))
        for i, m in enumerate(toks):
            got = salary._rejected(norm, toks, i + 1, m, m.start())
            assert got == plain(norm, toks, i + 1, m, m.start()), (norm[m.start():m.end() + 6])
            seen.add(got)
    assert seen == {True, False}


def test_org_teams_with_gaps_between_tokens(pipeline):
    """Tokens that leave parts of the text uncovered (a hand-made list without
    the blanks and the fixture words) find the same fixture places."""
    text = "德国击败乌拉圭，巴西战平法国，西班牙 vs 英格兰"
    norm = normalize(text)
    toks = [t for t in pipeline.segmenter.tokens(norm) if not t[0].isspace() and t[0] not in org.TEAM_AFTER]
    ctx = make_context(pipeline, text, tokens=toks)
    assert len(toks) < len(pipeline.segmenter.tokens(norm))
    got = _dicts(org._teams(ctx, []))
    assert got == _dicts(_teams_plain(ctx, []))
    assert [e["text"] for e in got if e["rule"] == "<place> in a fixture"] == ["德国", "乌拉圭", "巴西"]
