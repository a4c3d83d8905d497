"""Mailing-list archives: "x at y.org (Name)" senders, a post quoted under the list's
bounce address "On Behalf Of" its author, a member writing from a private account as
"First L", and an address-only sender named by a name-and-title signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.claims import Claim
from analyzer.parsers.emails.addresses import parse_address, unhide_addresses
from analyzer.parsers.identity import resolve

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_list_archive_is_parsed_then_each_post_has_its_author_once() -> None:
    conversation = parse_file(CORPORATE / "mbox_list_archive.mbox")
    assert [t.speaker for t in conversation.turns] == [
        "Rebecka Lindqvist",
        "Tobias Faber",
        "Rebecka Lindqvist",  # "Rebecka L" <becka.lq at gmail.com>
        "Heikki Saarinen",  # address only, signed "Heikki Saarinen / Finance Business Partner"
    ]
    rebecka = conversation.participants[0]
    assert rebecka.addresses == ["rlindqvist@keelwater.org", "becka.lq@gmail.com"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jmoreno at example.com (Jill Moreno)", ("Jill Moreno", "jmoreno@example.com")),
        ("bpatel at lists.example.org", (None, "bpatel@lists.example.org")),
        ("Kim Lee <kim at example.co.uk>", ("Kim Lee", "kim@example.co.uk")),
    ],
)
def test_when_an_archive_spells_out_at_then_the_address_is_read(
    value: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_address(value) == expected


def test_when_at_is_an_ordinary_word_then_the_text_is_unchanged() -> None:
    text = "On Mon, Mar 23, 2026 at 9:30 AM we met at the office"
    assert unhide_addresses(text) == text


def test_when_a_from_line_wraps_on_behalf_of_then_the_principal_is_the_sender() -> None:
    thread = (
        "Sounds good.\n\nAnn\n\n-----Original Message-----\n"
        "From: ops-bounces@lists.example.org\n"
        "[mailto:ops-bounces@lists.example.org] On Behalf Of\n"
        "Dana Reyes\n"
        "Sent: Monday, March 2, 2026 9:00 AM\n"
        "To: ops@lists.example.org\nSubject: dock 4\n\n"
        "Dock 4 is closed on Friday for repairs.\n\nDana Reyes\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Dana Reyes", "Ann"]
    assert "On Behalf Of" not in conversation.turns[0].text


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (  # "Sam O" from a private address: Samuel Okafor, the one Sam whose surname is O...
            [Claim("Samuel Okafor", "sokafor@x.org"), Claim("Sam O", "sam77@gmail.com")],
            ["Samuel Okafor", "Samuel Okafor"],
        ),
        (  # ...but not when the initial is another surname's
            [Claim("Samuel Okafor", "sokafor@x.org"), Claim("Sam B", "sam77@gmail.com")],
            ["Samuel Okafor", "Sam"],
        ),
        (  # nor when two people fit
            [
                Claim("Samuel Okafor", "sokafor@x.org"),
                Claim("Samantha Obi", "sobi@x.org"),
                Claim("Sam O", "sam77@gmail.com"),
            ],
            ["Samuel Okafor", "Samantha Obi", "Sam"],
        ),
    ],
)
def test_when_a_sender_shows_a_given_name_and_an_initial_then_the_one_fitting_person_is_it(
    claims: list[Claim], expected: list[str]
) -> None:
    assert resolve(claims).speakers == expected
