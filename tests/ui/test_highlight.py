"""Highlighting evidence in place: where marks go, and that text keeps its offsets."""

from __future__ import annotations

import pytest

from analyzer.analysis import Signal
from analyzer.models import Turn
from analyzer.taxonomy import SignalType


def _turn(text: str) -> Turn:
    return Turn(index=0, speaker="Them", text=text)


def _signal(kind: SignalType, quote: str, turn: int = 0) -> Signal:
    return Signal(type=kind, speaker="Them", turn=turn, quote=quote, explanation="why")


def test_when_two_signals_overlap_then_the_shared_words_carry_both() -> None:
    from highlight import marks_for_turn

    turn = _turn("We cannot discuss the cap right now, sorry.")
    marks = marks_for_turn(
        turn,
        [
            _signal(SignalType.TOPIC_AVOIDANCE, "cannot discuss the cap"),
            _signal(SignalType.WEASEL_WORDS, "the cap right now"),
        ],
    )
    pieces = [(turn.text[m.start : m.end], [s.type for s in m.signals]) for m in marks]
    assert pieces == [
        ("cannot discuss ", [SignalType.TOPIC_AVOIDANCE]),
        ("the cap", [SignalType.TOPIC_AVOIDANCE, SignalType.WEASEL_WORDS]),
        (" right now", [SignalType.WEASEL_WORDS]),
    ]


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("“final offer”", "final offer"),  # curly marks forgiven, as the grounding rule does
        ("final   offer", "final offer"),  # so is whitespace
        ("best and final", None),  # not in the turn: nothing is marked
    ],
)
def test_when_a_quote_is_retyped_then_it_is_marked_only_if_grounded(
    quote: str, found: str | None
) -> None:
    from highlight import marks_for_turn

    turn = _turn("This is our final offer for the renewal.")
    marks = marks_for_turn(turn, [_signal(SignalType.ULTIMATUM, quote)])
    assert [turn.text[m.start : m.end] for m in marks] == ([found] if found else [])


def test_when_a_signal_cites_another_turn_then_this_turn_has_no_mark() -> None:
    from highlight import marks_for_turn

    turn = _turn("This is our final offer.")
    assert marks_for_turn(turn, [_signal(SignalType.ULTIMATUM, "final offer", turn=3)]) == []


def test_when_email_lines_are_hard_wrapped_then_they_are_joined_at_the_same_offsets() -> None:
    from highlight import unwrap_lines

    text = (
        "Thanks for the revised draft. We are not comfortable discussing the liability\n"
        "cap on this call.\n\nRegards,\nMark"
    )
    joined = unwrap_lines(text)
    assert len(joined) == len(text)
    assert "liability cap on this call." in joined
    assert joined.endswith("\n\nRegards,\nMark")
