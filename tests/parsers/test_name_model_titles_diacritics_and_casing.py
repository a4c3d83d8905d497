"""Which name an identity is shown under: titles from the one shared list never belong to
it ("Cllr", "Kapitän", "Dr."), two spellings that differ only by diacritics are one
person shown with them ("Yıldız", not "Yildiz"), and a name the text spells in mixed case
keeps that spelling ("d'Aubigny", not the recased "D'aubigny")."""

from __future__ import annotations

import pytest

from analyzer.parsers.claims import Claim
from analyzer.parsers.identity import resolve
from analyzer.parsers.names import canonical_name, fold, tokens
from analyzer.parsers.titles import TITLES
from analyzer.parsers.transcripts.contact_names import bare_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Cllr Rob McAllister", "Rob McAllister"),
        ("McAllister, Rob (Cllr)", "Rob McAllister"),
        ("Councillor Aisha Bello", "Aisha Bello"),
        ("Kapitän Jens Hansen", "Jens Hansen"),
        ("Dipl.-Ing. Karla Brandt", "Karla Brandt"),
        ("Me Claire Girard", "Claire Girard"),
        ("Don Smith", "Don Smith"),  # a given name too: never taken for a title
        ("Don J. Carter", "Don Carter"),
        ("Don Michael Reyes", "Don Michael Reyes"),
    ],
)
def test_when_a_name_opens_with_a_title_then_the_title_is_dropped(
    written: str, expected: str
) -> None:
    assert canonical_name(written) == expected


def test_when_the_language_packs_list_titles_then_the_parser_reads_the_same_list() -> None:
    assert {"cllr", "kapitan", "herr", "mme", "sra", "dr"} <= TITLES


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Kapitän Hansen", "Hansen"),  # an office is no part of a name
        ("Mrs Carter", "Mrs Carter"),  # a courtesy title with a surname is how she is known
        ("Coach Terry", "Coach Terry"),
    ],
)
def test_when_a_chat_contact_is_saved_with_a_title_then_only_an_office_goes(
    label: str, expected: str
) -> None:
    assert bare_name(label) == expected


def test_when_a_councillor_writes_with_and_without_title_then_the_fullest_plain_name_wins() -> None:
    claims = [
        Claim("Cllr Sam Oyelaran", "samuel.oyelaran@kelbury.gov.uk"),
        Claim("Whitlock, Sam", "s.whitlock@kelbury.gov.uk"),
        Claim("Samuel Oyelaran", "samuel.oyelaran@kelbury.gov.uk"),
    ]
    result = resolve(claims)
    assert result.speakers == ["Samuel Oyelaran", "Sam Whitlock", "Samuel Oyelaran"]


@pytest.mark.parametrize(
    ("plain", "accented"),
    [("Yildiz", "Yıldız"), ("Lukasz", "Łukasz"), ("Soren", "Søren"), ("Weiss", "Weiß")],
)
def test_when_letters_have_no_combining_accent_then_they_fold_like_the_others(
    plain: str, accented: str
) -> None:
    assert fold(plain) == fold(accented)


def test_when_one_writer_appears_with_and_without_diacritics_then_one_person_with_them() -> None:
    claims = [
        Claim("Katrin Schäfer", "k.schaefer@autohaus-brenner.de"),
        Claim("Murat Yildiz", "murat.yildiz@gmail.com"),
        Claim("Katrin Schäfer", "k.schaefer@autohaus-brenner.de"),
        Claim("Murat Yıldız", "murat.yildiz@gmail.com"),
    ]
    result = resolve(claims)
    assert result.speakers == ["Katrin Schäfer", "Murat Yıldız", "Katrin Schäfer", "Murat Yıldız"]
    assert len(result.participants) == 2


def test_when_two_people_differ_by_more_than_diacritics_then_they_stay_two() -> None:
    claims = [
        Claim("Murat Yıldız", "murat@yildiz-bau.de"),
        Claim("Murat Yilmaz", "m.yilmaz@bauamt.de"),
    ]
    assert resolve(claims).speakers == ["Murat Yıldız", "Murat Yilmaz"]


def test_when_a_surname_is_written_in_capitals_then_the_mixed_case_spelling_is_kept() -> None:
    claims = [
        Claim("Agnès Van Damme", "agnes.vandamme@traduction-vd.be"),
        Claim("D'AUBIGNY Thibault", "t.daubigny@cabinet-daubigny.fr"),
    ]
    directory: list[tuple[str | None, str | None]] = [
        ("Thibault d'Aubigny", "t.daubigny@cabinet-daubigny.fr")
    ]
    result = resolve(claims, directory)
    assert result.speakers == ["Agnès Van Damme", "Thibault d'Aubigny"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("O'NEILL, DAVE", "Dave O'Neill"), ("D'AUBIGNY Thibault", "Thibault D'Aubigny")],
)
def test_when_a_name_in_capitals_is_recased_then_the_letter_after_an_apostrophe_is_capital(
    written: str, expected: str
) -> None:
    assert canonical_name(written) == expected
    assert tokens(written) == tokens(expected)
