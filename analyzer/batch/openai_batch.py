"""`impasse batch submit` and `status`: the LLM engine's first calls as OpenAI Batch API jobs.

`submit` reads every input, builds the chain's first request for it exactly as the online
path would send it (after the masking: the values of `--private` facts always, and with
`--redact` identifiers in the text and the names, are masked before anything is written),
writes the request lines to
`DIR/batch/requests-N.jsonl`, uploads them (`/v1/files`) and creates the batch jobs
(`/v1/batches`, at most 50,000 requests or ~190 MB each). `DIR/batch/job.json` records the
jobs and the options; `DIR/batch/inputs.jsonl` maps each request (`custom_id`) to its input
and to the hash of the request body, so `collect` uses an answer only for the request it
answers. Private facts are never written: only a digest, so `collect` can insist on the
same `--private` values.

Inputs that cannot be read or parsed are recorded as failed; a conversation too long for
one request (several windows) is marked `online` and is analysed online by `collect`.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict

from analyzer.batch.inputs import InputItem, read_item
from analyzer.batch.lock import FolderLock, LockHeld, acquire
from analyzer.errors import ImpasseError
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions, EngineChoice

if TYPE_CHECKING:
    from openai import OpenAI

    from analyzer.engines.base import Engine
    from analyzer.llm.settings import LLMSettings

BATCH_DIR = "batch"
JOB_FILE = "job.json"
INPUTS_FILE = "inputs.jsonl"
ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
# The Batch API takes up to 50,000 requests and 200 MB per input file.
MAX_REQUESTS_PER_BATCH = 50_000
MAX_BYTES_PER_BATCH = 190_000_000
UNFINISHED = frozenset({"validating", "in_progress", "finalizing", "cancelling"})

EntryState = Literal["batch", "online", "failed"]


class BatchJobError(ImpasseError):
    """The batch folder or the Batch API cannot be used as asked (a usage error)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Part(_Frozen):
    """One Batch API job: its input file and how many requests it carries."""

    number: int
    batch_id: str
    input_file_id: str
    requests: int
    bytes: int


class Job(_Frozen):
    """What `submit` did, for `status` and `collect` (no key, no private fact)."""

    created: str
    model: str
    prompt_version: str
    options: dict[str, Any]  # AnalyzeOptions without `private`
    private_digest: str
    input_format: InputFormat | None = None
    max_bytes: int | None = None
    parts: list[Part]


class Entry(_Frozen):
    """One input of the batch: where its answer comes from."""

    source: str
    state: EntryState
    custom_id: str | None = None
    part: int | None = None  # the number of the job that carries the request
    request_sha256: str | None = None
    error: str | None = None


def private_digest(private: Iterable[str]) -> str:
    """A digest of the private facts, so collect can check it got the same ones."""
    text = "\n".join(sorted(private))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def request_digest(body: dict[str, Any]) -> str:
    """The hash of one request body (compared again at collect)."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def batch_engine(
    options: AnalyzeOptions, settings: LLMSettings, prefetched: dict[str, Any] | None = None
) -> Engine:
    """The LLM engine as `resolve_engine` builds it (masking with --redact and --private),
    optionally with the downloaded answer to its first call."""
    from analyzer.engines.llm import LLMEngine
    from analyzer.engines.redacting import RedactingEngine, needs_masking

    if not needs_masking(options):
        return LLMEngine(options, settings, prefetched=prefetched)

    def inner(masked: AnalyzeOptions) -> Engine:
        return LLMEngine(masked, settings, prefetched=prefetched)

    return RedactingEngine(options, inner)


def first_request(engine: Engine, reading: Any) -> dict[str, Any] | None:
    """The engine's first request for a reading (None: several windows)."""
    build = getattr(engine, "batch_request", None)
    body: dict[str, Any] | None = None if build is None else build(reading)
    return body


def make_client(settings: LLMSettings) -> OpenAI:
    """An OpenAI client for the configured endpoint (the key stays in the client)."""
    from openai import OpenAI

    if not settings.configured:
        raise BatchJobError(
            "the Batch API needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)."
        )
    key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
    return OpenAI(
        api_key=key,
        base_url=settings.base_url,
        timeout=settings.timeout_s,
        max_retries=settings.max_retries,
    )


