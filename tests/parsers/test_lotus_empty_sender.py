"""A Lotus Notes sender line whose name the gateway lost ('" " <> on 09/13/2001 08:15:42
AM') still heads a message: one message by no one known, the line in no one's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.headers import match_notes_sender

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_lotus_sender_is_empty_then_the_forwarded_message_is_unknowns_alone() -> None:
    conversation = parse_file(CORPORATE / "lotus_empty_sender.txt")
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Marty Jessup", "Carla Ruiz"]
    assert conversation.turns[0].text.startswith("Station 12 will be down")
    assert all('" " <>' not in t.text for t in conversation.turns)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ('" " <> on 09/13/2001 08:15:42 AM', "2001-09-13T08:15:42"),
        ("<> on 09/13/2001 08:15 AM", "2001-09-13T08:15:00"),
    ],
)
def test_when_a_notes_sender_line_has_no_name_then_it_is_a_sender_line_without_one(
    line: str, date: str
) -> None:
    found = match_notes_sender(line)
    assert found is not None
    assert (found.name, found.address, found.date) == (None, None, date)
