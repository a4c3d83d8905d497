"""Chat exports: an emoji a contact name carries is no part of the name ("Gareth Lloyd
🥕"), a contact who signs in full is that full name ("Maggie 🌻" signing "Best, Maggie
Pryce"), and a new number saying "it's Aisha" is the Aisha Bello the app said changed
number."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.transcripts.sender_names import introduced_name, signed_name

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "transcript"


def test_when_contacts_carry_emoji_sign_in_full_or_change_number_then_each_is_one_person() -> None:
    conversation = parse_file(TRANSCRIPTS / "whatsapp_decorated_names_new_number.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Aisha Bello",
        "Gareth Lloyd",
        "Maggie Pryce",
        "Aisha Bello",  # "+44 7700 900461": "new number, it's Aisha"
        "Maggie Pryce",
        "Aisha Bello",
    ]
    assert {p.name for p in conversation.participants} == {
        "Aisha Bello",
        "Gareth Lloyd",
        "Maggie Pryce",
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sí, sin problema\nSaludos, Nuria Sanchis", "Nuria Sanchis"),
        ("Counter at £1,200.\nBest, Maggie Pryce", "Maggie Pryce"),
        ("Great, see you there\nThanks, Tom Berg", None),  # may thank Tom Berg
        ("Best, Maggie", None),  # a first name adds nothing to a contact name
    ],
)
def test_when_a_chat_message_closes_with_a_signed_full_name_then_it_is_read(
    text: str, name: str | None
) -> None:
    assert signed_name(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi all, new number, it's Aisha. Please update your contacts", "Aisha"),
        ("it's Friday, finally", None),
        ("It is Monday's delivery that worries me", None),
    ],
)
def test_when_a_new_number_says_its_name_then_it_is_read(text: str, name: str | None) -> None:
    assert introduced_name(text) == name
