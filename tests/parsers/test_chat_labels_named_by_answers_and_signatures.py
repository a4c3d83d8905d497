"""An unsaved number takes the name the conversation gives the person behind it only when
it says so both ways: its own messages sign with the name and another sender answers it by
that name. The evidence must agree on one person who is no other sender; a third person
named in a reply, a "thanks Tom" while a Tom Berg writes, or a name two senders share
leaves the label as it is. A firm's or a role's phone is never made one person: a role's
messages are each their signer's, else no one known; a firm keeps its label."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.transcripts.answered_names import addressed_name, own_signature


def _speakers(export: str) -> list[str]:
    return [t.speaker for t in parse_text(export).turns]


def test_when_a_carrier_firm_signs_and_is_thanked_by_name_then_it_keeps_its_label() -> None:
    export = (
        "03/02/2026 à 07:40 - Léa Moreau: Bonjour, la livraison des vitrines est prévue à 10h ?\n"
        "03/02/2026 à 07:52 - Transports Vidal: Oui, départ du dépôt à 8h30. Le bureau\n"
        "03/02/2026 à 09:58 - Transports Vidal: Sur place, quai 2. Signé Karim\n"
        "03/02/2026 à 10:01 - Léa Moreau: Merci Karim. J'arrive.\n"
        "03/02/2026 à 15:00 - Transports Vidal: Facture envoyée, merci. Comptabilité\n"
    )
    speakers = _speakers(export)
    assert "Karim" not in speakers
    assert speakers[1] == speakers[3] == "Transports Vidal"


def test_when_an_unsaved_number_signs_and_is_greeted_by_that_name_then_it_takes_it() -> None:
    export = (
        "05.02.26, 06:10 - Leitstelle Hafen: Fähre 7:15 fällt aus, Ersatz um 8:00.\n"
        "05.02.26, 06:14 - +49 160 5550987: Wir haben 6 Gäste für 7:15, geht 8:00 für alle?\n"
        "LG Malte\n"
        "05.02.26, 06:20 - Birte Jansen: Hallo Malte, ja, alle auf die 8:00.\n"
        "05.02.26, 06:22 - +49 160 5550987: Super, danke!\n"
    )
    speakers = _speakers(export)
    assert speakers[1] == speakers[3] == "Malte"
    assert speakers[2] == "Birte Jansen"


def test_when_an_unsaved_number_is_only_greeted_by_a_name_then_it_keeps_its_label() -> None:
    export = (
        "05.02.26, 06:10 - Leitstelle Hafen: Fähre 7:15 fällt aus, Ersatz um 8:00.\n"
        "05.02.26, 06:14 - +49 160 5550987: Wir haben 6 Gäste für 7:15, geht 8:00 für alle?\n"
        "05.02.26, 06:20 - Birte Jansen: Hallo Malte, ja, alle auf die 8:00.\n"
        "05.02.26, 06:22 - +49 160 5550987: Super, danke!\n"
    )
    assert _speakers(export)[1] == "+49 160 5550987"


def test_when_a_reply_names_a_third_person_then_the_number_keeps_its_label() -> None:
    export = (
        "05/02/2026, 09:00 - +44 7700 555102: Van is loaded, leaving the depot now\n"
        "05/02/2026, 09:05 - Priya Shah: Great. Aaron will meet you at gate 4 with the pass.\n"
        "05/02/2026, 09:40 - +44 7700 555102: At the gate\n"
    )
    assert _speakers(export) == ["+44 7700 555102", "Priya Shah", "+44 7700 555102"]


def test_when_thanks_name_another_sender_then_the_number_keeps_its_label() -> None:
    export = (
        "3/9/26, 4:10 PM - Tom Berg: Pallets are booked for Friday\n"
        "3/9/26, 4:12 PM - +1 415 555 0142: Can you add two more?\n"
        "3/9/26, 4:15 PM - Ana Ruiz: Thanks Tom! I'll confirm the slot.\n"
        "3/9/26, 4:18 PM - Tom Berg: Two more is fine\n"
    )
    speakers = _speakers(export)
    assert speakers[1] == "+1 415 555 0142"
    assert speakers.count("Tom Berg") == 2


def test_when_two_senders_share_the_first_name_answered_then_the_number_keeps_its_label() -> None:
    export = (
        "14/03/2026, 06:20 - Dave Mackie: Spares are on the quayside\n"
        "14/03/2026, 06:21 - +44 7700 555318: Who takes T12?\n"
        "14/03/2026, 06:25 - Ruth Nairn: Thanks Dave, Mackie takes T12.\n"
        "14/03/2026, 06:30 - Dave O'Neill: And I take T14\n"
    )
    assert _speakers(export)[1] == "+44 7700 555318"


def test_when_the_names_found_are_two_people_then_the_label_is_kept() -> None:
    export = (
        "10/03/2026, 08:00 - +34 600 555 123: La grúa llega a las 9. Un saludo, Marta\n"
        "10/03/2026, 08:05 - Iker Salas: Gracias Lucía.\n"
    )
    assert _speakers(export)[0] == "+34 600 555 123"


def test_when_a_firm_named_after_its_owner_signs_his_full_name_then_it_is_him() -> None:
    export = (
        "[10/03/2026, 07:15:40] Marta Gil: Necesito la grúa desde las 8:30.\n"
        "[10/03/2026, 07:21:12] Grúas Pepe: Ahí estaré con la de 40 t.\n"
        "[10/03/2026, 07:21:30] Grúas Pepe: Pepe\n"
        "[10/03/2026, 11:40:09] Grúas Pepe: Factura de hoy: 3 horas. José Navarro\n"
    )
    assert _speakers(export) == ["Marta Gil", "José Navarro"]


def test_when_a_role_phone_only_signs_then_unsigned_messages_stay_unknown() -> None:
    export = (
        "14/03/2026, 06:12 - Ops Duty Manager: Vessel leaves at 07:30\n"
        "14/03/2026, 06:20 - Ian Lowe: Fine by me\n"
        "14/03/2026, 11:10 - Ops Duty Manager: PO raised. Handing over now - Kirsty\n"
    )
    assert _speakers(export) == ["Unknown", "Ian Lowe", "Kirsty"]


def test_when_a_role_phone_signs_and_is_answered_by_that_name_then_only_that_message_is_hers() -> (
    None
):
    export = (
        "14/03/2026, 06:12 - Ops Duty Manager: Vessel leaves at 07:30\n"
        "14/03/2026, 06:20 - Ian Lowe: Fine by me\n"
        "14/03/2026, 11:10 - Ops Duty Manager: PO raised. Off shift now - Kirsty\n"
        "14/03/2026, 11:12 - Ian Lowe: Thanks Kirsty!\n"
        "14/03/2026, 18:00 - Ops Duty Manager: Night shift here, crane 2 is down\n"
    )
    assert _speakers(export) == ["Unknown", "Ian Lowe", "Kirsty", "Ian Lowe", "Unknown"]


def test_when_a_contact_is_saved_under_a_personal_name_then_a_signature_does_not_rename_it() -> (
    None
):
    export = (
        "03/02/2026, 07:40 - Léa Moreau: Delivery at 10?\n"
        "03/02/2026, 07:52 - Tom Becker: Yes, leaving at 8:30 - Karen\n"
        "03/02/2026, 07:55 - Léa Moreau: Thanks Karen.\n"
    )
    assert _speakers(export) == ["Léa Moreau", "Tom Becker", "Léa Moreau"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merci Rachid. Tu peux envoyer la photo ?", "Rachid"),
        ("Hallo Uwe, wir buchen alle um.", "Uwe"),
        ("gracias Francisco!", "Francisco"),
        ("Danke! Gäste sind unterwegs.", None),  # a noun after the thanks, no name
        ("Thanks both Daves", None),
        ("Thanks Tom for the pallets", None),  # the name must close the clause
    ],
)
def test_when_a_reply_opens_by_thanking_or_greeting_then_the_name_is_read(
    text: str, expected: str | None
) -> None:
    assert addressed_name(text) == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Caisse 4 arrivée, voir photo. Signé Rachid", "Transporteur Lemaire", "Rachid"),
        ("👍 Gez. Heike", "Disponent Nord", "Heike"),
        ("Paco", "Grúas Paco", "Paco"),
        ("Vale", "Grúas Paco", None),
    ],
)
def test_when_a_message_signs_then_its_signature_is_read(
    text: str, label: str, expected: str | None
) -> None:
    assert own_signature(text, label) == expected
