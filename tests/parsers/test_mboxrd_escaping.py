"""mboxrd files escape a body line that starts with "From " as ">From ": that line is the
writer's own text, not a quoted copy of someone else's."""

from __future__ import annotations

from pathlib import Path

from analyzer.parsers import parse_file

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_body_line_is_mboxrd_escaped_then_it_stays_in_the_writers_turn() -> None:
    conversation = parse_file(CORPORATE / "mboxrd_escaped_from.mbox")
    assert [t.speaker for t in conversation.turns] == [
        "Priya Raman",
        "Gustavo Lima",
        "Priya Raman",
    ]
    gustavo = conversation.turns[1]
    assert gustavo.text.endswith("From our side the lead time stays at nine weeks either way.")
    assert not gustavo.from_quote
