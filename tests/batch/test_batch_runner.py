"""The batch runner with stand-in engines: concurrency bounds, back-off, process workers,
files that vanish mid-batch, and what `--resume` reuses."""

from __future__ import annotations

import logging
import signal
import threading
import time
from pathlib import Path

import pytest
from corpus import write_corpus

from analyzer.analysis import Analysis, AnalysisError, EngineName
from analyzer.batch.backoff import Backoff
from analyzer.batch.inputs import InputItem, expand
from analyzer.batch.runner import BatchConfig, Outcome, run_batch
from analyzer.batch.store import RESULTS_JSONL, Expected, OutputDirError, ResultStore, parse_result
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.taxonomy import Stage

CALL = "Dana Reyes: Can we move on price?\nMarco Bianchi: That is our final number.\n"
OPTIONS = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)


def _analysis(source: str, *, model: str = "fake-1", notices: list[str] | None = None) -> Analysis:
    return Analysis(
        source=source, engine=EngineName.LLM, model=model, prompt_version="p1", impasse=False,
        stage=Stage.NONE, confidence=0.7, notices=notices or [],
    )  # fmt: skip


class SlowEngine:
    """A fake LLM engine: each call takes `delay_s` and counts how many run at once."""

    def __init__(self, delay_s: float = 0.05, retry_on_first: float | None = None) -> None:
        self.delay_s = delay_s
        self.retry_on_first = retry_on_first
        self.active = 0
        self.peak = 0
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(
        self, conversation: Conversation, options: AnalyzeOptions, source: str
    ) -> Analysis:
        with self._lock:
            self.calls += 1
            self.active += 1
            self.peak = max(self.peak, self.active)
            first = self.calls == 1
        if first and self.retry_on_first is not None:
            # What the chain logs when it waits out a 429 (faults.with_retries).
            logging.getLogger("analyzer.llm.faults").info(
                "LLM call failed; retry %d of %d in %.1fs", 1, 3, self.retry_on_first
            )
        time.sleep(self.delay_s)
        with self._lock:
            self.active -= 1
        return _analysis(source)


def _files(tmp_path: Path, count: int) -> list[InputItem]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (tmp_path / f"call_{i:02d}.txt").write_text(CALL)
    return expand([str(tmp_path)])


@pytest.mark.parametrize("concurrency", [1, 4, 8])
def test_when_llm_concurrency_n_then_at_most_n_calls_at_once(
    tmp_path: Path, concurrency: int
) -> None:
    engine = SlowEngine(delay_s=0.15)  # long enough for every thread to be busy at once
    config = BatchConfig(options=OPTIONS, llm=True, concurrency=concurrency, analyze=engine)
    seen: list[Outcome] = []
    stats = run_batch(_files(tmp_path, 16), config, on_result=seen.append)
    assert stats.analysed == 16 and engine.calls == 16
    assert engine.peak == concurrency
    assert sorted(o.index for o in seen) == list(range(16))


def test_when_endpoint_asks_to_wait_then_pool_backs_off(tmp_path: Path) -> None:
    engine = SlowEngine(delay_s=0.02, retry_on_first=0.3)
    config = BatchConfig(options=OPTIONS, llm=True, concurrency=8, analyze=engine)
    started = time.monotonic()
    stats = run_batch(_files(tmp_path, 16), config)
    assert stats.backoffs == 1
    assert stats.analysed == 16
    assert time.monotonic() - started >= 0.3  # new work waited out the Retry-After


def test_when_rate_limited_then_limit_halves_once_per_pause_and_grows_back() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    backoff = Backoff(16, clock=lambda: now[0], sleep=sleep)
    backoff.on_retry(2.0)
    backoff.on_retry(2.0)  # a second call hit by the same overload: no second halving
    assert backoff.limit == 8
    backoff.wait()
    assert sum(slept) == pytest.approx(2.0)
    for _ in range(8):
        backoff.on_success()
    assert backoff.limit == 9


