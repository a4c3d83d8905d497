"""German names written with umlauts and in their ASCII spelling ("Jörg" / "Joerg",
"Weiß" / "Weiss") are one person, named the way they write it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.claims import Claim
from analyzer.parsers.identity import resolve
from analyzer.parsers.names import plain_umlauts

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_writer_appears_with_and_without_umlauts_then_one_person_has_both() -> None:
    conversation = parse_file(CORPORATE / "gmail_umlaut_spellings.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Jürgen König",
        "Annegret Weiß",
        "Jürgen König",  # "Juergen Koenig" <juergen.koenig@...>
        "Jürgen König",
    ]
    juergen = conversation.participants[0]
    assert juergen.aliases == ["Juergen Koenig"]


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            [Claim("Joerg Albers", "j.albers@x.de"), Claim("Jörg Albers", "ja@gmail.com")],
            ["Jörg Albers", "Jörg Albers"],
        ),
        (
            [Claim("Jürgen Weiß", "jw@x.de"), Claim(None, "juergen.weiss@gmail.com")],
            ["Jürgen Weiß", "Jürgen Weiß"],
        ),
        (  # different surnames stay apart
            [Claim("Jörg Albers", "ja@x.de"), Claim("Joerg Alberts", "jb@x.de")],
            ["Jörg Albers", "Joerg Alberts"],
        ),
    ],
)
def test_when_names_differ_only_by_umlaut_spelling_then_they_merge(
    claims: list[Claim], expected: list[str]
) -> None:
    assert resolve(claims).speakers == expected


def test_when_a_word_spells_an_umlaut_out_then_the_plain_form_drops_the_e() -> None:
    assert [plain_umlauts(w) for w in ("joerg", "mueller", "jorg", "haendel")] == [
        "jorg",
        "muller",
        "jorg",
        "handel",
    ]
