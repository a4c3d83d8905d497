"""Running a batch: read each input, skip what `--resume` can reuse, analyse the rest on
the right pool, and hand each result to the store and the caller as soon as it is ready.

Inputs are read by the parent, one window at a time, so memory stays bounded however
large the batch, and a file that vanishes mid-batch fails when its turn comes. On Ctrl-C
the runner stops taking work, keeps what has finished, and re-raises KeyboardInterrupt
for the caller to close the store and exit with 130.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.backoff import Backoff, observe_retries
from analyzer.batch.inputs import InputItem, content_hash, read_item
from analyzer.batch.pools import DaemonThreadPool, InlinePool, Pool, process_pool
from analyzer.batch.progress import LineProgress, ProgressSink, StepLines
from analyzer.batch.store import Expected, ResultStore
from analyzer.batch.task import AnalyzeFn, Task, run_task
from analyzer.errors import InputRejected
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions, EngineChoice

log = logging.getLogger(__name__)

# Below this many inputs, starting worker processes costs more than it saves.
PROCESS_POOL_MIN_INPUTS = 16


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's result, with its position in the batch."""

    index: int
    source: str
    result: Analysis | AnalysisError
    reused: bool = False


@dataclass
class BatchConfig:
    """How to run a batch."""

    options: AnalyzeOptions
    input_format: InputFormat | None = None
    llm: bool = False  # the LLM engine: threads (`concurrency`); else processes (`jobs`)
    concurrency: int = 1
    jobs: int = 1
    analyze: AnalyzeFn | None = None  # a stand-in for pipeline.analyze_conversation (tests)
    max_bytes: int | None = None  # the input size limit (None: the default)
    expected: Expected = field(default_factory=lambda: Expected(engine="offline"))


@dataclass
class BatchStats:
    """What happened, for the exit code and the closing line."""

    total: int = 0
    analysed: int = 0
    failed: int = 0
    reused: int = 0
    backoffs: int = 0
    fallbacks: int = 0  # offline analyses written in place of the LLM's


def run_batch(
    items: list[InputItem],
    config: BatchConfig,
    *,
    store: ResultStore | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    progress: ProgressSink | None = None,
) -> BatchStats:
    """Analyse every input once; results go to `store` and `on_result` as they finish."""
    sink = progress or LineProgress()
    stats = BatchStats(total=len(items))
    backoff = Backoff(config.concurrency if config.llm else 1)

    def finish(outcome: Outcome, sha256: str | None) -> None:
        result = outcome.result
        # With --engine llm, the offline analysis in its place is written (with its
        # notice) but the input failed: exit 1, and --resume tries it again.
        fell_back = (
            isinstance(result, Analysis)
            and result.fallback is not None
            and config.options.engine is EngineChoice.LLM
        )
        failed = isinstance(result, AnalysisError) or fell_back
        if store is not None and not outcome.reused:
            store.record(outcome.source, sha256, result, ok=not fell_back)
        stats.failed += int(failed)
        stats.fallbacks += int(isinstance(result, Analysis) and result.fallback is not None)
        stats.reused += int(outcome.reused)
        stats.analysed += int(not failed)
        if isinstance(result, AnalysisError):
            sink.message(f"error: {outcome.source}: {result.error}")
        elif result.fallback is not None and not outcome.reused:
            if fell_back:
                sink.message(
                    f"error: {outcome.source}: the LLM engine failed "
                    f"({result.fallback.reason}); the offline analysis was written instead."
                )
            else:
                sink.message(
                    f"note: {outcome.source}: offline analysis, the LLM engine failed "
                    f"({result.fallback.reason})."
                )
        elif config.llm and not outcome.reused:
            backoff.on_success()
        sink.advance(outcome.source, failed, outcome.reused)
        if on_result is not None:
            on_result(outcome)

    pool, window = _make_pool(config, len(items))
    analyze = config.analyze
    sink.start(len(items))
    pending: dict[Future[Analysis | AnalysisError], tuple[int, str, Task]] = {}
    # A worker that dies breaks the whole pool, and every input in flight with it fails
    # the same way: the culprit cannot be told from its neighbours. Each such input is
    # tried once more, alone, so only the one that kills its worker fails.
    retry: list[tuple[int, str, Task]] = []
    retried: set[int] = set()
    steps = StepLines(sink.message)
    try:
        with observe_retries(backoff), steps.ticking():
            queued = _prepared(items, config, store, finish)
            exhausted = False
            while True:
                while len(pending) < (backoff.limit if config.llm else window):
                    if retry:
                        if pending:
                            break  # a retry runs alone
                        entry = retry.pop(0)
                        retried.add(entry[0])
                    else:
                        if exhausted or any(i in retried for i, _, _ in pending.values()):
                            break
                        backoff.wait()
                        task = next(queued, None)
                        if task is None:
                            exhausted = True
                            break
                        entry = task
                    job = entry[2]
                    args = (job,) if analyze is None else (job, analyze)
                    try:
                        if isinstance(pool, InlinePool):
                            # One input at a time, here: a long one shows its steps.
                            with steps.watch(job.source):
                                future = pool.submit(run_task, *args)
                        else:
                            future = pool.submit(run_task, *args)
                    except BrokenProcessPool:  # broke since the last check: start afresh
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool, window = _make_pool(config, len(items))
                        future = pool.submit(run_task, *args)
                    pending[future] = entry
                    if entry[0] in retried:
                        break
                if not pending:
                    if retry:
                        continue
                    break
                done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    index, sha256, job = pending.pop(future)
                    died = isinstance(future.exception(), BrokenProcessPool)
                    broken |= died
                    if died and index not in retried:
                        retry.append((index, sha256, job))
                        continue
                    finish(Outcome(index, job.source, _result_of(future, job.source)), sha256)
                if broken:
                    # A killed worker breaks the whole pool; the rest go to a fresh one.
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool, window = _make_pool(config, len(items))
    except KeyboardInterrupt:
        # Offline tasks take milliseconds: let the started ones finish and keep them. LLM
        # calls may take a minute: abandon them (they are redone by --resume).
        pool.shutdown(wait=not config.llm, cancel_futures=True)
        for future, (index, sha256, job) in list(pending.items()):
            if future.done() and not future.cancelled():
                finish(Outcome(index, job.source, _result_of(future, job.source)), sha256)
        raise
    finally:
        stats.backoffs = backoff.events
        sink.close()
    pool.shutdown(wait=True)
    return stats


