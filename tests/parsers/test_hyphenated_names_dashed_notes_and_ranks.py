"""Names as French and German writers sign them and notes as people add them: a
hyphenated given name ("Jean-Pierre", "Hans-Jürgen") is a name in a sign-off and in a
chat; a sign-off with a dash or a bar before where the writer sits ("Jean-Pierre – Service
Achats", "Tom | Ops Manager") names the writer; a rank before a name, with or without its
dot ("Capt Sam Okoro", "Lic. Jorge Peña"), is no part of it."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.emails.signoff import read_name
from analyzer.parsers.names import canonical_name

_FRENCH_OUTLOOK = """De : Service Achats <achats@menuiserie-vidal.fr>
Envoyé : jeudi 5 mars 2026 10:02
À : Lucie Garnier <lucie.garnier@bois-du-jura.fr>
Objet : RE: Devis chêne massif

Bonjour Madame Garnier,

Nous validons le devis à 2 340 EUR HT, livraison semaine 12.

Cordialement,
Jean-Pierre – Service Achats

De : Lucie Garnier <lucie.garnier@bois-du-jura.fr>
Envoyé : mercredi 4 mars 2026 16:40
À : Service Achats <achats@menuiserie-vidal.fr>
Objet : Devis chêne massif

Bonjour,

Ci-joint notre devis pour 3,2 m³ de chêne massif : 2 340 EUR HT.

Bien cordialement,
Lucie Garnier
"""


def test_when_a_mailbox_is_signed_by_a_hyphenated_name_and_its_department_then_the_name_speaks() -> (
    None
):
    conversation = parse_text(_FRENCH_OUTLOOK)
    assert [t.speaker for t in conversation.turns] == ["Lucie Garnier", "Jean-Pierre"]


_GERMAN_ANDROID = """07.03.26, 09:14 - Birgit Lange: Wer bringt am Samstag den Anhänger mit?
07.03.26, 09:20 - +49 151 55512345: Hallo, hier ist Hans-Jürgen, neue Nummer. Ich bringe ihn mit.
07.03.26, 09:22 - Birgit Lange: Danke dir!
"""


def test_when_a_new_number_introduces_a_hyphenated_name_then_that_name_speaks() -> None:
    conversation = parse_text(_GERMAN_ANDROID)
    assert [t.speaker for t in conversation.turns] == [
        "Birgit Lange",
        "Hans-Jürgen",
        "Birgit Lange",
    ]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Jean-Pierre – Service Achats", "Jean-Pierre"),
        ("Tom | Ops Manager", "Tom"),
        ("Anne-Marie Roux", "Anne-Marie Roux"),
        ("Regards - Tom", None),
    ],
)
def test_when_a_signoff_line_carries_a_dashed_note_or_a_hyphenated_name_then_the_name_is_read(
    line: str, name: str | None
) -> None:
    assert read_name(line) == name


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Capt Sam Okoro", "Sam Okoro"),
        ("Lic. Jorge Peña", "Jorge Peña"),
        ("Rev Tom Hill", "Tom Hill"),
    ],
)
def test_when_a_rank_stands_before_a_name_then_it_is_dropped(header: str, name: str) -> None:
    assert canonical_name(header) == name
