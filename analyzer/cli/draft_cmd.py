"""`impasse draft`: print only the reply drafts for one conversation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from analyzer.cli.io import fail, read_source, say
from analyzer.cli.shared_options import (
    EngineOption,
    InputFormatOption,
    LanguageOption,
    MeOption,
    PrivateOption,
    ThemOption,
    ToneOption,
)
from analyzer.options import AnalyzeOptions, EngineChoice, Tone
from analyzer.taxonomy import Strategy


def draft(  # noqa: PLR0917 - typer maps each option to a parameter
    source: Annotated[str, typer.Argument(help="The conversation; '-' reads standard input.")],
    strategy: Annotated[
        list[Strategy] | None,
        typer.Option(
            "--strategy",
            help="Only this strategy's draft (repeatable); default: every recommended one.",
        ),
    ] = None,
    me: MeOption = None,
    them: ThemOption = None,
    private: PrivateOption = None,
    tone: ToneOption = Tone.NEUTRAL,
    language: LanguageOption = None,
    engine: EngineOption = EngineChoice.AUTO,
    input_format: InputFormatOption = None,
) -> None:
    """Write checked reply drafts; withheld drafts and unfit strategies are reported on stderr."""
    from analyzer.analysis import DraftStatus
    from analyzer.drafting import add_drafts
    from analyzer.engines import resolve_engine
    from analyzer.errors import ImpasseError
    from analyzer.parsers import parse_bytes
    from analyzer.pipeline import analyze_reading, read
    from analyzer.taxonomy import STRATEGIES

    options = AnalyzeOptions(
        me=me or [], them=them or [], private=private or [], tone=tone, engine=engine,
        language=language,
    )  # fmt: skip
    try:
        data, filename = read_source(source)
        conversation = parse_bytes(data, input_format=input_format, filename=filename)
        reading, notices = read(conversation, options)
        resolved = resolve_engine(options)
        analysis = analyze_reading(
            reading, options, source, resolved.engine, notices=notices, fallback=resolved.fallback
        )
    except ImpasseError as exc:
        fail(f"{source}: {exc}")
        return
    wanted = list(dict.fromkeys(strategy or []))
    recommended = [s.id for s in analysis.strategies]
    if wanted:
        unfit = [s for s in wanted if s not in recommended]
        if unfit:
            where = analysis.stage.value + (
                f" ({analysis.end_type.value})" if analysis.end_type else ""
            )
            fits = ", ".join(s.value for s in recommended) or "none (no impasse)"
            fail(
                f"{', '.join(s.value for s in unfit)} does not fit this impasse "
                f"(stage {where}); strategies that fit: {fits}."
            )
        missing = [s for s in wanted if all(d.strategy is not s for d in analysis.drafts)]
        if missing:
            # The LLM chain drafts only its top moves; the templates write the others.
            extra = add_drafts(
                analysis.model_copy(update={"drafts": []}), reading, options, only=missing
            )
            analysis = analysis.model_copy(update={"drafts": [*analysis.drafts, *extra.drafts]})
    drafts = [d for d in analysis.drafts if not wanted or d.strategy in wanted]
    if not analysis.impasse:
        say("No impasse found: there is nothing to answer; here is a note on the next step.")
    ready = 0
    blocks: list[str] = []
    for d in drafts:
        title = STRATEGIES[d.strategy].label
        if d.status is DraftStatus.WITHHELD:
            say(f"{title}: {d.text}")
            continue
        ready += 1
        header = f"== {title} ==\n" if len(drafts) > 1 else ""
        blocks.append(header + d.text)
    if blocks:
        sys.stdout.write("\n\n".join(blocks) + "\n")
    if not ready:
        raise typer.Exit(1)
