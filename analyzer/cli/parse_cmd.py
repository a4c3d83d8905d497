"""`impasse parse`: show how an input is read, turn by turn."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from analyzer.cli.io import fail, read_source, say
from analyzer.errors import InputRejected
from analyzer.models import Conversation, InputFormat


class ParseOutput(StrEnum):
    """Output formats of `impasse parse`."""

    JSON = "json"
    TEXT = "text"


def parse(
    source: Annotated[str, typer.Argument(help="A file to parse, or '-' for standard input.")],
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Force the input format instead of detecting it."),
    ] = None,
    output: Annotated[
        ParseOutput, typer.Option("--format", help="Output format.")
    ] = ParseOutput.JSON,
) -> None:
    """Parse an email thread or transcript into turns (oldest first)."""
    from analyzer.parsers import parse_bytes

    try:
        data, filename = read_source(source)
        conversation = parse_bytes(data, input_format=input_format, filename=filename)
    except InputRejected as exc:
        fail(f"{source}: {exc}")
        return
    for warning in conversation.warnings:
        say(f"warning: {warning}")
    if output is ParseOutput.JSON:
        json.dump(conversation.model_dump(mode="json"), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(conversation))


def render_text(conversation: Conversation) -> str:
    """A readable listing: each participant once, with the other names they go by, then
    the turns."""
    lines = [
        f"{conversation.kind.value} ({conversation.format.value}), "
        f"{len(conversation.turns)} turns, {len(conversation.participants)} participants:"
    ]
    for person in conversation.participants:
        also = [*person.aliases, *(a for a in person.addresses if a != person.name)]
        shown = f"  - {person.name} ({person.turns} turn{'s' if person.turns != 1 else ''})"
        lines.append(shown + (f"; also: {'; '.join(also)}" if also else ""))
    for turn in conversation.turns:
        when = turn.timestamp or (f"{turn.offset_s:.1f}s" if turn.offset_s is not None else "")
        head = f"[{turn.index}] {turn.speaker}" + (f"  {when}" if when else "")
        lines += ["", head, *("    " + line for line in turn.text.splitlines())]
    return "\n".join(lines) + "\n"
