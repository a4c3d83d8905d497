"""Options several commands share, declared once so their names and help cannot drift."""

from __future__ import annotations

from typing import Annotated

import typer

from analyzer.models import InputFormat
from analyzer.options import EngineChoice, Tone

MeOption = Annotated[
    list[str] | None, typer.Option("--me", help="Your name or address (repeatable).")
]
ThemOption = Annotated[
    list[str] | None, typer.Option("--them", help="The other side (repeatable).")
]
PrivateOption = Annotated[
    list[str] | None, typer.Option("--private", help="A fact no draft may reveal (repeatable).")
]
ToneOption = Annotated[Tone, typer.Option("--tone", help="Tone of the reply drafts.")]
LanguageOption = Annotated[
    str | None, typer.Option("--language", help="Force the language (en, de, fr, es).")
]
EngineOption = Annotated[
    EngineChoice, typer.Option("--engine", help="auto: the LLM when a key or base URL is set.")
]
InputFormatOption = Annotated[
    InputFormat | None, typer.Option("--input-format", help="Force the input format.")
]
