"""`impasse batch collect`: the Batch API's answers through the online path, into `--out`.

The answers are downloaded once (`DIR/batch/output-N.jsonl`, `errors-N.jsonl`), then every
input runs through the local batch runner with one change: the LLM engine's first call is
answered by the downloaded answer instead of the endpoint. Everything after it is the
online path itself (`pipeline.analyze_reading`): the framework's check, the chain's one
re-ask when the rules object (online), the offline fallback when the answer is unusable
or refused, and the reply drafts, written online (one call per impasse; `--no-drafts` at
submit skips them). Results go through the same `ResultStore`, so the folder holds the
files of `impasse analyze --out`, a second collect after a crash reuses what is done and
leaves one row per input, and requests that expired or failed become error rows that
`impasse analyze ... --out DIR --resume --engine llm` retries online.

An answer is used only for the request it answers: the request is rebuilt from the input
and compared with the hash recorded at submit, so an input, option or prompt changed since
then gets an error row (retried online by `--resume`) rather than someone else's answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.analysis import Analysis
from analyzer.batch.inputs import InputItem
from analyzer.batch.openai_batch import (
    BatchJobError,
    Entry,
    Job,
    PartStatus,
    atomic_write,
    batch_engine,
    batch_folder,
    first_request,
    private_digest,
    request_digest,
)
from analyzer.batch.progress import ProgressSink
from analyzer.batch.runner import BatchConfig, BatchStats, Outcome, run_batch
from analyzer.batch.store import Expected, ResultStore
from analyzer.batch.task import AnalyzeFn
from analyzer.errors import ImpasseError
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions

if TYPE_CHECKING:
    from openai import OpenAI

    from analyzer.llm.settings import LLMSettings


class BatchNotFinished(ImpasseError):
    """A job is still running; nothing was written."""


class BatchAnswerMissing(ImpasseError):
    """The batch holds no usable answer for this input (expired, failed, changed)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One request's outcome in the batch: a chat-completion body, or why there is none."""

    body: dict[str, Any] | None
    error: str | None = None


def options_for(job: Job, private: list[str]) -> AnalyzeOptions:
    """The options the batch was submitted with, and the private facts given again now."""
    if private_digest(private) != job.private_digest:
        raise BatchJobError(
            "the private facts differ from those given at submit; pass the same --private "
            "values to collect (they are never written to the folder)."
        )
    return AnalyzeOptions.model_validate({**job.options, "private": private})


def download(
    out: Path, statuses: list[PartStatus], entries: list[Entry], client: OpenAI
) -> dict[str, Answer]:
    """Every request's answer (or why there is none), downloading each file once."""
    from openai import OpenAIError

    unfinished = [s for s in statuses if not s.finished]
    if unfinished:
        states = ", ".join(f"{s.part.batch_id}: {s.status}" for s in unfinished)
        raise BatchNotFinished(f"the batch has not finished ({states}); collect again later.")
    folder = batch_folder(out)
    answers: dict[str, Answer] = {}
    for state in statuses:
        for kind, file_id in (("output", state.output_file_id), ("errors", state.error_file_id)):
            if not file_id:
                continue
            path = folder / f"{kind}-{state.part.number}.jsonl"
            if not path.exists():
                try:
                    data = client.files.content(file_id).read()
                except OpenAIError as exc:
                    raise BatchJobError(
                        f"could not download {file_id} ({' '.join(str(exc).split())[:300]}); "
                        "collect again later."
                    ) from exc
                atomic_write(path, data)
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    custom_id, answer = _read_line(line)
                    if custom_id is not None:
                        answers[custom_id] = answer
    by_part = {s.part.number: s for s in statuses}
    for entry in entries:
        if entry.custom_id is None or entry.custom_id in answers:
            continue
        answers[entry.custom_id] = Answer(None, _why_missing(by_part.get(entry.part or 0)))
    return answers


