"""The corpus view (`extractor.flows`, `extractor flows`), on hand-built document
dicts in the shape of SCHEMA.md, plus one end-to-end run over tests/data/flows/.

tests/data/flows/ holds seven short articles written for this test (fictional
people and start-ups; published 2025-04-02):
  01, 02, 03  何星野 腾讯 -> 云杉智能, reported three times: 加入 (3月18日),
              加盟 该公司 (2025年3月), 从腾讯跳槽至 (上月, against the dateline);
              02 also mentions his earlier move 华为 -> 腾讯 (2017)
  04          苏墨白 百度 -> 云杉智能, 2025-03 (same org and month, another person)
  05          林晚舟 离职 字节跳动 (1月), 加盟 青禾机器人 (2月): a leave+join pair
  06          顾南乔 阿里巴巴 -> 拾光医疗, 2024-11, 据悉 (reported)
  07          孟远航 加盟云杉智能: denied (否认…传闻)
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from extractor import flows as F
from extractor.flows_cli import flows_command
from extractor.store import Store, content_hash

CORPUS = Path(__file__).parent / "data" / "flows"
PUBLISHED = "2025-04-02"


# ------------------------------------------------------------------ builders
def ent(type_, text, canonical=None, value=None, start=0):
    e = {"type": type_, "text": text, "start": start, "end": start + len(text)}
    if canonical:
        e["canonical"] = canonical
    if value is not None:
        e["value"] = value
    return e


def _org(o):
    return ent("org", *o) if isinstance(o, tuple) else ent("org", o, o)


def ev(type_="join", person=None, org=None, from_org=None, date=None, title=None,
       status="asserted", trigger="加入", sentence=None):
    args = {}
    if person:
        args["person"] = [ent("person", person, person)]
    if org:
        args["org"] = [_org(org)]
    if from_org:
        args["from_org"] = [_org(from_org)]
    if title:
        args["title"] = [ent("title", title)]
    if date:
        args["date"] = [ent("date", date, value={"value": date})]
    e = {
        "type": type_,
        "trigger": {"text": trigger, "start": 0, "end": len(trigger)},
        "sentence": {"start": 0, "end": 10},
        "arguments": args,
        "status": status,
        "rule": "test",
    }
    if sentence:
        e["sentence"]["text"] = sentence
    return e


def doc(id_, *events, published=PUBLISHED):
    return {"schema": "extractor/1", "id": id_, "published": published, "entities": [], "events": list(events)}


def joins(merged, person):
    return [m for m in merged if m.type == "join" and m.person == person]


# ------------------------------------------------------------------- merging
def test_three_reports_of_one_move_merge():
    docs = [
        doc("a.txt", ev(person="何星野", org="云杉智能", date="2025-03-18", title="首席技术官", sentence="何星野已于3月18日正式加入云杉智能")),
        doc("b.txt", ev(person="何星野", org=("云杉", "云杉智能"), from_org="腾讯", date="2025-03", trigger="加盟")),
        doc("c.txt", ev(person="何星野", org="云杉智能", from_org=("腾讯公司", None), date="2025-03", trigger="跳槽至")),
    ]
    merged = F.merge_events(docs)
    assert len(merged) == 1
    m = merged[0]
    assert (m.type, m.person, m.org, m.from_org, m.date, m.title) == ("join", "何星野", "云杉智能", "腾讯", "2025-03-18", "首席技术官")
    assert [s.doc for s in m.sources] == ["a.txt", "b.txt", "c.txt"]
    assert [s.trigger for s in m.sources] == ["加入", "加盟", "跳槽至"]
    assert m.sources[0].sentence == "何星野已于3月18日正式加入云杉智能"
    assert m.arguments["org"][0].aliases == ["云杉"]
    assert m.arguments["from_org"][0].aliases == ["腾讯公司"]   # 腾讯公司 ~ 腾讯 by org_key
    d = m.to_dict()
    assert d["sources"][1] == {"doc": "b.txt", "published": PUBLISHED, "status": "asserted", "trigger": "加盟", "sentence": None}


def test_sentence_text_taken_from_document_text_when_present():
    d = doc("a.txt", ev(person="何星野", org="云杉智能"))
    d["text"] = "上月，何星野加入云杉智能。"
    d["events"][0]["sentence"] = {"start": 3, "end": 12}
    assert F.merge_events([d])[0].sources[0].sentence == "何星野加入云杉智能"


def test_unrelated_moves_stay_apart():
    docs = [
        doc("a", ev(person="何星野", org="云杉智能", date="2025-03")),
        doc("b", ev(person="苏墨白", org="云杉智能", date="2025-03")),      # other person
        doc("c", ev(person="何星野", org="腾讯", from_org="华为", date="2017")),  # his earlier move
        doc("d", ev(person="何星野", org="云杉智能", from_org="腾讯", date="2025-03", type_="leave")),  # other type
    ]
    merged = F.merge_events(docs)
    assert len(merged) == 4
    assert all(len(m.sources) == 1 for m in merged)


def test_months_apart_do_not_merge():
    docs = [doc("a", ev(person="张三", org="星火")), doc("b", ev(person="张三", org="星火", date="2025-03")),
            doc("c", ev(person="张三", org="星火", date="2025-04"))]
    merged = F.merge_events(docs)
    assert sorted(m.date for m in merged) == ["2025-03", "2025-04"]
    # the undated report joins one of them (the first), and does not glue them together
    assert sorted(len(m.sources) for m in merged) == [1, 2]


@pytest.mark.parametrize("a, b, ok", [
    ("2025-03", "2025-03-18", True),
    ("2025", "2025-03", True),
    ("2025-03-18", "2025-03-18", True),
    (None, "2025-03", True),
    ("2025-03", "2025-04", False),
    ("2025-03-18", "2025-03-19", False),
    ("2024", "2025-01", False),
    ("XXXX-03", "2025-03-18", True),
    ("XXXX-03", "2025-04", False),
])
def test_dates_compatible(a, b, ok):
    assert F.dates_compatible(a, b) is ok
    assert F.dates_compatible(b, a) is ok


def test_most_specific_date_wins():
    assert F.more_specific("2025", "2025-03-18") == "2025-03-18"
    assert F.more_specific("XXXX-03-18", "2025-03") == "XXXX-03-18"
    assert F.more_specific("2025-03", "XXXX-03") == "2025-03"


def test_alias_canonical_matching():
    docs = [
        doc("a", ev(person="李四", org=("阿里", "阿里巴巴"))),
        doc("b", ev(person="李四", org="阿里巴巴")),
        doc("c", ev(person="李四", org=("阿里巴巴（中国）有限公司", None))),
    ]
    merged = F.merge_events(docs)
    assert len(merged) == 1
    assert merged[0].org == "阿里巴巴"
    assert merged[0].arguments["org"][0].aliases == ["阿里", "阿里巴巴（中国）有限公司"]


def test_org_key():
    assert F.org_key("北京云杉智能科技有限公司") == F.org_key("云杉智能科技") == "云杉智能科技"
    assert F.org_key("ByteDance") == F.org_key("bytedance")
    assert F.org_key("上海交通大学") != F.org_key("北京交通大学")   # a city is dropped only with a legal suffix
    assert F.org_key("公司") == "公司"


def test_missing_org_is_compatible_but_person_is_required():
    docs = [
        doc("a", ev(person="王五", org="星火", from_org="百度")),
        doc("b", ev(person="王五", from_org="百度")),   # org missing: compatible
        doc("c", ev(org="星火", from_org="百度")),      # no person: not the same event
    ]
    merged = F.merge_events(docs)
    assert sorted(len(m.sources) for m in merged) == [1, 2]


def test_denied_kept_apart_and_not_a_flow():
    docs = [
        doc("a", ev(person="孟远航", org="云杉智能", from_org="星河数据", status="denied")),
        doc("b", ev(person="孟远航", org="云杉智能", from_org="星河数据", status="denied")),
        doc("c", ev(person="孟远航", org="云杉智能", from_org="星河数据", status="reported")),
    ]
    merged = F.merge_events(docs)
    assert sorted((m.status, len(m.sources)) for m in merged) == [("denied", 2), ("reported", 1)]
    assert [f.count for f in F.flows(merged)] == [1]


def test_status_is_the_firmest():
    docs = [doc("a", ev(person="赵六", org="星火", status="planned")),
            doc("b", ev(person="赵六", org="星火", status="asserted")),
            doc("c", ev(person="赵六", org="星火", status="reported"))]
    (m,) = F.merge_events(docs)
    assert m.status == "asserted"
    assert [s.status for s in m.sources] == ["planned", "asserted", "reported"]


def test_events_without_person_merge_on_shared_orgs():
    def unit(org, unit_):
        e = ev(type_="unit_formed", org=org, date="2024-02", trigger="成立")
        e["arguments"]["unit"] = [ent("unit", unit_)]
        return e
    merged = F.merge_events([doc("a", unit("字节跳动", "Seed团队")), doc("b", unit("字节跳动", "Seed团队")),
                             doc("c", unit("字节跳动", "Top Seed"))])
    assert sorted(len(m.sources) for m in merged) == [1, 2]


def test_appointments_to_different_titles_stay_apart():
    docs = [doc("a", ev(type_="appoint", person="甲", org="星火", title="CTO", trigger="出任")),
            doc("b", ev(type_="appoint", person="甲", org="星火", title="CEO", trigger="升任")),
            doc("c", ev(type_="appoint", person="甲", org="星火", trigger="出任"))]
    assert sorted(len(m.sources) for m in F.merge_events(docs)) == [1, 2]
    # for a join, a differing title does not split the move
    docs = [doc("a", ev(person="甲", org="星火", title="CTO")), doc("b", ev(person="甲", org="星火", title="首席技术官"))]
    (m,) = F.merge_events(docs)
    assert m.names("title") == ["CTO", "首席技术官"]


def test_error_documents_and_junk_are_skipped():
    bad = {"id": "x", "error": {"kind": "decode", "message": "?"}, "events": [ev(person="甲", org="乙")]}
    junk = {"id": "y", "events": ["not an event", {"type": "join", "arguments": "nope"}]}
    merged = F.merge_events([bad, junk])
    assert len(merged) == 1 and merged[0].person is None


# --------------------------------------------------------- flows and queries
def corpus_like_docs():
    """What the extractor should produce for tests/data/flows (hand-built)."""
    return [
        doc("01", ev(person="何星野", org="云杉智能", from_org="腾讯", date="2025-03-18")),
        doc("02", ev(person="何星野", org="云杉智能", from_org="腾讯", date="2025-03", trigger="加盟"),
            ev(person="何星野", org="腾讯", from_org="华为", date="2017")),
        doc("03", ev(person="何星野", org="云杉智能", from_org="腾讯", date="2025-03", trigger="跳槽至")),
        doc("04", ev(person="苏墨白", org="云杉智能", from_org="百度", date="2025-03", trigger="入职")),
        doc("05", ev(type_="leave", person="林晚舟", org="字节跳动", date="2025-01", trigger="离职"),
            ev(person="林晚舟", org="青禾机器人", date="2025-02", trigger="加盟")),
        doc("06", ev(person="顾南乔", org="拾光医疗", from_org="阿里巴巴", date="2024-11", status="reported")),
        doc("07", ev(person="孟远航", org="云杉智能", from_org="星河数据", status="denied", trigger="加盟")),
    ]


def test_flows_counts_and_people():
    fl = F.flows(F.merge_events(corpus_like_docs()))
    got = [(f.source, f.target, f.count, f.people) for f in fl]
    assert got == [   # most moves first, then by name (code point order)
        ("华为", "腾讯", 1, ["何星野"]),
        ("字节跳动", "青禾机器人", 1, ["林晚舟"]),
        ("百度", "云杉智能", 1, ["苏墨白"]),
        ("腾讯", "云杉智能", 1, ["何星野"]),
        ("阿里巴巴", "拾光医疗", 1, ["顾南乔"]),
    ]
    (lin,) = [f for f in fl if f.target == "青禾机器人"]
    assert lin.moves[0].via_leave is not None


def test_flows_count_several_people_and_leave_pairing_rules():
    docs = [
        doc("a", ev(person="甲", org="星火", from_org="腾讯")),
        doc("b", ev(person="乙", org="星火", from_org=("腾讯公司", None))),
        doc("c", ev(type_="leave", person="丙", org="星火", date="2025-05"),   # left after joining: no
            ev(person="丙", org="云杉", date="2025-03")),
        doc("d", ev(person="丁", org="腾讯", from_org="腾讯", trigger="回归")),  # a return: no flow
    ]
    fl = F.flows(F.merge_events(docs))
    assert [(f.source, f.target, f.count, f.people) for f in fl] == [("腾讯", "星火", 2, ["乙", "甲"])]
    assert F.flows(F.merge_events(docs[:2] + [doc("e", ev(type_="leave", person="丙", org="百度"), ev(person="丙", org="云杉"))]),
                   pair_leaves=False)[0].count == 2


def test_timeline_in_date_order_undated_last():
    docs = [doc("a", ev(type_="appoint", person="何星野", org="云杉智能", title="CTO", trigger="出任")),
            *corpus_like_docs()]
    tl = F.timeline(F.merge_events(docs), "何星野")
    assert [(m.type, m.org, m.date) for m in tl] == [
        ("join", "腾讯", "2017"), ("join", "云杉智能", "2025-03-18"), ("appoint", "云杉智能", None)]


def test_query_filters():
    merged = F.merge_events(corpus_like_docs())
    people = lambda ms: sorted({m.person for m in ms})  # noqa: E731
    assert people(F.query(merged, person="苏墨白")) == ["苏墨白"]
    assert people(F.query(merged, org="腾讯")) == ["何星野"]           # either side
    assert len(F.query(merged, org="腾讯")) == 2
    assert people(F.query(merged, org="字节跳动")) == ["林晚舟"]
    assert people(F.query(merged, since="2025")) == ["何星野", "林晚舟", "苏墨白"]   # undated denied one left out
    assert people(F.query(merged, since="2025-02", until="2025-02")) == ["林晚舟"]
    assert [m.date for m in F.query(merged, since="2025-03-18", until="2025-03-18")] == ["2025-03", "2025-03-18"]
    assert people(F.query(merged, until="2024-12")) == ["何星野", "顾南乔"]
    assert F.query(merged, person="何星野", org="华为")[0].date == "2017"


def test_query_matches_aliases():
    merged = F.merge_events([doc("a", ev(person="李四", org=("阿里", "阿里巴巴")))])
    assert F.query(merged, org="阿里") and F.query(merged, org="阿里巴巴") and not F.query(merged, org="阿")


# ----------------------------------------------------------------- renderers
def small_flows():
    docs = [doc("a", ev(person="张三", org="云杉智能", from_org="腾讯")),
            doc("b", ev(person="李四", org="云杉智能", from_org="腾讯")),
            doc("c", ev(person="王五", org='星火"AI"', from_org="云杉智能"))]
    return F.flows(F.merge_events(docs))


def test_to_mermaid_exact():
    assert F.to_mermaid(small_flows()) == (
        "flowchart LR\n"
        '    o1["腾讯"]\n'
        '    o2["云杉智能"]\n'
        '    o3["星火#quot;AI#quot;"]\n'
        "    o1 -->|2: 张三, 李四| o2\n"
        "    o2 -->|1: 王五| o3\n"
    )


def test_to_dot_exact():
    assert F.to_dot(small_flows()) == (
        "digraph flows {\n"
        "    rankdir=LR;\n"
        "    node [shape=box];\n"
        '    o1 [label="腾讯"];\n'
        '    o2 [label="云杉智能"];\n'
        '    o3 [label="星火\\"AI\\""];\n'
        '    o1 -> o2 [label="2: 张三, 李四"];\n'
        '    o2 -> o3 [label="1: 王五"];\n'
        "}\n"
    )


def test_empty_graphs():
    assert F.to_mermaid([]) == "flowchart LR\n"
    assert F.to_dot([]) == "digraph flows {\n    rankdir=LR;\n    node [shape=box];\n}\n"


def test_to_json():
    merged = F.merge_events(corpus_like_docs())
    data = json.loads(F.to_json({"flows": F.flows(merged), "events": merged}))
    assert data["flows"][0] == {
        "from_org": "华为", "org": "腾讯", "count": 1, "people": ["何星野"],
        "moves": [{"person": "何星野", "date": "2017", "status": "asserted", "docs": ["02"], "via_leave": False}],
    }
    he = [e for e in data["events"] if e["person"] == "何星野" and e["org"] == "云杉智能"]
    assert [s["doc"] for s in he[0]["sources"]] == ["01", "02", "03"]


def test_render_table():
    merged = F.merge_events(corpus_like_docs())
    console = Console(record=True, width=160)
    F.render_table(console, merged, F.flows(merged))
    out = console.export_text()
    assert "Flows" in out and "青禾机器人" in out and "3: 01, 02, 03" in out and "denied" in out
    console = Console(record=True, width=80)
    F.render_table(console, [], [])
    assert console.export_text() == "No flows (no join with a known origin).\nNo events.\n"


# ----------------------------------------------------------------------- CLI
@pytest.fixture
def jsonl(tmp_path):
    p = tmp_path / "docs.jsonl"
    p.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus_like_docs()), encoding="utf-8")
    return p


def run(*args, input=None):
    return CliRunner().invoke(flows_command, list(args), input=input)


def test_cli_json_when_piped(jsonl):
    r = run(str(jsonl))
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [f["count"] for f in data["flows"]] == [1, 1, 1, 1, 1]
    assert len(data["events"]) == 7


def test_cli_stdin_and_filters(jsonl):
    r = run("-", "--org", "云杉智能", "--since", "2025-03", "--format", "mermaid", input=jsonl.read_text("utf-8"))
    assert r.exit_code == 0
    assert r.stdout == ('flowchart LR\n    o1["百度"]\n    o2["云杉智能"]\n    o3["腾讯"]\n'
                        "    o1 -->|1: 苏墨白| o2\n    o3 -->|1: 何星野| o2\n")
    r = run(str(jsonl), "--person", "林晚舟", "--format", "dot")
    assert r.exit_code == 0 and '[label="1: 林晚舟"]' in r.stdout


def test_cli_timeline(jsonl):
    r = run(str(jsonl), "--timeline", "何星野", "--format", "json")
    data = json.loads(r.stdout)
    assert data["person"] == "何星野"
    assert [e["date"] for e in data["timeline"]] == ["2017", "2025-03-18"]
    r = run(str(jsonl), "--timeline", "何星野", "--format", "table")
    assert r.exit_code == 0 and "Timeline: 何星野" in r.stdout


def test_cli_reads_json_array_and_event_lines(tmp_path):
    docs = corpus_like_docs()
    arr = tmp_path / "docs.json"
    arr.write_text(json.dumps(docs, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = tmp_path / "events.jsonl"
    lines.write_text("".join(json.dumps({"id": d["id"], **e}, ensure_ascii=False) + "\n" for d in docs for e in d["events"]),
                     encoding="utf-8")
    for p in (arr, lines):
        r = run(str(p), "--format", "json")
        assert r.exit_code == 0, r.output
        assert len(json.loads(r.stdout)["flows"]) == 5


def test_cli_usage_errors_are_one_line():
    for args in (["--since", "March"], ["--format", "svg"], ["--nope"], ["x.jsonl", "--timeline", "甲", "--format", "dot"]):
        r = run(*args)
        assert r.exit_code == 2, args
        assert r.stderr.startswith("extractor: ") and r.stderr.count("\n") == 1, r.stderr
        assert r.stdout == ""


def test_cli_unreadable_input_exit_1_rest_still_reported(tmp_path, jsonl):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "events": []}\nnot json\n[1]\n{"foo": 1}\n', encoding="utf-8")
    r = run(str(jsonl), str(bad), str(tmp_path / "missing.jsonl"), "--format", "json")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"extractor: {bad}:2: not a JSON document (Expecting value)",
        f"extractor: {bad}:3: not a JSON object",
        f"extractor: {bad}:4: not an extractor document (no events)",
        f"extractor: {tmp_path / 'missing.jsonl'}: No such file or directory",
    ]
    assert len(json.loads(r.stdout)["flows"]) == 5
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_cli_bad_db(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    for p in (junk, tmp_path / "none.db"):
        r = run("--db", str(p))
        assert r.exit_code == 1 and r.stderr.startswith(f"extractor: {p}: ") and r.stderr.count("\n") == 1


def test_cli_db(tmp_path):
    db = tmp_path / "c.db"
    with Store(db) as s:
        for d in corpus_like_docs():
            s.put(d, f"articles/{d['id']}.txt", content_hash(d["id"]), "v1", text="何星野加入云杉智能了。")
    r = run("--db", str(db), "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert len(data["flows"]) == 5
    assert data["events"][0]["sources"][0]["sentence"] == "何星野加入云杉智能了"


def test_cli_help_ends_with_example():
    r = run("--help")
    assert r.exit_code == 0
    tail = r.stdout.rstrip().split("\n\n")[-1]
    assert tail.lstrip().startswith("Example:") and "extractor flows" in tail


def test_registers_on_a_group():
    import click

    @click.group()
    def cli():
        pass

    cli.add_command(flows_command)
    r = CliRunner().invoke(cli, ["flows", "--since", "x"])
    assert r.exit_code == 2 and r.stderr == "extractor: --since: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'x'\n"


# ----------------------------------------------------------------- end to end
def test_corpus_three_reports_merge():
    docs = []
    try:
        from extractor.api import extract

        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            d = extract(text, published=PUBLISHED, id=path.name).to_dict()
            d["text"] = text          # so that sources quote their sentences
            docs.append(d)
    except ImportError as e:          # the pipeline is not all there yet
        pytest.xfail(f"needs the event extractor ({e})")
    reports = ["01-kexun-hexingye.txt", "02-chuangtou-hexingye.txt", "03-hangzhou-ribao-hexingye.txt"]
    found = {d["id"] for d in docs for e in d["events"]
             if d["id"] in reports and e["type"] == "join"
             and any(p.get("canonical", p["text"]) == "何星野" for p in e["arguments"].get("person", []))
             and any(F.org_key(o.get("canonical") or o["text"]) == "云杉智能" for o in e["arguments"].get("org", []))}
    if len(found) < 3:
        pytest.xfail(f"needs the event extractor: finds the 何星野 -> 云杉智能 join in {sorted(found)} of 3 reports")

    merged = F.merge_events(docs)
    moves = [m for m in joins(merged, "何星野") if F.org_key(m.org or "") == "云杉智能"]
    assert len(moves) == 1, F.to_json(moves)
    (m,) = moves
    assert m.docs == reports, F.to_json(m)
    assert m.date and m.date.startswith("2025-03"), m.date
    assert m.from_org in (None, "腾讯")
    # the unrelated moves stay apart: no other merged event draws on two of these articles
    # for another person, and nobody else's join is merged into 何星野's
    for other in merged:
        if other is not m:
            assert not (other.type == "join" and other.person == "何星野" and F.org_key(other.org or "") == "云杉智能")
        assert set(other.names("person")) <= {other.person}
    for name, org in (("苏墨白", "云杉智能"), ("林晚舟", "青禾机器人"), ("顾南乔", "拾光医疗")):
        for j in joins(merged, name):
            assert not set(j.docs) & set(reports), (name, j.docs)
    for j in joins(merged, "孟远航"):
        assert j.status == "denied"


# ------------------------------------------------------------------ property
from hypothesis import given, settings, strategies as st  # noqa: E402

_names = st.sampled_from(["甲", "乙", None])
_orgs = st.sampled_from(["腾讯", "腾讯公司", "百度", ("阿里", "阿里巴巴"), "阿里巴巴", None])
_dates = st.sampled_from([None, "2025", "2025-03", "2025-03-18", "2025-04", "XXXX-03"])
_events = st.builds(ev, type_=st.sampled_from(["join", "leave"]), person=_names, org=_orgs, from_org=_orgs,
                    date=_dates, status=st.sampled_from(["asserted", "denied", "planned"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_events, max_size=3), max_size=6))
def test_merge_invariants(event_lists):
    docs = [doc(f"d{i}", *evs) for i, evs in enumerate(event_lists)]
    merged = F.merge_events(docs)
    assert sum(len(m.sources) for m in merged) == sum(len(e) for e in event_lists)   # every report, once
    for m in merged:
        assert len(m.arguments.get("person", [])) <= 1                              # never two people
        assert len({s.status == "denied" for s in m.sources}) == 1                  # denied kept apart
        dates = [e["arguments"]["date"][0]["value"]["value"] for d in docs for e in d["events"]
                 if "date" in e["arguments"]]
        assert m.date is None or m.date in dates
    for f in F.flows(merged):
        assert F.org_key(f.source) != F.org_key(f.target)
        assert F.to_mermaid([f]).startswith("flowchart LR\n") and F.to_dot([f]).endswith("}\n")
