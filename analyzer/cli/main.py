"""Entry point of the `impasse` command.

Each sub-command lives in its own module and imports what it needs inside the command
function, so `impasse parse` starts fast and never loads LangChain or Streamlit.
"""

from __future__ import annotations

import sys

import typer

from analyzer.cli import (
    analyze_cmd,
    batch_cmd,
    draft_cmd,
    eval_cmd,
    parse_cmd,
    schema_cmd,
    taxonomy_cmd,
    ui_cmd,
)

app = typer.Typer(
    name="impasse",
    help="Diagnose negotiation impasses in email threads and call transcripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("parse")(parse_cmd.parse)
app.command("analyze")(analyze_cmd.analyze)
app.command("draft")(draft_cmd.draft)
app.command("eval")(eval_cmd.eval_labels)
app.command("schema")(schema_cmd.schema)
app.command("taxonomy")(taxonomy_cmd.taxonomy)
app.command("ui")(ui_cmd.ui)
app.add_typer(batch_cmd.app, name="batch")


@app.callback()
def _main() -> None:
    """Diagnose negotiation impasses in email threads and call transcripts."""


def run() -> None:
    """Console-script entry point: maps Ctrl-C to exit code 130."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    run()
