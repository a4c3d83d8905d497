"""Rule 0: no negotiation, no impasse.

When the negotiation gate (a learned reader, run by the pipeline) finds that the text is
not a negotiation at all, the verdict is "not a negotiation": no impasse, no signals, no
moves, no drafts, and every signal an engine proposed is listed as dropped, so the user
sees what the words looked like and why they were set aside.
"""

from __future__ import annotations

from analyzer.analysis import Analysis, Check, CheckStatus, excerpt
from analyzer.taxonomy import SignalType, Stage

RULE = "R0.negotiation_gate"


_DEMANDS = {SignalType.ULTIMATUM, SignalType.WALKOUT}


def evidence_outweighs_doubt(
    analysis: Analysis, probability: float, *, single_message: bool = False
) -> Analysis | None:
    """The checked analysis kept as a negotiation when the gate's veto was unsure and the
    grounded evidence holds demands with conditions or a walkout in two different turns
    (a union's "withdrawn by Monday or the work to rule starts", said twice): a podcast's
    one "he has the last word" is not that. A `single_message` (one turn: a pasted demand)
    cannot say it twice, so there one grounded demand is enough. None when the evidence
    does not outweigh it."""
    turns = {s.turn for s in analysis.signals if s.type in _DEMANDS}
    if len(turns) < (1 if single_message else 2):
        return None
    check = Check(
        rule=RULE,
        status=CheckStatus.WARN,
        detail=f"The negotiation gate doubted this is a negotiation (score {probability:.2f}), "
        f"but demands or a walkout in turn{'s' if len(turns) > 1 else ''} "
        f"{', '.join(str(t) for t in sorted(turns))} "
        "show one; kept as a negotiation.",
    )
    return analysis.model_copy(update={"checks": [*analysis.checks, check]})


def not_a_negotiation(analysis: Analysis, reason: str, probability: float) -> Analysis:
    """The analysis as the verdict "not a negotiation"."""
    checks = [
        Check(
            rule=RULE,
            status=CheckStatus.DROPPED,
            detail=f"{s.type.value} at turn {s.turn} (\u201c{excerpt(s.quote)}\u201d): the text is "
            "not a negotiation, so this is not an impasse signal.",
        )
        for s in analysis.signals
    ]
    checks.append(
        Check(rule=RULE, status=CheckStatus.FIXED, detail=f"Not a negotiation: {reason}.")
    )
    return analysis.model_copy(
        update={
            "negotiation": False,
            "impasse": False,
            "stage": Stage.NONE,
            "end_type": None,
            "signals": [],
            "causes": [],
            "strategies": [],
            "drafts": [],
            # The gate's doubt is the verdict's: a score of 0.1 means 90% sure it is not one.
            "confidence": round(1.0 - probability, 2),
            "summary": "Not a negotiation: nobody here is asking the other side for anything "
            "they could grant or refuse, so there is no impasse to diagnose.",
            "checks": [*analysis.checks, *checks],
        }
    )
