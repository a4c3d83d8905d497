"""Mail sent from a shared mailbox ("Northwind Dispatch", "Comptabilité fournisseurs")
is written by whoever signs it; signed by the team alone, or by no one, by no one known,
except when the mailbox is the only other party: then it stays the other side."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.framework.side import match_participants
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


_UNSIGNED_BILLING = (
    "From: Dana Reyes <dana@northwind.io>\nSent: Monday, March 2, 2026 9:00 AM\n"
    "To: Acme Billing <billing@acme.com>\nSubject: RE: invoice 4471\n\n"
    "Paid today, thanks.\n\n"
    "From: Acme Billing <billing@acme.com>\nSent: Friday, February 27, 2026 4:00 PM\n"
    "To: Dana Reyes <dana@northwind.io>\nSubject: invoice 4471\n\n"
    "Invoice 4471 for EUR 2,300 is due on 6 March.\n"
)


def test_when_a_shared_mailbox_is_not_signed_among_several_people_then_its_writer_is_unknown() -> (
    None
):
    thread = _UNSIGNED_BILLING.replace(
        "To: Dana Reyes <dana@northwind.io>\n",
        "To: Dana Reyes <dana@northwind.io>\nCc: Omar Haddad <omar@northwind.io>\n",
    )
    conversation = parse_text(thread)
    # No one signs: the team is no person, and whoever wrote it is not known.
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Dana Reyes"]


def test_when_an_unsigned_shared_mailbox_is_the_only_other_party_then_it_stays_the_other_side() -> (
    None
):
    conversation = parse_text(_UNSIGNED_BILLING)
    # Between two parties the mailbox is the other side: a counterpart for the analysis.
    assert [t.speaker for t in conversation.turns] == ["Acme Billing", "Dana Reyes"]
    them = match_participants("billing@acme.com", conversation.participants)
    assert [p.name for p in them] == ["Acme Billing"]


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
