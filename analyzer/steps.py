"""Progress of one analysis: which step it is at, and how far through that step.

The analysis reports with `step("reading", done, total)`; nothing is shown unless a front
end watches (`watching(callback)`), so the library itself stays silent and a report costs
one context-variable look-up. Steps report in the order of `STEPS`.

The watcher lives in a context variable, so an analysis on another thread (the web app,
a batch of LLM calls) reports to its own watcher or to none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Watcher = Callable[[str, float], None]
"""Called with a step's name and the fraction of it done (0.0 to 1.0)."""

STEPS = ("parsing", "reading", "detecting", "checking", "drafting")

_WATCHER: ContextVar[Watcher | None] = ContextVar("impasse_step_watcher", default=None)


def step(name: str, done: int = 0, total: int = 1) -> None:
    """Report that step `name` is `done` of `total` through (to the watcher, if any)."""
    watcher = _WATCHER.get()
    if watcher is not None:
        watcher(name, min(1.0, done / total) if total > 0 else 0.0)


def every(total: int, times: int = 20) -> int:
    """How many items to let pass between two reports, for about `times` reports."""
    return max(1, total // times)


@contextmanager
def watching(watcher: Watcher) -> Iterator[None]:
    """Send the step reports of the code run inside this block to `watcher`."""
    token = _WATCHER.set(watcher)
    try:
        yield
    finally:
        _WATCHER.reset(token)
