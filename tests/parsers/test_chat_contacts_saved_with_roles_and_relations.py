"""Chat exports: a contact saved with what the person is to the phone's owner. A name and
a role or a firm's letters with no bracket around them ("Karim Trésorier ASL") is the name
the others call them by; a relation ("Maman de Jules") is the name she signs; a role alone
("Secretaría Club Náutico") is a phone several people use, so each message is whoever
signs it, else no one known. A title by its shape ("Cmte.") is no part of a name, and a
contact who signs a full name the others call them by is that name, whatever the short
form it is saved under."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.names import canonical_name
from analyzer.parsers.transcripts.chat_roles import is_relation, named_part, nouns_in
from analyzer.parsers.transcripts.sender_names import role_signer

_FRENCH_IOS = """[12/04/2026 19:02:11] Sophie Marchand: Bonsoir à tous, le tournoi de Pâques est confirmé : 18 € par enfant, repas compris.
[12/04/2026 19:05:40] Maman de Jules: Bonsoir, Jules arrivera seulement le samedi midi, c'est possible ?
Bises, Hélène
[12/04/2026 19:07:02] Sophie Marchand: Oui Hélène, aucun souci. Le paiement se fait au trésorier, Karim.
[12/04/2026 19:09:15] Karim Trésorier ASL: RIB en pièce jointe, virement avant le 20/04 svp
[12/04/2026 19:09:16] Karim Trésorier ASL: \u200edocument omis
[12/04/2026 19:30:48] Maman de Jules: Merci, c'est fait
"""


def test_when_contacts_are_saved_as_a_relation_or_with_a_role_then_the_names_people_use_speak() -> (
    None
):
    conversation = parse_text(_FRENCH_IOS)
    assert [t.speaker for t in conversation.turns] == [
        "Sophie Marchand",
        "Hélène",  # "Maman de Jules", who signs "Bises, Hélène"
        "Sophie Marchand",
        "Karim",  # "au trésorier, Karim": the role and the club's letters are notes
        "Hélène",
    ]
    assert {p.name for p in conversation.participants} == {"Sophie Marchand", "Hélène", "Karim"}


_SPANISH_ANDROID = """02/05/2026, 09:12 - Secretaría Club Náutico: Buenos días. Recordamos que la regata del sábado sale a las 11:00.
02/05/2026, 09:20 - Dra. Lucía Ferrer Vidal: ¿Hay sitio para una tripulante más en el Sirena?
02/05/2026, 09:31 - Secretaría Club Náutico: Sí, queda una plaza. Un saludo, Marta
02/05/2026, 09:33 - Cmte. Pablo Iriarte: Yo llevo el Sirena, la recojo en el pantalán 3
02/05/2026, 10:02 - Secretaría Club Náutico: Inscripción cerrada.
"""


def test_when_a_role_phone_writes_then_each_message_is_its_signer_or_unknown() -> None:
    conversation = parse_text(_SPANISH_ANDROID)
    assert [t.speaker for t in conversation.turns] == [
        "Unknown",
        "Lucía Ferrer Vidal",
        "Marta",
        "Pablo Iriarte",  # "Cmte.": a title by its shape, in no list
        "Unknown",
    ]
    assert {p.name for p in conversation.participants} == {
        "Lucía Ferrer Vidal",
        "Marta",
        "Pablo Iriarte",
    }


_ENGLISH_IOS = """[14/03/2026, 08:02:10] Dana Whitfield: Morning! Can someone confirm the rewiring starts Tuesday?
[14/03/2026, 08:15:44] Nando Electrics: Confirmed, Tuesday 7am. Two of us on site. Fernando Ruiz
[14/03/2026, 08:16:02] Dana Whitfield: Great, thanks Fernando. Gate code is 4471
[14/03/2026, 08:40:12] Nando Electrics: Got it
"""


def test_when_a_contact_signs_a_full_name_the_others_call_them_by_then_that_name_speaks() -> None:
    conversation = parse_text(_ENGLISH_IOS)
    assert [t.speaker for t in conversation.turns] == [
        "Dana Whitfield",
        "Fernando Ruiz",
        "Dana Whitfield",
        "Fernando Ruiz",
    ]


@pytest.mark.parametrize(
    ("label", "chat", "called", "name"),
    [
        ("Uli Kassier FC", "Zahlst du an den Kassier?", {"uli"}, "Uli"),
        ("Maite Tesorera", "", {"maite"}, "Maite"),
        ("Tom Berg HSV", "", set(), "Tom Berg"),
        ("Night Desk Supervisor", "", set(), ""),
        ("Ops Duty Manager", "", set(), ""),
        ("Charity Jones", "", set(), None),
        ("Marie DUPONT", "", set(), None),
        ("Raquel Montero", "el pedido", set(), None),
        ("Tom Ward", "", {"tom"}, None),  # a place word that is a surname too
        ("Ana Sales", "", {"ana"}, None),
        ("Empfang Praxis Roth", "", set(), ""),
    ],
)
def test_when_a_contact_label_holds_a_note_then_the_name_is_what_comes_before_it(
    label: str, chat: str, called: set[str], name: str | None
) -> None:
    assert named_part(label, nouns_in([chat]), frozenset(called)) == name


@pytest.mark.parametrize(
    ("label", "relation"),
    [("Mama von Leon", True), ("Leon's mum", True), ("Papá de Sofía", True), ("Leon Mayer", False)],
)
def test_when_a_contact_is_saved_as_a_relation_then_it_is_told_apart(
    label: str, relation: bool
) -> None:
    assert is_relation(label) is relation


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Capt. Sam Okoro", "Sam Okoro"),
        ("Insp. Kurt Wendt", "Kurt Wendt"),
        ("Ma. Teresa Lopez", "Ma. Teresa Lopez"),  # a given name abbreviated, not a title
        ("J. Smith", "Smith"),
    ],
)
def test_when_a_name_opens_with_an_abbreviation_and_its_dot_then_a_title_is_dropped(
    header: str, name: str
) -> None:
    assert canonical_name(header) == name


_GERMAN_PRACTICE = """07.03.26, 09:14 - Empfang Praxis Dr. Roth: Ihr Termin ist am Montag um 8 Uhr, bitte nüchtern kommen.
07.03.26, 09:20 - Birgit Lange: Danke! Darf ich vorher Wasser trinken?
07.03.26, 09:22 - Empfang Praxis Dr. Roth: Ja, Wasser ist in Ordnung. Viele Grüße, Sandra
07.03.26, 09:40 - Leons Mama: Können wir den Termin für Leon auf Dienstag legen? Jana x
"""


def test_when_a_practice_front_desk_and_a_parent_write_then_signers_speak() -> None:
    conversation = parse_text(_GERMAN_PRACTICE)
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Birgit Lange", "Sandra", "Jana"]


@pytest.mark.parametrize(
    ("text", "signer"),
    [
        ("Update: ETD 07:50, tech signed off.\n- Karen", "Karen"),
        ("Sí, queda una plaza. Un saludo, Marta", "Marta"),
        ("Hi this is Grace at crew desk, vouchers ready", "Grace"),
        ("Tech signed off. Confirmed", None),  # a word closing a sentence's line
        ("Alles erledigt.\nDanke", None),
        ("Yes £12 each, pick up at crew room desk. Grace on desk", None),
    ],
)
def test_when_a_role_phone_message_closes_then_only_a_signature_names_its_writer(
    text: str, signer: str | None
) -> None:
    assert role_signer(text) == signer
