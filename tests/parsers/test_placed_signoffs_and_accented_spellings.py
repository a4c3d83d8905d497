"""A sign-off that says where the writer sits ("Tasha from Fleet", "Bev in Facilities",
"Jonas aus dem Einkauf") names the writer; a signature spelling the sender's name with
the accents a mail system dropped ("Joaquín Núñez" under "Nunez, Joaquin") is the
canonical spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.signoff import signoff_name

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_shared_desk_is_signed_with_a_placed_name_then_that_person_wrote_it() -> None:
    conversation = parse_file(CORPORATE / "mbox_shared_desk_and_accents.mbox")
    assert [t.speaker for t in conversation.turns] == [
        "Hana Nakamura",
        "Tasha",  # "Fleet Services", signed "Cheers,\nTasha from Fleet"
        "Joaquín Núñez",
    ]


def test_when_a_signature_restores_accents_then_the_accented_spelling_is_canonical() -> None:
    conversation = parse_file(CORPORATE / "mbox_shared_desk_and_accents.mbox")
    joaquin = next(p for p in conversation.participants if p.name == "Joaquín Núñez")
    assert "Nunez, Joaquin" in joaquin.aliases


@pytest.mark.parametrize(
    ("closing", "name"),
    [
        ("Thanks,\nBev in Facilities", "Bev"),
        ("Cheers,\nTasha from Fleet", "Tasha"),
        ("Best,\nSam Ortiz at Harlow Freight", "Sam Ortiz"),
        ("Viele Grüße\nJonas aus dem Einkauf", "Jonas"),
        ("Best,\nMaría de la Fuente", "María de la Fuente"),
    ],
)
def test_when_a_signoff_says_where_the_writer_sits_then_the_name_is_read(
    closing: str, name: str
) -> None:
    assert signoff_name(["We can do the 14th.", *closing.split("\n")]) == name
