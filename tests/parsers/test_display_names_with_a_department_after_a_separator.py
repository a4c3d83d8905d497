"""A display name that joins a person and a department or a firm with a separator ("Gil,
Marta - Compras", "Einkauf - Jan Müller", "Ana Ruiz | Finance", "Felicity Dunmore,
Inflight Services") is the person, in any order: never a team's mailbox, never a name
with the department glued into it. Two names joined are left to the identity."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.names import canonical_name

_SPANISH_OUTLOOK = """De: Gil, Marta - Compras <mgil@distribuciones-levante.es>
Enviado el: miércoles, 4 de marzo de 2026 11:20
Para: Héctor Lluch <hector@envases-lluch.es>
Asunto: RE: Pedido tapones PP 28 mm

Héctor, aceptamos 0,018 EUR por unidad si mantenéis el plazo de 10 días.

Un saludo

De: Héctor Lluch <hector@envases-lluch.es>
Enviado el: martes, 3 de marzo de 2026 17:45
Para: Marta Gil <mgil@distribuciones-levante.es>
Asunto: Pedido tapones PP 28 mm

Marta, para 400.000 tapones el precio queda en 0,019 EUR por unidad.

Saludos,
Héctor
"""


def test_when_a_sender_shows_her_department_after_a_separator_then_she_speaks_by_name() -> None:
    conversation = parse_text(_SPANISH_OUTLOOK)
    assert [t.speaker for t in conversation.turns] == ["Héctor Lluch", "Marta Gil"]
    assert {p.name for p in conversation.participants} == {"Héctor Lluch", "Marta Gil"}


@pytest.mark.parametrize(
    ("display", "name"),
    [
        ("Gil, Marta - Compras", "Marta Gil"),
        ("Einkauf - Jan Müller", "Jan Müller"),
        ("Ana Ruiz | Finance", "Ana Ruiz"),
        ("Felicity Dunmore, Inflight Services", "Felicity Dunmore"),
        ("Claire Morel / Achats", "Claire Morel"),
        ("Taylor, Mark", "Mark Taylor"),
        ("ACME, Inc.", "ACME, Inc."),
        ("Sales - Support", "Sales - Support"),
        ("Reformas Zubizarreta - Íñigo Zubizarreta", "Reformas Zubizarreta - Íñigo Zubizarreta"),
    ],
)
def test_when_a_display_name_joins_a_person_and_a_department_then_the_person_is_kept(
    display: str, name: str
) -> None:
    assert canonical_name(display) == name
