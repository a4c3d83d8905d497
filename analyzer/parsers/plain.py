"""The fallback: text with no recognisable structure is one turn by an unknown speaker."""

from __future__ import annotations

from analyzer.models import Conversation, InputFormat
from analyzer.parsers.build import TurnDraft, build_conversation, trim_spans
from analyzer.parsers.lines import line_spans


def sniff(text: str) -> bool:
    """Anything can be plain text."""
    return bool(text.strip())


def parse(text: str, raw: bytes | None = None) -> Conversation:
    """One turn holding the whole text, with a warning that no structure was found."""
    spans = trim_spans(text, line_spans(text))
    draft = TurnDraft(speaker=None, spans=spans)
    return build_conversation(
        InputFormat.PLAIN,
        text,
        [draft],
        [
            "no email headers, quote markers or speaker labels were found; the text was "
            "read as one message by an unknown speaker. Name the speaker with "
            "'Name: text' lines, or paste the full thread with its headers."
        ],
    )
