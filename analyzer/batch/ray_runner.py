"""`impasse analyze --executor ray`: the same batch on a Ray cluster, with Ray Data.

The driver (this process) expands local arguments as the local runner does and ships each
input's *path* to the cluster; a worker reads it, hashes it and analyses it with
`task.run_task`, the local batch's task function. Results stream back to the driver, which
writes them through the same `ResultStore`, so the output folder, its error rows,
`--resume` and the exit codes are those of a local batch. Local paths must be readable
by every node (one machine, or a shared file system).

Arguments with a scheme (`s3://bucket/calls/`, `gs://...`) are read by Ray itself
(`ray.data.read_binary_files`); their rows carry the path Ray reports as their source.

With the LLM engine at most `concurrency` Ray tasks run at once, each analysing its rows
one at a time, so at most `concurrency` conversations are in LLM calls across the whole
cluster. The endpoint settings (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `IMPASSE_*`) travel
in the job's runtime environment, never in the rows.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.inputs import InputItem, content_hash, expand, read_item
from analyzer.batch.progress import LineProgress, ProgressSink
from analyzer.batch.runner import BatchConfig, BatchStats, Outcome
from analyzer.batch.store import ResultStore, parse_result
from analyzer.batch.task import Task, run_task
from analyzer.errors import ImpasseError, InputRejected
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions

log = logging.getLogger(__name__)

# What the workers need of the driver's environment: the endpoint, its key, the limits.
ENV_PREFIXES = ("OPENAI_", "IMPASSE_")
# Rows per block for the offline engine: big enough to amortise a task's start.
OFFLINE_ROWS_PER_BLOCK = 8


class RayUnavailable(ImpasseError):
    """Ray is not installed, or the cluster cannot be reached (a usage error)."""


def is_uri(argument: str) -> bool:
    """True for `scheme://...` arguments other than local files (read by Ray itself)."""
    return "://" in argument and not argument.startswith("file://")


def runtime_env(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The job's runtime environment: the endpoint settings, as environment variables."""
    env = os.environ if environ is None else environ
    return {"env_vars": {k: v for k, v in env.items() if k.startswith(ENV_PREFIXES)}}


@dataclass(frozen=True, slots=True)
class _Work:
    """What every worker needs (sent once per task, never a key)."""

    options: AnalyzeOptions
    input_format: InputFormat | None
    limit: int | None


def _analyse(work: _Work, source: str, data: bytes, known: str) -> dict[str, Any]:
    sha256 = content_hash(data)
    if known == sha256:  # --resume: the driver holds a result for exactly this content
        return {"source": source, "sha256": sha256, "reused": True, "result": ""}
    task = Task(
        source=source,
        filename=source,
        data=data,
        options=work.options,
        input_format=work.input_format,
        limit=work.limit,
    )
    result = run_task(task)
    return {"source": source, "sha256": sha256, "reused": False, "result": result.model_dump_json()}


def _failed(source: str, error: str) -> dict[str, Any]:
    result = AnalysisError(source=source, error=error).model_dump_json()
    return {"source": source, "sha256": "", "reused": False, "result": result}


def analyse_path(row: dict[str, Any], work: _Work) -> dict[str, Any]:
    """Worker side, local inputs: read the file as the local batch does, then analyse."""
    source = str(row["source"])
    try:
        data = read_item(InputItem(source), work.limit)
    except InputRejected as exc:
        out = _failed(source, str(exc))
    else:
        out = _analyse(work, source, data, str(row["known"]))
    return {"index": int(row["index"]), **out}


def analyse_bytes(
    row: dict[str, Any], work: _Work, known: dict[str, str], scheme: str | None
) -> dict[str, Any]:
    """Worker side, inputs Ray read (URIs): analyse the bytes."""
    path = str(row["path"])
    # Ray reports paths without their scheme; put it back so `s3://bucket/key` stays that.
    source = f"{scheme}://{path}" if scheme and "://" not in path else path
    return {"index": -1, **_analyse(work, source, bytes(row["bytes"]), known.get(source, ""))}


