"""The offline engine: the detectors propose evidence, the conversation reader weighs it
in context; templates draft."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.analysis import Analysis, Check, EngineName
from analyzer.detect.base import Finding
from analyzer.detect.offline import evidence_analysis, find
from analyzer.engines.base import Proposal
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading


@dataclass(frozen=True, slots=True)
class OfflineEngine:
    """Phrase, structure and learned detectors, and the conversation reader; no network,
    no key."""

    options: AnalyzeOptions

    @property
    def name(self) -> EngineName:
        """Always `offline`."""
        return EngineName.OFFLINE

    def recall(self, reading: Reading) -> Analysis | None:
        """Nothing is cached: the offline analysis is cheaper than a lookup."""
        return None

    def propose(self, reading: Reading) -> Proposal:
        """Every detector's findings, as evidence for the framework to judge; without
        `--fast`, weighed by the conversation reader first (`detect/conversation.py`)."""
        checks: tuple[Check, ...] = ()
        findings: list[Finding]
        if self.options.fast:
            findings = find(reading)
        else:
            from analyzer.detect.conversation import read_in_context

            in_context = read_in_context(reading)
            findings, checks = in_context.findings, in_context.checks
        analysis = evidence_analysis(reading, findings)
        weights = {f.detector: f.score for f in findings}
        return Proposal(analysis=analysis, evidence_only=True, weights=weights, checks=checks)

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        """Template drafts in the conversation's language."""
        from analyzer.drafting import add_drafts

        return add_drafts(analysis, reading, self.options)

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        """Nothing to keep."""
