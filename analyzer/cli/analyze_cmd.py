"""`impasse analyze`: diagnose one or many conversations (files, folders, globs, '-').

Standard output carries only the results; progress, errors and logs go to standard
error. Exit codes: 0 all analysed, 1 some inputs failed (with `--engine llm`, an input the
offline engine analysed because the LLM failed counts as failed), 2 usage error, 130
interrupted.
"""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from analyzer.batch.formats import OutputFormat
from analyzer.batch.logs import LogLevel
from analyzer.cli.io import say
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

if TYPE_CHECKING:
    from analyzer.batch.emit import Emitter
    from analyzer.batch.runner import BatchConfig, BatchStats
    from analyzer.batch.store import Expected, ResultStore


class Executor(StrEnum):
    """`--executor`: where a batch runs."""

    LOCAL = "local"
    RAY = "ray"


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


def parse_size(text: str) -> int:
    """Bytes from "20000000", "20MB", "20M" (decimal) or "20MiB" (binary)."""
    match = _SIZE.match(text)
    if not match:
        raise typer.BadParameter(f"{text!r} is not a size; write e.g. 20MB or 20000000.")
    unit = (match.group(2) or "").lower().removesuffix("b")
    value = int(float(match.group(1)) * _UNITS[unit])
    if value <= 0:
        raise typer.BadParameter("the size limit must be positive.")
    return value