def batch_folder(out: Path) -> Path:
    """`DIR/batch`, where a submitted batch keeps its records."""
    return out / BATCH_DIR


def load_job(out: Path) -> tuple[Job, list[Entry]]:
    """The job and the entries `submit` recorded in `out`."""
    folder = batch_folder(out)
    try:
        job = Job.model_validate_json((folder / JOB_FILE).read_text(encoding="utf-8"))
        lines = (folder / INPUTS_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BatchJobError(
            f"{out} holds no submitted batch; run `impasse batch submit SOURCES --out {out}` first."
        ) from None
    except ValueError as exc:
        raise BatchJobError(f"{folder / JOB_FILE} is not readable ({exc}).") from exc
    return job, [Entry.model_validate_json(line) for line in lines if line.strip()]


@dataclass
class Submitted:
    """What `submit` did, for the command's report."""

    job: Job
    entries: list[Entry]

    def count(self, state: EntryState) -> int:
        """How many inputs are in this state."""
        return sum(1 for e in self.entries if e.state == state)


def submit(
    items: list[InputItem],
    options: AnalyzeOptions,
    settings: LLMSettings,
    out: Path,
    client: OpenAI,
    *,
    input_format: InputFormat | None = None,
    max_bytes: int | None = None,
    on_input: Callable[[str, bool], None] | None = None,
) -> Submitted:
    """Build, upload and start the batch jobs for `items`; record them in `out/batch`."""
    folder = batch_folder(out)
    if (folder / JOB_FILE).exists():
        raise BatchJobError(
            f"{out} already holds a submitted batch; `impasse batch collect {out}` gathers "
            "it. Choose another --out directory for a new batch."
        )
    lock = _lock(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        options = options.model_copy(update={"engine": EngineChoice.LLM})
        entries, lines = build_requests(items, options, settings, input_format, max_bytes, on_input)
        parts: list[Part] = []
        for number, chunk in enumerate(_chunks(lines), 1):
            path = folder / f"requests-{number}.jsonl"
            data = "".join(chunk).encode("utf-8")
            atomic_write(path, data)
            parts.append(_start(client, path, number, len(chunk), len(data)))
        return _record(folder, settings, options, input_format, max_bytes, entries, parts)
    finally:
        lock.release()


def _lock(out: Path) -> FolderLock:
    if out.exists() and not out.is_dir():
        raise BatchJobError(f"--out {out} is a file; give a directory.")
    out.mkdir(parents=True, exist_ok=True)
    try:
        return acquire(out)
    except LockHeld as held:
        raise BatchJobError(
            f"{out} is being written by another impasse batch ({held}); wait for it to "
            "finish, or choose another --out directory."
        ) from None


def _record(  # noqa: PLR0917 - what submit did, written in one place
    folder: Path,
    settings: LLMSettings,
    options: AnalyzeOptions,
    input_format: InputFormat | None,
    max_bytes: int | None,
    entries: list[Entry],
    parts: list[Part],
) -> Submitted:
    from analyzer.llm.prompts import prompt_version

    # The requests were cut into jobs in order: number each entry with its job.
    numbers = iter([p.number for p in parts for _ in range(p.requests)])
    entries = [
        e.model_copy(update={"part": next(numbers)}) if e.state == "batch" else e for e in entries
    ]
    job = Job(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        model=settings.model,
        prompt_version=prompt_version(),
        options=options.model_dump(mode="json", exclude={"private"}),
        private_digest=private_digest(options.private),
        input_format=input_format,
        max_bytes=max_bytes,
        parts=parts,
    )
    inputs = "".join(e.model_dump_json() + "\n" for e in entries)
    atomic_write(folder / INPUTS_FILE, inputs.encode("utf-8"))
    # Written last: a folder with job.json has every record collect needs.
    atomic_write(folder / JOB_FILE, job.model_dump_json(indent=1).encode("utf-8"))
    return Submitted(job, entries)


def build_requests(  # noqa: PLR0917 - the options of one submission, passed on as they came
    items: list[InputItem],
    options: AnalyzeOptions,
    settings: LLMSettings,
    input_format: InputFormat | None,
    max_bytes: int | None,
    on_input: Callable[[str, bool], None] | None,
) -> tuple[list[Entry], list[str]]:
    """One entry per input, and the request lines of those that go to the batch (nothing is
    written or sent here)."""
    engine = batch_engine(options, settings)
    entries: list[Entry] = []
    lines: list[str] = []
    for index, item in enumerate(items):
        entry, line = _request(index, item, engine, options, input_format, max_bytes)
        entries.append(entry)
        if line is not None:
            lines.append(line)
        if on_input is not None:
            on_input(item.source, entry.state == "failed")
    return entries, lines


def _request(  # noqa: PLR0917 - one input of build_requests
    index: int,
    item: InputItem,
    engine: Engine,
    options: AnalyzeOptions,
    input_format: InputFormat | None,
    max_bytes: int | None,
) -> tuple[Entry, str | None]:
    """One input's entry, and its request line when it goes to the batch."""
    from analyzer.parsers import parse_bytes
    from analyzer.pipeline import read

    try:
        data = read_item(item, max_bytes)
        conversation = parse_bytes(
            data, input_format=input_format, filename=item.filename, limit=max_bytes
        )
        reading, _ = read(conversation, options)
        body = first_request(engine, reading)
    except ImpasseError as exc:
        return Entry(source=item.source, state="failed", error=str(exc)), None
    except Exception as exc:
        # The isolation boundary of a batch, as in `task.run_task`: one input's bug must
        # not stop the submission of thousands; collect reports it in its row.
        error = f"internal error ({type(exc).__name__}) while preparing this input."
        return Entry(source=item.source, state="failed", error=error), None
    if body is None:
        return Entry(source=item.source, state="online"), None
    custom_id = f"impasse-{index}"
    request = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    entry = Entry(
        source=item.source, state="batch", custom_id=custom_id, request_sha256=request_digest(body)
    )
    return entry, json.dumps(request, ensure_ascii=False) + "\n"


def _chunks(lines: list[str]) -> list[list[str]]:
    """The request lines split into jobs within the Batch API's limits."""
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for line in lines:
        length = len(line.encode("utf-8"))
        if current and (
            len(current) >= MAX_REQUESTS_PER_BATCH or size + length > MAX_BYTES_PER_BATCH
        ):
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += length
    if current:
        chunks.append(current)
    return chunks


def _start(client: OpenAI, path: Path, number: int, requests: int, size: int) -> Part:
    """Upload one request file and create its batch job."""
    from openai import OpenAIError

    try:
        with path.open("rb") as handle:
            upload = client.files.create(file=handle, purpose="batch")
        batch = client.batches.create(
            input_file_id=upload.id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata={"impasse_part": str(number)},
        )
    except OpenAIError as exc:
        raise BatchJobError(
            f"the Batch API refused {path.name} ({' '.join(str(exc).split())[:300]}); "
            "nothing was recorded, so running submit again starts afresh."
        ) from exc
    return Part(
        number=number,
        batch_id=batch.id,
        input_file_id=upload.id,
        requests=requests,
        bytes=size,
    )


@dataclass(frozen=True, slots=True)
class PartStatus:
    """One job's state as the Batch API reports it."""

    part: Part
    status: str
    completed: int
    failed: int
    total: int
    output_file_id: str | None
    error_file_id: str | None
    errors: str  # batch-level errors (a failed validation), joined

    @property
    def finished(self) -> bool:
        """True once the job will change no more (completed, failed, expired, cancelled)."""
        return self.status not in UNFINISHED


def status(job: Job, client: OpenAI) -> list[PartStatus]:
    """Every job's current state."""
    from openai import OpenAIError

    found: list[PartStatus] = []
    for part in job.parts:
        try:
            batch = client.batches.retrieve(part.batch_id)
        except OpenAIError as exc:
            raise BatchJobError(
                f"could not ask the Batch API about {part.batch_id} "
                f"({' '.join(str(exc).split())[:300]}); try again later."
            ) from exc
        counts = batch.request_counts
        errors = "; ".join(
            e.message or e.code or "" for e in (batch.errors.data or [] if batch.errors else [])
        )
        found.append(
            PartStatus(
                part=part,
                status=batch.status,
                completed=counts.completed if counts else 0,
                failed=counts.failed if counts else 0,
                total=counts.total if counts else part.requests,
                output_file_id=batch.output_file_id,
                error_file_id=batch.error_file_id,
                errors=errors,
            )
        )
    return found


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old one or the whole new one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
