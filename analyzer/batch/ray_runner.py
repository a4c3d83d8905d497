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
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.inputs import InputItem, content_hash, expand, is_uri, read_item
from analyzer.batch.progress import LineProgress, ProgressSink
from analyzer.batch.runner import BatchConfig, BatchStats, Outcome
from analyzer.batch.store import ResultStore, parse_result
from analyzer.batch.task import AnalyzeFn, Task, run_task
from analyzer.errors import ImpasseError, InputRejected
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions

log = logging.getLogger(__name__)

# What the workers need of the driver's environment: the endpoint, its key, the limits.
ENV_PREFIXES = ("OPENAI_", "IMPASSE_")
# Rows per block for the offline engine: big enough to amortise a task's start.
OFFLINE_ROWS_PER_BLOCK = 8
TASK_RETRIES = 1


class RayUnavailable(ImpasseError):
    """Ray is not installed, or the cluster cannot be reached (a usage error)."""


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
    analyze: AnalyzeFn | None = None  # a stand-in for pipeline.analyze_conversation (tests)


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
    result = run_task(task) if work.analyze is None else run_task(task, work.analyze)
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
        # Ray Data narrates every execution on stderr, with tracebacks for the blocks it
        # gives up on; the progress lines and the error rows say what the user needs.
        logging.getLogger("ray.data").setLevel(logging.CRITICAL)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # A failed block (its worker died twice) must not end the batch: its inputs are
    # tried again one per task, and only the culprit gets an error row.
    context.max_errored_blocks = -1
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
    driver = _Driver(ray, config, stats, store, on_result, sink)
    rows: list[dict[str, Any]] = [
        {"index": i, "source": item.source, "known": driver.known.get(item.source, "")}
        for i, item in enumerate(items)
        if item.problem is None
    ]
    read = ray.data.read_binary_files(uris, include_paths=True) if uris else None
    files = driver.with_scheme(uris, list(read.input_files())) if read is not None else []
    stats.total = len(items) + len(files)
    sink.start(stats.total)
    driver.next_index = len(items)
    try:
        for index, item in enumerate(items):
            if item.problem is not None:
                error = AnalysisError(source=item.source, error=item.problem)
                driver.finish(Outcome(index, item.source, error), None)
        per_block = 1 if config.llm else OFFLINE_ROWS_PER_BLOCK
        driver.run(driver.datasets(rows, per_block, read, uris))
        # A block whose worker died twice is lost as a whole: its inputs are tried again,
        # one per task, so that only an input that kills its worker ends as an error.
        rows = [r for r in rows if r["source"] not in driver.received]
        lost = [f for f in files if f not in driver.received]
        if rows or lost:
            again = ray.data.read_binary_files(lost, include_paths=True, override_num_blocks=len(lost)) if lost else None  # fmt: skip
            driver.run(driver.datasets(rows, 1, again, uris))
        for row in rows:
            if row["source"] not in driver.received:
                driver.lost(int(row["index"]), str(row["source"]))
        for source in lost:
            if source not in driver.received:
                driver.lost(-1, source)
    finally:
        sink.close()
    return stats


def _retries() -> dict[str, Any]:
    return {"max_retries": TASK_RETRIES}


