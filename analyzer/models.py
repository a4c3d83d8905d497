"""The conversation model every analysis shares: a `Conversation` of ordered `Turn`s.

A turn is what one person newly said, once: quoted history, signatures and disclaimers
are split off, and for transcripts consecutive cues of one speaker are merged (each
source cue kept in `cues`). `spans` point back into `Conversation.source`, the decoded
input, so later layers can highlight evidence in what the user pasted.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

Span = Annotated[tuple[int, int], Field(description="[start, end) character range of the source")]


class Kind(StrEnum):
    """Broad family of a conversation."""

    EMAIL = "email"
    TRANSCRIPT = "transcript"


class InputFormat(StrEnum):
    """The input formats the parsers understand (`--input-format`)."""

    EMAIL_TEXT = "email_text"  # a pasted thread: Gmail, Outlook, Apple Mail, Lotus Notes...
    EML = "eml"  # one RFC 822 message file
    MBOX = "mbox"  # an mbox export of several messages
    VTT = "vtt"  # WebVTT (Zoom, Teams, captions)
    SRT = "srt"  # SubRip
    SBV = "sbv"  # YouTube SubViewer
    OTTER = "otter"  # Otter.ai text export ("Name  0:34" then text), also its Markdown variant
    SPEAKER_TEXT = "speaker_text"  # "Name: text" or "[00:12:03] Name: text" lines
    WHATSAPP = "whatsapp"  # a chat export: "12/03/2026, 14:05 - Name: text" on every message
    DOCX = "docx"  # a Teams transcript saved as Word
    PLAIN = "plain"  # no recognisable structure: one turn by an unknown speaker

    @property
    def kind(self) -> Kind:
        """Whether this format holds an email exchange or a spoken conversation."""
        if self in {InputFormat.EMAIL_TEXT, InputFormat.EML, InputFormat.MBOX, InputFormat.PLAIN}:
            return Kind.EMAIL
        return Kind.TRANSCRIPT

    @property
    def may_be_chat(self) -> bool:
        """Whether a transcript of this format may be a written chat rather than a call,
        where the other party is not present and silence counts."""
        return self in {InputFormat.SPEAKER_TEXT, InputFormat.WHATSAPP}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Cue(_Frozen):
    """One source unit of a transcript (a VTT/SRT/SBV cue, or one labelled line)."""

    start_s: float | None = Field(description="Start, in seconds from the beginning")
    end_s: float | None = Field(description="End, in seconds from the beginning")
    text: str = Field(description="The cue's text as in the file (tags and speaker kept)")
    identifier: str | None = Field(default=None, description="The cue identifier, if any")


class Turn(_Frozen):
    """What one participant newly said, in order."""

    index: int = Field(ge=0, description="0-based position in the conversation")
    speaker: str = Field(min_length=1, description="Display name; address, then 'Unknown'")
    speaker_address: str | None = Field(default=None, description="Email address, when known")
    timestamp: str | None = Field(
        default=None,
        description="ISO 8601 date-time (with offset when the source gives a time zone)",
    )
    offset_s: float | None = Field(
        default=None, description="Seconds from the start of the call (transcripts)"
    )
    subject: str | None = Field(default=None, description="Email subject, when known")
    text: str = Field(description="What this person newly said: no quotes, no signature")
    signature: str | None = Field(default=None, description="Signature or disclaimer split off")
    boilerplate: str | None = Field(
        default=None,
        description="Banners and legal footers split off ('[External] CAUTION: ...')",
    )
    cues: list[Cue] = Field(default_factory=list, description="Source cues merged into this turn")
    spans: list[Span] = Field(
        default_factory=list, description="Ranges of `Conversation.source` the text came from"
    )
    from_quote: bool = Field(
        default=False,
        description="True when the message was recovered from quoted history, not sent as is",
    )


class Participant(_Frozen):
    """Someone who speaks in the conversation: one person, however the sources name them.

    `name` is the canonical display name every turn's `speaker` carries; `aliases` are
    the other names the same person appeared under ("Davis, Dana", "dana.davis",
    "Dana"), `addresses` every address seen for them (`address` is the first).
    """

    name: str
    address: str | None = None
    turns: int = Field(ge=0, description="How many turns they speak")
    aliases: list[str] = Field(
        default_factory=list, description="Other names of the same person, as written"
    )
    addresses: list[str] = Field(default_factory=list, description="Every address seen for them")

    def names(self) -> list[str]:
        """The canonical name, then every alias and address (for matching)."""
        return [self.name, *self.aliases, *self.addresses]


class TurnSourceMap(NamedTuple):
    """A turn's spans as (position in the text, position in the source, length)."""

    pieces: tuple[tuple[int, int, int], ...]

    def offset(self, position: int) -> int | None:
        """The source position of a text position, or None where it cannot be mapped."""
        for found, start, length in self.pieces:
            if found <= position <= found + length:
                return start + (position - found)
        return None


class Conversation(_Frozen):
    """A parsed conversation: ordered turns, oldest first."""

    kind: Kind
    format: InputFormat
    participants: list[Participant]
    warnings: list[str] = Field(default_factory=list)
    turns: list[Turn]
    source: str = Field(
        default="",
        exclude=True,
        repr=False,
        description="The decoded input the spans index (BOM removed, newlines as \\n)",
    )

    @model_validator(mode="after")
    def _indices_are_positions(self) -> Conversation:
        for position, turn in enumerate(self.turns):
            if turn.index != position:
                raise ValueError(f"turn {position} carries index {turn.index}")
        return self

    def speakers(self) -> list[str]:
        """Distinct speaker names in order of first appearance."""
        return list(dict.fromkeys(t.speaker for t in self.turns))

    def turn_source_offset(self, turn: Turn, position: int) -> int | None:
        """Map a character position in `turn.text` to a position in `source`.

        The text of a turn is its spans' slices joined by one-character separators (a
        newline or a space), so the mapping walks the spans. Returns None when the text
        cannot be mapped (the parser had to rewrite it, e.g. decoded MIME or HTML). For
        many positions in one turn, build its `source_map` once.
        """
        return self.source_map(turn).offset(position)

    def source_map(self, turn: Turn) -> TurnSourceMap:
        """Where each span of a turn sits in its text, for `turn_source_offset`."""
        pieces: list[tuple[int, int, int]] = []
        cursor = 0
        for start, end in turn.spans:
            piece = self.source[start:end]
            found = turn.text.find(piece, cursor) if piece else cursor
            if found < 0:
                break  # the text was rewritten here: later positions cannot be mapped
            pieces.append((found, start, len(piece)))
            cursor = found + len(piece)
        return TurnSourceMap(tuple(pieces))