def test_when_file_vanishes_mid_batch_then_error_row_and_others_analysed(tmp_path: Path) -> None:
    items = _files(tmp_path, 5)
    doomed = Path(items[3].source)

    def engine(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
        doomed.unlink(missing_ok=True)  # deleted while the batch is running
        return _analysis(source)

    results: dict[str, Analysis | AnalysisError] = {}
    config = BatchConfig(options=OPTIONS, analyze=engine)
    stats = run_batch(items, config, on_result=lambda o: results.__setitem__(o.source, o.result))
    assert stats.failed == 1 and stats.analysed == 4
    error = results[str(doomed)]
    assert isinstance(error, AnalysisError) and "no such file" in error.error


def sigint_disposition(
    conversation: Conversation, options: AnalyzeOptions, source: str
) -> Analysis:
    """Reports, from inside a worker process, what SIGINT does there."""
    return _analysis(source, notices=[signal.getsignal(signal.SIGINT).name])  # type: ignore[union-attr]


def test_when_jobs_2_then_workers_ignore_sigint_and_results_match_inline(tmp_path: Path) -> None:
    write_corpus(tmp_path / "threads", 20, seed=5)
    items = expand([str(tmp_path / "threads")])
    probe = BatchConfig(options=OPTIONS, jobs=2, analyze=sigint_disposition)
    notices: list[str] = []
    run_batch(items, probe, on_result=lambda o: notices.extend(o.result.notices))  # type: ignore[union-attr]
    assert set(notices) == {"SIG_IGN"}

    def verdicts(jobs: int) -> dict[str, tuple[bool, str]]:
        found: dict[str, tuple[bool, str]] = {}

        def keep(o: Outcome) -> None:
            assert isinstance(o.result, Analysis)
            found[o.source] = (o.result.impasse, o.result.stage.value)

        run_batch(items, BatchConfig(options=OPTIONS, jobs=jobs), on_result=keep)
        return found

    assert verdicts(2) == verdicts(1)


def test_when_resumed_then_unchanged_successes_are_reused_and_changes_redone(
    tmp_path: Path,
) -> None:
    items = _files(tmp_path / "in", 4)
    out = tmp_path / "out"
    expected = Expected(engine="llm", model="fake-1", prompt_version="p1")
    first = SlowEngine(delay_s=0)
    config = BatchConfig(options=OPTIONS, llm=True, analyze=first, expected=expected)
    store = ResultStore(out, resume=False)
    run_batch(items, config, store=store)
    store.close(i.source for i in items)

    Path(items[1].source).write_text(CALL + "Dana Reyes: One more thing.\n")  # new content
    second = SlowEngine(delay_s=0)
    config.analyze = second
    store = ResultStore(out, resume=True)
    stats = run_batch(items, config, store=store)
    store.close(i.source for i in items)
    assert (stats.reused, second.calls) == (3, 1)

    config.expected = Expected(engine="llm", model="fake-2", prompt_version="p1")  # new model
    third = SlowEngine(delay_s=0)
    config.analyze = third
    store = ResultStore(out, resume=True)
    stats = run_batch(items, config, store=store)
    store.close(i.source for i in items)
    assert (stats.reused, third.calls) == (0, 4)


def test_when_last_line_half_written_then_resume_repairs_it(tmp_path: Path) -> None:
    items = _files(tmp_path / "in", 3)
    out = tmp_path / "out"
    config = BatchConfig(options=OPTIONS)
    store = ResultStore(out, resume=False)
    run_batch(items, config, store=store)
    store.close(i.source for i in items)
    with (out / RESULTS_JSONL).open("ab") as handle:
        handle.write(b'{"source": "' + items[0].source.encode() + b'", "engine": "off')
    store = ResultStore(out, resume=True)
    stats = run_batch(items, config, store=store)
    store.close(i.source for i in items)
    lines = (out / RESULTS_JSONL).read_text().splitlines()
    assert len(lines) == 3 and all(parse_result(line) is not None for line in lines)
    assert stats.reused == 3


def test_when_out_dir_has_results_and_no_resume_then_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / RESULTS_JSONL).write_text('{"source": "a", "error": "x"}\n')
    with pytest.raises(OutputDirError, match="--resume"):
        ResultStore(out, resume=False)


def crash_on_fifth(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
    """Kills its worker process on one input, like the OOM killer would."""
    if source.endswith("call_05.txt"):
        import os

        os._exit(1)
    return _analysis(source)


def test_when_worker_process_dies_then_its_inputs_fail_and_batch_goes_on(tmp_path: Path) -> None:
    items = _files(tmp_path, 24)
    results: dict[str, Analysis | AnalysisError] = {}
    config = BatchConfig(options=OPTIONS, jobs=2, analyze=crash_on_fifth)
    stats = run_batch(items, config, on_result=lambda o: results.__setitem__(o.source, o.result))
    assert len(results) == 24
    crashed = results[str(tmp_path / "call_05.txt")]
    assert isinstance(crashed, AnalysisError) and "stopped unexpectedly" in crashed.error
    # The inputs in flight with it broke with the pool; each was tried again, alone, on a
    # fresh pool, so only the input that kills its worker fails, however loaded the machine.
    assert stats.failed == 1
    assert all(
        isinstance(result, Analysis)
        for source, result in results.items()
        if not source.endswith("call_05.txt")
    )