def _prepared(
    items: list[InputItem],
    config: BatchConfig,
    store: ResultStore | None,
    finish: Callable[[Outcome, str | None], None],
) -> Iterator[tuple[int, str, Task]]:
    """Tasks for the inputs that need analysing; the others are finished on the way."""
    for index, item in enumerate(items):
        try:
            data = read_item(item, config.max_bytes)
        except InputRejected as exc:
            finish(
                Outcome(index, item.source, AnalysisError(source=item.source, error=str(exc))), None
            )
            continue
        sha256 = content_hash(data)
        if store is not None and (kept := store.reusable(item.source, sha256, config.expected)):
            finish(Outcome(index, item.source, kept, reused=True), sha256)
            continue
        task = Task(
            source=item.source,
            filename=item.filename,
            data=data,
            options=config.options,
            input_format=config.input_format,
            limit=config.max_bytes,
        )
        yield index, sha256, task


def _make_pool(config: BatchConfig, count: int) -> tuple[Pool, int]:
    """The pool for this batch and how many tasks to keep in flight."""
    if config.llm and config.concurrency > 1:
        return DaemonThreadPool(config.concurrency), config.concurrency
    if not config.llm and config.jobs > 1 and count >= PROCESS_POOL_MIN_INPUTS:
        # Two tasks per worker keep every process busy while the parent reads files.
        return process_pool(config.jobs), 2 * config.jobs
    return InlinePool(), 1


def _result_of(future: Future[Analysis | AnalysisError], source: str) -> Analysis | AnalysisError:
    try:
        return future.result()
    except BrokenProcessPool:
        return AnalysisError(
            source=source,
            error="the worker process analysing this input stopped unexpectedly (killed, "
            "or out of memory); run again with --resume to retry it.",
        )
    except Exception as exc:
        # run_task turns every analysis failure into a result; what is left is the pool
        # itself failing on this input (a result that cannot be sent back, say). One input
        # must not end an unattended batch, so it becomes that input's error row.
        log.debug("%s: the pool failed: %s", source, type(exc).__name__, exc_info=True)
        return AnalysisError(
            source=source,
            error=f"internal error ({type(exc).__name__}) in the batch pool; please report it.",
        )
