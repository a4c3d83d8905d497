"""An unsigned newest message with no header answers a message greeting two people:
either may have written it, so it is not given to the other party of the thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_the_answered_message_greets_two_people_then_the_reply_is_unknown() -> None:
    conversation = parse_file(CORPORATE / "gmail_reply_to_two_people.txt")
    assert [t.speaker for t in conversation.turns] == ["Ines Farrow", "Marta Quiroga", "Unknown"]


@pytest.mark.parametrize(
    ("greeting", "newest"),
    [
        ("Ines,", "Ines Farrow"),  # one person greeted: she answers
        ("Ines, Paul,", "Unknown"),
        ("Hi Ines and Paul,", "Unknown"),
        ("Hola Ines y Paul:", "Unknown"),
    ],
)
def test_when_the_greeting_names_one_or_several_then_the_guess_follows(
    greeting: str, newest: str
) -> None:
    thread = (
        "Fine, go ahead.\n\n"
        "On Thu, Oct 8, 2026 at 9:20 AM Marta Quiroga <marta@quiroga.com> wrote:\n\n"
        f"> {greeting}\n>\n> The revised quote is $38,900.\n>\n> Marta\n>\n"
        "> On Tue, Oct 6, 2026 at 8:02 PM Ines Farrow <ines@farrow.net> wrote:\n>\n"
        ">> Marta, could you come down to $39,000?\n>>\n>> Ines\n"
    )
    assert [t.speaker for t in parse_text(thread).turns][-1] == newest
