"""Merging window results and repaired answers into one proposal for the rules."""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.analysis import Analysis, CauseItem, Signal, StrategyItem
from analyzer.taxonomy import Stage

_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def union_signals(*groups: Sequence[Signal]) -> list[Signal]:
    """Every distinct signal, first occurrence kept, in turn order. Quotes that differ
    only in spacing, case or curly marks are the same signal."""
    seen: set[tuple[str, int, str]] = set()
    out: list[Signal] = []
    for group in groups:
        for signal in group:
            quote = " ".join(signal.quote.translate(_MARKS).casefold().split())
            key = (signal.type.value, signal.turn, quote)
            if key not in seen:
                seen.add(key)
                out.append(signal)
    return sorted(out, key=lambda s: s.turn)


def merge_windows(parts: Sequence[Analysis]) -> Analysis:
    """One proposal from the windows' checked results.

    The latest window that still sees an impasse decides the stage, end type and summary
    (the latest unresolved impasse is the current one); signals, causes and strategies
    are the union, that window's first. The rules then check the merge as a whole.
    """
    if len(parts) == 1:
        return parts[0]
    with_impasse = [p for p in parts if p.stage is not Stage.NONE]
    lead = with_impasse[-1] if with_impasse else parts[-1]
    ordered = [lead, *(p for p in reversed(parts) if p is not lead)]
    causes: dict[str, CauseItem] = {}
    strategies: dict[str, StrategyItem] = {}
    for part in ordered:
        for cause in part.causes:
            causes.setdefault(cause.id.value, cause)
        for strategy in part.strategies:
            strategies.setdefault(strategy.id.value, strategy)
    return lead.model_copy(
        update={
            "signals": union_signals(*(p.signals for p in parts)),
            "causes": list(causes.values()),
            "strategies": list(strategies.values()),
            "checks": [],
            "notices": [],
        }
    )
