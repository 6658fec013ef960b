"""The command line: a thin click layer over `extractor.api`.

stdout carries the requested output only (JSON in the machine formats); every
message goes to stderr as `extractor: <path>: <what went wrong>`. Exit codes: 0
every input processed, 1 some input failed (the rest still printed), 2 usage
error, 130 interrupted (143 terminated); never a traceback. Heavy modules
(jieba, rich, the pipeline; `flows` too) are imported inside the commands, so
`--help` and `--version` stay fast.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys

import click

from extractor import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def err(msg: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    try:
        sys.stderr.write(f"extractor: {msg}\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def _published(ctx, param, value):
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date of the form YYYY-MM-DD") from None


def _on_signal(signum, frame):
    """Ctrl-C or SIGTERM outside the extraction loop (which handles its own,
    see extractor.batch): one line and exit 128+N, never a traceback, and not
    click's "Aborted!" with exit 1."""
    import signal

    err("terminated" if signum == signal.SIGTERM else "interrupted")
    raise SystemExit(128 + signum)


class Group(click.Group):
    LAZY = {"flows": ("extractor.flows_cli", "flows_command")}   # imported when used (or listed by --help)

    def main(self, *args, **kwargs):
        import signal
        import threading

        old = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                old[sig] = signal.signal(sig, _on_signal)
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:  # pragma: no cover - only without the handler above
            err("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(self.LAZY))

    def get_command(self, ctx, name):
        if name not in self.commands and name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name]
            try:
                self.add_command(getattr(importlib.import_module(module), attr), name)
            except ImportError:  # pragma: no cover
                return None
        return self.commands.get(name)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="""\b
Example:
  echo '周畅已于10月底加入字节跳动。' | extractor extract --format jsonl
  extractor extract articles/ --format events | jq -r '.arguments.person[0].text'
""")
@click.version_option(__version__, "-V", "--version", prog_name="extractor")
def cli():
    """Read Chinese news articles and print structured JSON events about
    people and organisations: join, leave, found, appoint, dispute,
    unit_formed and offer, with their people, organisations, titles, levels,
    salaries and dates."""


COMMON_OPTIONS = [
    click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
                 help="text: each file is one article; jsonl: one record a line with id, text, published."),
    click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                 help="File names to take from folders (repeatable). Default: *.txt *.md *.text *.jsonl *.html *.htm."),
    click.option("--text-field", default="text", show_default=True, help="JSON-lines field holding the text."),
    click.option("--id-field", default="id", show_default=True, help="JSON-lines field holding the id."),
    click.option("--published", callback=_published, metavar="YYYY-MM-DD",
                 help="Reference date for relative dates, where a record has none."),
    click.option("--user-dict", "user_dicts", multiple=True, type=click.Path(dir_okay=False),
                 help="Extra dictionary file (people, orgs, titles, ladders); repeatable."),
    click.option("--strict", is_flag=True, help="A malformed user-dictionary line is an error (exit 2)."),
    click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
                 help="Largest document accepted; larger ones get the error kind too_large."),
    click.option("-q", "--quiet", is_flag=True, help="No progress or messages on stderr (errors still print)."),
]


def common_options(f):
    for opt in reversed(COMMON_OPTIONS):
        f = opt(f)
    return f


def _source_options(input_format, globs, text_field, id_field, max_bytes):
    from extractor.sources import DEFAULT_GLOBS, Options

    return Options(input_format=input_format, globs=tuple(globs) or DEFAULT_GLOBS,
                   text_field=text_field, id_field=id_field, max_bytes=max_bytes)


def _load_lexicon(user_dicts, strict, quiet):
    from extractor.lexicon import LexiconError, load

    for path in user_dicts:
        if not os.path.isfile(path):
            err(f"{path}: no such file (--user-dict)")
            sys.exit(EXIT_USAGE)
    try:
        # a malformed line is the user's error: reported (and skipped) even with -q
        return load(tuple(user_dicts), strict=strict, warn=err)
    except LexiconError as e:
        err(str(e))
        sys.exit(EXIT_USAGE)


