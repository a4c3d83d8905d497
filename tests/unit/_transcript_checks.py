"""Checks shared by the transcript tests."""

from __future__ import annotations

from analyzer.models import Conversation

MARKUP = ("<v ", "</v>", "<i>", "</i>", "&amp;", "&gt;", "-->")


def assert_span_invariant(conversation: Conversation, *, markup: bool = True) -> None:
    """Each turn's text is its spans' source slices joined by one-character separators,
    and (for caption formats, `markup`) no span covers tags, entities or timing lines.
    Text transcripts ("Name: text", Otter) are taken literally: "&amp;" there is text."""
    source = conversation.source
    for turn in conversation.turns:
        position = 0
        for k, (start, end) in enumerate(turn.spans):
            assert 0 <= start <= end <= len(source), (turn.index, start, end)
            piece = source[start:end]
            assert turn.text.startswith(piece, position), (turn.index, piece, turn.text)
            assert not (markup and any(m in piece for m in MARKUP)), (turn.index, piece)
            position += len(piece) + (1 if k < len(turn.spans) - 1 else 0)
        assert position == len(turn.text), (turn.index, turn.text, turn.spans)


def all_cues(conversation: Conversation) -> int:
    """How many source cues the turns keep."""
    return sum(len(turn.cues) for turn in conversation.turns)
