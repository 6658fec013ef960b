"""The person tagger's shortcuts must change nothing.

- A candidate is dropped when its score cannot pass COORD_MIN: by _chinese before
  _features (_hopeless: _form_most bounds the pieces down to the context
  before), or in _features once the context before or after is known
  (_after_left bounds what follows). The bounds have to cover what _features
  finds, and the output with the shortcuts must be the output without them
  (FEATURE_LOG turns them off).
- _chinese takes the ends of _ends and the tests of the words alone from
  _candidates_of, memoised on the words at a start (_shape_key): they must be
  what _ends and _features give over the real tokens.
- _left and _right answer "other" at once where no character another kind
  needs stands next to the candidate; _starts_with stands for str.startswith;
  the tokens are found by a scan of their first characters, and _foreign skips
  the tokens _foreign_head rejects, and _famous looks only where a well-known
  name may begin (pair_positions of _PEOPLE_HEADS): each must equal the plain way.
"""
from __future__ import annotations

from conftest import corpus_and_samples

from extractor.taggers import char_positions, person


def _texts() -> list[str]:
    return corpus_and_samples("person.jsonl")


def _run(pipeline, texts, log):
    saved = person.FEATURE_LOG
    person.FEATURE_LOG = log
    try:
        return [repr(pipeline.extract(t)) for t in texts]
    finally:
        person.FEATURE_LOG = saved


def test_bound_covers_what_follows_the_context_before(pipeline):
    log: list = []
    _run(pipeline, _texts(), log)
    checked = 0
    for _s, _e, feats in log:
        at = next((i for i, x in enumerate(feats) if x.startswith("L:")), None)
        if at is None:
            continue                       # a transcribed or Latin name: not pruned
        left, right = feats[at][2:], feats[at + 1][2:]
        rest = sum(person.W.get(x, 0.0) for x in feats[at + 1:])
        # the bound for any context, for the context before, and for the contexts on both sides
        for bound in (person._after_left(), person._after_left(left), person._after_left(left, right)):
            assert rest <= bound + 1e-9, (feats, rest, bound)
        checked += 1
    assert checked > 100


def test_shortcut_changes_no_output(pipeline):
    texts = _texts()
    assert _run(pipeline, texts, None) == _run(pipeline, texts, [])


class _Everything:
    """A set that holds every character: the shortcuts that test `c not in <set>` never fire."""

    def __contains__(self, c) -> bool:
        return True


def _contexts(pipeline, texts):
    """(ctx, orgs, titles) of each text, as the pipeline hands them to the person tagger."""
    seen = []
    tag = person.tag

    def spy(ctx, orgs, titles):
        seen.append((ctx, list(orgs), list(titles)))
        return tag(ctx, orgs, titles)

    person.tag = spy
    try:
        for t in texts:
            pipeline.extract(t)
    finally:
        person.tag = tag
    return seen


def test_context_shortcuts_equal_the_full_tests(pipeline, monkeypatch):
    """_left and _right answer "other" at once where no character for another kind stands next to
    the candidate: the same answer as the whole chain of tests, at every token start and position."""
    checked = 0
    for ctx, orgs, titles in _contexts(pipeline, _texts()):
        title_end, title_start = {t.end for t in titles}, {t.start for t in titles}
        org_end = {o.end for o in orgs}
        person_end = {x for x in range(len(ctx.norm) + 1) if ctx.norm[x - 1:x] in "、和与及"}
        starts = [(k, s) for k, (_w, s, _e) in enumerate(ctx.tokens)]
        starts += [(k, s + 1) for k, (w, s, _e) in enumerate(ctx.tokens) if len(w) > 1]
        ends = range(len(ctx.norm) + 1)
        fast = ([person._left(ctx, k, s, title_end, org_end, person_end) for k, s in starts],
                [person._right(ctx, e, title_start) for e in ends])
        with monkeypatch.context() as m:
            m.setattr(person, "_LEFT_LAST", _Everything())
            m.setattr(person, "_RIGHT_FIRST", _Everything())
            slow = ([person._left(ctx, k, s, title_end, org_end, person_end) for k, s in starts],
                    [person._right(ctx, e, title_start) for e in ends])
        assert fast == slow
        checked += len(starts) + len(ends)
    assert checked > 10000


def test_starts_with_equals_str_startswith(pipeline):
    tuples = (person.AFTER, person.EVENT_AFTER, person.SLOT_VERBS, person.PLACE_AFTER, person.SPORTS_AFTER,
              person.VERBS, person.LANDMARK_AFTER, person.KNOWN_NOT_AFTER)
    for text in _texts():
        for e in range(len(text) + 1):
            for words in tuples:
                assert person._starts_with(text, e, words) == text.startswith(words, e), (text[e:e + 4], e)


