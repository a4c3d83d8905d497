"""Gmail's "[Quoted text hidden]" (and its German, French and Spanish forms) stands for a
collapsed quote: not a message, not part of a signature; kept as boilerplate."""

from __future__ import annotations

from pathlib import Path

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_print_view_collapses_quotes_then_placeholders_are_boilerplate() -> None:
    conversation = parse_file(CORPORATE / "gmail_print_view_hidden_quotes.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Svenja Holt",
        "Lukas Brenner",
        "Svenja Holt",
    ]
    newest = conversation.turns[-1]
    assert newest.signature == "Svenja Holt"
    assert newest.boilerplate == "[Zitierter Text ausgeblendet]"
    assert all("ausgeblendet" not in t.text for t in conversation.turns)


def test_when_a_sign_off_is_followed_by_quoted_text_hidden_then_the_text_ends_with_it() -> None:
    thread = (
        "Deal. Please send the amendment.\n\nJordan\n[Quoted text hidden]\n\n"
        "On Tue, Mar 3, 2026 at 9:02 AM Priya Shah <pshah@portside.com> wrote:\n"
        "> We can do $10.90 per square foot.\n>\n> Priya\n"
    )
    newest = parse_text(thread).turns[-1]
    # No header names the writer: a bare sign-off stays in the text (it may be all
    # they said), but the placeholder does not.
    assert newest.text == "Deal. Please send the amendment.\n\nJordan"
    assert newest.boilerplate == "[Quoted text hidden]"
