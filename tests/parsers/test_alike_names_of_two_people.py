"""Two people whose names are alike (one surname, a given name the other's may be short
for: Terry and Teresa Boyle, Fred and Alfred Meyer) are two people when each writes from
an address of their own at another organisation, or when one writes to the other. One
person writing from a private address as well as from work is still one."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text


def _thread(one: str, other: str) -> str:
    return (
        f"From: {one}\nSent: Tuesday, March 3, 2026 10:15 AM\nTo: {other}\n"
        "Subject: RE: lease of the yard\n\n"
        "I can't accept 2,400 a month. 2,100 is my limit.\n\n"
        f"From: {other}\nSent: Monday, March 2, 2026 4:40 PM\nTo: {one}\n"
        "Subject: lease of the yard\n\n"
        "The rent for the yard goes to 2,400 from April. Let me know by Friday.\n"
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Terry Boyle <terry@boyle-motors.ie>", "Teresa Boyle <teresa.boyle@boyle-lettings.ie>"),
        ("Fred Meyer <fred@meyer-transport.de>", "Alfred Meyer <a.meyer@stahlwerk-nord.de>"),
        # A private address: apart only because the two write to each other.
        ("Terry Boyle <terry.boyle@gmail.com>", "Teresa Boyle <teresa.boyle@boyle-lettings.ie>"),
    ],
)
def test_when_two_alike_names_write_to_each_other_then_they_stay_two_people(
    one: str, other: str
) -> None:
    conversation = parse_text(_thread(one, other))
    first = one.split(" <", maxsplit=1)[0]
    second = other.split(" <", maxsplit=1)[0]
    assert [t.speaker for t in conversation.turns] == [second, first]
    assert len(conversation.participants) == 2


def test_when_one_person_replies_from_a_private_address_then_both_are_him() -> None:
    thread = (
        "From: Tom Elderkin <tom.elderkin@gmail.com>\nSent: Thursday, February 26, 2026 9:00 AM\n"
        "To: Greta Lindahl <glindahl@northmere-museum.org>\nSubject: RE: loan agreement\n\n"
        "Replying from my personal account. The insurer accepted the cover at $2.4M.\n\n"
        "Tom\n\n"
        "From: Greta Lindahl <glindahl@northmere-museum.org>\n"
        "Sent: Wednesday, February 25, 2026 3:48 PM\n"
        "To: Elderkin, Thomas <telderkin@harwickhousetrust.org>\nSubject: RE: loan agreement\n\n"
        "Can you confirm the valuation was accepted?\n\nGreta Lindahl\n\n"
        "From: Elderkin, Thomas <telderkin@harwickhousetrust.org>\n"
        "Sent: Tuesday, February 24, 2026 10:02 AM\n"
        "To: Greta Lindahl <glindahl@northmere-museum.org>\nSubject: loan agreement\n\n"
        "Attached is the signed loan agreement. Our insurer is reviewing the valuation.\n\n"
        "Thomas Elderkin\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == [
        "Thomas Elderkin",
        "Greta Lindahl",
        "Thomas Elderkin",
    ]


def test_when_alike_names_write_from_two_organisations_to_a_third_then_two_people() -> None:
    thread = (
        "From: Terry Boyle <terry@boyle-motors.ie>\nSent: Tuesday, March 3, 2026 10:15 AM\n"
        "To: Greta Lindahl <greta@lindahl-law.ie>\nSubject: RE: yard\n\n"
        "We won't pay more than 2,100 for the yard.\n\n"
        "From: Teresa Boyle <teresa.boyle@boyle-lettings.ie>\n"
        "Sent: Monday, March 2, 2026 4:40 PM\n"
        "To: Greta Lindahl <greta@lindahl-law.ie>\nSubject: yard\n\n"
        "Our client asks 2,400 a month for the yard from April.\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Teresa Boyle", "Terry Boyle"]
