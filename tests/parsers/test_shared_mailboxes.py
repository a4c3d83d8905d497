"""Mail sent from a shared mailbox ("Northwind Dispatch", "Comptabilité fournisseurs")
is written by whoever signs it; signed by the team alone, by no one known."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.mailboxes import is_personal

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_shared_mailbox_is_signed_then_the_signer_or_no_one_wrote_it() -> None:
    conversation = parse_file(CORPORATE / "outlook_shared_mailboxes.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Laura Jensen",
        "Marek",  # "Northwind Dispatch", signed "-- Marek"
        "Laura Jensen",
        "Unknown",  # "Northwind Accounts", signed "The Accounts Team"
        "Laura Jensen",
    ]
    marek = next(p for p in conversation.participants if p.name == "Marek")
    assert marek.addresses == []  # the mailbox's address is not his


def test_when_a_shared_mailbox_is_not_signed_then_the_mailbox_name_stays() -> None:
    thread = (
        "From: Dana Reyes <dana@northwind.io>\nSent: Monday, March 2, 2026 9:00 AM\n"
        "To: Acme Billing <billing@acme.com>\nSubject: RE: invoice 4471\n\n"
        "Paid today, thanks.\n\n"
        "From: Acme Billing <billing@acme.com>\nSent: Friday, February 27, 2026 4:00 PM\n"
        "To: Dana Reyes <dana@northwind.io>\nSubject: invoice 4471\n\n"
        "Invoice 4471 for EUR 2,300 is due on 6 March.\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Acme Billing", "Dana Reyes"]


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("Brisa Ops", False),
        ("Comptabilité fournisseurs", False),
        ("Facilities Scheduling", False),
        ("Einkauf Hanseatische Bau", False),
        ("Marek Nowak", True),
        ("Ana Ventura", True),
    ],
)
def test_when_a_display_name_names_a_team_then_it_is_not_a_person(
    name: str, personal: bool
) -> None:
    assert is_personal(name) is personal


@pytest.mark.parametrize(
    "name",
    [
        "Accounts Payable",
        "Atención al Cliente",
        "Reservations Desk",
        "Kunden Service",
        "IT Helpdesk",
    ],
)
def test_when_a_mailbox_is_named_for_a_function_then_it_is_no_person(name: str) -> None:
    assert not is_personal(name)
