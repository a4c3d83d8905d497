"""Long conversations are split into overlapping windows of whole turns."""

from __future__ import annotations

import pytest

from analyzer.llm.windows import Window, plan_windows


def covered(windows: list[Window]) -> set[int]:
    return {i for w in windows for i in range(w.start, w.end)}


@pytest.mark.parametrize(
    ("turns", "size", "budget"),
    [(60, 100, 1200), (61, 37, 500), (200, 80, 3000), (7, 100, 400), (12, 300, 1500)],
)
def test_when_conversation_is_over_budget_then_windows_keep_every_turn(
    turns: int, size: int, budget: int
) -> None:
    plan = plan_windows([size] * turns, budget)
    assert len(plan.windows) > 1
    assert covered(plan.windows) == set(range(turns))
    for previous, current in zip(plan.windows, plan.windows[1:], strict=False):
        assert current.start > previous.start  # always moves forward
        assert current.start < previous.end  # and overlaps
    assert any("overlapping windows" in n for n in plan.notices)


def test_when_conversation_fits_then_one_window_and_no_notice() -> None:
    plan = plan_windows([50] * 10, 10_000)
    assert plan.windows == [Window(0, 10)] and plan.notices == []


def test_when_one_turn_is_larger_than_the_budget_then_it_is_sent_whole_and_said() -> None:
    plan = plan_windows([100, 5000, 100, 100], 1000)
    assert Window(1, 2) in plan.windows
    assert covered(plan.windows) == {0, 1, 2, 3}
    assert any("Turn 1 is longer" in n for n in plan.notices)


def test_when_windows_overlap_then_by_the_requested_number_of_turns() -> None:
    plan = plan_windows([100] * 30, 1000, overlap=2)
    assert all(b.start == a.end - 2 for a, b in zip(plan.windows, plan.windows[1:], strict=False))
