"""An address is a shared inbox's only when its local part is role and place words of
three letters or more: "ag@", "sa@" or "ward@" are a person's (initials, a surname), not
a company form. Accented role words match as written ("Facturación"). And an unsigned
inbox in a thread between two parties stays the other side, under its address."""

from __future__ import annotations

import pytest

from analyzer.framework.side import match_participants
from analyzer.parsers import parse_text
from analyzer.parsers.mailboxes import is_mailbox_address, is_personal


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("ag@gruber-kanzlei.de", False),  # Anna Gruber's initials, not "AG"
        ("sa@moreau-avocats.fr", False),
        ("ward@ward-joinery.co.uk", False),  # a surname
        ("co@harbor-supply.com", False),
        ("info@harbor-supply.com", True),
        ("sales@nordlicht-moebel.de", True),
        ("comptabilite@lumiere-traiteur.fr", True),
        ("facturacion@aceites-sur.es", True),
        ("store114@brisa.com", True),
        ("recepcion.tienda7@brisa.es", True),
    ],
)
def test_when_an_address_is_read_then_only_role_and_place_words_make_an_inbox(
    address: str, mailbox: bool
) -> None:
    assert is_mailbox_address(address) is mailbox


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("Facturación", False),
        ("Administración Central", False),
        ("Comptabilité", False),
        ("Ana Ventura", True),
    ],
)
def test_when_a_display_name_holds_an_accented_role_word_then_it_is_no_person(
    name: str, personal: bool
) -> None:
    assert is_personal(name) is personal


def _thread(address: str) -> str:
    return (
        "From: Markus Weber <m.weber@weber-bau.de>\nSent: Dienstag, 3. März 2026 10:15\n"
        f"To: {address}\nSubject: AW: Rechnung 2026-118\n\n"
        "Wir prüfen die Rechnung noch und melden uns nächste Woche.\n\nMarkus Weber\n\n"
        f"From: {address}\nSent: Montag, 2. März 2026 16:40\n"
        "To: Markus Weber <m.weber@weber-bau.de>\nSubject: Rechnung 2026-118\n\n"
        "Sehr geehrter Herr Weber,\n\n"
        "wenn bis Freitag keine Zahlung eingeht, reichen wir Klage ein.\n"
    )


def test_when_a_person_writes_from_initials_then_her_ultimatum_keeps_a_speaker() -> None:
    conversation = parse_text(_thread("ag@gruber-kanzlei.de"))
    assert "Unknown" not in [t.speaker for t in conversation.turns]
    assert len(conversation.participants) == 2


def test_when_an_unsigned_inbox_writes_between_two_parties_then_it_is_the_other_side() -> None:
    conversation = parse_text(_thread("sales@nordlicht-moebel.de"))
    assert [t.speaker for t in conversation.turns] == ["sales@nordlicht-moebel.de", "Markus Weber"]
    them = match_participants("sales@nordlicht-moebel.de", conversation.participants)
    assert [p.name for p in them] == ["sales@nordlicht-moebel.de"]


def test_when_an_unsigned_inbox_writes_to_several_people_then_no_one_known_wrote_it() -> None:
    thread = _thread("sales@nordlicht-moebel.de").replace(
        "To: Markus Weber <m.weber@weber-bau.de>\n",
        "To: Markus Weber <m.weber@weber-bau.de>\nCc: Jana Roth <j.roth@weber-bau.de>\n",
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Markus Weber"]
