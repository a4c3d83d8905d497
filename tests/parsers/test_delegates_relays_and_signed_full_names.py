"""Senders shown through someone else: a delegate writing "Im Auftrag von" her boss, a
member posting "via" a Google Group, and a writer whose signature spells the name the
header shortens."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.addresses import delegate_of, parse_address

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


@pytest.mark.parametrize(
    ("value", "name", "address"),
    [
        ("Weber, Jana <jana.weber@x.de> Im Auftrag von Braun, Olaf", "Braun, Olaf", None),
        ("Leroy, Anne <anne.leroy@x.fr> De la part de Morel, Paul", "Morel, Paul", None),
        ("Gil, Eva <eva.gil@x.es> En nombre de Pardo, Luis", "Pardo, Luis", None),
        ("Theo Brandt via Kelbrook Partners <partners@kelbrook.com>", "Theo Brandt", None),
        ("Vía Láctea Foods <hola@vialactea.es>", "Vía Láctea Foods", "hola@vialactea.es"),
    ],
)
def test_when_a_header_shows_a_delegation_or_relay_then_the_sender_is_the_person_named(
    value: str, name: str, address: str | None
) -> None:
    assert parse_address(value) == (name, address)


def test_when_a_delegate_sends_im_auftrag_then_her_name_is_known_for_her_signature() -> None:
    value = "Krüger, Lena <lena.krueger@elbtal.de> Im Auftrag von Hoffmann, Uwe"
    assert delegate_of(value) == ("Krüger, Lena", "lena.krueger@elbtal.de")
    assert delegate_of("Hoffmann, Uwe <uwe@elbtal.de>") == (None, None)


def test_when_a_delegate_signs_i_a_then_the_message_is_hers_and_the_footer_is_boilerplate() -> None:
    conversation = parse_file(CORPORATE / "outlook_german_im_auftrag.txt")
    assert [t.speaker for t in conversation.turns] == ["Uwe Hoffmann", "Paul Sander", "Lena Krüger"]
    newest = conversation.turns[-1]
    assert newest.text.endswith("zu 612,00 EUR je Stück.")
    assert newest.signature is not None and "i. A. Lena Krüger" in newest.signature
    assert newest.boilerplate is not None
    assert newest.boilerplate.startswith("Sitz der Gesellschaft")


def test_when_two_members_post_via_one_group_then_they_stay_two_people() -> None:
    conversation = parse_file(CORPORATE / "gmail_group_relay_via.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Priyanka Iyer",
        "Marco Bellini",
        "Oskar Lindahl",
    ]
    assert all("sales@northgate-systems.com" not in p.addresses for p in conversation.participants)


def test_when_a_signature_spells_the_header_name_in_full_then_the_full_name_is_canonical() -> None:
    conversation = parse_file(CORPORATE / "gmail_signature_full_name.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Beatriz Lasa",
        "Rafael Domínguez Ibáñez",
        "Beatriz Lasa",
    ]
    rafael = next(p for p in conversation.participants if p.name.startswith("Rafael"))
    assert "Rafael Domínguez" in rafael.aliases
