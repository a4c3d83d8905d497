"""Stage and end type from grounded signals (rules 3 and 4), and what resolves an impasse.

The latest unresolved impasse decides: a signal a later turn resolves is not current; the
furthest stage the remaining signals reach is the stage (terms on the table move an
impasse from the beginning to the middle), and signals of an earlier stage are evidence
of an impasse that is no longer the current one.
"""

from __future__ import annotations

from analyzer.analysis import Signal
from analyzer.framework.resolution import Resolution, Resolver, resolution_of
from analyzer.reading import Reading
from analyzer.taxonomy import (
    DEFERRAL_SIGNALS,
    END_SIGNALS,
    SIGNAL_STAGES,
    EndType,
    SignalType,
    Stage,
)

__all__ = [
    "Resolution",
    "Resolver",
    "deferrals_as_hedges",
    "end_type_for",
    "resolution_of",
    "stage_for",
]

_BEGINNING_ONLY = frozenset(
    s for s, stages in SIGNAL_STAGES.items() if stages == frozenset({Stage.BEGINNING})
)
_MIDDLE_ONLY = frozenset(
    s for s, stages in SIGNAL_STAGES.items() if stages == frozenset({Stage.MIDDLE})
)


def stage_for(signals: list[Signal], reading: Reading) -> Stage:
    """The furthest stage the (unresolved, grounded) signals reach."""
    if not signals:
        return Stage.NONE
    types = {s.type for s in signals}
    if types & END_SIGNALS:
        return Stage.END
    terms_on_table = any(reading.terms_by_turn[s.turn] for s in signals)
    # Without terms on the table, an impasse is still at the beginning when the other
    # side will not engage, even if they show unease or cite someone else's authority.
    if types & _BEGINNING_ONLY and not terms_on_table:
        return Stage.BEGINNING
    if types & _MIDDLE_ONLY:
        return Stage.MIDDLE
    # Left: beginning-only signals and the two-stage ones. Shopping around fits the
    # beginning; an authority limit or a policy means terms are being negotiated.
    if types & {SignalType.AUTHORITY_LIMIT, SignalType.PRECEDENT_OR_POLICY}:
        return Stage.MIDDLE
    if SignalType.ALTERNATIVE_SHOPPING in types and terms_on_table and not types & _BEGINNING_ONLY:
        return Stage.MIDDLE
    return Stage.BEGINNING


def end_type_for(signals: list[Signal], reading: Reading) -> EndType:
    """Soft when any end-stage evidence hedges on time or authority, else firm."""
    hedges = (reading.lexicon.phrase("hedge_time"), reading.lexicon.phrase("hedge_authority"))
    for signal in signals:
        if signal.type in {SignalType.WEASEL_WORDS, SignalType.AUTHORITY_LIMIT}:
            return EndType.SOFT
        if signal.type in END_SIGNALS and any(h.search(signal.quote) for h in hedges):
            return EndType.SOFT
    return EndType.FIRM


def deferrals_as_hedges(
    signals: list[Signal], reading: Reading
) -> tuple[list[Signal], list[Signal]]:
    """Near the end, "let's revisit next quarter" is hedged finality, not a slow start.

    Returns the signals (deferrals said once terms were on the table and hedged on time
    retyped as weasel words; a sentence already read as weasel words is kept once) and the
    retyped ones."""
    hedge = reading.lexicon.phrase("hedge_time")
    vague = reading.lexicon.phrase("vague_time")
    out: list[Signal] = []
    retyped: list[Signal] = []
    seen = {(s.turn, s.quote) for s in signals if s.type is SignalType.WEASEL_WORDS}
    for signal in signals:
        late = reading.terms_by_turn[signal.turn]  # said once terms were on the table
        if (
            signal.type in DEFERRAL_SIGNALS
            and late
            and (hedge.search(signal.quote) or vague.search(signal.quote))
        ):
            retyped.append(signal)
            if (signal.turn, signal.quote) in seen:
                continue  # the same words are already evidence of weasel words
            seen.add((signal.turn, signal.quote))
            signal = signal.model_copy(update={"type": SignalType.WEASEL_WORDS})  # noqa: PLW2901
        out.append(signal)
    return out, retyped
