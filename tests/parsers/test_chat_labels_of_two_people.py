"""Two chat labels are one person only when the sender says they write from another
phone (or the app says the number changed), and never when the two answer each other
or one names the other: "Tom" thanking "Tom Berg" is someone else called Tom."""

from __future__ import annotations

from analyzer.parsers import parse_text


def test_when_a_tom_thanks_tom_berg_then_the_two_labels_stay_two_people() -> None:
    export = (
        "3/9/26, 4:10 PM - Tom Berg: Hi everyone, Tom here from Berg Logistics\n"
        "3/9/26, 4:12 PM - Tom: Great, thanks Tom. Can you do 80 a day for the van?\n"
        "3/9/26, 4:15 PM - Tom Berg: 90 is the lowest I can go, fuel is up again\n"
        "3/9/26, 4:18 PM - Tom: Then we look elsewhere\n"
    )
    conversation = parse_text(export)
    assert [t.speaker for t in conversation.turns] == ["Tom Berg", "Tom", "Tom Berg", "Tom"]
    assert len(conversation.participants) == 2


def test_when_an_unsaved_number_signs_a_name_the_other_side_uses_then_it_stays_apart() -> None:
    export = (
        "12/03/2026 09:10 - Paul Girard: Bonjour, vous avez bien reçu notre demande de devis ?\n"
        "12/03/2026 09:14 - +33 6 12 34 56 78: Oui merci. Pour la remise en état je ne "
        "descends pas sous 420. Paul\n"
        "12/03/2026 09:20 - Paul Girard: Paul, 420 c'est impossible pour nous.\n"
    )
    conversation = parse_text(export)
    speakers = [t.speaker for t in conversation.turns]
    assert speakers[0] == speakers[2] == "Paul Girard"
    assert speakers[1] != "Paul Girard"
    assert len(conversation.participants) == 2


def test_when_a_label_signs_a_short_name_without_saying_it_changed_phone_then_no_join() -> None:
    export = (
        "2/4/26, 9:00 AM - Jas: can someone bring the cones on saturday\n"
        "2/4/26, 9:05 AM - Coach Mike: I will\n"
        "2/4/26, 9:30 AM - Jasmine Ortiz: I'll bring the bibs. Jas\n"
    )
    conversation = parse_text(export)
    assert [t.speaker for t in conversation.turns] == ["Jas", "Coach Mike", "Jasmine Ortiz"]


def test_when_a_sender_says_it_is_her_new_number_then_both_labels_are_hers() -> None:
    export = (
        "2/4/26, 9:00 AM - Jas: can someone bring the cones on saturday\n"
        "2/4/26, 9:05 AM - Coach Mike: I will\n"
        "2/6/26, 7:40 AM - Jasmine Ortiz: sorry this is my new number, old phone died. Jas\n"
    )
    conversation = parse_text(export)
    assert [t.speaker for t in conversation.turns] == [
        "Jasmine Ortiz",
        "Coach Mike",
        "Jasmine Ortiz",
    ]


def test_when_a_number_introduces_a_name_a_label_answers_to_then_it_keeps_that_name() -> None:
    export = (
        "12/03/2026 09:10 - Paul Girard: Bonjour, qui est-ce ? Je n'ai pas ce numéro\n"
        "12/03/2026 09:14 - +33 6 12 34 56 78: Bonjour, c'est Paul, de la carrosserie. "
        "Je ne descends pas sous 420\n"
        "12/03/2026 09:20 - Paul Girard: Paul, 420 c'est impossible pour nous.\n"
    )
    conversation = parse_text(export)
    assert [t.speaker for t in conversation.turns] == ["Paul Girard", "Paul", "Paul Girard"]
