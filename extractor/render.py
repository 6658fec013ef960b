"""`extractor tag`: the text with its entities highlighted (rich)."""
from __future__ import annotations

STYLES = {"person": "bold green", "org": "bold cyan", "title": "magenta", "level": "yellow", "salary": "bold yellow",
          "money": "yellow", "date": "blue", "quantity": "bright_black"}


def render_tagged(console, doc, explain: bool = False) -> None:
    from rich.text import Text

    text = Text(doc.text)
    for e in doc.entities:
        text.stylize(STYLES.get(e.type, "underline"), e.start, e.end)
    console.rule(f"{doc.id}  published {doc.published or '?'}")
    console.print(text)
    legend = Text("  ".join(f"{t}" for t in STYLES))
    for t, style in STYLES.items():
        legend.highlight_words([t], style)
    console.print(legend)
    if explain:
        from rich.table import Table

        table = Table(show_header=True, header_style="bold")
        for col in ("type", "text", "start", "canonical / value", "rule"):
            table.add_column(col)
        for e in doc.entities:
            shown = e.canonical if e.canonical and e.canonical != e.text else (str(e.value) if e.value else "")
            table.add_row(e.type, e.text, str(e.start), shown, e.rule or "")
        console.print(table)