def run_on_ray(
    arguments: list[str],
    config: BatchConfig,
    *,
    address: str | None = None,
    store: ResultStore | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    progress: ProgressSink | None = None,
    init: Callable[..., Any] | None = None,
) -> BatchStats:
    """Analyse every input on Ray; results go to `store` and `on_result` as they arrive.

    Joins the cluster at `address` (or the one `ray.init` finds or starts) unless this
    process is already connected; a cluster this call joined is left at the end.
    """
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayUnavailable(
            f"--executor ray needs Ray ({exc}); install it with: pip install 'impasse[ray]'"
        ) from exc
    sink = progress or LineProgress()
    stats = BatchStats()
    items = expand([a for a in arguments if not is_uri(a)])
    uris = [a for a in arguments if is_uri(a)]
    joined = False
    if not ray.is_initialized():
        try:
            (init or ray.init)(
                address=address, runtime_env=runtime_env(), include_dashboard=False,
                logging_level=logging.WARNING, log_to_driver=False,
            )  # fmt: skip
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = address or "a local cluster"
            raise RayUnavailable(f"could not join the Ray cluster at {where}: {exc}") from exc
        joined = True
    if not log.isEnabledFor(logging.DEBUG):
        # Ray Data narrates every execution on stderr; the progress lines are ours.
        logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        return _run(ray, items, uris, config, stats, store, on_result, sink)
    finally:
        if joined:
            ray.shutdown()


def _run(  # noqa: PLR0917 - one driver loop, split from run_on_ray for the cleanup
    ray: Any,
    items: list[InputItem],
    uris: list[str],
    config: BatchConfig,
    stats: BatchStats,
    store: ResultStore | None,
    on_result: Callable[[Outcome], None] | None,
    sink: ProgressSink,
) -> BatchStats:
    known = {} if store is None else store.reusable_hashes(config.expected)
    work = _Work(config.options, config.input_format, config.max_bytes)
    datasets = []
    rows = [
        {"index": i, "source": item.source, "known": known.get(item.source, "")}
        for i, item in enumerate(items)
        if item.problem is None
    ]
    compute = None
    if config.llm:
        # The cluster-wide cap on conversations in LLM calls: one row at a time per task.
        compute = ray.data.TaskPoolStrategy(size=config.concurrency)
    remote: dict[str, Any] = {"num_cpus": 0.25} if config.llm else {}
    env = runtime_env()
    if env["env_vars"]:
        # Per operator as well as per job: a cluster joined earlier has its own job env.
        remote["runtime_env"] = env
    per_block = 1 if config.llm else OFFLINE_ROWS_PER_BLOCK
    if rows:
        blocks = max(1, -(-len(rows) // per_block))
        local = ray.data.from_items(rows, override_num_blocks=blocks)
        datasets.append(
            local.map(analyse_path, fn_kwargs={"work": work}, compute=compute, **remote)
        )
    total = len(items)
    if uris:
        read = ray.data.read_binary_files(uris, include_paths=True)
        total += len(read.input_files())
        schemes = {u.split("://", 1)[0] for u in uris}
        kwargs = {
            "work": work,
            "known": known,
            "scheme": schemes.pop() if len(schemes) == 1 else None,
        }
        datasets.append(read.map(analyse_bytes, fn_kwargs=kwargs, compute=compute, **remote))
    stats.total = total
    sink.start(total)
    next_index = len(items)

    def finish(outcome: Outcome, sha256: str | None) -> None:
        failed = isinstance(outcome.result, AnalysisError)
        if store is not None and not outcome.reused:
            store.record(outcome.source, sha256, outcome.result)
        stats.failed += int(failed)
        stats.reused += int(outcome.reused)
        stats.analysed += int(not failed)
        if isinstance(outcome.result, AnalysisError):
            sink.message(f"error: {outcome.source}: {outcome.result.error}")
        sink.advance(outcome.source, failed, outcome.reused)
        if on_result is not None:
            on_result(outcome)

    try:
        for index, item in enumerate(items):
            if item.problem is not None:
                error = AnalysisError(source=item.source, error=item.problem)
                finish(Outcome(index, item.source, error), None)
        if not datasets:
            return stats
        dataset = datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])
        for row in dataset.iter_rows():
            index = int(row["index"])
            if index < 0:
                index, next_index = next_index, next_index + 1
            source, sha256 = str(row["source"]), str(row["sha256"]) or None
            result = _result(row, source, sha256, store, config)
            reused = bool(row["reused"]) and isinstance(result, Analysis)
            finish(Outcome(index, source, result, reused=reused), sha256)
    finally:
        sink.close()
    return stats


def _result(
    row: dict[str, Any],
    source: str,
    sha256: str | None,
    store: ResultStore | None,
    config: BatchConfig,
) -> Analysis | AnalysisError:
    if row["reused"]:
        kept = None
        if store is not None and sha256 is not None:
            kept = store.reusable(source, sha256, config.expected)
        if kept is not None:
            return kept
        # Cannot happen unless the folder changed under the driver: say so, do not guess.
        return AnalysisError(
            source=source,
            error="the stored result for this input vanished during the run; "
            "run again with --resume to analyse it.",
        )
    parsed = parse_result(str(row["result"]))
    if parsed is None:
        log.debug("%s: unreadable worker result (%d chars)", source, len(str(row["result"])))
        return AnalysisError(
            source=source, error="internal error (unreadable worker result); please report it."
        )
    return parsed
