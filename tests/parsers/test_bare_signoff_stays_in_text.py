"""A sign-off that is all that names a message's writer stays in its text: when no header
names them (the newest message of a paste, known at most by an address the message it
answers was sent to, or by its own sign-off), "Braxton" or "Thanks,\nMichael Scott" is
part of what they wrote. A header naming the writer (the message's own, a "Forwarded by"
line, the To line of the message answered), or a block with a title or a phone, still
makes it a signature."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.emails.signatures import is_bare_signoff

_OUTLOOK_BELOW = (
    "\n\nFrom: Bort Simmons\nSent: April 9, 2026 2:02 PM\nTo: braxton@hollins-supply.com\n"
    "Subject: RE: pallet pricing\n\n"
    "We can hold 41.50 per pallet until the end of the month, not longer.\nThanks!\n"
)


def test_when_a_reply_signs_a_first_name_above_a_device_line_then_the_name_stays_text() -> None:
    text = "Fine, 41.50 it is. Send the order form.\nBraxton\n\nSent from Mail for Windows 10"
    newest = parse_text(text + _OUTLOOK_BELOW).turns[-1]
    assert newest.text == "Fine, 41.50 it is. Send the order form.\nBraxton"
    assert newest.signature == "Sent from Mail for Windows 10"


def test_when_a_headerless_reply_signs_a_full_name_then_the_name_stays_text() -> None:
    text = (
        "Hello Toby,\n\nThe second invoice is still open; please pay it by Friday.\n\n"
        "Michael Scott\n\n"
        "On 2026-04-09 23:25, Toby Flenderson wrote:\n> Which invoice is still open?\n"
    )
    newest = parse_text(text).turns[-1]
    assert newest.text.endswith("please pay it by Friday.\n\nMichael Scott")
    assert newest.speaker == "Michael Scott"


def test_when_a_header_names_the_writer_then_the_signed_name_is_the_signature() -> None:
    text = (
        "From: Michael Scott <michael.scott@dunder-paper.com>\nSent: Friday, April 10, 2026 "
        "9:00 AM\nTo: Toby Flenderson <toby@dunder-paper.com>\nSubject: RE: invoice\n\n"
        "The second invoice is still open; please pay it by Friday.\n\nMichael Scott\n"
    )
    turn = parse_text(text).turns[-1]
    assert turn.text == "The second invoice is still open; please pay it by Friday."
    assert turn.signature == "Michael Scott"


@pytest.mark.parametrize(
    ("lines", "bare"),
    [
        (["Braxton"], True),
        (["Thanks,", "Michael Scott"], True),
        (["Met vriendelijke groet,", "Sanne de Vries"], True),
        (["Saludos,", "de la Fuente"], False),  # a name opens with a capital
        (["Aisha Rahman", "Pricing Analyst"], False),  # a title under the name
        (["Michael Scott", "+1 570 555 0100"], False),  # a phone
        (["-Abhishek Kona"], False),  # the dash delimiter marks a signature
        (["Thanks,", "Michael", "Scott", "Regional Office"], False),
    ],
)
def test_when_lines_close_a_message_then_only_a_formula_and_a_name_are_a_bare_signoff(
    lines: list[str], bare: bool
) -> None:
    assert is_bare_signoff(lines) is bare
