"""A chat label is renamed only on safe evidence: a wrong name or two people made one is far
worse than a label kept as saved. Each case here is a shape that once renamed or merged
people: a trade or a common noun beside a surname, a greeting word taken for a name, two
numbers given one name, a third person named in a reply, a role's phone, a title that told
two people apart, a formula inside a sentence taken for a sign-off, names in letters beyond
Western European ones."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.transcripts.answered_names import addressed_name
from analyzer.parsers.transcripts.sender_names import role_signer


def _speakers(export: str) -> list[str]:
    return [t.speaker for t in parse_text(export).turns]


def _people(export: str) -> set[str]:
    return {p.name for p in parse_text(export).participants}


# --- trades and nouns beside a name --------------------------------------------------------


def test_when_two_tradesmen_are_saved_with_their_trade_then_they_stay_two_people() -> None:
    export = (
        "05.02.26, 06:14 - Fliesen Meyer: Fliesen sind da\n"
        "05.02.26, 06:15 - Dachdecker Wagner: Dach ist dicht\n"
        "05.02.26, 06:20 - Birte Jansen: Super, danke euch\n"
    )
    speakers = _speakers(export)
    assert len(speakers) == 3
    assert "Unknown" not in speakers
    assert speakers[0] != speakers[1]


@pytest.mark.parametrize(
    "export",
    [
        "05.02.26, 06:14 - Elektro Müller: Komme morgen um 8, die Steckdosen sind bestellt\n"
        "05.02.26, 06:20 - Birte Jansen: Danke, passt\n",
        "05/02/2026 à 07:52 - Plombier Dupont: J'arrive à 9h\n"
        "05/02/2026 à 07:55 - Léa Moreau: Parfait\n",
        "10/03/2026, 08:00 - Fontanero Luis: Llego a las 9\n"
        "10/03/2026, 08:05 - Iker Salas: Perfecto\n",
        "05.02.26, 06:14 - Maler Schmidt: Bin um 8 da, die Wand ist fertig\n"
        "05.02.26, 06:20 - Birte Jansen: Danke!\n",
    ],
)
def test_when_a_contact_is_saved_with_a_trade_then_its_messages_are_never_unknown(
    export: str,
) -> None:
    assert "Unknown" not in _speakers(export)


@pytest.mark.parametrize(
    ("export", "label"),
    [
        (
            "05/02/2026, 09:00 - Miles Carter: Running the last mile now\n"
            "05/02/2026, 09:05 - Priya Shah: The mile is the hardest\n",
            "Miles Carter",
        ),
        (
            "10/03/2026, 08:00 - Tomás Gil: La toma de tierra está lista\n"
            "10/03/2026, 08:05 - Iker Salas: Genial\n",
            "Tomás Gil",
        ),
        (
            "10/03/2026, 08:00 - Marcos Gil: El marco de la puerta está roto\n"
            "10/03/2026, 08:05 - Iker Salas: Vale Marcos, cambia el marco\n",
            "Marcos Gil",
        ),
        (
            "05/02/2026 à 07:52 - Frances Martin: Je rentre en France demain\n"
            "05/02/2026 à 07:55 - Léa Moreau: Bon retour dans la France profonde\n",
            "Frances Martin",
        ),
        (
            "10/03/2026, 08:00 - Pedro Casas: Llego a la casa a las 9\n"
            "10/03/2026, 08:05 - Iker Salas: Vale Pedro, te espero en la casa\n"
            "10/03/2026, 08:06 - Pedro Casas: Perfecto\n",
            "Pedro Casas",
        ),
    ],
)
def test_when_a_name_is_a_plural_of_a_noun_the_chat_uses_then_the_name_stays_whole(
    export: str, label: str
) -> None:
    assert _speakers(export)[0] == label


def test_when_two_toms_write_and_one_surname_is_a_noun_then_neither_loses_the_surname() -> None:
    export = (
        "05/02/2026, 09:00 - Tom Banks: I'm at the bank now\n"
        "05/02/2026, 09:05 - Priya Shah: Thanks Tom, pay at the bank\n"
        "05/02/2026, 09:06 - Tom Reed: I'll meet you there\n"
    )
    assert _speakers(export) == ["Tom Banks", "Priya Shah", "Tom Reed"]


def test_when_a_surname_is_a_trade_then_it_stays_beside_another_thomas() -> None:
    export = (
        "05.02.26, 06:14 - Thomas Maler: Bin um 8 da\n"
        "05.02.26, 06:20 - Birte Jansen: Danke Thomas\n"
        "05.02.26, 06:21 - Thomas Becker: Ich komme um 9\n"
    )
    assert _speakers(export) == ["Thomas Maler", "Birte Jansen", "Thomas Becker"]


def test_when_a_trade_before_a_given_name_would_read_as_another_sender_then_it_stays() -> None:
    export = (
        "05/02/2026, 09:00 - Taxi Mike: Outside now\n"
        "05/02/2026, 09:01 - Mike Jones: I'll be down in 5\n"
    )
    assert _speakers(export) == ["Taxi Mike", "Mike Jones"]


# --- what a reply calls a number ------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Danke Ihnen!",
        "Hallo Zusammen, alles gut.",
        "Danke Euch!",
        "Moin Leute!",
        "Danke Gleichfalls!",
        "Buenas Tardes, perfecto.",
        "Gracias Jefe!",
        "Hola Buenas",
        "Gracias Igualmente.",
        "Merci Beaucoup !",
        "Merci Madame.",
        "Salut Patron !",
        "Thanks Guys!",
        "Cheers Mate!",
        "Thanks Sir!",
        "Hi Both,",
        "Ok Monday.",
        "Thanks Dad!",
    ],
)
def test_when_a_greeting_or_thanks_is_followed_by_no_name_then_none_is_read(reply: str) -> None:
    assert addressed_name(reply) is None


def test_when_a_number_is_thanked_with_a_pronoun_then_it_keeps_its_label() -> None:
    export = (
        "05.02.26, 06:14 - +49 160 5550987: Die Unterlagen sind unterwegs.\n"
        "05.02.26, 06:20 - Birte Jansen: Danke Ihnen!\n"
        "05.02.26, 06:30 - +49 160 5550987: Gern.\n"
    )
    assert _speakers(export)[0] == "+49 160 5550987"


def test_when_two_numbers_are_greeted_alike_then_they_stay_two() -> None:
    export = (
        "05.02.26, 06:14 - +49 160 5550987: Wir haben 6 Gäste für 7:15\n"
        "05.02.26, 06:20 - Birte Jansen: Hallo Zusammen, die Fähre fällt aus.\n"
        "05.02.26, 06:30 - +49 171 5550123: Wir haben 4 Gäste\n"
        "05.02.26, 06:35 - Birte Jansen: Hallo Zusammen, Ersatz um 8:00.\n"
    )
    speakers = _speakers(export)
    assert speakers[0] == "+49 160 5550987"
    assert speakers[2] == "+49 171 5550123"


def test_when_two_numbers_sign_and_are_thanked_with_one_name_then_neither_takes_it() -> None:
    export = (
        "05/02/2026, 09:00 - +44 7700 555999: I've sent the drawings to the client - Sarah\n"
        "05/02/2026, 09:01 - +44 7700 555102: Van is at the gate - Sarah\n"
        "05/02/2026, 09:02 - Priya Shah: Thanks Sarah!\n"
        "05/02/2026, 10:00 - +44 7700 555999: Client approved them\n"
        "05/02/2026, 10:07 - Priya Shah: Thanks Sarah.\n"
    )
    speakers = _speakers(export)
    assert speakers[:2] == ["+44 7700 555999", "+44 7700 555102"]
    assert "Sarah" not in speakers


def test_when_a_number_signs_and_is_thanked_by_that_name_then_it_is_that_person() -> None:
    export = (
        "05/02/2026, 09:00 - +44 7700 555102: Van is loaded, leaving the depot now - Sarah\n"
        "05/02/2026, 09:05 - Priya Shah: Thanks Sarah!\n"
        "05/02/2026, 09:40 - +44 7700 555102: At the gate\n"
    )
    assert _speakers(export) == ["Sarah", "Priya Shah", "Sarah"]


def test_when_a_reply_greets_a_third_person_then_the_number_keeps_its_label() -> None:
    export = (
        "05/02/2026, 09:00 - +44 7700 555102: Van is loaded, leaving the depot now\n"
        "05/02/2026, 09:05 - Priya Shah: Morning Sarah, can you send the invoice?\n"
        "05/02/2026, 09:40 - +44 7700 555102: At the gate\n"
    )
    assert _speakers(export)[0] == "+44 7700 555102"


def test_when_a_number_speaks_of_the_name_in_the_third_person_then_it_is_not_renamed() -> None:
    export = (
        "05/02/2026, 09:00 - +44 7700 555102: Who's collecting the van? - Tom\n"
        "05/02/2026, 09:02 - Priya Shah: Hi Tom, can you collect it?\n"
        "05/02/2026, 09:05 - +44 7700 555102: Tom's off today, ask Rick\n"
    )
    assert _speakers(export)[0] == "+44 7700 555102"


# --- a role's phone -------------------------------------------------------------------------


def test_when_a_role_phone_is_handed_over_then_the_next_shift_is_no_one_known() -> None:
    export = (
        "14/03/2026, 06:12 - Ops Duty Manager: Vessel leaves at 07:30 - Kirsty\n"
        "14/03/2026, 06:20 - Ian Lowe: Thanks Kirsty!\n"
        "14/03/2026, 18:00 - Ops Duty Manager: Night shift here, crane 2 is down\n"
        "14/03/2026, 18:05 - Ian Lowe: Who is this?\n"
        "14/03/2026, 18:06 - Ops Duty Manager: Dave on nights\n"
    )
    assert _speakers(export) == ["Kirsty", "Ian Lowe", "Unknown", "Ian Lowe", "Unknown"]


# --- titles that tell two people apart ------------------------------------------------------


@pytest.mark.parametrize(
    ("export", "titled"),
    [
        (
            "05/02/2026, 09:00 - Dr Patel: Results are back, all fine\n"
            "05/02/2026, 09:05 - Ravi Patel: Thank you doctor, that's a relief\n",
            "Dr Patel",
        ),
        (
            "05.02.26, 06:14 - Kapitän Hansen: Ablegen um 7:15\n"
            "05.02.26, 06:20 - Jens Hansen: Ich bin an Bord\n",
            "Kapitän Hansen",
        ),
        (
            "05/02/2026, 09:00 - Lt Dan: Roll call at 6\n05/02/2026, 09:05 - Dan Taylor: Copy\n",
            "Lt Dan",
        ),
        (
            "05/02/2026, 09:00 - Col Davies: Pints at 8?\n"
            "05/02/2026, 09:05 - Rhys Davies: Go on then\n",
            "Col Davies",
        ),
    ],
)
def test_when_dropping_a_title_would_make_two_senders_alike_then_the_title_stays(
    export: str, titled: str
) -> None:
    assert _speakers(export)[0] == titled


def test_when_no_other_sender_shares_the_name_then_an_office_still_goes() -> None:
    export = (
        "05.02.26, 06:14 - Kapitän Hansen: Ablegen um 7:15\n"
        "05.02.26, 06:20 - Birte Jansen: Danke!\n"
    )
    assert _speakers(export)[0] == "Hansen"


# --- sign-offs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Yes ✅ Signed Contract", "PO raised → Best Buy", "50% Love Island", "Ja 👍 Gruß Hafen"],
)
def test_when_a_formula_word_stands_inside_a_sentence_then_no_signer_is_read(text: str) -> None:
    assert role_signer(text) is None


def test_when_a_number_writes_signed_contract_then_it_keeps_its_label() -> None:
    export = (
        "05/02/2026, 09:00 - Priya Shah: Is the lease done?\n"
        "05/02/2026, 09:01 - +44 7700 555102: Yes ✅ Signed Contract\n"
        "05/02/2026, 09:02 - Priya Shah: Thanks Contract!\n"
    )
    assert _speakers(export)[1] == "+44 7700 555102"


def test_when_a_role_phone_signs_after_an_emoji_opening_the_message_then_it_is_read() -> None:
    assert role_signer("👍 Gez. Heike") == "Heike"


# --- names in any alphabet ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "name"),
    [
        ("Thanks Łukasz!", "Łukasz"),
        ("Danke Małgorzata!", "Małgorzata"),
        ("Merci Ayşe.", "Ayşe"),
        ("Thanks İlker!", "İlker"),
        ("Hi Željko,", "Željko"),
        ("Merci Jean-Pierre !", "Jean-Pierre"),
    ],
)
def test_when_a_reply_names_someone_in_letters_beyond_latin_1_then_the_name_is_read(
    reply: str, name: str
) -> None:
    assert addressed_name(reply) == name


def test_when_a_number_signs_and_is_thanked_as_lukasz_then_it_is_lukasz() -> None:
    export = (
        "05/02/2026, 09:00 - +48 600 555 123: Dostawa jutro o 9 - Łukasz\n"
        "05/02/2026, 09:05 - Priya Shah: Thanks Łukasz!\n"
    )
    assert _speakers(export)[0] == "Łukasz"
