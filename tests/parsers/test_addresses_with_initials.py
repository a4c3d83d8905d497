"""An address made of initials and a surname ("rjthornton@", "ptraskin@": a first or
middle initial before the one the person goes by) spells the name signed under it, even
when the writer leaves no blank line above the name."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.names import may_be_same, same_person

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_an_initials_address_signs_a_full_name_then_both_messages_are_that_person() -> None:
    conversation = parse_file(CORPORATE / "aol_initials_address_signed.txt")
    assert [t.speaker for t in conversation.turns] == [
        "James Thornton",
        "Kara Lindgren",
        "James Thornton",
    ]
    james = next(p for p in conversation.participants if p.name == "James Thornton")
    assert james.addresses == ["rjthornton@aol.com"]


@pytest.mark.parametrize(
    ("name", "address", "same"),
    [
        ("James Thornton", "rjthornton@aol.com", True),
        ("Tom Raskin", "ptraskin@aol.com", True),
        ("John Smith", "jsmith@acme.example", True),
        ("Mark Dana Davis", "mdavis@acme.example", True),
        ("James Thornton", "rthornton@aol.com", False),  # another initial
        ("James Thornton", "thornton@aol.com", False),  # no initial at all
        ("James Thornton", "abcdthornton@aol.com", False),  # not initials
    ],
)
def test_when_an_address_is_initials_then_a_surname_then_it_spells_that_name(
    name: str, address: str, same: bool
) -> None:
    assert same_person(name, address) is same
    if same:  # a signature under the address never reads as someone else's
        assert may_be_same(name, address)
