"""Chat exports name senders as the phone saved them: contact notes are dropped, and an
unsaved number or a nickname takes the name its sender introduces themself with."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.models import InputFormat
from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.transcripts.chat_names import chat_names
from analyzer.parsers.transcripts.sender_names import introduced_name

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
        "Owen",  # "<Media omitted>": what he sent is his message
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


@pytest.mark.parametrize(
    ("system_line", "number", "name"),
    [
        ("Thierry Vasseur a changé son numéro pour +33 6 55 51 23 40", "+33 6 55 51 23 40", "Thierry Vasseur"),
        ("Emre Yilmaz hat seine Nummer zu +49 151 5550 1234 geändert", "+49 151 5550 1234", "Emre Yilmaz"),
        ("Ana Lopes changed to +1 (415) 555-0142", "+1 (415) 555-0142", "Ana Lopes"),
        ("Ana Lopes added +1 (415) 555-0142", "+1 (415) 555-0142", None),  # added, not changed
    ],
)  # fmt: skip
def test_when_the_app_says_who_changed_to_a_number_then_the_number_is_that_person(
    system_line: str, number: str, name: str | None
) -> None:
    found = chat_names([(number, "ok, on my way")], [system_line])
    assert found.get(number) == name


def test_when_an_ios_group_line_names_a_new_number_then_its_sender_is_that_person() -> None:
    export = (
        "[12/03/2026, 09:00:01] Hannah Wu: Flights are booked for Friday\n"
        "[12/03/2026, 09:01:10] Dev Patel: Great, thanks\n"
        "[12/03/2026, 09:02:31] Lisbon Offsite: \u200eAna Lopes changed to +1 (415) 555-0142\n"
        "[12/03/2026, 09:03:48] +1 (415) 555-0142: I land at 22:40 on Thursday\n"
        "[12/03/2026, 09:05:02] Hannah Wu: Noted, Ana\n"
    )
    conversation = parse_text(export)
    assert conversation.format is InputFormat.WHATSAPP
    assert [t.speaker for t in conversation.turns] == [
        "Hannah Wu",
        "Dev Patel",
        "Ana Lopes",
        "Hannah Wu",
    ]
