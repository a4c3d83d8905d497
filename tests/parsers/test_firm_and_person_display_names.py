"""Display names that join a firm and a person ("Pinturas Loidi - Ane Loidi Arrieta")
name the person; the whole display name stays an alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.claims import Claim
from analyzer.parsers.identity import resolve

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_display_name_joins_firm_and_person_then_the_person_speaks() -> None:
    conversation = parse_file(CORPORATE / "gmail_firm_and_person_display.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Ane Loidi Arrieta",
        "Oliver Grant",
        "Ane Loidi Arrieta",
        "Oliver Grant",
    ]
    ane = conversation.participants[0]
    assert ane.aliases == ["Pinturas Loidi - Ane Loidi Arrieta"]


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (  # the person's part is the one the address's given name names
            [Claim("Talleres Ibarra - Mikel Ibarra", "mikel@talleresibarra.com")],
            "Mikel Ibarra",
        ),
        (  # "Name | Firm", nothing else known: the first part
            [Claim("Jess Alvarez | Harborline Realty", "info@harborline.com")],
            "Jess Alvarez",
        ),
        (  # a hyphenated name is no separator
            [Claim("Jean-Pierre Roux", "jp@roux.fr")],
            "Jean-Pierre Roux",
        ),
    ],
)
def test_when_a_display_name_has_parts_then_the_persons_part_is_canonical(
    claims: list[Claim], expected: str
) -> None:
    assert resolve(claims).speakers == [expected]