@cli.command(epilog="""\b
Example:
  extractor extract article.txt                      # a table, on a terminal
  cat article.txt | extractor extract | jq '.events[] | {type, status}'
  extractor extract news/ --format events --jobs 2 -o events.jsonl
  extractor extract --input-format jsonl records.jsonl --published 2024-11-15
""")
@click.argument("inputs", nargs=-1, metavar="[INPUTS]...")
@common_options
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "events"]),
              help="Output format. Default: table on a terminal, jsonl when piped.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here instead of stdout (atomically: a temporary file, then a rename).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: the number of cores.")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Also store documents and events in this SQLite file; inputs unchanged since the last run "
                   "(same bytes, options and extractor version) are skipped, not printed again.")
def extract(inputs, input_format, globs, text_field, id_field, published, user_dicts, strict, max_bytes, quiet,
            fmt, output, jobs, db):
    """Extract events from INPUTS (files, folders, or - for standard input,
    the default) and print one JSON document per article."""
    from extractor.batch import run_extract

    lexicon = _load_lexicon(user_dicts, strict, quiet)
    opts = _source_options(input_format, globs, text_field, id_field, max_bytes)
    if fmt is None:
        fmt = "table" if (output is None and sys.stdout.isatty()) else "jsonl"
    code = run_extract(inputs or ("-",), opts, lexicon=lexicon, user_dicts=tuple(user_dicts), strict=strict,
                       published=published, fmt=fmt, output=output, jobs=jobs, quiet=quiet, db=db, err=err)
    sys.exit(code)


@cli.command(epilog="""\b
Example:
  echo '零一万物前算法副总裁黄文灏加入字节。' | extractor tag --explain
""")
@click.argument("inputs", nargs=-1, metavar="[INPUTS]...")
@common_options
@click.option("--explain", is_flag=True, help="List each entity with the rule that found it.")
def tag(inputs, input_format, globs, text_field, id_field, published, user_dicts, strict, max_bytes, quiet, explain):
    """Print the text with its entities highlighted (people, organisations,
    titles, levels, salaries, dates, quantities)."""
    from rich.console import Console

    from extractor.api import Pipeline
    from extractor.sources import iter_sources
    from extractor.render import render_tagged

    lexicon = _load_lexicon(user_dicts, strict, quiet)
    pipe = Pipeline(lexicon)
    console = Console(highlight=False)
    failed = False
    for src in iter_sources(inputs or ("-",), _source_options(input_format, globs, text_field, id_field, max_bytes)):
        if not src.ok:
            err(f"{src.id}: {src.error}")
            failed = True
            continue
        try:
            doc = pipe.extract(src.text, published=src.published or published, id=src.id)
        except Exception as e:  # a bug costs one document, never a traceback
            err(f"{src.id}: internal error: {type(e).__name__}: {e}")
            failed = True
            continue
        render_tagged(console, doc, explain=explain)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@cli.command("eval", epilog="""\b
Example:
  extractor eval ../shared/seed/gold.jsonl
  extractor eval tests/gold/dev.jsonl --format json | jq .events.f1
""")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="Default: table on a terminal, json when piped.")
@click.option("--user-dict", "user_dicts", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", is_flag=True, help="Also list the gold events that were not found.")
def eval_cmd(gold, fmt, user_dicts, misses):
    """Score the extractor against a gold file (the gold format of SCHEMA.md):
    precision, recall and F1 per event type, and accuracy per role."""
    from extractor.evaluate import evaluate_file, render_table

    lexicon = _load_lexicon(user_dicts, False, False)
    try:
        res = evaluate_file(gold, lexicon)
    except ValueError as e:
        err(f"{gold}: {e}")
        sys.exit(EXIT_FAILED)
    except Exception as e:  # pragma: no cover - a bug: one line, never a traceback
        err(f"{gold}: internal error: {type(e).__name__}: {e}")
        sys.exit(EXIT_FAILED)
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    if fmt == "json":
        import json

        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        render_table(res, misses=misses)


def main():
    try:
        cli.main(prog_name="extractor", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        err("interrupted")
        sys.exit(EXIT_INTERRUPTED)
