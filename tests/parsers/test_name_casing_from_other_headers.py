"""A name a mail system recased ("Deluca, Marco" in every header of his own) is shown as
another header of the thread writes it, with the capital inside the word ("Marco DeLuca"
in a To line): how the person writes it. Names that differ by more than case stay apart."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.canonical import recased

_FRENCH_OUTLOOK = """De : Deluca, Marco <marco.deluca@vinsdusud.fr>
Envoyé : mardi 10 mars 2026 09:15
À : Perrin, Odile <odile.perrin@cavesperrin.fr>
Objet : RE: Commande rosé 2025

Bonjour Odile,

C'est noté pour 1 200 bouteilles à 6,40 EUR, livraison semaine 13.

Cordialement,
Marco

De : Perrin, Odile <odile.perrin@cavesperrin.fr>
Envoyé : lundi 9 mars 2026 17:02
À : Marco DeLuca <marco.deluca@vinsdusud.fr>
Objet : Commande rosé 2025

Bonjour Marco,

Pouvez-vous nous réserver 1 200 bouteilles de rosé 2025 ?

Bien à vous,
Odile Perrin
"""


def test_when_a_to_line_writes_a_recased_name_with_its_inner_capital_then_that_spelling_is_shown() -> (
    None
):
    conversation = parse_text(_FRENCH_OUTLOOK)
    assert [t.speaker for t in conversation.turns] == ["Odile Perrin", "Marco DeLuca"]
    marco = next(p for p in conversation.participants if p.name == "Marco DeLuca")
    assert "Deluca, Marco" in marco.aliases


@pytest.mark.parametrize(
    ("name", "listed", "shown"),
    [
        ("Alan Mcallister", {("alan", "mcallister"): "Alan McAllister"}, "Alan McAllister"),
        ("Alan McAllister", {("alan", "mcallister"): "Alan Mcallister"}, "Alan McAllister"),
        ("Dana Davis", {("dana", "davis"): "Dana DAVIS"}, "Dana Davis"),  # capitals, not inner
        ("Ana Ruiz", {("ana", "ruiz"): "Ana Ruiz Pérez"}, "Ana Ruiz"),
    ],
)
def test_when_names_differ_only_in_case_then_the_inner_capital_wins(
    name: str, listed: dict[tuple[str, str], str], shown: str
) -> None:
    assert recased(name, listed) == shown
