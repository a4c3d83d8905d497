"""Progress within one long input: nothing for a quick one, then the step, how far, how long."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.analysis import Analysis, EngineName
from analyzer.batch import progress
from analyzer.batch.inputs import expand
from analyzer.batch.progress import StepLines
from analyzer.batch.runner import BatchConfig, run_batch
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.steps import step, watching
from analyzer.taxonomy import Stage


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_when_an_input_is_quick_then_no_step_is_shown() -> None:
    clock, lines = FakeClock(), []
    watcher = StepLines(lines.append, clock=clock)
    watcher.begin("thread.txt")
    for name in ("parsing", "reading", "detecting"):
        clock.now += 0.2
        watcher.update(name, 0.5)
    assert lines == []


def test_when_an_input_takes_over_a_second_then_each_step_and_its_progress_is_shown() -> None:
    clock, lines = FakeClock(), []
    watcher = StepLines(lines.append, after_s=1.0, every_s=5.0, clock=clock)
    watcher.begin("big.mbox")
    clock.now += 1.5
    watcher.update("reading", 0.25)
    clock.now += 1.0
    watcher.update("reading", 0.5)  # same step, too soon for another line
    clock.now += 5.0
    watcher.tick()  # the timer: same step, long enough since the last line
    watcher.update("detecting", 0.0)  # a new step is shown at once
    watcher.begin("next.mbox")  # the next input starts its own clock
    clock.now += 0.5
    watcher.update("parsing", 0.0)
    assert lines == [
        "impasse: big.mbox: step 2/5 reading, 25% (2s)",
        "impasse: big.mbox: step 2/5 reading, 50% (8s)",
        "impasse: big.mbox: step 3/5 detecting, 0% (8s)",
    ]


def test_when_nobody_watches_then_reporting_a_step_does_nothing() -> None:
    step("reading", 1, 2)  # no watcher: no error, no output
    seen: list[tuple[str, float]] = []
    with watching(lambda name, fraction: seen.append((name, fraction))):
        step("reading", 1, 4)
        step("detecting", 3, 0)  # an empty step counts as not started
    step("checking")
    assert seen == [("reading", 0.25), ("detecting", 0.0)]


def test_when_a_batch_runs_one_long_input_then_its_steps_go_to_the_batch_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    (tmp_path / "long.txt").write_text("Dana Reyes: Can we move on price?\nTom Okafor: No.\n")

    def slow(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
        for done in range(4):
            clock.now += 2.0
            step("detecting", done, 4)
        return Analysis(
            source=source, engine=EngineName.OFFLINE, impasse=False, stage=Stage.NONE,
            confidence=0.7,
        )  # fmt: skip

    messages: list[str] = []

    class Sink(progress.LineProgress):
        def message(self, text: str) -> None:
            messages.append(text)

    config = BatchConfig(options=AnalyzeOptions(engine=EngineChoice.OFFLINE), analyze=slow)
    run_batch(expand([str(tmp_path)]), config, progress=Sink())
    shown = [m for m in messages if "step" in m]
    assert shown[0].endswith("step 3/5 detecting, 0% (2s)"), messages
    assert "long.txt" in shown[0]
    assert shown[1].endswith("step 3/5 detecting, 75% (8s)"), shown  # 5 s later at most
