"""A sender known only by an address that spells no name ("tidewater77@aol.com") is
named by a one-line sign-off that signs ("best Hal", "love Mae"), not by one that may
thank the reader ("Thanks, Dana")."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.signoff import signoff_name

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_an_address_only_sender_signs_on_one_line_then_the_name_is_theirs() -> None:
    conversation = parse_file(CORPORATE / "address_only_one_line_signoff.txt")
    assert [t.speaker for t in conversation.turns] == ["Greg Whalley", "Hal"]
    hal = conversation.participants[1]
    assert hal.addresses == ["tidewater77@aol.com"]


@pytest.mark.parametrize(
    ("last_line", "name"),
    [
        ("love Mae", "Mae"),
        ("Best, Kirk", "Kirk"),
        ("Regards, Ines", "Ines"),
        ("Thanks, Dana", None),  # may thank Dana, the reader
        ("Thank you Dana", None),
        ("Cheers Tom", None),
    ],
)
def test_when_only_signing_formulas_count_then_thanks_to_the_reader_is_no_signature(
    last_line: str, name: str | None
) -> None:
    lines = ["The welder can start on Tuesday.", last_line]
    assert signoff_name(lines, own_line=True) == name
