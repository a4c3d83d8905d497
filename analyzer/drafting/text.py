"""Cutting a draft into the pieces the draft rules look at and may drop.

A draft is lines; a line of prose is sentences; a talking point ("- Ask Tom: “…”") is one
piece. Dropping a piece and joining the rest gives back a well-formed draft, which is
how a sentence that would reveal a private fact is removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_CLOSING = "\"'”»“)] \t\u00a0\u202f"
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
# A short line without final punctuation (or ending in a comma) is a greeting, a
# sign-off or a name, not part of what the draft says.
_FRAME_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class Piece:
    """One droppable piece of a draft: a sentence, or a whole bullet line."""

    line: int
    text: str


def pieces(text: str) -> list[Piece]:
    """The pieces of a draft, in order."""
    out: list[Piece] = []
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        if _BULLET.match(line):
            out.append(Piece(number, line))
            continue
        out += [Piece(number, s) for s in _sentences(line)]
    return out


def _sentences(line: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(line.strip())]
    return [p for p in parts if p]


def join(kept: list[Piece], original: str) -> str:
    """Rebuild a draft from the pieces kept, preserving its line and paragraph layout."""
    lines = original.split("\n")
    by_line: dict[int, list[str]] = {}
    for piece in kept:
        by_line.setdefault(piece.line, []).append(piece.text)
    out: list[str] = []
    for number, line in enumerate(lines):
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        if number in by_line:
            out.append(" ".join(by_line[number]))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def is_frame(line: str) -> bool:
    """A greeting, sign-off or name line ("Hi Tom,", "Best,", "Dana")."""
    stripped = line.strip()
    if not stripped or stripped.endswith("?"):
        return False
    words = len(_WORDS.findall(stripped))
    ends_open = stripped.endswith(",") or stripped.endswith(":") or stripped[-1].isalnum()
    return ends_open and words <= _FRAME_MAX_WORDS


def body_pieces(text: str) -> list[Piece]:
    """The pieces that carry the message: greeting, sign-off and name lines left out."""
    return [p for p in pieces(text) if not is_frame(p.text)]


def is_question(piece: str) -> bool:
    """Whether a piece asks something (its text ends with a question mark)."""
    return piece.rstrip(_CLOSING).endswith("?")


def word_count(text: str) -> int:
    """Words in a text (numbers and hyphenated words count once)."""
    return len(_WORDS.findall(text))
