"""Which moves fit, best first, and the likely causes, each with a `why` pointing at evidence.

Only strategies that fit the stage (and end type) are ever proposed (rule 5); within that
list the signals re-rank them: a topic they will not discuss calls first for empathy,
a hedge on authority for asking who decides.
"""

from __future__ import annotations

from analyzer.analysis import CauseItem, Signal, StrategyItem
from analyzer.taxonomy import (
    CAUSES,
    STRATEGIES,
    Cause,
    EndType,
    SignalType,
    Stage,
    Strategy,
    allowed_strategies,
)

S, T, C = Strategy, SignalType, Cause

# Signal -> strategies it especially calls for (boosted within the allowed list).
_AFFINITY: dict[SignalType, tuple[Strategy, ...]] = {
    T.NO_RESPONSE: (S.TAP_NETWORK, S.LOWER_THE_STAKES, S.SEEK_SMALL_ADVANCE),
    T.SCHEDULING_AVOIDANCE: (S.LOWER_THE_STAKES, S.SEEK_SMALL_ADVANCE),
    T.HANDOFF_OR_DELAY: (S.TAP_NETWORK, S.SEEK_SMALL_ADVANCE),
    T.ALTERNATIVE_SHOPPING: (S.LOWER_THE_STAKES, S.REFOCUS_ON_END_STATE, S.TRIAL_BALLOON),
    T.TOPIC_AVOIDANCE: (S.EMPATHY_STATEMENT, S.PROBE_UNDERLYING_REASONS, S.CHANGE_MEDIUM),
    T.AUTHORITY_LIMIT: (S.ASK_AUTHORITY, S.REVEAL_OWN_CONSTRAINT, S.SEEK_SMALL_ADVANCE),
    T.DISCOMFORT: (S.EMPATHY_STATEMENT, S.CHANGE_MEDIUM, S.PROBE_UNDERLYING_REASONS),
    T.EXPECTATION_SHIFT: (S.REFOCUS_ON_END_STATE, S.PROBE_UNDERLYING_REASONS),
    T.NEW_INFORMATION: (S.PROBE_UNDERLYING_REASONS, S.REFOCUS_ON_END_STATE),
    T.PRECEDENT_OR_POLICY: (S.RELABEL_ISSUE, S.TRIAL_BALLOON, S.PROBE_UNDERLYING_REASONS),
    T.ULTIMATUM: (S.CALL_THE_QUESTION, S.ASK_TIMING),
    T.WALKOUT: (S.UNDERSTAND_THE_WALKOUT, S.PROPOSE_BREAK),
    T.WEASEL_WORDS: (S.ASK_TIMING, S.ASK_AUTHORITY, S.PROPOSE_BREAK),
}

_CAUSES: dict[SignalType, tuple[Cause, ...]] = {
    T.NO_RESPONSE: (C.BUILDING_ALTERNATIVE, C.INTERNAL_POLITICS),
    T.SCHEDULING_AVOIDANCE: (C.BUILDING_ALTERNATIVE, C.INTERNAL_POLITICS),
    T.HANDOFF_OR_DELAY: (C.PERSONNEL_CHANGE, C.INTERNAL_POLITICS),
    T.ALTERNATIVE_SHOPPING: (C.BUILDING_ALTERNATIVE,),
    T.TOPIC_AVOIDANCE: (C.SENSITIVE_ISSUE,),
    T.AUTHORITY_LIMIT: (C.AUTHORITY_CONSTRAINT, C.INTERNAL_POLITICS),
    T.DISCOMFORT: (C.SENSITIVE_ISSUE,),
    T.EXPECTATION_SHIFT: (C.EXPECTATION_SHIFT,),
    T.NEW_INFORMATION: (C.EXPECTATION_SHIFT,),
    T.PRECEDENT_OR_POLICY: (C.PRECEDENT_OR_PRINCIPLE,),
    T.ULTIMATUM: (C.GENUINE_DEALBREAKER, C.POSSIBLE_BLUFF),
    T.WALKOUT: (C.EMOTIONAL_DISPLAY,),
    T.WEASEL_WORDS: (C.AUTHORITY_CONSTRAINT, C.POSSIBLE_BLUFF),
}


def _cite(signal: Signal) -> str:
    quote = signal.quote if len(signal.quote) <= 90 else signal.quote[:87].rstrip() + "..."
    return f"{signal.speaker} (turn {signal.turn}): \u201c{quote}\u201d"


def rank_strategies(
    stage: Stage, end_type: EndType | None, signals: list[Signal]
) -> list[StrategyItem]:
    """Strategies allowed for the stage, ranked by how many signals call for them."""
    if stage is Stage.NONE or not signals:
        return []
    allowed = allowed_strategies(stage, end_type)
    score: dict[Strategy, float] = {s: -i / 100 for i, s in enumerate(allowed)}
    reasons: dict[Strategy, list[Signal]] = {s: [] for s in allowed}
    for signal in signals:
        for weight, strategy in enumerate(_AFFINITY[signal.type]):
            if strategy in score:
                score[strategy] += 1.0 - weight * 0.2
                reasons[strategy].append(signal)
    # Asking what is behind a walkout needs a walkout to ask about.
    if not any(s.type is T.WALKOUT for s in signals):
        allowed = tuple(s for s in allowed if s is not S.UNDERSTAND_THE_WALKOUT)
    ranked = sorted(allowed, key=lambda s: -score[s])
    items: list[StrategyItem] = []
    for strategy in ranked:
        evidence = reasons[strategy]
        if strategy is Strategy.CONTROL_INFORMATION:
            why = "Whatever happens next, decide what you will not reveal yet (price floor, alternatives, deadline)."
        elif evidence:
            why = f"{STRATEGIES[strategy].definition} Fits {_cite(evidence[0])}."
        else:
            why = f"{STRATEGIES[strategy].definition} Fits this {stage.value}-stage impasse."
        items.append(StrategyItem(id=strategy, why=why))
    # Moves no signal calls for stay available but come after the ones that fit.
    return items


def likely_causes(signals: list[Signal], end_type: EndType | None) -> list[CauseItem]:
    """Hypotheses, most supported first, each pointing at its evidence."""
    support: dict[Cause, list[Signal]] = {}
    for signal in signals:
        for cause in _CAUSES[signal.type]:
            if (
                cause is C.POSSIBLE_BLUFF
                and end_type is EndType.FIRM
                and signal.type is T.WEASEL_WORDS
            ):
                continue
            support.setdefault(cause, []).append(signal)
    ordered = sorted(support, key=lambda c: -len(support[c]))
    return [
        CauseItem(
            id=cause, why=f"{CAUSES[cause].definition} Suggested by {_cite(support[cause][0])}."
        )
        for cause in ordered[:4]
    ]
