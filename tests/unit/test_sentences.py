"""Sentence splitting: quotes are whole sentences, and abbreviations do not cut them."""

from __future__ import annotations

import pytest

from analyzer.models import Turn
from analyzer.reading import split_sentences
from analyzer.reading.sentences import MAX_SENTENCE


def _split(text: str) -> list[str]:
    return [s.text for s in split_sentences(Turn(index=0, speaker="Them", text=text))]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "I spoke with Mr. Okafor today. He says no.",
            ["I spoke with Mr. Okafor today.", "He says no."],
        ),
        (
            "Die Miete liegt bei ca. 12 Euro, z. B. für Büros. Mehr geht nicht.",
            ["Die Miete liegt bei ca. 12 Euro, z. B. für Büros.", "Mehr geht nicht."],
        ),
        (
            "Please ask J. R. Lindqvist. Then call me.",
            ["Please ask J. R. Lindqvist.", "Then call me."],
        ),
        ("We need e.g. a cap on fees. Fine.", ["We need e.g. a cap on fees.", "Fine."]),
        ("Invoice No. 5 is overdue. Pay it.", ["Invoice No. 5 is overdue.", "Pay it."]),
        # "no" is an answer here, not the abbreviation of "number".
        ("That is a no. We stop here.", ["That is a no.", "We stop here."]),
        ("Hablé con la Sra. Pérez. Dice que no.", ["Hablé con la Sra. Pérez.", "Dice que no."]),
    ],
)
def test_when_a_period_ends_an_abbreviation_then_the_sentence_goes_on(
    text: str, sentences: list[str]
) -> None:
    assert _split(text) == sentences


def test_when_a_turn_has_lines_then_no_sentence_crosses_a_line_break() -> None:
    assert _split("Thanks Dr.\nWe cannot go lower") == ["Thanks Dr.", "We cannot go lower"]


def test_when_a_line_runs_on_without_sentence_ends_then_it_is_read_in_pieces_between_words() -> (
    None
):
    words = "we will not go below the price we named for the renewal term "
    text = "Dana wrote " + words * 200 + "and that is final"
    pieces = split_sentences(Turn(index=0, speaker="Dana Reyes", text=text, spans=[]))
    assert len(pieces) > 1
    assert all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start : p.start + len(p.text)] == p.text for p in pieces)
    assert " ".join(p.text for p in pieces) == text.strip()  # cut at spaces, nothing lost
