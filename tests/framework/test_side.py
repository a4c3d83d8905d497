"""Whose side the user is on: --me/--them matching and the stated heuristic."""

from __future__ import annotations

import pytest

from analyzer.analysis import SideHow
from analyzer.framework.side import match_participants, resolve_side
from analyzer.models import Participant
from analyzer.options import AnalyzeOptions

PEOPLE = [
    Participant(name="Dana Reyes", address="dana.reyes@northwind.io", turns=3),
    Participant(name="Tom Okafor", address="tokafor@acme-logistics.com", turns=2),
    Participant(name="Tom Brandt", address="tom@acme-logistics.com", turns=1),
    Participant(name="Priya Shah", address="priya@northwind.io", turns=1),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dana Reyes", ["Dana Reyes"]),
        ("reyes, dana", ["Dana Reyes"]),
        ("REYES DANA", ["Dana Reyes"]),
        ("dana.reyes@northwind.io", ["Dana Reyes"]),
        ("tokafor", ["Tom Okafor"]),
        ("Dana", ["Dana Reyes"]),
        ("Tom", []),  # two Toms: a first name alone must be unique
        ("Okafor", ["Tom Okafor"]),
        ("Someone Else", []),
    ],
)
def test_when_user_names_a_participant_then_the_match_is_forgiving_but_unambiguous(
    query: str, expected: list[str]
) -> None:
    assert [p.name for p in match_participants(query, PEOPLE)] == expected


def test_when_me_is_given_then_colleagues_on_our_domain_are_on_neither_side(converse) -> None:
    conv = converse(
        [
            ("Dana Reyes <dana.reyes@northwind.io>", "Hi Tom, the proposal is attached."),
            ("Tom Okafor", "Thanks, we will review it."),
        ]
    )
    # build a conversation whose participants carry addresses, as the email parser gives
    conv = conv.model_copy(update={"participants": PEOPLE})
    side, notices = resolve_side(conv, AnalyzeOptions(me=["Dana"]))
    assert side.how is SideHow.OPTION
    assert side.us == ["Dana Reyes"]
    assert "Priya Shah" not in side.them and "Tom Okafor" in side.them
    assert notices == []


def test_when_me_matches_nobody_then_a_notice_says_so_and_the_analysis_is_neutral(
    converse,
) -> None:
    conv = converse([("Dana Reyes", "Our offer stands."), ("Tom Okafor", "Noted.")])
    side, notices = resolve_side(conv, AnalyzeOptions(me=["Jordan"]))
    assert side.how is SideHow.NEUTRAL
    assert len(notices) == 1 and "'Jordan' matches no participant" in notices[0]


def test_when_thread_ends_with_our_unanswered_follow_ups_then_heuristic_takes_our_side(
    converse,
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Hi Tom, sending over the renewal quote we discussed."),
            ("Tom Okafor", "Thanks Dana, will take a look."),
            ("Dana Reyes", "Hi Tom, just following up on the quote."),
            ("Dana Reyes", "Tom, circling back once more on this."),
        ]
    )
    side, notices = resolve_side(conv, AnalyzeOptions())
    assert side.how is SideHow.HEURISTIC
    assert side.us == ["Dana Reyes"] and side.them == ["Tom Okafor"]
    assert "unanswered follow-ups" in notices[0]


def test_when_turns_alternate_then_no_heuristic_guess_is_made(converse) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Can we meet Tuesday?"),
            ("Tom Okafor", "Tuesday at 2pm works."),
            ("Dana Reyes", "Great, see you then."),
        ]
    )
    side, _ = resolve_side(conv, AnalyzeOptions())
    assert side.how is SideHow.NEUTRAL


IDENTITIES = [
    Participant(
        name="Dana Davis",
        address="dana.davis@enron.com",
        turns=3,
        aliases=["Davis, Dana", "DAVIS DANA"],
        addresses=["dana.davis@enron.com", "ddavis@ect.enron.com"],
    ),
    Participant(name="Dana Reyes", address="dreyes@acme.com", turns=1),
    Participant(name="Phillip Allen", address="pallen@enron.com", turns=2, aliases=["Phillip"]),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Davis, Dana", ["Dana Davis"]),
        ("ddavis@ect.enron.com", ["Dana Davis"]),
        ("ddavis", ["Dana Davis"]),
        ("Phillip", ["Phillip Allen"]),
        ("Dana", []),  # two people share the first name, whatever the aliases say
    ],
)
def test_when_me_names_any_alias_or_address_then_the_identity_is_matched(
    query: str, expected: list[str]
) -> None:
    assert [p.name for p in match_participants(query, IDENTITIES)] == expected
