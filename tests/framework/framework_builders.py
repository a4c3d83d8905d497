"""Builders for framework tests (importable by name): realistic conversations without going through a parser."""

from __future__ import annotations

from collections.abc import Callable

from analyzer.models import Conversation, InputFormat
from analyzer.parsers.build import TurnDraft, build_conversation
from analyzer.parsers.lines import line_spans

Message = tuple[str, str] | tuple[str, str, str]
Builder = Callable[..., Conversation]


def make_conversation(
    messages: list[Message], fmt: InputFormat = InputFormat.EMAIL_TEXT
) -> Conversation:
    """A conversation of (speaker, text[, ISO timestamp]) messages, oldest first."""
    source = ""
    drafts: list[TurnDraft] = []
    for message in messages:
        speaker, text = message[0], message[1]
        stamp = message[2] if len(message) > 2 else None  # type: ignore[misc]
        start = len(source)
        source += text + "\n\n"
        spans = line_spans(source, start, start + len(text))
        drafts.append(TurnDraft(speaker=speaker, spans=spans, timestamp=stamp))
    return build_conversation(fmt, source, drafts)
