"""Rule 1's quote matching: verbatim, forgiving only whitespace, quote marks and markers."""

from __future__ import annotations

from analyzer.framework.grounding import locate, single_line

TURN = (
    "Thanks for the call yesterday.\n"
    "We\u2019re not in a position to go any further on price at this time.\n"
    "> quoted line from before"
)


def test_when_quote_is_verbatim_then_its_exact_range_is_returned() -> None:
    quote = "not in a position to go any further"
    start, end = locate(TURN, quote)  # type: ignore[misc]
    assert TURN[start:end] == quote


def test_when_model_retypes_curly_apostrophe_and_spaces_then_the_verbatim_text_is_found() -> None:
    loc = locate(TURN, "We're not in a  position to go any further")
    assert loc is not None
    assert TURN[loc[0] : loc[1]] == "We\u2019re not in a position to go any further"


def test_when_quote_is_invented_then_nothing_is_found() -> None:
    assert locate(TURN, "this is our final offer") is None


def test_when_quote_spans_two_lines_then_the_longest_line_part_is_kept() -> None:
    start, end = locate(TURN, "yesterday. We\u2019re not in a position")  # type: ignore[misc]
    a, b = single_line(TURN, start, end)
    assert TURN[a:b] == "We\u2019re not in a position"
