"""The bundled dictionaries load and hold together; every validation rule fires;
user dictionaries add, override, warn and (strictly) raise."""
from __future__ import annotations

import os
import re

import pytest

from extractor import lexicon as L


@pytest.fixture(scope="module")
def lex():
    return L.load()


# -- the bundled files ----------------------------------------------------------

def test_bundled_load_and_cache(lex):
    assert L.load() is lex                    # cached: one load per process
    assert 500 <= len(lex.orgs) <= 3000
    assert len(lex.titles) >= 300
    assert len(lex.surnames) >= 400
    assert len(lex.stopnames) >= 300
    assert set(lex.ladders) >= {"字节跳动", "阿里巴巴", "腾讯", "百度", "华为", "美团", "京东", "快手"}


@pytest.mark.parametrize("fname", L.FILES)
def test_files_open_with_provenance(fname):
    with open(os.path.join(L.DATA_DIR, fname), encoding="utf-8") as f:
        text = f.read()
    head = [line for line in text.splitlines() if line.startswith("#")][:40]
    assert text.startswith("#")
    assert "2026-11" in "\n".join(head)
    assert re.search(r"[Ss]ource", "\n".join(head))


def test_org_fields_valid(lex):
    for name, org in lex.orgs.items():
        assert org.name == name
        assert org.kind in L.ORG_KINDS, name
        assert org.flags <= L.ORG_FLAGS, name
        assert org.parent is None or org.parent in lex.orgs, name
        for a in (name,) + org.aliases:
            assert lex.org_names[a] == name
            assert not (len(a) == 1), f"single-character form {a!r} of {name}"


def test_lookups(lex):
    assert lex.root_org("达摩院") == "阿里巴巴"
    assert lex.root_org("阿里达摩院") == "阿里巴巴"       # by alias
    assert lex.root_org("通义千问") == "阿里巴巴"          # two links up
    assert lex.root_org("火山引擎") == "字节跳动"
    assert lex.root_org("微软亚洲研究院") == "微软"
    assert lex.root_org("不存在的公司") == "不存在的公司"
    assert lex.canonical_org("bytedance") == "字节跳动"
    assert lex.canonical_org("BYTEDANCE") == "字节跳动"
    assert lex.canonical_org("字节") == "字节跳动"
    assert lex.canonical_org("阿里") == "阿里巴巴"
    assert lex.canonical_org("moonshot ai") == "月之暗面"
    assert lex.canonical_org("MoonshotAI") == "月之暗面"
    assert lex.canonical_org("MSRA") == "微软亚洲研究院"
    assert lex.canonical_org("") is None
    assert lex.canonical_org("没有这个") is None
    assert lex.org_names["bytedance"] == "字节跳动"      # case-folded copies of Latin forms


def test_ambiguous_flags(lex):
    assert "苹果" in lex.needs_context
    assert "ambiguous" in lex.orgs["苹果"].flags
    assert "ambiguous" not in lex.orgs["字节跳动"].flags
    assert "product" in lex.orgs["飞桨"].flags


def test_titles_surnames_stopnames(lex):
    for t in ("CEO", "首席技术官", "算法副总裁", "主任架构师", "机器学习算法工程师", "常务副院长", "联合创始人"):
        assert t in lex.titles
    assert lex.titles["首席科学家"] == "research"
    assert set(lex.titles.values()) <= L.TITLE_CATEGORIES
    for s in ("王", "欧阳", "司马", "诸葛", "上官", "慕容"):
        assert s in lex.surnames
    assert lex.surnames["高"] == "word" and lex.surnames["王"] == "common"
    assert set(lex.surnames.values()) <= L.SURNAME_CLASSES
    for w in ("王府井", "高薪", "马上", "周年", "张家口", "华为"):
        assert w in lex.stopnames
    assert {"万", "元", "亿", "王", "欧阳"} <= lex.never_alone