def test_ends_with_equals_str_endswith(pipeline):
    """_ends_with stands for the window's endswith, at every position and for windows shorter than some words."""
    tuples = (person.FRAME_BEFORE, person.ROLE_BEFORE, person.LOC_BEFORE, person.SPORTS_BEFORE)
    hits = 0
    for text in _texts():
        for s in range(len(text) + 1):
            for words in tuples:
                for span in (2, 4, 6):
                    plain = text[max(0, s - span):s].endswith(words)
                    assert person._ends_with(text, s, words, span) == plain, (text[max(0, s - span):s], span)
                    hits += plain
    assert hits > 300


def test_token_scans_equal_the_plain_loops(pipeline, monkeypatch):
    """The tokens found by one scan of their first characters are those a loop over the tokens finds;
    _foreign's loop gives the same names when it visits every token (_foreign_head lets all through)."""
    for ctx, orgs, titles in _contexts(pipeline, _texts()):
        firsts = "".join(t[0][0] for t in ctx.tokens)
        assert person._token_firsts(ctx) == firsts
        heads = person._char_class(person._FOREIGN_HEAD)
        assert char_positions(heads, firsts) == [k for k, t in enumerate(ctx.tokens) if t[0][0] in person._FOREIGN_HEAD]
        chars = set(ctx.norm[::7])
        assert person._find_each(firsts, chars) == [k for k, t in enumerate(ctx.tokens) if t[0][0] in chars]
        env = {"title_end": {t.end for t in titles}, "title_start": {t.start for t in titles},
               "org_end": {o.end for o in orgs}, "person_end": set(), "token_firsts": firsts}
        busy = bytearray(len(ctx.norm) + 1)
        assert person._foreign_heads(ctx, env) == [k for k, t in enumerate(ctx.tokens)
                                                   if person._foreign_head(t[0], ctx.segmenter)]
        fast = person._foreign(ctx, env, busy)
        with monkeypatch.context() as m:
            m.setattr(person, "_foreign_heads", lambda ctx, env: list(range(len(ctx.tokens))))
            assert person._foreign(ctx, env, busy) == fast


def test_form_bound_covers_the_pieces_before_the_context(pipeline, monkeypatch):
    """_form_most (the bound of _hopeless) is at least what the pieces down to the context
    before weigh, for every candidate _features lists (FEATURE_LOG set: no shortcut)."""
    seen = []
    features = person._features

    def spy(ctx, k, s, w0, e, ls, ntok, sur, env):
        feats = features(ctx, k, s, w0, e, ls, ntok, sur, env)
        if isinstance(feats, list):
            seen.append((ctx.segmenter, ctx.lexicon, ctx.norm[s:e], ls, ntok, w0, feats))
        return feats

    monkeypatch.setattr(person, "_features", spy)
    _run(pipeline, _texts(), [])
    checked = 0
    for seg, lex, name, ls, ntok, w0, feats in seen:
        if len(name) - ls == 2 and name[-1] in person.STRONG_TAIL:
            continue                       # not bounded: _features may reject these
        at = next(i for i, x in enumerate(feats) if x.startswith("L:"))
        weight = sum(person.W.get(x, 0.0) for x in feats[:at])
        most = person._form_most(seg, lex, name, ls, ntok, w0)
        assert weight <= most + 1e-9, (name, ntok, feats, weight, most)
        checked += 1
    assert checked > 300


def test_well_known_search_finds_every_start():
    """_famous looks for a well-known name only where pair_positions finds one of _PEOPLE_HEADS: that
    must be every place where a name of data/people.txt begins."""
    from extractor.taggers import pair_positions

    names = sorted(person._PEOPLE)
    longest = max(map(len, names))
    texts = _texts() + ["，".join(names[::7]), "".join(names[3::11])]
    hits = 0
    for text in texts:
        pointed = set(pair_positions(person._PEOPLE_FIRST_CHARS, person._PEOPLE_SECOND_CHARS, person._PEOPLE_HEADS,
                                     text))
        plain = {i for i in range(len(text)) if any(text[i:i + n] in person._PEOPLE for n in range(2, longest + 1))}
        assert pointed >= plain
        hits += len(plain)
    assert hits > 300


