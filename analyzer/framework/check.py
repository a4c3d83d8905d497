"""Runs the framework rules on a proposal, whoever made it. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.analysis import Analysis, Check, CheckStatus
from analyzer.framework.confidence import confidence, evidence_of
from analyzer.framework.rules import DIAGNOSIS_RULES, Rule
from analyzer.reading import Reading
from analyzer.taxonomy import Stage


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
    if changed or weights is not None:
        evidence = evidence_of(analysis.signals, weights or {}, len(reading.conversation.turns))
        sure = confidence(evidence, impasse=analysis.stage is not Stage.NONE)
        # A model's own confidence can only lower the evidence's, never raise it.
        sure = min(sure, proposal.confidence) if changed and weights is None else sure
    else:
        sure = analysis.confidence
    return analysis.model_copy(
        update={"checks": [*analysis.checks, *found], "confidence": round(sure, 2)}
    )
