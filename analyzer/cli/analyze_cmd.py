"""`impasse analyze`: diagnose one or many conversations."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from analyzer.cli.io import read_source, say
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions, EngineChoice, Tone


class AnalyzeOutput(StrEnum):
    """Output formats of `impasse analyze`."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MD = "md"


def analyze(
    sources: Annotated[list[str], typer.Argument(help="Files to analyse; '-' reads standard input.")],
    output: Annotated[AnalyzeOutput, typer.Option("--format", help="Output format.")] = AnalyzeOutput.TEXT,
    me: Annotated[list[str] | None, typer.Option("--me", help="Your name or address (repeatable).")] = None,
    them: Annotated[list[str] | None, typer.Option("--them", help="The other side (repeatable).")] = None,
    engine: Annotated[EngineChoice, typer.Option("--engine", help="auto: the LLM when a key or base URL is set.")] = EngineChoice.AUTO,
    private: Annotated[list[str] | None, typer.Option("--private", help="A fact no draft may reveal (repeatable).")] = None,
    tone: Annotated[Tone, typer.Option("--tone", help="Tone of the reply drafts.")] = Tone.NEUTRAL,
    no_drafts: Annotated[bool, typer.Option("--no-drafts", help="Skip the reply drafts.")] = False,
    language: Annotated[str | None, typer.Option("--language", help="Force the language (en, de, fr, es).")] = None,
    input_format: Annotated[InputFormat | None, typer.Option("--input-format", help="Force the input format.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse earlier LLM results.")] = False,
) -> None:
    """Diagnose negotiation impasses; one result per input, errors in place of results."""
    from analyzer.analysis import Analysis, AnalysisError
    from analyzer.errors import ImpasseError
    from analyzer.parsers import parse_bytes
    from analyzer.pipeline import analyze_conversation

    options = AnalyzeOptions(
        me=me or [], them=them or [], private=private or [], tone=tone, engine=engine,
        drafts=not no_drafts, language=language, use_cache=not no_cache,
    )  # fmt: skip
    results: list[Analysis | AnalysisError] = []
    for source in sources:
        try:
            data, filename = read_source(source)
            conversation = parse_bytes(data, input_format=input_format, filename=filename)
            result: Analysis | AnalysisError = analyze_conversation(conversation, options, source)
        except ImpasseError as exc:
            result = AnalysisError(source=source, error=str(exc))
            say(f"error: {source}: {exc}")
        results.append(result)
        if output is AnalyzeOutput.JSONL:
            sys.stdout.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    emit(results, output)
    if any(isinstance(r, AnalysisError) for r in results):
        raise typer.Exit(1)


def emit(results: list, output: AnalyzeOutput) -> None:  # type: ignore[type-arg]
    """Write the results to standard output in the chosen format (JSONL streams above)."""
    from analyzer import report

    if output is AnalyzeOutput.JSON:
        data = [r.model_dump(mode="json") for r in results]
        json.dump(data[0] if len(data) == 1 else data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif output is AnalyzeOutput.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=report.CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for r in results:
            writer.writerow(report.csv_row(r))
    elif output is AnalyzeOutput.MD:
        sys.stdout.write("\n".join(report.render_markdown(r) for r in results))
    elif output is AnalyzeOutput.TEXT:
        sys.stdout.write("\n".join(report.render_text(r) for r in results))
