"""Long conversations: overlapping windows of whole turns that together keep every turn.

Turns are never cut. When the whole conversation fits the budget there is one window.
Otherwise windows are filled greedily with whole turns and each starts `overlap` turns
before the previous one ended, so a signal that needs its context still sees it. A turn
longer than the budget on its own gets a window of its own and a notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.llm.tokens import budgeted

DEFAULT_OVERLAP = 2


@dataclass(frozen=True, slots=True)
class Window:
    """Turns [start, end) of the conversation."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plan:
    """The windows and what the user should be told about them."""

    windows: list[Window]
    notices: list[str]


def plan_windows(
    turn_tokens: Sequence[int], budget: int, *, overlap: int = DEFAULT_OVERLAP
) -> Plan:
    """Windows over turns whose token counts are `turn_tokens`, each within `budget`."""
    total = len(turn_tokens)
    if total == 0:
        return Plan(windows=[Window(0, 0)], notices=[])
    if budgeted(sum(turn_tokens)) <= budget:
        return Plan(windows=[Window(0, total)], notices=[])
    windows: list[Window] = []
    notices: list[str] = []
    start = 0
    while True:
        end, used = start, 0
        while end < total and budgeted(used + turn_tokens[end]) <= budget:
            used += turn_tokens[end]
            end += 1
        if end == start:  # this turn alone is over budget: send it whole, and say so
            notices.append(
                f"Turn {start} is longer ({turn_tokens[start]} tokens) than the model's "
                f"context budget ({budget}); it was sent whole and may be truncated by the "
                "endpoint."
            )
            end = start + 1
        windows.append(Window(start, end))
        if end >= total:
            break
        # Overlap, but always move forward by at least one turn.
        start = max(end - overlap, start + 1)
    notices.append(
        f"The conversation is longer than the model's context budget: it was analysed in "
        f"{len(windows)} overlapping windows of whole turns and the results were merged."
    )
    return Plan(windows=windows, notices=notices)