def test_ladders(lex):
    bd = lex.ladders["字节跳动"]
    assert [lv.level for lv in sorted(bd.values(), key=lambda lv: lv.rank)] == \
        ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2", "4-1", "4-2", "5-1", "5-2"]
    assert bd["4-2"].rank == 8
    assert bd["3-2"].band == "P9" and bd["4-1"].band == "P10"
    assert "seed article" in bd["3-2"].source
    assert lex.ladders["阿里巴巴"]["P10"].rank == 10
    assert lex.ladders["腾讯"]["T3.1"].attribution == "alone"
    for system, ladder in lex.ladders.items():
        assert system in lex.orgs
        tracks: dict[str, set[int]] = {}
        for key, lv in ladder.items():
            assert lv.system == system and lv.level == key
            assert lv.confidence in L.CONFIDENCES and lv.source
            track = re.sub(r"[0-9.\-]", "", key)
            assert lv.rank not in tracks.setdefault(track, set()), (system, key)
            tracks[track].add(lv.rank)


def test_jieba_words(lex):
    words = {w: (f, t) for w, f, t in lex.jieba_words()}
    assert words["字节跳动"][1] == "nt"
    assert words["算法副总裁"][1] == "nn"
    assert all(" " not in w and len(w) >= 2 for w in words)
    assert all(f > 0 for f, _ in words.values())


def test_fingerprint(lex, tmp_path):
    fp = lex.fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fp)
    assert L.load_dir(L.DATA_DIR).fingerprint() == fp
    user = tmp_path / "u.tsv"
    user.write_text("title\t首席炼丹师\n", encoding="utf-8")
    assert L.load([str(user)]).fingerprint() != fp


# -- validation: small bad files --------------------------------------------------

MINI = {
    "orgs.tsv": "# mini\n甲公司\t甲|JiaCo\t\tcompany\t\n甲实验室\t\t甲公司\tunit\t\n乙大学\t乙大\t\tuniversity\t\n",
    "titles.txt": "# mini\nCEO\texec\n总裁\n",
    "surnames.txt": "# mini\n王\tcommon\n欧阳\trare\n",
    "stopnames.txt": "# mini\n[not_names]\n王府井\n[never_alone]\n万\n[needs_context]\n甲\n",
    "levels.tsv": "# mini\n甲公司\tA1\t1\t\tmini source\thigh\talone\n甲公司\tA2\t2\tP9\tmini source\tlow\n",
}


def make_dir(tmp_path, **changes) -> str:
    d = tmp_path / "data"
    d.mkdir(exist_ok=True)
    for name, text in MINI.items():
        key = name.replace(".", "_")
        if key in changes:
            text = changes[key]
            if text is None:
                continue
        (d / name).write_text(text, encoding="utf-8")
    return str(d)


def raises(tmp_path, fname: str, line: int, pattern: str, **changes) -> L.LexiconError:
    with pytest.raises(L.LexiconError) as info:
        L.load_dir(make_dir(tmp_path, **changes))
    err = info.value
    assert os.path.basename(err.path) == fname, str(err)
    assert err.line == line, str(err)
    assert re.search(pattern, err.reason), str(err)
    assert str(err) == f"{err.path}:{err.line}: {err.reason}"
    return err


def test_mini_loads(tmp_path):
    lx = L.load_dir(make_dir(tmp_path))
    assert lx.root_org("甲实验室") == "甲公司"
    assert lx.canonical_org("jiaco") == "甲公司"
    assert lx.ladders["甲公司"]["A2"].band == "P9"
    assert "ambiguous" in lx.orgs["甲公司"].flags


def test_duplicate_org(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"duplicate org '甲公司'", orgs_tsv=MINI["orgs.tsv"] + "甲公司\t\t\tcompany\t\n")


