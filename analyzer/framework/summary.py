"""One sentence in plain words about the diagnosis, for the headline."""

from __future__ import annotations

from analyzer.analysis import Analysis
from analyzer.taxonomy import SIGNALS, EndType, Stage

_STAGE_WORDS = {
    Stage.BEGINNING: "the negotiation is stalled before it has really started",
    Stage.MIDDLE: "momentum has stalled on an issue in the middle of the negotiation",
    Stage.END: "the negotiation is at an impasse near the end",
}


def summarise(analysis: Analysis) -> str:
    """E.g. "Tom Okafor: ultimatum, weasel words — a soft end-stage impasse: …"."""
    if analysis.stage is Stage.NONE or not analysis.signals:
        return "No impasse found: no grounded signal of one in the conversation."
    who = list(dict.fromkeys(s.speaker for s in analysis.signals))
    kinds = list(dict.fromkeys(SIGNALS[s.type].label.lower() for s in analysis.signals))
    head = f"{', '.join(who[:2])} show{'s' if len(who) == 1 else ''} {', '.join(kinds[:3])}"
    body = _STAGE_WORDS[analysis.stage]
    if analysis.stage is Stage.END and analysis.end_type is EndType.SOFT:
        body += ", but the hedges leave a door open"
    elif analysis.stage is Stage.END and analysis.end_type is EndType.FIRM:
        body += ", with a firm condition that is worth testing"
    return f"{head}: {body}."
