"""`impasse batch submit|status|collect`: the LLM engine over the OpenAI Batch API.

    impasse batch submit calls/ --out results/ --redact   # build, upload, start the jobs
    impasse batch status results/                         # where the jobs are
    impasse batch collect results/                        # answers -> results/, as analyze --out

Standard output carries only data (the jobs, their states, the results); notes and errors
go to standard error. Exit codes: 0 done, 1 some inputs failed (error rows), 2 usage
error (or the Batch API refused), 3 the batch has not finished yet (nothing written),
130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from analyzer.batch.formats import OutputFormat
from analyzer.batch.logs import LogLevel
from analyzer.cli.io import say
from analyzer.cli.shared_options import (
    InputFormatOption,
    LanguageOption,
    MeOption,
    PrivateOption,
    ThemOption,
    ToneOption,
)
from analyzer.options import AnalyzeOptions, EngineChoice, Tone

NOT_FINISHED = 3

app = typer.Typer(
    name="batch",
    help="Run the LLM engine through the OpenAI Batch API (half price, results within 24 h).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

OutOption = Annotated[Path, typer.Option("--out", help="The batch's folder (results go here).")]
LogOption = Annotated[
    LogLevel,
    typer.Option("--log-level", help="Log detail on stderr; debug includes conversation text."),
]


@app.command("submit")
def submit(  # noqa: PLR0917 - typer maps each option to a parameter
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders (searched recursively) or globs.")
    ],
    out: OutOption,
    me: MeOption = None,
    them: ThemOption = None,
    private: PrivateOption = None,
    tone: ToneOption = Tone.NEUTRAL,
    no_drafts: Annotated[
        bool, typer.Option("--no-drafts", help="Skip the reply drafts at collect.")
    ] = False,
    language: LanguageOption = None,
    input_format: InputFormatOption = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact", help="Mask addresses, phone, account and card numbers before writing."
        ),
    ] = False,
    max_bytes: Annotated[
        str | None, typer.Option("--max-bytes", help="Input size limit, e.g. 20MB.")
    ] = None,
    log_level: LogOption = LogLevel.WARNING,
) -> None:
    """Build the requests, upload them and start the Batch API jobs; record them in --out."""
    from analyzer.batch import logs
    from analyzer.batch.inputs import STDIN, expand
    from analyzer.batch.openai_batch import BatchJobError, make_client
    from analyzer.batch.openai_batch import submit as submit_batch
    from analyzer.batch.progress import make_progress
    from analyzer.cli.analyze_cmd import parse_size
    from analyzer.llm.settings import SettingsError, load_settings

    logs.configure(log_level)
    if STDIN in sources:
        _usage("batch submit reads files (collect reads them again); save stdin to a file.")
    limit = parse_size(max_bytes) if max_bytes is not None else None
    options = AnalyzeOptions(
        me=me or [], them=them or [], private=private or [], tone=tone, engine=EngineChoice.LLM,
        drafts=not no_drafts, language=language, redact=redact,
    )  # fmt: skip
    items = expand(sources)
    try:
        settings = load_settings()
        client = make_client(settings)
    except (BatchJobError, SettingsError) as exc:
        _usage(str(exc))
    progress = make_progress()  # reading and preparing every input takes a while
    progress.start(len(items))
    try:
        done = submit_batch(
            items, options, settings, out, client, input_format=input_format, max_bytes=limit,
            on_input=lambda source, failed: progress.advance(source, failed, False),
        )  # fmt: skip
    except BatchJobError as exc:
        progress.close()
        _usage(str(exc))
    progress.close()
    for part in done.job.parts:
        typer.echo(f"{part.batch_id}\t{part.requests} requests\t{part.bytes} bytes")
    size = sum(p.bytes for p in done.job.parts)
    say(
        f"submitted {done.count('batch')} request(s) in {len(done.job.parts)} job(s) "
        f"({size / 1e6:.2f} MB); {done.count('online')} input(s) too long for one request "
        f"will be analysed online at collect; {done.count('failed')} input(s) could not be "
        f"read. Next: impasse batch status {out}"
    )


@app.command("status")
def status(out: Annotated[Path, typer.Argument(help="The batch's folder.")]) -> None:
    """Where each Batch API job is (validating, in_progress, completed, failed, expired...)."""
    from analyzer.batch.openai_batch import BatchJobError, load_job, make_client
    from analyzer.batch.openai_batch import status as job_status
    from analyzer.llm.settings import SettingsError, load_settings

    try:
        job, _ = load_job(out)
        states = job_status(job, make_client(load_settings()))
    except (BatchJobError, SettingsError) as exc:
        _usage(str(exc))
    for state in states:
        errors = f"\t{state.errors}" if state.errors else ""
        typer.echo(
            f"{state.part.batch_id}\t{state.status}\t{state.completed}/{state.total} completed"
            f"\t{state.failed} failed{errors}"
        )
    if all(s.finished for s in states):
        say(f"finished: impasse batch collect {out}")


@app.command("collect")
def collect(
    out: Annotated[Path, typer.Argument(help="The batch's folder.")],
    private: PrivateOption = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", min=1, max=64, help="Online calls at once (re-asks, drafts)."
        ),
    ] = 4,
    output: Annotated[
        OutputFormat | None, typer.Option("--format", help="Standard output format (table).")
    ] = None,
    log_level: LogOption = LogLevel.WARNING,
) -> None:
    """Download the answers and write the results to the batch's folder, as analyze --out."""
    from analyzer.batch import logs
    from analyzer.batch.batch_collect import (
        BatchNotFinished,
        download,
        options_for,
    )
    from analyzer.batch.batch_collect import collect as collect_batch
    from analyzer.batch.emit import Emitter
    from analyzer.batch.openai_batch import BatchJobError, load_job, make_client
    from analyzer.batch.openai_batch import status as job_status
    from analyzer.batch.progress import make_progress
    from analyzer.batch.store import OutputDirError
    from analyzer.llm.settings import SettingsError, load_settings

    logs.configure(log_level)
    try:
        job, entries = load_job(out)
        options = options_for(job, private or [])
        settings = load_settings()
        client = make_client(settings)
        answers = download(out, job_status(job, client), entries, client)
    except BatchNotFinished as exc:
        say(str(exc))
        raise typer.Exit(NOT_FINISHED) from None
    except (BatchJobError, SettingsError) as exc:
        _usage(str(exc))
    emitter = Emitter(output or OutputFormat.TABLE, sys.stdout)
    try:
        stats = collect_batch(
            out, job, entries, answers, options, settings, concurrency=concurrency,
            on_result=emitter.add, progress=make_progress(), notice=_note,
        )  # fmt: skip
    except (BatchJobError, OutputDirError) as exc:
        _usage(str(exc))
    except KeyboardInterrupt:
        say("interrupted: finished results were written; run collect again to go on.")
        raise typer.Exit(130) from None
    finally:
        emitter.close()
    if stats.failed:
        raise typer.Exit(1)


def _note(message: str) -> None:
    say(f"note: {message}")


def _usage(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(2)
