"""Partial quotes of a message the file also holds, and sender names with brackets."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_bytes, parse_file
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


_MBOX = """From dana@northwind.example Mon Mar  2 09:00:00 2026
From: Dana Reyes <dana@northwind.example>
To: Tom Okafor <tom@acme.example>
Subject: Renewal
Date: Mon, 2 Mar 2026 09:00:00 +0000

The renewal for 40 seats comes to 52 per seat per month.
Onboarding for the new team is included at no charge.

From tom@acme.example Mon Mar  2 16:02:00 2026
From: Tom Okafor <tom@acme.example>
To: Dana Reyes <dana@northwind.example>
Subject: Re: Renewal
Date: Mon, 2 Mar 2026 16:02:00 +0000

45 would work for us.

{quote}
"""


@pytest.mark.parametrize(
    ("quote", "speakers"),
    [
        ("> Onboarding for the new team is included at no charge.", ["Dana Reyes", "Tom Okafor"]),
        (
            "On Mon, 2 Mar 2026 at 09:00, Dana Reyes <dana@northwind.example> wrote:\n"
            "> comes to 52 per seat per month.",
            ["Dana Reyes", "Tom Okafor"],
        ),
        # Words Dana wrote, quoted as someone else's: not her message.
        (
            "On Sun, 1 Mar 2026 at 18:00, Lena Vogt <lena@acme.example> wrote:\n"
            "> Onboarding for the new team is included at no charge.",
            ["Dana Reyes", "Lena Vogt", "Tom Okafor"],
        ),
        # A quote of words that are in no message of the file stays a message.
        (
            "> The renewal for 40 seats comes to 58 per seat per month.",
            ["Dana Reyes", "Unknown", "Tom Okafor"],
        ),
    ],
    ids=["partial, no attribution", "partial, attribution", "other sender", "not in the file"],
)
def test_when_a_reply_quotes_part_of_a_message_then_only_a_copy_of_it_is_merged(
    quote: str, speakers: list[str]
) -> None:
    conv = parse_bytes(_MBOX.format(quote=quote).encode(), filename="renewal.mbox")
    assert [t.speaker for t in conv.turns] == speakers
