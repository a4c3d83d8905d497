"""Alerts, receipts and bounces from a machine's address ("noreply@", "do-not-reply@",
"mailer-daemon@") were written by no person: their messages are by no one known, whatever
display name the system gives them, and the system is no participant."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.addresses import parse_address

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_forwarded_notice_comes_from_a_no_reply_address_then_no_one_wrote_it() -> None:
    conversation = parse_file(CORPORATE / "mbox_automated_notice_forwarded.mbox")
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Olu Adebayo", "Sian Pritchard"]
    assert "Tidemark Energy Billing" not in {p.name for p in conversation.participants}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tidemark Energy Billing <no-reply@portal.tidemark.example>", (None, None)),
        ("Alerts <noreply@bank.example>", (None, None)),
        ("<donotreply@hr.example>", (None, None)),
        ("Mail Delivery System <MAILER-DAEMON@mx.example>", (None, None)),
        ("Replies Desk <replies@acme.example>", ("Replies Desk", "replies@acme.example")),
        ("Nora Reply <nora.reply@acme.example>", ("Nora Reply", "nora.reply@acme.example")),
    ],
)
def test_when_a_sender_address_is_a_no_reply_one_then_it_names_no_one(
    header: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_address(header) == expected
