"""The command line, end to end: inputs, encodings, formats, errors, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from extractor.cli import cli

ARTICLE = "据知情人士透露,前腾讯高级总监林述白已于上月正式加入星衡智能,出任首席技术官。他在腾讯工作了八年。"


def run(args, input=None):
    runner = CliRunner()
    return runner.invoke(cli, args, input=input, catch_exceptions=False)


def docs(output: str) -> list[dict]:
    return [json.loads(l) for l in output.splitlines() if l.strip()]


def test_stdin_join_with_person_org_and_date(validate):
    res = run(["extract", "--format", "jsonl", "--published", "2024-11-15"], input="周畅已于10月底加入字节跳动。")
    assert res.exit_code == 0
    [doc] = docs(res.stdout)
    validate(doc, "周畅已于10月底加入字节跳动。")
    assert doc["id"] == "-" and doc["published"] == "2024-11-15"
    [ev] = [e for e in doc["events"] if e["type"] == "join"]
    args = ev["arguments"]
    assert args["person"][0]["text"] == "周畅"
    assert args["org"][0]["canonical"] == "字节跳动"
    assert args["date"][0]["value"]["value"] == "2024-10"
    assert ev["status"] == "asserted"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings_give_identical_events(tmp_path, encoding):
    base = tmp_path / "utf8.txt"
    base.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / f"a-{encoding}.txt"
    other.write_bytes(ARTICLE.encode(encoding))
    a = docs(run(["extract", "--format", "jsonl", "--published", "2025-03-18", str(base)]).stdout)[0]
    b = docs(run(["extract", "--format", "jsonl", "--published", "2025-03-18", str(other)]).stdout)[0]
    assert a["events"] and a["events"] == b["events"]
    assert a["entities"] == b["entities"]


def test_big5_traditional_text(tmp_path):
    text = "據悉，字節跳動前副總裁陳立行已加入阿里巴巴集團。"
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    [doc] = docs(run(["extract", "--format", "jsonl", str(p)]).stdout)
    [ev] = [e for e in doc["events"] if e["type"] == "join"]
    assert ev["arguments"]["person"][0]["text"] == "陳立行"
    assert ev["arguments"]["org"][0]["canonical"] == "阿里巴巴"
    assert ev["arguments"]["from_org"][0]["canonical"] == "字节跳动"
    assert ev["status"] == "reported"


def test_folder_with_binary_and_empty_files(tmp_path, validate):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    (tmp_path / "d.md").write_text("据悉,澜舟数科创始人欧阳闻笛已从百度离职。", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("x", encoding="utf-8")
    res = run(["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 1
    out = docs(res.stdout)
    assert [os.path.basename(d["id"]) for d in out] == ["a.txt", "b.txt", "c.txt", "d.md"]
    for d in out:
        validate(d)
    assert out[1]["error"]["kind"] == "binary" and out[1]["events"] == []
    assert out[2]["events"] == [] and "error" not in out[2]
    assert res.stderr.strip().splitlines() == [f"extractor: {tmp_path / 'b.txt'}: not text (binary)"]


def test_missing_path_is_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run(["extract", "--format", "jsonl", str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")])
    assert res.exit_code == 1
    assert res.stderr == f"extractor: {tmp_path / 'nope.txt'}: no such file or directory\n"
    out = docs(res.stdout)
    assert out[0]["error"]["kind"] == "not_found"
    assert out[1]["events"]


def test_usage_errors_exit_2():
    res = run(["extract", "--published", "15/11/2024"])
    assert res.exit_code == 2
    assert "YYYY-MM-DD" in res.stderr
    assert run(["extract", "--format", "xml"]).exit_code == 2


def test_jsonl_input_ids_and_published(validate):
    lines = [json.dumps({"id": "n1", "text": "周畅已于10月底加入字节跳动。", "published": "2024-11-15"}, ensure_ascii=False),
             json.dumps({"text": "欧阳闻笛上月从百度离职。"}, ensure_ascii=False),
             "not json"]
    res = run(["extract", "--input-format", "jsonl", "--format", "jsonl", "--published", "2025-02-10"],
              input="\n".join(lines) + "\n")
    assert res.exit_code == 1
    out = docs(res.stdout)
    assert [d["id"] for d in out] == ["n1", "2", "3"]
    assert [d["published"] for d in out] == ["2024-11-15", "2025-02-10", "2025-02-10"]
    assert out[2]["error"]["kind"] == "json"
    for d in out:
        validate(d)
    leave = [e for e in out[1]["events"] if e["type"] == "leave"]
    assert leave and leave[0]["arguments"]["date"][0]["value"]["value"] == "2025-01"


def test_custom_fields():
    rec = json.dumps({"key": "x9", "body": "欧阳闻笛上月从百度离职。"}, ensure_ascii=False)
    res = run(["extract", "--input-format", "jsonl", "--format", "jsonl", "--text-field", "body", "--id-field", "key"],
              input=rec + "\n")
    assert res.exit_code == 0
    assert docs(res.stdout)[0]["id"] == "x9"


def test_events_and_json_formats():
    text = "周畅已于10月底加入字节跳动。"
    ev = run(["extract", "--format", "events", "--published", "2024-11-15"], input=text)
    lines = docs(ev.stdout)
    assert lines and all(l["id"] == "-" and l["type"] for l in lines)
    js = run(["extract", "--format", "json", "--published", "2024-11-15"], input=text)
    arr = json.loads(js.stdout)
    assert isinstance(arr, list) and arr[0]["events"] == [{k: v for k, v in l.items() if k not in ("id", "published")}
                                                          for l in lines]


def test_json_format_with_no_input_is_an_empty_array(tmp_path):
    res = run(["extract", "--format", "json", str(tmp_path)])
    assert res.exit_code == 0 and json.loads(res.stdout) == []


def test_table_format_renders_events():
    res = run(["extract", "--format", "table", "--published", "2024-11-15"], input="周畅已于10月底加入字节跳动。")
    assert res.exit_code == 0
    assert "join" in res.stdout and "周畅" in res.stdout


def test_output_file_written(tmp_path):
    out = tmp_path / "out.jsonl"
    res = run(["extract", "--format", "jsonl", "-o", str(out)], input="周畅已于10月底加入字节跳动。")
    assert res.exit_code == 0 and res.stdout == ""
    assert docs(out.read_text(encoding="utf-8"))[0]["events"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_help_has_examples_and_version():
    for args in (["--help"], ["extract", "--help"], ["tag", "--help"], ["eval", "--help"]):
        res = run(args)
        assert res.exit_code == 0 and "Example:" in res.stdout
    from extractor import __version__

    assert run(["--version"]).stdout.strip() == f"extractor, version {__version__}"


def test_tag_command_explains_rules():
    res = run(["tag", "--explain"], input="零一万物前算法副总裁黄文灏加入字节。")
    assert res.exit_code == 0
    assert "黄文灏" in res.stdout and "<title> + name" in res.stdout


def test_real_pipeline_subprocess(tmp_path):
    """stdin in, JSON lines out, through a real shell pipeline."""
    exe = os.path.join(os.path.dirname(sys.executable), "extractor")
    cmd = f"printf '%s' '周畅已于10月底加入字节跳动。' | {exe} extract --published 2024-11-15 | {sys.executable} -c " \
          "\"import sys,json; d=json.loads(sys.stdin.readline()); print(d['events'][0]['arguments']['org'][0]['canonical'])\""
    res = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "EXTRACTOR_CACHE_DIR": str(tmp_path)})
    assert res.returncode == 0, res.stderr
    assert res.stdout == "字节跳动\n"
    assert "Traceback" not in res.stderr


def test_closed_pipe_is_quiet(tmp_path):
    for i in range(30):
        (tmp_path / f"{i:02}.txt").write_text(ARTICLE, encoding="utf-8")
    exe = os.path.join(os.path.dirname(sys.executable), "extractor")
    res = subprocess.run(f"{exe} extract --jobs 1 {tmp_path} | head -1", shell=True, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "EXTRACTOR_CACHE_DIR": str(tmp_path)})
    assert res.returncode == 0
    assert len(res.stdout.splitlines()) == 1
    assert res.stderr == ""
