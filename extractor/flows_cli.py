"""`extractor flows`: who moved from where to where, when, and who says so.

Registered on the main group with `cli.add_command(flows_command)`. Reads
document JSON lines (as `extractor extract --format jsonl` prints them; also a
JSON array as `--format json` prints it, or `--format events` lines) from files
or `-`, and/or a `--db` store, merges the events across documents
(`extractor.flows`) and prints flows and merged events.

Errors are one line, `extractor: <what>`, on stderr: exit 2 for usage errors,
1 when some input could not be read (what could be read is still reported).
"""
from __future__ import annotations

import json
import sys

import click

from extractor import flows as F
from extractor.store import Store, StoreError

FORMATS = ("table", "json", "mermaid", "dot")

EXAMPLE = """\b
Example:
  extractor extract articles/ --format jsonl > docs.jsonl
  extractor flows docs.jsonl --org 腾讯 --since 2025
  extractor flows --db corpus.db --format mermaid > flows.mmd
  extractor flows --db corpus.db --timeline 何星野
"""


def _fail_usage(msg: str):
    click.echo(f"extractor: {msg}", err=True)
    raise click.exceptions.Exit(2)


class _OneLineErrors(click.Command):
    """Usage errors as `extractor: <what>` on one line (exit 2), not click's block."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            _fail_usage(e.format_message())


def _date_option(ctx, param, value):
    if value is not None and not F.valid_date_bound(value):
        _fail_usage(f"--{param.name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _documents_from_lines(lines, name: str, errors: list[str]):
    """Document dicts from JSON lines; `--format events` lines (events carrying
    their document `id`) are grouped back into documents."""
    by_id: dict[str, dict] = {}
    stripped = [(i, ln.strip()) for i, ln in enumerate(lines, 1)]
    first = next((ln for _, ln in stripped if ln), "")
    if first.startswith("["):                      # `--format json`: one array
        try:
            records = json.loads("\n".join(ln for _, ln in stripped))
        except json.JSONDecodeError as e:
            errors.append(f"{name}: not JSON ({e.msg}, line {e.lineno})")
            return
        items = [(i, r) for i, r in enumerate(records if isinstance(records, list) else [records], 1)]
    else:
        items = []
        for i, ln in stripped:
            if not ln:
                continue
            try:
                items.append((i, json.loads(ln)))
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{i}: not a JSON document ({e.msg})")
    for i, rec in items:
        if not isinstance(rec, dict):
            errors.append(f"{name}:{i}: not a JSON object")
        elif "events" in rec or "entities" in rec or "error" in rec:
            yield rec
        elif "trigger" in rec and "type" in rec:    # an event line
            doc_id = str(rec.get("id", name))
            doc = by_id.setdefault(doc_id, {"id": doc_id, "published": rec.get("published"), "events": []})
            doc["events"].append(rec)
        else:
            errors.append(f"{name}:{i}: not an extractor document (no events)")
    yield from by_id.values()


def read_documents(inputs, db: str | None, errors: list[str]) -> list[dict]:
    """All documents from the JSONL inputs (`-` is stdin) and the store.
    Problems are appended to `errors` as messages; nothing raises."""
    docs: list[dict] = []
    for name in inputs:
        try:
            if name == "-":
                stdin = sys.stdin
                raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
                lines = raw.decode("utf-8-sig").splitlines()
            else:
                with open(name, encoding="utf-8-sig") as fh:
                    lines = fh.read().splitlines()
        except UnicodeDecodeError:
            errors.append(f"{name}: not UTF-8 JSON lines")
            continue
        except OSError as e:
            errors.append(f"{name}: {e.strerror or e}")
            continue
        docs.extend(_documents_from_lines(lines, name, errors))
    if db:
        try:
            with Store(db, readonly=True) as store:
                docs.extend(store.iter_documents(sentence_text=True))
        except StoreError as e:
            errors.append(str(e))
    return docs


@click.command(
    "flows",
    cls=_OneLineErrors,
    epilog=EXAMPLE,
    short_help="Moves between organisations, merged across articles.",
)
@click.argument("inputs", nargs=-1, metavar="[JSONL...]")
@click.option("--db", metavar="FILE", help="Read the documents stored by `extract --db FILE`.")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS),
    help="Output: table (default on a terminal), json (default otherwise), mermaid, dot.",
)
@click.option("--person", metavar="NAME", help="Only events of this person (name or alias).")
@click.option("--org", metavar="NAME", help="Only events where this organisation is either side.")
@click.option("--since", metavar="YYYY[-MM[-DD]]", callback=_date_option, help="Only events dated on or after this.")
@click.option("--until", metavar="YYYY[-MM[-DD]]", callback=_date_option, help="Only events dated on or before this.")
@click.option("--timeline", metavar="NAME", help="One person's events in date order (table or json).")
def flows_command(inputs, db, fmt, person, org, since, until, timeline):
    """Merge the events of many articles and show who moved from where to where.

    Reads document JSON lines as `extractor extract --format jsonl` prints them
    (files, or - for standard input) and/or a store written by `extract --db`.
    Reports of the same move from several outlets become one event with all its
    sources; a `join` with a `from_org` (or a leave of X then a join of Y by the
    same person) is a flow X -> Y. Denied events are listed but are not flows.
    --since/--until compare on the date parts both sides have, so 2025-03 is
    within --since 2025; undated events are left out by a date filter.
    """
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    if timeline and fmt in ("mermaid", "dot"):
        _fail_usage("--timeline works with --format table or json")
    if not inputs and not db:
        if sys.stdin.isatty():
            _fail_usage("no input: give JSONL files, - for standard input, or --db FILE")
        inputs = ("-",)

    errors: list[str] = []
    docs = read_documents(inputs, db, errors)
    for msg in errors:
        click.echo(f"extractor: {msg}", err=True)

    merged = F.merge_events(docs)
    if timeline:
        events = F.query(F.timeline(merged, timeline), person=person, org=org, since=since, until=until)
        fl = None
    else:
        events = F.query(merged, person=person, org=org, since=since, until=until)
        fl = F.flows(events)

    if fmt == "json":
        payload = {"person": timeline, "timeline": events} if timeline else {"flows": fl, "events": events}
        click.echo(F.to_json(payload))
    elif fmt == "mermaid":
        click.echo(F.to_mermaid(fl), nl=False)
    elif fmt == "dot":
        click.echo(F.to_dot(fl), nl=False)
    else:
        from rich.console import Console

        console = Console(file=sys.stdout)
        title = f"Timeline: {timeline}" if timeline else "Events"
        F.render_table(console, events, fl, title=title)
    if errors:
        raise click.exceptions.Exit(1)
