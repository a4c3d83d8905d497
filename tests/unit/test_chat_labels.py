"""Speaker labels as real chats write them (saved contacts, roles, phone numbers) and
WhatsApp exports as their own format, with the app's system lines left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.models import InputFormat
from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.transcripts.labels import match_label

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "transcript"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Tom's dad: can we move pickup to 4?", "Tom's dad"),
        ("Mia’s mum: fine", "Mia’s mum"),
        ("Mrs Carter (Y4 rep): yes", "Mrs Carter (Y4 rep)"),
        ("Flat no. 18: we object", "Flat no. 18"),
        ("Conseil de quartier Saint-Michel: d'accord", "Conseil de quartier Saint-Michel"),
        ("Club Forme+ : 30 euros", "Club Forme+"),
        ("Club Forme+\u00a0: 30 euros", "Club Forme+"),
        ("Host - Rick: welcome", "Host - Rick"),
        ("Agent - Priya: 52", "Agent - Priya"),
        ("+33 6 12 34 56 78: is it final?", "+33 6 12 34 56 78"),
        ("~ Marie: ok", "Marie"),
        ("Mum 💐: ok", "Mum 💐"),
        ("Jordan Lee (Acme Ltd): ok", "Jordan Lee (Acme Ltd)"),
    ],
)
def test_when_a_chat_names_a_sender_as_phones_do_then_it_is_a_label(line: str, name: str) -> None:
    found = match_label(line)
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    "line",
    [
        "Note: the lift is broken",
        "Re: the charges",
        "Subject: charges",
        "https://example.org/draft",
        "Here's why: it is cheaper",
        "What's next: the meeting",
        "The answer is: no",
        "Update from Sam: signed",
        "Our offer: 40",
        "Well, here it is: 40",
        "10:30: kickoff",
    ],
)
def test_when_prose_ends_a_phrase_with_a_colon_then_it_is_no_label(line: str) -> None:
    assert match_label(line) is None


def test_when_a_whatsapp_group_has_odd_contact_names_then_each_message_has_its_sender() -> None:
    conv = parse_file(FIXTURES / "whatsapp_residents_group.txt")
    assert conv.format is InputFormat.WHATSAPP
    assert [(t.speaker, t.timestamp) for t in conv.turns] == [
        ("Flat no. 18", "2026-03-12T18:05:00"),
        ("Tom's dad", "2026-03-12T18:09:00"),
        ("+33 6 12 34 56 78", "2026-03-12T18:11:00"),
        ("Mrs Carter", "2026-03-12T18:15:00"),  # the contact note "(Y4 rep)" dropped
        ("Conseil de quartier Saint-Michel", "2026-03-12T18:20:00"),
        ("Club Forme+", "2026-03-12T18:21:00"),
        ("Mrs Carter", "2026-03-12T18:22:00"),  # "This message was deleted": hers
        ("Flat no. 18", "2026-03-13T08:40:00"),
        ("Tom's dad", "2026-03-13T08:45:00"),
    ]
    # "Note:" and "Re:" inside a message stay words of its sender.
    assert conv.turns[2].text == (
        "Agreed. Note: the lift has been broken since January.\n<Media omitted>"
    )
    assert conv.turns[0].text.endswith("\nWe should answer together before the meeting.")


def test_when_a_whatsapp_export_has_system_lines_then_no_one_says_them() -> None:
    conv = parse_file(FIXTURES / "whatsapp_residents_group.txt")
    said = "\n".join(t.text for t in conv.turns)
    for system in ("end-to-end", "added", "created group"):
        assert system not in said
    assert "changed the group description" not in said
    assert any("4 chat system line(s)" in w for w in conv.warnings)
    assert "Unknown" not in conv.speakers()


def test_when_a_whatsapp_message_is_media_or_deleted_then_it_is_its_senders() -> None:
    conv = parse_file(FIXTURES / "whatsapp_residents_group.txt")
    # The photo follows the sender's own words (one turn); the deleted message is a turn.
    assert (conv.turns[6].speaker, conv.turns[6].text) == ("Mrs Carter", "This message was deleted")
    assert any("2 message(s) are the app's stand-in" in w for w in conv.warnings)


@pytest.mark.parametrize(
    "export",
    [
        "12/03/2026, 14:05 - Dana Reyes: 450?\n12/03/2026, 14:07 - Tom: 420\n",
        "[12/03/2026, 14:05:33] Dana Reyes: 450?\n[12/03/2026, 14:07:01] Tom: 420\n",
        "12.03.26, 14:05 - Dana Reyes: 450?\n12.03.26, 14:07 - Tom: 420\n",
        "12/03/2026 à 14:05 - Dana Reyes: 450?\n12/03/2026 à 14:07 - Tom: 420\n",
    ],
    ids=["android", "ios", "german", "french"],
)
def test_when_a_chat_export_is_pasted_then_its_format_is_whatsapp(export: str) -> None:
    conv = parse_text(export)
    assert conv.format is InputFormat.WHATSAPP
    assert [(t.speaker, t.text) for t in conv.turns] == [("Dana Reyes", "450?"), ("Tom", "420")]


def test_when_labels_carry_a_role_and_a_dash_then_each_line_is_its_speakers() -> None:
    conv = parse_file(FIXTURES / "labelled_roles_call.txt")
    assert conv.format is InputFormat.SPEAKER_TEXT
    assert [t.speaker for t in conv.turns] == [
        "Agent - Priya",
        "Host - Rick",
        "Agent - Priya",
        "Host - Rick",
        "Agent - Priya",
    ]
    assert conv.turns[2].text == (
        "I can offer 52 if you sign for two years.\nNote: the customer asked for this in writing."
    )


def test_when_an_ios_export_names_the_group_on_its_own_lines_then_they_are_left_out() -> None:
    export = (
        "[12/03/2026, 18:02:10] Résidence Les Tilleuls: \u200eMessages and calls are "
        "end-to-end encrypted. No one outside of this chat can read them.\n"
        "[12/03/2026, 18:03:44] Résidence Les Tilleuls: \u200eFlat no. 18 added Tom's dad\n"
        "[12/03/2026, 18:05:02] Flat no. 18: The syndic wants 12% more from April.\n"
        "[12/03/2026, 18:06:30] Tom's dad: \u200eimage omitted\n"
        "[12/03/2026, 18:09:12] Tom's dad: 12% is a lot.\n"
    )
    conv = parse_text(export)
    assert conv.format is InputFormat.WHATSAPP
    assert [(t.speaker, t.text) for t in conv.turns] == [
        ("Flat no. 18", "The syndic wants 12% more from April."),
        ("Tom's dad", "image omitted\n12% is a lot."),  # the photo is his, mark dropped
    ]


def test_when_a_chat_message_runs_over_lines_then_a_colon_inside_it_opens_no_message() -> None:
    export = (
        "12/03/2026, 18:05 - Flat no. 18: Minutes of Monday, as agreed:\n"
        "Syndic: wants 12% from April\n"
        "Residents: 6% at most, lift first\n"
        "12/03/2026, 18:09 - Tom's dad: Thanks, that's right.\n"
    )
    conv = parse_text(export)
    assert conv.format is InputFormat.WHATSAPP
    assert [t.speaker for t in conv.turns] == ["Flat no. 18", "Tom's dad"]
    assert conv.turns[0].text.endswith("Residents: 6% at most, lift first")


def test_when_chat_lines_carry_a_day_month_and_clock_then_each_line_is_its_senders() -> None:
    # Phone SMS backups and copied group chats stamp lines "[09/06 07:42]", with no year.
    chat = (
        "[09/06 07:42] Gary Hollis: Morning Marta, is 8,400 for the roof package still on?\n"
        "[09/06 07:55] Marta Quinn: Still thinking about it, the scaffolding quote came in high.\n"
        "[9.6. 12:10] Gary Hollis: Need a yes or no by Friday, I have other jobs waiting.\n"
        "[10/06 08:02:15] Marta Quinn: Busy week here.\n"
        "Will get back to you.\n"
    )
    conversation = parse_text(chat)
    assert [t.speaker for t in conversation.turns] == [
        "Gary Hollis", "Marta Quinn", "Gary Hollis", "Marta Quinn",
    ]  # fmt: skip
    assert conversation.turns[1].text.startswith("Still thinking about it")
    assert conversation.turns[3].text == "Busy week here.\nWill get back to you."