def _read_line(line: str) -> tuple[str | None, Answer]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None, Answer(None, "unreadable")
    if not isinstance(record, dict):
        return None, Answer(None, "unreadable")
    custom_id = record.get("custom_id")
    error = record.get("error")
    response = record.get("response") if isinstance(record.get("response"), dict) else None
    if isinstance(error, dict):
        return custom_id, Answer(None, f"{error.get('code') or 'error'}: {error.get('message')}")
    if response is not None and response.get("status_code") == 200:
        body = response.get("body")
        if isinstance(body, dict):
            return custom_id, Answer(body)
    status = response.get("status_code") if response else None
    body = response.get("body") if response else None
    detail = body.get("error", {}).get("message") if isinstance(body, dict) else None
    return custom_id, Answer(None, f"HTTP {status}: {detail or 'no answer'}")


def _why_missing(state: PartStatus | None) -> str:
    if state is None:
        return "its job is not recorded"
    if state.status == "expired":
        return "the batch expired before this request ran"
    if state.status == "cancelled":
        return "the batch was cancelled"
    if state.status == "failed":
        return f"the batch job failed: {state.errors or 'no reason given'}"
    return "the batch output holds no answer for it"


def answering(
    entries: list[Entry], answers: dict[str, Answer], settings: LLMSettings, out: Path
) -> AnalyzeFn:
    """The analysis of one conversation from its downloaded answer (the runner's task)."""
    from analyzer.pipeline import analyze_reading, read

    by_source = {e.source: e for e in entries}
    retry = (
        f"run `impasse analyze` on the same inputs with --out {out} --resume --engine llm "
        "to analyse it online."
    )

    def analyze(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
        entry = by_source.get(source)
        reading, notices = read(conversation, options)
        if entry is not None and entry.state == "online":
            engine = batch_engine(options, settings)  # too long for one request
        elif entry is None or entry.custom_id is None:
            raise BatchAnswerMissing(f"this input could not be prepared at submit; {retry}")
        else:
            answer = answers.get(entry.custom_id, Answer(None, "no answer"))
            if answer.body is None:
                raise BatchAnswerMissing(
                    f"the Batch API gave no answer for this input ({answer.error}); {retry}"
                )
            engine = batch_engine(options, settings, prefetched=answer.body)
            body = first_request(engine, reading)
            if body is None or request_digest(body) != entry.request_sha256:
                raise BatchAnswerMissing(
                    "the input, the options or the prompts changed since submit, so the "
                    f"batch's answer is for another request; {retry}"
                )
        return analyze_reading(reading, options, source, engine, notices=notices)

    return analyze


def collect(  # noqa: PLR0917 - the pieces the command has already checked
    out: Path,
    job: Job,
    entries: list[Entry],
    answers: dict[str, Answer],
    options: AnalyzeOptions,
    settings: LLMSettings,
    *,
    concurrency: int = 4,
    on_result: Callable[[Outcome], None] | None = None,
    progress: ProgressSink | None = None,
    notice: Callable[[str], None] | None = None,
) -> BatchStats:
    """Every input's result into `out`, through the runner and the store."""
    if settings.model != job.model:
        raise BatchJobError(
            f"the batch ran on {job.model}, but IMPASSE_MODEL says {settings.model}; "
            f"set IMPASSE_MODEL={job.model} to collect it."
        )
    items = [InputItem(e.source) for e in entries]
    config = BatchConfig(
        options=options,
        input_format=job.input_format,
        llm=True,
        concurrency=concurrency,
        analyze=answering(entries, answers, settings, out),
        max_bytes=job.max_bytes,
        expected=Expected(engine="llm", model=job.model, prompt_version=job.prompt_version),
    )
    store = ResultStore(out, resume=True, notice=notice)
    try:
        return run_batch(items, config, store=store, on_result=on_result, progress=progress)
    finally:
        store.close(e.source for e in entries)
