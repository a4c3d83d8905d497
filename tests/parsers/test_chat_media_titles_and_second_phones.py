"""Chat exports: what the app put in place of a photo, a file or a deleted message is a
message of its sender; a title before a given name and a surname is no part of the name
("Dr. Henrik Vogel"); a contact saved as "Leonie W." is the full name she writes; and one
person under two labels (a work phone, a new number) is one speaker once she says or
signs her name."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.transcripts.chat_export import is_placeholder
from analyzer.parsers.transcripts.contact_names import completed_initial
from analyzer.parsers.transcripts.sender_names import end_signed

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "transcript"


def test_when_an_ios_chat_sends_media_and_deletes_then_each_is_its_senders_message() -> None:
    conversation = parse_file(TRANSCRIPTS / "whatsapp_ios_de_praxis_media.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Henrik Vogel",  # "Dr. Henrik Vogel": the title goes, the other Henrik stays apart
        "Henrik Sommer",  # his words, then the photo asked for ("Bild weggelassen")
        "Henrik Vogel",
        "Leonie Wagner",  # "Leonie W.", who signs the log in full; a deleted message first
        "Henrik Vogel",
        "Henrik Sommer",
        "Leonie Wagner",
    ]
    assert conversation.turns[1].text.endswith("\nBild weggelassen")  # no \u200e mark
    assert conversation.turns[3].text.startswith("Diese Nachricht wurde gelöscht.\n")
    assert {p.name for p in conversation.participants} == {
        "Henrik Vogel",
        "Henrik Sommer",
        "Leonie Wagner",
    }


def test_when_a_media_message_answers_a_request_then_it_is_a_turn_of_its_own() -> None:
    export = (
        "3/9/26, 4:10 PM - Ana Ruiz: Can you send the signed delivery note?\n"
        "3/9/26, 4:22 PM - Tom Berg: <Media omitted>\n"
        "3/9/26, 4:25 PM - Ana Ruiz: Got it, thanks\n"
    )
    conversation = parse_text(export)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Ana Ruiz", "Can you send the signed delivery note?"),
        ("Tom Berg", "<Media omitted>"),
        ("Ana Ruiz", "Got it, thanks"),
    ]


def test_when_one_person_writes_from_two_phones_then_both_labels_are_hers() -> None:
    conversation = parse_file(TRANSCRIPTS / "whatsapp_es_two_phones.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Francisco Gil",  # "Tío Paco": Francisco Gil says "Paco aquí" from his work phone
        "Marta Ibáñez",
        "Beatriz Soto",  # "Bea": Beatriz Soto's new number, signed "Bea"
        "Francisco Gil",
        "Beatriz Soto",  # "gracias Paco" thanks him; it signs no one
        "Marta Ibáñez",
        "Beatriz Soto",
    ]
    assert len(conversation.participants) == 3


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("<Media omitted>", True),
        ("\u200eimagen omitida", True),
        ("\u200eBild weggelassen", True),
        ("\u200evidéo absente", True),
        ("Este mensaje fue eliminado.", True),
        ("<attached: 00000012-PHOTO-2026-03-05-09-11-02.jpg>", True),
        ("image of the site attached, omitted the rest", False),
        ("Bild kommt gleich", False),
    ],
)
def test_when_a_chat_line_is_the_apps_stand_in_then_it_is_recognised(
    text: str, placeholder: bool
) -> None:
    assert is_placeholder(text) is placeholder


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("lol sorry this is my new number, old phone died. Jas", "Jas"),
        ("see you at the boathouse\n- Jas", "Jas"),
        ("thanks Terry", None),  # thanks him, signs no one
        ("ok", None),
    ],
)
def test_when_a_chat_message_ends_with_a_lone_name_then_it_is_read_as_signed(
    text: str, name: str | None
) -> None:
    assert end_signed(text) == name


@pytest.mark.parametrize(
    ("label", "texts", "name"),
    [
        (
            "Julia K.",
            ["Bin dabei. Julia Kowalczyk, falls jemand den Nachnamen braucht"],
            "Julia Kowalczyk",
        ),
        ("Julia K.", ["Danke Julia Brenner!"], None),  # another Julia's surname
        ("Sam T", ["for the form: Sam Thornbury"], "Sam Thornbury"),
        ("Julia Kowalczyk", ["Julia Kowalczyk"], None),  # not saved as an initial
    ],
)
def test_when_a_contact_is_saved_with_an_initial_then_the_full_name_she_writes_completes_it(
    label: str, texts: list[str], name: str | None
) -> None:
    assert completed_initial(label, texts) == name


def test_when_a_new_number_only_signs_a_short_form_then_it_is_the_full_name_it_fits() -> None:
    export = (
        "[07/04/2026, 09:00:12] Beatriz Soto: ¿Quién lleva las llaves del local?\n"
        "[07/04/2026, 09:05:40] Marta Ibáñez: Yo no, las tenía Paco\n"
        "[08/04/2026, 10:15:03] +34 655 555 123: Número nuevo, se me rompió el móvil. Bea\n"
        "[08/04/2026, 10:16:22] +34 655 555 123: \u200eLocation: https://maps.google.com/?q=39.47,-0.37\n"
    )
    conversation = parse_text(export)
    assert [(t.speaker, t.text.split("\n")[-1]) for t in conversation.turns] == [
        ("Beatriz Soto", "¿Quién lleva las llaves del local?"),
        ("Marta Ibáñez", "Yo no, las tenía Paco"),
        ("Beatriz Soto", "Location: https://maps.google.com/?q=39.47,-0.37"),
    ]


def test_when_a_new_number_ends_with_a_word_that_is_no_one_then_it_stays_a_number() -> None:
    export = (
        "07/04/2026, 09:00 - Beatriz Soto: ¿Quién lleva las llaves del local?\n"
        "07/04/2026, 09:05 - +34 655 555 123: Las tengo yo. Gracias\n"
        "07/04/2026, 09:06 - Beatriz Soto: Perfecto\n"
    )
    conversation = parse_text(export)
    assert [t.speaker for t in conversation.turns] == [
        "Beatriz Soto",
        "+34 655 555 123",
        "Beatriz Soto",
    ]
