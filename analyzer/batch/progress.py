"""Progress on standard error: a rich bar on a terminal, a few plain lines otherwise, and
the steps of any one input that takes more than a second."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from analyzer.steps import STEPS, watching


class ProgressSink(Protocol):
    """What the runner reports to."""

    def start(self, total: int) -> None:
        """The batch has `total` inputs."""

    def advance(self, source: str, failed: bool, reused: bool) -> None:
        """One input is finished."""

    def message(self, text: str) -> None:
        """A line for the user (an error, a warning)."""

    def close(self) -> None:
        """The batch is over (or interrupted)."""


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s", style="progress.data.speed")


class BarProgress:
    """A rich progress bar with rate and ETA (for a terminal)."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TextColumn("failed {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = self._bar.add_task("batch", total=0, failed=0, start=False)
        self._failed = 0

    def start(self, total: int) -> None:
        """Show the bar."""
        self._bar.update(self._task, total=total)
        self._bar.start_task(self._task)
        self._bar.start()

    def advance(self, source: str, failed: bool, reused: bool) -> None:
        """Move the bar one input on."""
        self._failed += int(failed)
        self._bar.update(self._task, advance=1, failed=self._failed)

    def message(self, text: str) -> None:
        """Print above the bar."""
        self._bar.console.print(text, markup=False, highlight=False)

    def close(self) -> None:
        """Leave the final bar on screen."""
        self._bar.stop()


class LineProgress:
    """Quiet progress for logs and pipes: a line every `every_s` seconds, and at the end."""

    def __init__(self, every_s: float = 10.0) -> None:
        self.every_s = every_s
        self.total = 0
        self.done = 0
        self.failed = 0
        self.reused = 0
        self._started = time.monotonic()
        self._last = self._started
        self._shown = -1  # how many were done at the last line

    def start(self, total: int) -> None:
        """Remember the total; say nothing yet."""
        self.total = total
        self._started = self._last = time.monotonic()

    def advance(self, source: str, failed: bool, reused: bool) -> None:
        """Count one input; print a line when enough time has passed."""
        self.done += 1
        self.failed += int(failed)
        self.reused += int(reused)
        now = time.monotonic()
        if now - self._last >= self.every_s:
            self._last = now
            self._line(now)

    def message(self, text: str) -> None:
        """Print one line."""
        sys.stderr.write(text.rstrip("\n") + "\n")

    def close(self) -> None:
        """The closing line (unless the last line already said it all)."""
        if self._shown != self.done or self.done == 0:
            self._line(time.monotonic())

    def _line(self, now: float) -> None:
        self._shown = self.done
        elapsed = max(now - self._started, 1e-9)
        fresh = self.done - self.reused
        rate = fresh / elapsed
        left = self.total - self.done
        eta = f"{left / rate:.0f}s" if rate > 0 and left else "-"
        reused = f", {self.reused} reused" if self.reused else ""
        self.message(
            f"impasse: {self.done}/{self.total} done, {self.failed} failed{reused}, "
            f"{rate:.2f}/s, elapsed {elapsed:.0f}s, ETA {eta}"
        )


def make_progress() -> ProgressSink:
    """A bar when standard error is a terminal, plain lines otherwise."""
    return BarProgress() if sys.stderr.isatty() else LineProgress()


class StepLines:
    """Progress within one long input: which step, how far through, how long so far.

    Silent for the first `after_s` seconds of an input (most take milliseconds); then a
    line each time the analysis moves to another step, and every `every_s` seconds within
    a step. `watch(source)` sends the reports of the analysis run inside it (see
    `analyzer.steps`) to `update`; `tick` decides whether to print, and `ticking()` calls it
    from one timer thread for the whole batch, so a step that reports nothing for a while
    (parsing a large mailbox) still shows it is alive.
    """

    def __init__(
        self,
        say: Callable[[str], None],
        *,
        after_s: float = 1.0,
        every_s: float = 5.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.say = say
        self.after_s = after_s
        self.every_s = every_s
        self.clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._source = ""
        self._started = self.clock()
        self._step: tuple[str, float] | None = None
        self._shown: str | None = None  # the step of the last line
        self._shown_at = self._started

    def begin(self, source: str) -> None:
        """A new input starts: its clock starts at zero, nothing is shown yet."""
        with self._lock:
            self._source = source
            self._started = self._shown_at = self.clock()
            self._step = None
            self._shown = None

    def update(self, name: str, fraction: float) -> None:
        """The analysis is `fraction` through step `name` (called from the analysis)."""
        self._step = (name, fraction)
        self.tick()

    def end(self) -> None:
        """The input is finished: nothing more to show for it."""
        with self._lock:
            self._step = None

    def tick(self) -> None:
        """Print a line if it is time to."""
        with self._lock:
            now = self.clock()
            current = self._step
            if current is None or now - self._started < self.after_s:
                return
            name, fraction = current
            if name == self._shown and now - self._shown_at < self.every_s:
                return
            self._shown, self._shown_at = name, now
            number = STEPS.index(name) + 1 if name in STEPS else 0
            where = f"step {number}/{len(STEPS)} " if number else ""
            self.say(
                f"impasse: {self._source}: {where}{name}, {fraction:.0%} "
                f"({now - self._started:.0f}s)"
            )

    @contextmanager
    def watch(self, source: str) -> Iterator[None]:
        """Watch the analysis of one input, run inside this block."""
        self.begin(source)
        try:
            with watching(self.update):
                yield
        finally:
            self.end()

    @contextmanager
    def ticking(self, period_s: float = 0.25) -> Iterator[None]:
        """Tick from a timer thread while the block runs."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(period_s):
                self.tick()

        timer = threading.Thread(target=loop, name="impasse-steps", daemon=True)
        timer.start()
        try:
            yield
        finally:
            stop.set()
            timer.join()