class _Driver:
    """The driver's side of a Ray batch: datasets to run, results to record."""

    def __init__(  # noqa: PLR0917 - the run's parts, kept together
        self,
        ray: Any,
        config: BatchConfig,
        stats: BatchStats,
        store: ResultStore | None,
        on_result: Callable[[Outcome], None] | None,
        sink: ProgressSink,
    ) -> None:
        self.ray = ray
        self.config = config
        self.stats = stats
        self.store = store
        self.on_result = on_result
        self.sink = sink
        self.known = {} if store is None else store.reusable_hashes(config.expected)
        self.work = _Work(config.options, config.input_format, config.max_bytes, config.analyze)
        self.received: set[str] = set()
        self.next_index = 0
        # A task whose worker dies is tried again once (a lost node); Ray's default would
        # retry an input that kills its worker for ever.
        self.remote: dict[str, Any] = {"ray_remote_args_fn": _retries}
        self.compute: Any = None
        if config.llm:
            # The cluster-wide cap on conversations in LLM calls: one row at a time per task.
            self.compute = ray.data.TaskPoolStrategy(size=config.concurrency)
            self.remote["num_cpus"] = 0.25
        env = runtime_env()
        if env["env_vars"]:
            # Per operator as well as per job: a cluster joined earlier has its own job env.
            self.remote["runtime_env"] = env

    @staticmethod
    def with_scheme(uris: list[str], paths: list[str]) -> list[str]:
        """Ray's paths as sources: with the scheme of the URIs put back."""
        schemes = {u.split("://", 1)[0] for u in uris}
        scheme = schemes.pop() if len(schemes) == 1 else None
        return [f"{scheme}://{p}" if scheme and "://" not in p else p for p in paths]

    def datasets(
        self, rows: list[dict[str, Any]], per_block: int, read: Any, uris: list[str]
    ) -> list[Any]:
        """The datasets that analyse these local rows and these files read by Ray."""
        data = self.ray.data
        found = []
        if rows:
            blocks = max(1, -(-len(rows) // per_block))
            local = data.from_items(rows, override_num_blocks=blocks)
            found.append(self._map(local, analyse_path, {"work": self.work}))
        if read is not None:
            schemes = {u.split("://", 1)[0] for u in uris}
            kwargs = {
                "work": self.work,
                "known": self.known,
                "scheme": schemes.pop() if len(schemes) == 1 else None,
            }
            found.append(self._map(read, analyse_bytes, kwargs))
        return found

    def _map(self, dataset: Any, fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        with warnings.catch_warnings():
            # Ray 2.60 has no named parameter for a task's retries; the callable form is
            # marked for removal in 2.64, which pyproject's upper bound keeps out.
            warnings.filterwarnings("ignore", message=".*ray_remote_args_fn.*")
            return dataset.map(fn, fn_kwargs=kwargs, compute=self.compute, **self.remote)

    def run(self, datasets: list[Any]) -> None:
        """Record every row these datasets give; blocks that failed give none."""
        if not datasets:
            return
        dataset = datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])
        try:
            for row in dataset.iter_rows():
                index = int(row["index"])
                if index < 0:
                    index, self.next_index = self.next_index, self.next_index + 1
                source, sha256 = str(row["source"]), str(row["sha256"]) or None
                self.received.add(source)
                result = _result(row, source, sha256, self.store, self.config)
                reused = bool(row["reused"]) and isinstance(result, Analysis)
                self.finish(Outcome(index, source, result, reused=reused), sha256)
        except Exception as exc:
            # The batch boundary: Ray gave up on the dataset. What arrived is kept, and
            # the inputs that did not are tried again, then reported.
            log.warning("the Ray dataset stopped: %s", type(exc).__name__)
            log.debug("the Ray dataset stopped", exc_info=True)

    def lost(self, index: int, source: str) -> None:
        """An input whose task failed every time: an error row that --resume retries."""
        if index < 0:
            index, self.next_index = self.next_index, self.next_index + 1
        error = AnalysisError(
            source=source,
            error="the Ray worker analysing this input stopped unexpectedly each time it was "
            "tried (killed, or out of memory); run again with --resume to retry it.",
        )
        self.finish(Outcome(index, source, error), None)

    def finish(self, outcome: Outcome, sha256: str | None) -> None:
        """Record one outcome, count it, report it."""
        failed = isinstance(outcome.result, AnalysisError)
        if self.store is not None and not outcome.reused:
            self.store.record(outcome.source, sha256, outcome.result)
        self.stats.failed += int(failed)
        self.stats.reused += int(outcome.reused)
        self.stats.analysed += int(not failed)
        if isinstance(outcome.result, AnalysisError):
            self.sink.message(f"error: {outcome.source}: {outcome.result.error}")
        self.sink.advance(outcome.source, failed, outcome.reused)
        if self.on_result is not None:
            self.on_result(outcome)


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
