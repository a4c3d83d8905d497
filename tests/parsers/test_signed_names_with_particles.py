"""Signed names with particles and several given names ("María del Carmen Ortega",
"José Luis de la Fuente Ibarra") are read whole; a title such as "Maître" is dropped;
the fullest spelling of the sender is canonical."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.emails.signoff import signoff_name
from analyzer.parsers.names import canonical_name

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_signature_spells_a_name_with_particles_then_it_is_canonical() -> None:
    conversation = parse_file(CORPORATE / "outlook_particles_and_titles.txt")
    assert [t.speaker for t in conversation.turns] == [
        "José Luis de la Fuente Ibarra",
        "Hélène Garnier",
    ]
    jose = conversation.participants[0]
    assert jose.aliases == ["Luis de la Fuente"]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Un saludo,", "María del Carmen Ortega"], "María del Carmen Ortega"),
        (["Un saludo,", "José Luis de la Fuente Ibarra"], "José Luis de la Fuente Ibarra"),
        (["Groeten,", "Sanne de Vries"], "Sanne de Vries"),
        (["Best,", "William Hargreaves Jr Foundation"], None),  # a foundation, not a person
    ],
)
def test_when_a_closing_formula_is_followed_by_a_name_then_the_whole_name_is_read(
    lines: list[str], name: str | None
) -> None:
    assert signoff_name(["Thanks for the offer.", *lines], own_line=True) == name


def test_when_a_french_lawyer_is_titled_maitre_then_the_title_is_dropped() -> None:
    assert canonical_name("Maître Hélène Garnier") == "Hélène Garnier"
