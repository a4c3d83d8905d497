"""`impasse eval`: measure the analysis against labelled conversations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analyzer.cli.io import fail
from analyzer.options import EngineChoice


def eval_labels(  # noqa: PLR0917 - typer maps each option to a parameter
    labels: Annotated[list[Path], typer.Argument(help="Label files (JSON lines).")],
    engine: Annotated[EngineChoice, typer.Option("--engine")] = EngineChoice.OFFLINE,
    by: Annotated[
        str, typer.Option("--by", help="Group figures by 'file' or 'language'.")
    ] = "file",
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Do not list the misses.")] = False,
    fast: Annotated[
        bool, typer.Option("--fast", help="Phrase lists only: skip the learned readers.")
    ] = False,
) -> None:
    """Print impasse P/R/F1, stage and end-type accuracy, signal-type F1 and more."""
    from analyzer.errors import ImpasseError
    from analyzer.evaluation import evaluate, format_report, load_labels, report_json
    from analyzer.pipeline import analyze_conversation

    if by not in {"file", "language"}:
        fail("--by must be 'file' or 'language'.", 2)
    try:
        cases = load_labels(labels)
    except (OSError, ImpasseError) as exc:
        fail(str(exc), 2)
        return

    def run(conversation, options, source):  # type: ignore[no-untyped-def]
        return analyze_conversation(
            conversation, options.model_copy(update={"engine": engine, "fast": fast}), source
        )

    groups = evaluate(cases, run, group_by=by)
    sys.stdout.write(report_json(groups) + "\n" if as_json else format_report(groups, not quiet))