def test_alias_claimed_twice(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"'甲' .* already claimed by '甲公司'", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t甲\t\tcompany\t\n")


def test_alias_differs_in_case_only(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"differs only in case", orgs_tsv=MINI["orgs.tsv"] + "丙公司\tjiaco\t\tcompany\t\n")


def test_wrong_column_count(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"expected 4 or 5 columns", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t\tcompany\n")
    raises(tmp_path, "levels.tsv", 4, r"expected 6-7 columns", levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\t3\n")
    raises(tmp_path, "titles.txt", 3, r"expected 1 or 2 columns", titles_txt="# t\nCEO\texec\n总裁\tx\ty\n")


def test_unknown_kind_and_flag(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"unknown kind 'startup'", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t\t\tstartup\t\n")
    raises(tmp_path, "orgs.tsv", 5, r"unknown flag 'famous'", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t\t\tcompany\tfamous\n")


def test_unknown_parent(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"unknown parent '丁集团'", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t\t丁集团\tcompany\t\n")


def test_parent_cycle(tmp_path):
    text = "# c\n甲公司\t甲\t乙公司\tcompany\t\n乙公司\t\t甲公司\tcompany\t\n"
    raises(tmp_path, "orgs.tsv", 2, r"cycle", orgs_tsv=text)


def test_empty_required_field(tmp_path):
    raises(tmp_path, "orgs.tsv", 5, r"empty kind", orgs_tsv=MINI["orgs.tsv"] + "丙公司\t\t\t\t\n")
    raises(tmp_path, "levels.tsv", 4, r"empty source", levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\t3\t\t\thigh\n")


def test_bad_rank(tmp_path):
    raises(tmp_path, "levels.tsv", 4, r"rank 'three' is not an integer",
           levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\tthree\t\tsrc\thigh\n")
    raises(tmp_path, "levels.tsv", 4, r"not positive", levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\t0\t\tsrc\thigh\n")


def test_duplicate_level_and_bad_values(tmp_path):
    raises(tmp_path, "levels.tsv", 4, r"duplicate level 甲公司 A1",
           levels_tsv=MINI["levels.tsv"] + "甲公司\tA1\t3\t\tsrc\thigh\n")
    raises(tmp_path, "levels.tsv", 4, r"unknown confidence", levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\t3\t\tsrc\tsure\n")
    raises(tmp_path, "levels.tsv", 4, r"unknown attribution",
           levels_tsv=MINI["levels.tsv"] + "甲公司\tA3\t3\t\tsrc\thigh\talways\n")
    raises(tmp_path, "levels.tsv", 4, r"is not an org", levels_tsv=MINI["levels.tsv"] + "戊公司\tB1\t1\t\tsrc\thigh\n")
    raises(tmp_path, "levels.tsv", 4, r"claimed by both",
           levels_tsv=MINI["levels.tsv"] + "乙大学\tA1\t1\t\tsrc\thigh\talone\n")


def test_stopnames_problems(tmp_path):
    raises(tmp_path, "stopnames.txt", 2, r"outside a section", stopnames_txt="# s\n王府井\n")
    raises(tmp_path, "stopnames.txt", 2, r"unknown section", stopnames_txt="# s\n[names]\n王府井\n")
    raises(tmp_path, "stopnames.txt", 4, r"duplicate not_names", stopnames_txt="# s\n[not_names]\n王府井\n王府井\n")
    raises(tmp_path, "stopnames.txt", 3, r"not an org name", stopnames_txt="# s\n[needs_context]\n苹果\n")


def test_surname_problems(tmp_path):
    raises(tmp_path, "surnames.txt", 2, r"unknown class", surnames_txt="# s\n王\tfamous\n")
    raises(tmp_path, "surnames.txt", 3, r"duplicate surname", surnames_txt="# s\n王\tcommon\n王\trare\n")


def test_missing_and_undecodable_file(tmp_path):
    raises(tmp_path, "titles.txt", 0, r"cannot read", titles_txt=None)
    d = make_dir(tmp_path)
    with open(os.path.join(d, "titles.txt"), "wb") as f:
        f.write("# 标题\nCEO\n".encode("gb18030"))
    with pytest.raises(L.LexiconError, match="not UTF-8"):
        L.load_dir(d)


# -- user dictionaries ----------------------------------------------------------------

GOOD = """# my additions
org\t星衡智能\t星衡|Xingheng AI\t\tcompany
org\t星衡研究院\t\t星衡智能\tunit\tproduct
org\t达摩院二部\t\t达摩院\tunit
person\t周小明\t小明哥|Xiaoming Zhou
title\t首席炼丹师\ttech
level\t字节跳动\t6-1\t11\tP12\tmy notes\tlow
level\t星衡智能\tX1\t1\t
stopname\t高新区
surname\t褚\trare
"""


def test_user_dict_adds(tmp_path):
    user = tmp_path / "good.tsv"
    user.write_text(GOOD, encoding="utf-8")
    warnings: list[str] = []
    lx = L.load([str(user)], warn=warnings.append)
    assert warnings == []
    assert lx is not L.load()
    assert lx.canonical_org("星衡") == "星衡智能" and lx.canonical_org("xingheng ai") == "星衡智能"
    assert lx.root_org("达摩院二部") == "阿里巴巴"
    assert lx.orgs["星衡研究院"].flags == frozenset({"product"})
    assert lx.people == {"周小明": "周小明", "小明哥": "周小明", "Xiaoming Zhou": "周小明"}
    assert lx.titles["首席炼丹师"] == "tech"
    assert lx.ladders["字节跳动"]["6-1"].rank == 11 and lx.ladders["字节跳动"]["6-1"].band == "P12"
    assert lx.ladders["字节跳动"]["4-2"].rank == 8            # bundled rows kept
    assert lx.ladders["星衡智能"]["X1"].source.startswith("user dictionary")
    assert "高新区" in lx.stopnames and "褚" in lx.surnames
    assert ("周小明", 20000, "nr") in lx.jieba_words()
    assert "星衡智能" not in L.load().orgs                     # the cached bundled lexicon is untouched


def test_user_dict_overrides(tmp_path):
    user = tmp_path / "override.tsv"
    user.write_text("org\t字节跳动\t字节|ByteDance|抖音母公司\t\tcompany\norg\t新阿里\t阿里\t\tcompany\n"
                    "level\t字节跳动\t4-2\t8\tP11\tmy notes\tmedium\n", encoding="utf-8")
    lx = L.load([str(user)], warn=pytest.fail)
    assert lx.canonical_org("抖音母公司") == "字节跳动"
    assert lx.canonical_org("阿里") == "新阿里"                # the alias moved to the user's org
    assert "阿里" not in lx.orgs["阿里巴巴"].aliases
    assert lx.ladders["字节跳动"]["4-2"].band == "P11"


BAD = """org\t坏公司\t\t\tstartup
org\t缺列公司\tcompany
person
title\t\texec
level\t字节跳动\t9-9\tnine\t
level\t不存在公司\tZ1\t1\t
wizard\tabc
org\t孤儿部\t\t无此母公司\tunit
org\t抢名公司\t阿里\t\tcompany
org\t抢名公司二\t阿里\t\tcompany
"""


def test_user_dict_bad_lines_warned(tmp_path):
    user = tmp_path / "bad.tsv"
    user.write_text("# bad lines\n" + BAD + "title\t好头衔\n", encoding="utf-8")
    warnings: list[str] = []
    lx = L.load([str(user)], warn=warnings.append)
    where = [w.split(": ", 1)[0] for w in warnings]
    path = str(user)
    for line in (2, 3, 4, 5, 6, 7, 8, 9, 11):
        assert f"{path}:{line}" in where, (line, warnings)
    assert "好头衔" in lx.titles                            # good lines after bad ones still load
    assert "坏公司" not in lx.orgs and "9-9" not in lx.ladders["字节跳动"]
    assert "不存在公司" not in lx.ladders
    assert lx.canonical_org("阿里") == "抢名公司"            # first user claim wins, the second is warned


def test_user_dict_strict_raises(tmp_path):
    user = tmp_path / "bad.tsv"
    user.write_text("title\t好头衔\n" + BAD, encoding="utf-8")
    with pytest.raises(L.LexiconError) as info:
        L.load([str(user)], strict=True)
    assert info.value.path == str(user) and info.value.line == 2
    assert str(info.value).startswith(f"{user}:2: ")


def test_user_dict_missing_file(tmp_path):
    with pytest.raises(L.LexiconError, match="cannot read"):
        L.load([str(tmp_path / "nope.tsv")])
