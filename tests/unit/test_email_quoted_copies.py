"""Partial quotes of a message the file also holds, and sender names with brackets."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.addresses import parse_address

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email"


def test_when_replies_quote_only_part_of_a_message_then_no_extra_turn_appears() -> None:
    # Message 2 quotes two cut, non-adjacent lines of message 1 with no "On ... wrote:";
    # message 3 quotes the last line of message 2 under its "On ... wrote:" line.
    conv = parse_file(FIXTURES / "partial_quotes.mbox")
    assert [(t.speaker, t.timestamp) for t in conv.turns] == [
        ("Jordan Lee", "2026-03-02T09:04:11+00:00"),
        ("Priya Nair", "2026-03-02T15:47:30+00:00"),
        ("Jordan Lee", "2026-03-03T10:15:02+00:00"),
        ("Priya Nair", "2026-03-03T16:20:45+00:00"),
    ]
    assert not any(t.from_quote for t in conv.turns)
    assert conv.turns[1].text == (
        "That is 9% up on this year. The governors approved GBP 60,000 including the\n"
        "windows.\n\nWe can sign by the 20th if we agree this week."
    )
    assert [(p.name, p.aliases) for p in conv.participants] == [
        ("Jordan Lee", ["Jordan Lee (Acme Ltd)"]),
        ("Priya Nair", []),
    ]


def test_when_outlook_senders_carry_brackets_then_names_are_whole() -> None:
    conv = parse_file(FIXTURES / "outlook_bracketed_names.txt")
    assert [t.speaker for t in conv.turns] == [
        "Tom Hughes",
        "Jordan Lee",
        "Priya Nair",
        "Jordan Lee",
    ]
    assert {p.name: p.aliases for p in conv.participants} == {
        "Tom Hughes": ["(Bursary) Tom Hughes"],
        "Jordan Lee": ["Jordan Lee (Acme Ltd)"],
        "Priya Nair": ["Nair, Priya (she/her)"],
    }


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Jordan Lee (Acme Ltd) <jordan.lee@acme.example>", "Jordan Lee (Acme Ltd)"),
        ('"Jordan Lee (Acme Ltd)" <jordan.lee@acme.example>', "Jordan Lee (Acme Ltd)"),
        ("(Acme Ltd) Jordan Lee <jordan.lee@acme.example>", "(Acme Ltd) Jordan Lee"),
        ("Jordan Lee (he/him) <jordan.lee@acme.example>", "Jordan Lee (he/him)"),
        ("jordan.lee@acme.example (Jordan Lee)", "Jordan Lee"),
        ("jordan.lee@acme.example (Jordan Lee (Acme Ltd))", "Jordan Lee (Acme Ltd)"),
        ("Jordan Lee (Acme Ltd.) [mailto:jordan.lee@acme.example]", "Jordan Lee (Acme Ltd.)"),
        ("Taylor, Mark E (Legal", "Taylor, Mark E (Legal)"),
        ("Jane Doe/ACME", "Jane Doe"),
    ],
)
def test_when_a_display_name_has_brackets_then_it_is_read_whole(value: str, name: str) -> None:
    assert parse_address(value)[0] == name
