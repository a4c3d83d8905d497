"""Runs the framework rules on a proposal, whoever made it. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.analysis import Analysis, Check, CheckStatus, Signal
from analyzer.framework.rules import DIAGNOSIS_RULES, Rule
from analyzer.reading import Reading
from analyzer.taxonomy import Stage

# How much one signal of a type says about an impasse, when nothing better is known.
_DEFAULT_WEIGHT = 0.6


def check(
    proposal: Analysis,
    reading: Reading,
    rules: Sequence[Rule] = DIAGNOSIS_RULES,
    weights: dict[str, float] | None = None,
) -> Analysis:
    """Apply the rules in order; their findings are appended to `checks`.

    `weights` maps a signal's detector id to its strength, for the confidence; signals
    of unknown detectors (a model's) count with a default weight.
    """
    analysis = proposal
    found: list[Check] = []
    for rule in rules:
        analysis, checks = rule.check(analysis, reading)
        found += checks
    changed = any(c.status in {CheckStatus.FIXED, CheckStatus.DROPPED} for c in found)
    confidence = analysis.confidence
    if changed or weights is not None:
        confidence = confidence_from(analysis.signals, analysis.stage, weights or {})
        if changed and weights is None:
            confidence = min(confidence, proposal.confidence)
    return analysis.model_copy(
        update={"checks": [*analysis.checks, *found], "confidence": round(confidence, 2)}
    )


def confidence_from(signals: list[Signal], stage: Stage, weights: dict[str, float]) -> float:
    """How sure the diagnosis is: independent evidence adds up, never to certainty."""
    if stage is Stage.NONE:
        return 0.7
    doubt = 1.0
    for signal in signals:
        doubt *= 1.0 - weights.get(signal.detector, _DEFAULT_WEIGHT) * 0.8
    return max(0.4, min(0.95, 1.0 - doubt))
