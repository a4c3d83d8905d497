"""Chat exports name senders as the phone saved them: contact notes are dropped, and an
unsaved number or a nickname takes the name its sender introduces themself with."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.models import InputFormat
from analyzer.parsers import parse_file
from analyzer.parsers.transcripts.chat_names import chat_names, introduced_name

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "transcript"


def test_when_contacts_carry_notes_or_numbers_then_each_message_has_the_persons_name() -> None:
    conversation = parse_file(TRANSCRIPTS / "whatsapp_site_contacts.txt")
    assert conversation.format is InputFormat.WHATSAPP
    assert [t.speaker for t in conversation.turns] == [
        "Grace Whitfield",
        "Owen",  # "Owen (plumbing)"
        "Priya",  # an unsaved number: "Priya here from Castell Electrical"
        "Grace Whitfield",
        "Dimitri Kostas",  # the new number: "this is Dimitri", completed by the app's line
        "Grace Whitfield",
        "Dimitri Kostas",
        "Samantha Reid",  # "Sam - Whitfield Build": "This is Samantha Reid"
        "Priya",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bonjour, c'est Thierry, nouveau numéro", "Thierry"),
        ("Hi everyone, Carlos Mendes here from the Lisbon office", "Carlos Mendes"),
        ("Hallo zusammen, hier ist Emre vom Lager", "Emre"),
        ("Buenas, soy Lucía Gómez, la nueva coordinadora", "Lucía Gómez"),
        ("this is great, thanks", None),
        ("C'est parfait pour moi", None),
        ("This is Friday's plan", None),
    ],
)
def test_when_a_message_says_who_writes_then_the_name_is_read(text: str, name: str | None) -> None:
    assert introduced_name(text) == name


def test_when_a_contact_note_would_collide_with_another_label_then_it_is_kept() -> None:
    messages = [("Lucas (élec)", "ok"), ("Lucas", "d'accord"), ("+33 6 55 51 00 00", "ok")]
    assert chat_names(messages, []) == {}


def test_when_an_introduction_does_not_fit_the_contact_name_then_the_contact_name_stays() -> None:
    messages = [("Jess - Harborline", "Hi, this is Tom Baker's office, he asked me to write")]
    assert chat_names(messages, []) == {"Jess - Harborline": "Jess"}