def analyze(  # noqa: PLR0917 - typer maps each option to a parameter
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders (searched recursively), globs; '-' reads stdin."),
    ],
    output: Annotated[
        OutputFormat | None,
        typer.Option("--format", help="Output format (default: text; table with --out)."),
    ] = None,
    me: MeOption = None,
    them: ThemOption = None,
    engine: EngineOption = EngineChoice.AUTO,
    private: PrivateOption = None,
    tone: ToneOption = Tone.NEUTRAL,
    no_drafts: Annotated[bool, typer.Option("--no-drafts", help="Skip the reply drafts.")] = False,
    language: LanguageOption = None,
    input_format: InputFormatOption = None,
    fast: Annotated[
        bool,
        typer.Option(
            "--fast",
            help="Phrase lists only: skip the learned readers (negotiation gate, sentence "
            "reader) for very large batches.",
        ),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not reuse earlier LLM results.")
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Write results.jsonl, results.csv, summary.md and one JSON per input here "
            "(a folder, or a URI such as s3://bucket/run with the ray extra).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="With --out: skip inputs already analysed, retry failed ones."
        ),
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=64, help="LLM analyses at once.")
    ] = 4,
    jobs: Annotated[
        int, typer.Option("--jobs", min=1, max=64, help="Worker processes for the offline engine.")
    ] = 1,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact", help="Mask addresses, phone, account and card numbers before LLM calls."
        ),
    ] = False,
    log_level: Annotated[
        LogLevel,
        typer.Option("--log-level", help="Log detail on stderr; debug includes conversation text."),
    ] = LogLevel.WARNING,
    max_bytes: Annotated[
        str | None,
        typer.Option(
            "--max-bytes", help="Input size limit, e.g. 20MB (env IMPASSE_MAX_INPUT_BYTES)."
        ),
    ] = None,
    executor: Annotated[
        Executor,
        typer.Option("--executor", help="local: this machine; ray: a Ray cluster (impasse[ray])."),
    ] = Executor.LOCAL,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --executor ray: the cluster (default: RAY_ADDRESS or local).",
        ),
    ] = None,
) -> None:
    """Diagnose negotiation impasses; one result per input, errors in place of results."""
    from analyzer.batch import logs
    from analyzer.batch.emit import Emitter
    from analyzer.batch.inputs import expand, is_uri
    from analyzer.batch.progress import make_progress
    from analyzer.batch.remote_out import RemoteOut
    from analyzer.batch.runner import BatchConfig, run_batch
    from analyzer.batch.store import OutputDirError, ResultStore
    from analyzer.engines import wants_llm
    from analyzer.errors import ImpasseError
    from analyzer.textio import max_input_bytes

    logs.configure(log_level)
    limit = parse_size(max_bytes) if max_bytes is not None else None
    if resume and out is None:
        _usage("--resume needs --out DIR (the directory of the batch to continue).")
    if executor is Executor.RAY and "-" in sources:
        _usage("--executor ray reads files, not standard input; save it to a file first.")
    if ray_address is not None and executor is not Executor.RAY:
        _usage("--ray-address needs --executor ray.")
    options = AnalyzeOptions(
        me=me or [], them=them or [], private=private or [], tone=tone, engine=engine,
        drafts=not no_drafts, language=language, use_cache=not no_cache, redact=redact,
        fast=fast,
    )  # fmt: skip
    items = expand(sources)
    try:
        max_input_bytes()  # a malformed IMPASSE_MAX_INPUT_BYTES is a usage error
        config = BatchConfig(
            options=options, input_format=input_format, llm=wants_llm(options),
            concurrency=concurrency, jobs=jobs, max_bytes=limit,
        )  # fmt: skip
        config.expected = expected_producer(config.llm)
        remote = RemoteOut(out) if out is not None and is_uri(out) else None
        if remote is not None and resume:
            remote.fetch()
        folder = remote.staging if remote is not None else (Path(out) if out else None)
        store = None if folder is None else ResultStore(folder, resume=resume, notice=_note)
    except (OutputDirError, ImpasseError) as exc:
        _usage(str(exc))
    if redact and not config.llm:
        say("note: --redact masks text sent to the LLM; the offline engine sends nothing.")
    if config.llm and jobs > 1:
        say("note: --jobs applies to the offline engine; the LLM engine uses --concurrency.")
    emitter = Emitter(output or (OutputFormat.TABLE if out else OutputFormat.TEXT), sys.stdout)
    interrupted = False
    try:
        if executor is Executor.RAY:
            stats = _run_on_ray(sources, config, ray_address, store, emitter)
        else:
            stats = run_batch(
                items, config, store=store, on_result=emitter.add, progress=make_progress()
            )
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if store is not None:
            store.close(item.source for item in items)
        if remote is not None:
            remote.publish()
        emitter.close()
    if interrupted:
        say("interrupted: finished results were written; run again with --resume to go on.")
        raise typer.Exit(130)
    if stats.backoffs:
        say(f"note: the LLM endpoint asked to slow down {stats.backoffs} time(s).")
    if stats.fallbacks:
        verdict = "failed" if engine is EngineChoice.LLM else "were analysed offline instead"
        say(
            f"note: the LLM engine failed on {stats.fallbacks} of {stats.total} input(s); "
            f"they {verdict} (each result's notice says why)."
        )
    if stats.failed:
        raise typer.Exit(1)


def _run_on_ray(
    sources: list[str],
    config: BatchConfig,
    address: str | None,
    store: ResultStore | None,
    emitter: Emitter,
) -> BatchStats:
    from analyzer.batch.progress import make_progress
    from analyzer.batch.ray_runner import RayUnavailable, run_on_ray

    try:
        return run_on_ray(
            sources, config, address=address, store=store, on_result=emitter.add,
            progress=make_progress(),
        )  # fmt: skip
    except RayUnavailable as exc:
        _usage(str(exc))  # the caller's `finally` closes the output folder


def expected_producer(llm: bool) -> Expected:
    """What a stored result must come from to be reused by --resume."""
    from analyzer.batch.store import Expected

    if not llm:
        return Expected(engine="offline")
    from analyzer.llm.prompts import prompt_version
    from analyzer.llm.settings import load_settings

    return Expected(engine="llm", model=load_settings().model, prompt_version=prompt_version())


def _note(message: str) -> None:
    say(f"note: {message}")


def _usage(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(2)
