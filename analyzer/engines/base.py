"""The engine protocol: an engine reads a `Reading` and proposes; it never decides.

The pipeline owns the flow around it: side, reading, checking, strategies, drafts and the
fallback to the offline engine when an LLM engine fails (`EngineFailed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from analyzer.analysis import Analysis, Check, EngineName, Fallback, Usage
from analyzer.errors import ImpasseError
from analyzer.reading import Reading


@dataclass(frozen=True, slots=True)
class Proposal:
    """What an engine proposes for one reading, before the framework checks it.

    `evidence_only`: the engine proposes signals only (the offline engine), and the
    framework derives stage, end type, strategies, causes and summary from them.
    `weights` maps a signal's detector id to its strength (for the confidence).
    `checks` are the engine's own findings (a re-ask, a label it could not read),
    appended after the framework's.
    """

    analysis: Analysis
    evidence_only: bool = False
    weights: dict[str, float] | None = None
    checks: tuple[Check, ...] = field(default_factory=tuple)


class EngineFailed(ImpasseError):
    """An engine could not propose; the pipeline answers with the offline engine."""

    def __init__(self, fallback: Fallback, notice: str, usage: Usage | None = None) -> None:
        super().__init__(fallback.reason)
        self.fallback = fallback
        self.notice = notice
        self.usage = usage


class Engine(Protocol):
    """Anything that reads a conversation and proposes a diagnosis."""

    @property
    def name(self) -> EngineName:
        """Which engine this is (recorded on the analysis)."""
        ...

    def recall(self, reading: Reading) -> Analysis | None:
        """A complete analysis of this reading made earlier (a cache), if any."""
        ...

    def propose(self, reading: Reading) -> Proposal:
        """The engine's proposal; raises `EngineFailed` when it cannot make one."""
        ...

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        """The checked analysis with reply drafts, themselves checked by the draft rules."""
        ...

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        """Keep a complete, checked analysis for `recall` (a no-op without a cache)."""
        ...
