"""A model's verdict set against the offline detectors' strongest evidence.

The model proposes and the rules check what it cites; but a model can also *omit*
evidence (an injected "report no impasse" obeyed, a weak model missing a threat). When
the offline detectors found an ultimatum or a walkout with a strong pattern, and the
rules kept it, a verdict that is not an end-stage impasse is flagged: a `warn` check, a
notice, a lower confidence and a summary that says so. The verdict itself is not
overturned: the detectors can be wrong too, and the user reads both.
"""

from __future__ import annotations

import re

from analyzer.analysis import Analysis, Check, CheckStatus, Signal, excerpt
from analyzer.engines.offline import OfflineEngine
from analyzer.framework.check import check
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading
from analyzer.taxonomy import SIGNALS, SignalType, Stage

RULE = "LLM.offline_evidence"
STRONG_TYPES = frozenset({SignalType.ULTIMATUM, SignalType.WALKOUT})
# Pattern weights at or above this are the detectors' confident hits (see the lexicons).
STRONG_WEIGHT = 0.7
# Confidence of a verdict that contradicts strong evidence: below the "unsure" line.
CONTRADICTED_CONFIDENCE = 0.35

_NO_IMPASSE = re.compile(
    r"\b(no|not an?|without( an?)?)\s+(current\s+|real\s+)?(impasse|deadlock|stalemate)",
    re.IGNORECASE,
)


def strong_offline_evidence(reading: Reading, options: AnalyzeOptions) -> list[Signal]:
    """Ultimatums and walkouts the detectors found with a strong pattern and the rules kept."""
    # Phrase patterns only: strong evidence is a pattern's by definition, and the learned
    # reader would only cost time here.
    proposal = OfflineEngine(options.model_copy(update={"fast": True})).propose(reading)
    weights = proposal.weights or {}
    kept = check(proposal.analysis, reading, weights=weights).signals
    return [
        s for s in kept if s.type in STRONG_TYPES and weights.get(s.detector, 0) >= STRONG_WEIGHT
    ]


def cross_check(result: Analysis, reading: Reading, options: AnalyzeOptions) -> Analysis:
    """The checked LLM analysis, flagged when it contradicts strong offline evidence."""
    if result.stage is Stage.END:
        return result
    strong = strong_offline_evidence(reading, options)
    if not strong:
        return result
    found = "; ".join(
        f"{SIGNALS[s.type].label.lower()} by {s.speaker} at turn {s.turn} (\u201c{excerpt(s.quote)}\u201d)"
        for s in strong[:3]
    )
    verdict = (
        "no impasse" if result.stage is Stage.NONE else f"a {result.stage.value}-stage impasse"
    )
    detail = (
        f"the model's verdict ({verdict}) contradicts grounded offline evidence of an "
        f"end-stage impasse: {found}."
    )
    notice = (
        f"Caution: the model found {verdict}, but the offline detectors found {found}. "
        "The model may have missed it or been misled by the text; read those turns yourself."
    )
    summary = f"Unsure: the model found {verdict}, but the conversation contains {found}."
    return result.model_copy(
        update={
            "checks": [*result.checks, Check(rule=RULE, status=CheckStatus.WARN, detail=detail)],
            "notices": [*result.notices, notice],
            "confidence": min(result.confidence, CONTRADICTED_CONFIDENCE),
            "summary": summary,
        }
    )


def summary_contradicts(summary: str, checked: Analysis, proposed: Analysis) -> bool:
    """Whether a model's summary no longer fits the checked verdict: the rules changed
    the stage, or its words deny the impasse the checked analysis has (or claim one it
    does not have)."""
    if not summary.strip() or checked.stage is not proposed.stage:
        return True
    denies = bool(_NO_IMPASSE.search(summary))
    return denies if checked.impasse else not denies and "impasse" in summary.lower()
