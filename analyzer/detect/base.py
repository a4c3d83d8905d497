"""The detector interface: one narrow entry point per detector, findings with reasons."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from analyzer.reading import Reading
from analyzer.taxonomy import SignalType


@dataclass(frozen=True, slots=True)
class Finding:
    """A candidate signal: a quote of one turn, who shows it, and why.

    `quote_start` is the quote's offset in the turn's text, so the rules can check it
    without searching. `end_hint` tells the end-type rule what the wording implies.
    """

    type: SignalType
    speaker: str
    turn: int
    quote: str
    quote_start: int
    explanation: str
    detector: str
    score: float
    end_hint: str | None = None


class Detector(Protocol):
    """Anything that reads a conversation and proposes findings."""

    @property
    def name(self) -> str:
        """A stable id, shown with each finding."""
        ...

    def detect(self, reading: Reading) -> list[Finding]:
        """Findings in this conversation (may be empty)."""
        ...


T = TypeVar("T")


class PerReading(threading.local, Generic[T]):
    """One value remembered for the last reading seen in this thread. A reading is frozen,
    so what was computed from it cannot change: the LLM path asks for the candidates twice
    (the prompt, then the cross-check), the conversation reader reads the sentences the
    detector read."""

    def __init__(self) -> None:
        self._reading: Reading | None = None
        self._value: T | None = None

    def get(self, reading: Reading, compute: Callable[[Reading], T]) -> T:
        """The value for `reading`, computed on the first ask."""
        if self._reading is not reading or self._value is None:
            self._value = compute(reading)
            self._reading = reading
        return self._value
