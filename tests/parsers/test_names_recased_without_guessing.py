"""How a name written all in capitals or all in lower case is recased, and which first words
are titles: "Don" is a given name as often as a title and is never dropped; a capital after
an apostrophe only for a one-letter prefix ("O'Neill", not "Sa'Id"); "Mc" before a capital;
particles in lower case inside a name; a Turkish dotted capital kept as written."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.names import canonical_name, same_person, tokens


def test_when_don_opens_a_name_with_an_initial_then_it_stays_the_given_name() -> None:
    assert canonical_name("Don J. Carter") == "Don Carter"
    assert same_person("Don Carter", "Don J. Carter")
    assert not same_person("Don J. Carter", "Jim Carter")


def test_when_don_writes_a_mail_and_signs_don_then_he_is_don_not_his_surname() -> None:
    mail = (
        'From: "Don J. Carter" <dcarter@cartermarine.com>\n'
        "To: Harriet Cole <harriet.cole@harbourgallery.org>\n"
        "Subject: fees\n"
        "Date: Tue, 4 Nov 2025 09:12:00 -0500\n\n"
        "Harriet,\n\nFine by me.\n\nDon\n"
    )
    assert parse_text(mail).turns[0].speaker == "Don Carter"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("SA'ID HASSAN", "Sa'id Hassan"),
        ("JA'FAR ALI", "Ja'far Ali"),
        ("O'NEILL, DAVE", "Dave O'Neill"),
        ("d'arcy smith", "D'Arcy Smith"),
    ],
)
def test_when_a_name_is_recased_then_only_a_one_letter_prefix_takes_a_capital(
    written: str, expected: str
) -> None:
    assert canonical_name(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ROB MCALLISTER", "Rob McAllister"),
        ("rob mcallister", "Rob McAllister"),
        ("jan van der berg", "Jan van der Berg"),
        ("KARL ZU GUTTENBERG", "Karl zu Guttenberg"),
        ("WEI DU", "Wei Du"),  # a surname, not a particle, when it closes the name
        ("İLKER ŞAHİN", "İlker Şahin"),
    ],
)
def test_when_a_name_in_one_case_is_recased_then_it_is_written_as_people_write_it(
    written: str, expected: str
) -> None:
    assert canonical_name(written) == expected


def test_when_a_turkish_name_is_in_capitals_then_its_words_are_the_plain_ones() -> None:
    assert tokens("İLKER ŞAHİN") == ("ilker", "sahin")
