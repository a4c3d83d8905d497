"""Who wrote what when a note quotes an excerpt, a branch inbox answers, a delegate signs,
a directory lists the surname first or a display name is a nickname.

- A `>` excerpt a forward note quotes from a message the thread holds is that message,
  not a new one by Unknown.
- An address made of role or place words and numbers (`agence12@`, `info@`) is a shared
  inbox: whoever signs its message wrote it, else no one known; it is no one's address.
- A delegate who signs ("Soto, Lucía <lucia.soto@…> en nombre de Marín, Pedro") keeps her
  own address and display name.
- "Nakamura Kenji <kenji.nakamura@…>" is Kenji Nakamura, in the order the address spells;
  "De : Rousseau Delphine" signing "Delphine Rousseau" is read in the order she signs.
- "Peggy Ostrowski <margaret.ostrowski@…>" is Margaret Ostrowski: the full given name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.mailboxes import is_mailbox_address

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_forward_note_quotes_an_excerpt_of_an_older_message_then_it_is_no_new_message() -> (
    None
):
    conversation = parse_file(CORPORATE / "outlook_de_excerpt_in_forward_note.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Petra Lindner",
        "Jonas Weber",
        "Petra Lindner",
        "Jonas Weber",
    ]
    # The note keeps its own words; the excerpt is neither its text nor a turn.
    assert "Halle 3 während" not in conversation.turns[-1].text
    assert conversation.turns[-1].text.startswith("Hallo Sven,")


def test_when_a_branch_inbox_answers_unsigned_then_no_one_known_wrote_it() -> None:
    conversation = parse_file(CORPORATE / "outlook_fr_branch_mailbox_unsigned.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Sandrine Morel",
        "Unknown",
        "Sandrine Morel",
    ]
    assert [p.name for p in conversation.participants] == ["Sandrine Morel"]
    assert conversation.turns[1].speaker_address is None


def test_when_a_branch_inbox_with_a_display_name_is_signed_then_the_signer_wrote_it() -> None:
    thread = (
        "From: Store 114 <store114@bramblemart.example>\n"
        "Sent: Tuesday, October 2, 2001 11:52 AM\n"
        "To: Lee, Marcus <marcus.lee@bramblemart.example>\n"
        "Subject: RE: Damaged pallets\n\n"
        "We counted 9 pallets with crushed cartons on the Friday truck.\n\n"
        "Thanks,\nGloria\n\n"
        "From: Lee, Marcus <marcus.lee@bramblemart.example>\n"
        "Sent: Monday, October 1, 2001 4:40 PM\n"
        "To: Store 114 <store114@bramblemart.example>\n"
        "Subject: Damaged pallets\n\n"
        "How many pallets were damaged on the Friday delivery?\n\nMarcus Lee\n"
    )
    conversation = parse_text(thread)
    # "Store 114" (a place and its number) is no person: the one who signs wrote it.
    assert [t.speaker for t in conversation.turns] == ["Marcus Lee", "Gloria"]
    assert conversation.participants[1].addresses == []


def test_when_a_shared_inbox_message_is_signed_then_the_signer_wrote_it() -> None:
    thread = (
        "From: accueil@hotel-lesremparts.fr\n"
        "Sent: Friday, March 6, 2026 9:40 AM\n"
        "To: Dana Reyes <dana.reyes@northwind.io>\n"
        "Subject: RE: Group booking, 12-14 May\n\n"
        "Dear Ms Reyes,\n\nWe can hold 18 rooms at 142 EUR until 20 March.\n\n"
        "Kind regards,\nNadia Benali\n\n"
        "From: Dana Reyes <dana.reyes@northwind.io>\n"
        "Sent: Thursday, March 5, 2026 4:10 PM\n"
        "To: accueil@hotel-lesremparts.fr\n"
        "Subject: Group booking, 12-14 May\n\n"
        "Hello, could you quote 18 rooms for 12-14 May?\n\nDana Reyes\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Dana Reyes", "Nadia Benali"]
    nadia = conversation.participants[1]
    assert (nadia.name, nadia.addresses) == ("Nadia Benali", [])


def test_when_a_delegate_signs_and_a_name_is_surname_first_then_each_keeps_their_own() -> None:
    conversation = parse_file(CORPORATE / "outlook_es_delegate_and_surname_first.txt")
    assert [t.speaker for t in conversation.turns] == ["Kenji Nakamura", "Lucía Soto"]
    kenji, lucia = conversation.participants
    assert (kenji.aliases, kenji.addresses) == (
        ["Nakamura Kenji"],
        ["kenji.nakamura@hoshiko-trading.jp"],
    )
    # Hers, not the principal's: Pedro Marín never writes and keeps nothing.
    assert (lucia.aliases, lucia.addresses) == (["Soto, Lucía"], ["lucia.soto@grupomarin.es"])


def test_when_an_assistant_sends_on_behalf_of_her_boss_then_her_address_stays_hers() -> None:
    thread = (
        "Von: Albrecht, Svenja <svenja.albrecht@weserwerft.example> Im Auftrag von Kramer, Dirk\n"
        "Gesendet: Dienstag, 10. März 2026 09:14\n"
        "An: Jensen, Lars <lars.jensen@nordkran.example>\n"
        "Betreff: AW: Kranmiete Dock 2\n\n"
        "Guten Morgen Herr Jensen,\n\nHerr Kramer ist diese Woche auf Dienstreise. Er bittet um ein\n"
        "Angebot mit 10 % Nachlass bis Freitag.\n\n"
        "Mit freundlichen Grüßen\nSvenja Albrecht\nAssistentin von Dirk Kramer, Geschäftsführung\n\n"
        "Von: Jensen, Lars <lars.jensen@nordkran.example>\n"
        "Gesendet: Montag, 9. März 2026 16:40\n"
        "An: Kramer, Dirk <dirk.kramer@weserwerft.example>\n"
        "Betreff: Kranmiete Dock 2\n\n"
        "Die Miete für den Kran an Dock 2 beträgt 4.800 € pro Woche.\n\nLars Jensen\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Lars Jensen", "Svenja Albrecht"]
    svenja = conversation.participants[1]
    assert (svenja.aliases, svenja.addresses) == (
        ["Albrecht, Svenja"],
        ["svenja.albrecht@weserwerft.example"],
    )


def test_when_a_display_name_is_a_nickname_of_the_address_then_the_full_name_is_canonical() -> None:
    conversation = parse_file(CORPORATE / "gmail_nickname_display_formal_address.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Ray Castillo",
        "Margaret Ostrowski",
        "Ray Castillo",
    ]
    assert conversation.participants[1].aliases == ["Peggy Ostrowski"]


def test_when_a_header_lists_the_surname_first_then_the_name_is_read_as_its_owner_signs() -> None:
    conversation = parse_file(CORPORATE / "outlook_fr_surname_first_signed.txt")
    assert [t.speaker for t in conversation.turns] == ["Olivier Mercier", "Delphine Rousseau"]
    assert [p.aliases for p in conversation.participants] == [
        ["Mercier Olivier"],
        ["Rousseau Delphine"],
    ]


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("agence12@transports-rhone.fr", True),
        ("store114@bramblemart.example", True),
        ("info@firm.example", True),
        ("recepcion.tienda7@gruponorte.example", True),
        ("filiale-12@baumarkt.example", True),
        ("sandrine.morel@transports-rhone.fr", False),
        ("samokafor77@gmail.com", False),  # a person's private address with digits
        ("jstore@firm.example", False),
    ],
)
def test_when_an_address_is_role_or_place_words_and_numbers_then_it_is_a_mailbox(
    address: str, mailbox: bool
) -> None:
    assert is_mailbox_address(address) is mailbox
