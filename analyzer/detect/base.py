"""The detector interface: one narrow entry point per detector, findings with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
