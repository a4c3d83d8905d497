"""Corporate senders named from what the thread gives: an assistant who signs under her
boss's From, an "initial + surname" address signed with a first name, and an unsigned
address that a Cc line names."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file
from analyzer.parsers.claims import Claim
from analyzer.parsers.identity import resolve
from analyzer.parsers.names import initial_and_surname, may_be_same

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_senders_are_named_by_signatures_and_cc_lines_then_each_has_a_full_name() -> None:
    conversation = parse_file(CORPORATE / "corpus_assistant_and_initial_addresses.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Patti Sullivan",  # under "From: Beck, Sally", signed "Assistant to Sally Beck"
        "Gary Kessler",  # gkessler@ signing "Gary"
        "Sally Beck",
        "Teresa Morrow",  # tmorrow@, unsigned; "Cc: Teresa Morrow (E-mail)"
    ]


@pytest.mark.parametrize(
    ("local", "expected"),
    [("dkinney", True), ("jsmith", True), ("sunshine", False), ("tidewater77", False)],
)
def test_when_a_local_part_is_initial_and_surname_then_it_is_recognised(
    local: str, expected: bool
) -> None:
    assert initial_and_surname(local) is expected


def test_when_a_first_name_shares_the_addresses_initial_then_it_may_be_the_sender() -> None:
    assert may_be_same("Doug", "dkinney@columbia.com")
    assert not may_be_same("Mae", "dkinney@columbia.com")


def test_when_a_first_name_and_an_initial_address_agree_then_the_surname_completes_it() -> None:
    resolution = resolve([Claim("Doug", "dkinney@columbia.com")])
    assert resolution.speakers == ["Doug Kinney"]
    assert resolve([Claim("Sam", "sunshine@aol.com")]).speakers == ["Sam"]
