"""A signature made of a name over a job title or a firm (no phone, no address) ends the
message and names its writer; a short list closing a message is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.signatures import signature_start

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_headerless_reply_ends_with_a_title_block_then_it_signs_the_message() -> None:
    conversation = parse_file(CORPORATE / "gmail_title_block_signature.txt")
    assert [t.speaker for t in conversation.turns] == ["Tomasz Wrona", "Milan Horvat"]
    newest = conversation.turns[-1]
    assert newest.text.endswith("I would need Petra to approve.")
    assert newest.signature is not None
    assert newest.signature.startswith("Milan\n\nMilan Horvat\nSenior Pricing Analyst")


@pytest.mark.parametrize(
    ("tail", "is_signature"),
    [
        (["Milan Horvat", "Senior Pricing Analyst, Road Freight", "Danubia Logistics"], True),
        (["Ana Ruiz", "Directora Comercial"], True),
        (["Next Steps", "Review Contract", "Sign Order Form"], False),
        (["Dana Reyes", "Will call you tomorrow."], False),
    ],
)
def test_when_a_message_ends_with_a_short_block_then_only_a_title_block_is_a_signature(
    tail: list[str], is_signature: bool
) -> None:
    lines = ["We can hold the price through March.", "", *tail]
    assert (signature_start(lines) == 2) is is_signature
