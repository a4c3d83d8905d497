"""Two shapes of reply that hide who said what: answers tagged with the replier's
initials inside the quoted message ("[NK] Yes, if..."), and a bare "Name wrote:" line
above a quote, without date or address."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_answers_are_tagged_inline_then_they_are_the_repliers_words() -> None:
    conversation = parse_file(CORPORATE / "outlook_inline_tagged_answers.txt")
    dana, nikhil = conversation.turns
    assert (dana.speaker, nikhil.speaker) == ("Dana Reyes", "Nikhil Kumar")
    assert "[NK]" not in dana.text and "Yes, if the renewal" not in dana.text
    assert dana.text.endswith("3. Is the SSO add-on still included?")
    assert nikhil.text.endswith(
        "Yes, if the renewal is signed before March 31.\n"
        "Only pro rata at list price ($45), unless they are added in the first 60 days.\n"
        "Yes, no change there."
    )
    source = conversation.source
    assert "\n".join(source[a:b] for a, b in nikhil.spans) == nikhil.text


def test_when_a_tag_is_not_the_repliers_then_the_line_stays_in_the_quote() -> None:
    thread = (
        "See below.\n\nNikhil Kumar\n\n"
        "From: Reyes, Dana <dana@northwind.io>\nSent: Tuesday, March 3, 2026 9:14 AM\n"
        "To: Kumar, Nikhil <nikhil@acme.com>\nSubject: questions\n\n"
        "Nikhil,\n\nFrom our legal team:\n[JB] the cap must stay at 12 months of fees.\n\nDana\n"
    )
    dana = parse_text(thread).turns[0]
    assert "[JB] the cap must stay at 12 months of fees." in dana.text


def test_when_a_bare_wrote_line_heads_a_quote_then_the_quote_is_that_persons() -> None:
    conversation = parse_file(CORPORATE / "gmail_bare_wrote.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Tomás Ferreira",
        "Lena Hartmann",
        "Tomás Ferreira",
    ]
    assert all("wrote:" not in t.text for t in conversation.turns)


@pytest.mark.parametrize(
    "line", ["We all agreed on what Dana wrote:", "Note: the price wrote:", "dana wrote:"]
)
def test_when_wrote_ends_prose_or_no_quote_follows_then_it_is_no_attribution(line: str) -> None:
    thread = f"Fine by me.\n\n{line}\nthe cap is 12 months.\n\nTom\n"
    texts = " ".join(t.text for t in parse_text(thread).turns)
    assert line in texts
