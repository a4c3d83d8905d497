"""Backing the whole pool off when the LLM endpoint pushes back.

The chain already retries each call and honours `Retry-After`; but with 16 threads, 16
calls waiting out a 429 and then retrying together would hit the limit again. So the
batch also listens: each back-off the chain takes pauses new work for that long and
halves how many analyses may run at once (additive increase, multiplicative decrease),
and the limit grows back by one after a run of successes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# The chain logs each retry as ("LLM call failed; retry %d of %d in %.1fs", n, max, delay).
_RETRY_PREFIX = "LLM call failed; retry"
# The `retry_kind` values that mean "slow down" (faults.SLOW_DOWN_KINDS, as text: the
# batch layer does not import the LLM packages).
_SLOW_DOWN = frozenset({"rate limited (HTTP 429)", "server error (HTTP 5xx)"})
LLM_LOGGER = "analyzer.llm"


class Backoff:
    """An adaptive limit on in-flight analyses, with a pause after a rate limit."""

    def __init__(
        self,
        ceiling: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.ceiling = max(1, ceiling)
        self._limit = self.ceiling
        self._pause_until = 0.0
        self._successes = 0
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self.events = 0

    @property
    def limit(self) -> int:
        """How many analyses may be in flight now."""
        with self._lock:
            return self._limit

    def on_retry(self, delay_s: float) -> None:
        """The endpoint asked us to wait `delay_s` seconds (a 429, a 5xx, a timeout)."""
        with self._lock:
            now = self._clock()
            self.events += 1
            # Calls already in flight report the same overload: halve once per pause.
            if now >= self._pause_until:
                self._limit = max(1, self._limit // 2)
            self._pause_until = max(self._pause_until, now + max(0.0, delay_s))
            self._successes = 0

    def on_success(self) -> None:
        """One analysis finished without trouble: after `limit` of them, allow one more."""
        with self._lock:
            self._successes += 1
            if self._successes >= self._limit and self._limit < self.ceiling:
                self._limit += 1
                self._successes = 0

    def wait(self) -> None:
        """Block while the pool is paused."""
        while True:
            with self._lock:
                remaining = self._pause_until - self._clock()
            if remaining <= 0:
                return
            self._sleep(min(remaining, 0.5))


class RetryObserver(logging.Handler):
    """Feeds the chain's retry log records to a `Backoff` (no text is read or kept)."""

    def __init__(self, backoff: Backoff) -> None:
        super().__init__(level=logging.DEBUG)
        self.backoff = backoff

    def emit(self, record: logging.LogRecord) -> None:
        """Pass on the delay of a retry record; ignore every other record."""
        kind = getattr(record, "retry_kind", None)
        if kind is not None and kind not in _SLOW_DOWN:
            return  # a refused connection or a timeout is not the endpoint pushing back
        delay = getattr(record, "retry_delay_s", None)
        if delay is None and str(record.msg).startswith(_RETRY_PREFIX):
            args = record.args if isinstance(record.args, tuple) else ()
            delay = args[-1] if args else None
        if isinstance(delay, int | float):
            self.backoff.on_retry(float(delay))


@contextmanager
def observe_retries(backoff: Backoff) -> Iterator[Backoff]:
    """Attach a `RetryObserver` to the LLM loggers for the duration of a batch."""
    handler = RetryObserver(backoff)
    logger = logging.getLogger(LLM_LOGGER)
    level = logger.level
    # Retry records are INFO; the user's --log-level filters what reaches stderr.
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield backoff
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
