"""Sentences of a turn: where each starts, its text, and its word index for the lexicons.

A sentence never crosses a line break, so a quote cut from one stays on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzer.languages.anchors import TextIndex, index_text
from analyzer.languages.shared import shared_words
from analyzer.models import Turn

# A sentence ends at ., ! or ? (or a closing quote after one) followed by spaces; the
# abbreviations that end none ("Mr.", "z. B.") and the tags that ask no question
# (", right?") are every language pack's `[sentences]` words (see languages.shared).
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*[ \t]+")
# The longest sentence read as one; longer runs are read in pieces (see `_add_sentence`).
# Real sentences stay far below it (the longest in the labelled and real fixtures, apart
# from one run-on quote of 700,000 characters, has about 1,200).
MAX_SENTENCE = 2_000
_WORD_BEFORE = re.compile(r"(?:^|[\s(])((?:[^\W\d_]\.)*[^\W\d_]+)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one line of a turn: where it is and what it says."""

    turn: int
    start: int  # offset in the turn's text
    text: str
    index: TextIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every detector searches every sentence: lower-case and tokenise it only once.
        object.__setattr__(self, "index", index_text(self.text))

    @property
    def is_question(self) -> bool:
        """Whether the sentence asks something (a trailing tag like ", right?" does not)."""
        text = self.text.rstrip()
        return text.endswith("?") and not shared_words().tag_question.search(text)


def split_sentences(turn: Turn) -> tuple[Sentence, ...]:
    """Sentences of a turn, never crossing a line break (quotes stay within one line)."""
    out: list[Sentence] = []
    text = turn.text
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        piece_start = line_start
        for boundary in _BOUNDARY.finditer(text, line_start, line_end):
            before = text[max(line_start, boundary.start() - 12) : boundary.start()]
            if _after_abbreviation(before, text[boundary.end() : boundary.end() + 3]):
                continue
            _add_sentence(out, turn.index, text, piece_start, boundary.start())
            piece_start = boundary.end()
        _add_sentence(out, turn.index, text, piece_start, line_end)
        line_start = line_end + 1
    return tuple(out)


def _after_abbreviation(before: str, after: str) -> bool:
    """Whether a period ends an abbreviation ("Mr.", "z. B.") or an initial ("J.")."""
    found = _WORD_BEFORE.search(before)
    if found is None:
        return False
    word = found.group(1).lower()
    words = shared_words()
    if word in words.number_abbreviations:
        return after[:1].isdigit()
    if len(word) == 1 and after[1:2] == "." and after[:1].isalpha():
        return True  # the first half of "z. B.", "d. h.", "u. a."
    return word in words.abbreviations or (len(word) == 1 and found.group(1).isupper())


def _add_sentence(out: list[Sentence], turn: int, text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        # A "sentence" this long is text without sentence ends (a run-on line, lost
        # punctuation): every phrase search over it would scan all of it. It is read in
        # pieces cut between words, so the work stays proportional to its length.
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add_piece(out, turn, text, start, cut)
        start = cut
    _add_piece(out, turn, text, start, end)


def _add_piece(out: list[Sentence], turn: int, text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        out.append(Sentence(turn=turn, start=start + lead, text=stripped))