def test_candidates_of_the_words_equal_the_plain_ends(pipeline):
    """At every start _starts gives, _candidates_of (memoised on the words _shape_key takes) lists what
    _ends gives over the real tokens, with the names of the text; a name it marks unfit is one
    _features rejects (or a stopname), one it marks fit and bounds is one _features lists unless an
    honorific follows the surname (_chinese tests that), and the bound is _form_most_of's."""
    log: list = []
    saved = person.FEATURE_LOG
    person.FEATURE_LOG = log
    try:
        checked = 0
        # and a manager called by the surname (王总: 总 is no given name), a given name
        # ending in a function word (夏侯岚于), a stopname, the surname again (韦岚韦|女士)
        extra = ["年会上王总表示，明年将继续扩大投入。李总和张总也到场祝贺。", "据悉，夏侯岚于去年离开公司。",
                 "他买了一辆兰博基尼，又去星巴克喝咖啡。", "节目开始，主持人向嘉宾韦岚韦女士表示感谢。",
                 "会上，主持人介绍了来宾管彤管总，随后开始对话。"]
        for ctx, orgs, titles in _contexts(pipeline, _texts() + extra):
            seg, lex, norm, toks = ctx.segmenter, ctx.lexicon, ctx.norm, ctx.tokens
            env = {"title_end": {t.end for t in titles}, "title_start": {t.start for t in titles},
                   "org_end": {o.end for o in orgs}, "person_end": set(),
                   "token_firsts": "".join(t[0][0] for t in toks)}
            for k, s, w in person._starts(ctx, env):
                for ls in (1, 2):
                    if norm[s:s + ls] not in lex.surnames:
                        continue
                    key = person._shape_key(toks, k, w, ls, toks[k][1] == s)
                    got = person._candidates_of(seg, lex, *key)
                    plain = [(end - s, ntok, norm[s:end]) for end, ntok in person._ends(toks, k, s, w, ls, seg)]
                    assert [c[:3] for c in got] == plain, (norm[s:s + 6], key)
                    for rel, ntok, name, fits, form in got:
                        feats = person._features(ctx, k, s, w, s + rel, ls, ntok, name[:ls], env)
                        if not fits:
                            assert name in lex.stopnames or feats is None, name
                            continue
                        assert name not in lex.stopnames, name
                        if form is not None:
                            assert feats is not None or norm.startswith(person.HONORIFIC, s + ls), name
                            assert form == person._form_most_of(seg, lex, name, ls, ntok, w)
                        checked += 1
    finally:
        person.FEATURE_LOG = saved
    assert checked > 500


def test_dotted_matches_equal_the_search():
    """_dotted looks for dotted names only just before each dot (_dotted_matches): the same matches as
    the search over the whole text, also where dots and Latin initials crowd together."""
    # and dots crowded with initials and short parts, a long chain, a first part of DOTTED_HEAD syllables
    texts = _texts() + ["马修·r·科尔特与r·安德森、a·b·c·d，以及AB·约翰和x·y", "·安娜·卡列尼娜··玛丽亚•卡拉斯•",
                        "詹姆斯·c·斯特拉斯和阿方索·卡隆·奥罗斯科·德·贝兰库尔·拉米雷斯·佩雷斯在", "A·B·C·D·E·F·G·H",
                        "他和克里斯蒂安娜·罗纳尔多见面"]
    dots = 0
    for text in texts:
        assert [m.span() for m in person._dotted_matches(text)] == [m.span() for m in person._DOTTED.finditer(text)]
        dots += text.count("·")
    assert dots > 30


def test_travel_words_found_once_equal_the_search(pipeline):
    """_more finds the words of travel writing once per document (_travel_near): the same answer as
    _TRAVEL's search in the window around every span, also where the words crowd and overlap."""
    # and words far into a long text, where a window's edge falls on a word's first or last character
    texts = _texts() + ["景区游客旅游旅行度假村景点门票，峡湾边的渔村小镇", "沙滩浮潜一日游", "海岛自由行目的地攻略",
                        "星河集团董事长周远航近日在杭州出席了一场关于新能源汽车产业发展的论坛并发表讲话，会后他赶往"
                        "郊外的景区参观，又与当地负责文化和旅游的官员座谈，谈到明年开通的自驾线路。",
                        "这家景区的负责人周远航表示，今年以来接待的外地访客明显增多，园区将在暑期延长开放时间，并增加讲解员和"
                        "志愿者的数量。"]
    words = person._TRAVEL.pattern.split("|")
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]   # one word a position
    hits = 0
    for text in texts:
        env: dict = {}
        for s in range(len(text)):
            for e in range(s + 1, min(len(text), s + 4) + 1):
                near = person._TRAVEL.search(text, max(0, s - person.TRAVEL_SPAN), e + person.TRAVEL_SPAN) is not None
                assert person._travel_near(env, text, s, e) == near, (text[s:e], s, e)
                hits += near
    assert hits > 1000


def test_given_fits_equals_the_plain_test():
    """_given_fits is the test per character it stands for, over the one- and two-character windows of
    the texts (function words, punctuation, Latin letters and digits among them)."""
    for text in _texts() + ["王的、张a李1赵〇"]:
        for n in (1, 2):
            for i in range(len(text) - n + 1):
                given = text[i:i + n]
                plain = not any(c in person.NOT_GIVEN or not person._is_han(c) for c in given)
                assert person._given_fits(given) == plain, given
