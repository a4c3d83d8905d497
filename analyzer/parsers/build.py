"""Shared assembly of turns: every parser hands over `TurnDraft`s, this makes the model.

Keeping one assembly point guarantees the invariants the later layers rely on: indices
are positions, speakers are never empty, participants are counted the same way, and a
turn's text is exactly its spans' slices of the source joined by one-character
separators (so evidence can be mapped back to the input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzer.models import Conversation, Cue, InputFormat, Kind, Turn
from analyzer.parsers.claims import Claim
from analyzer.parsers.identity import resolve

UNKNOWN_SPEAKER = "Unknown"

_LAST_FIRST = re.compile(r"^\s*([^\s,][^,]*?)\s*,\s*([^,]+?)\s*$")
_SPACES = re.compile(r"\s+")


def display_name(name: str | None, address: str | None = None) -> str:
    """A speaker's display name: "Last, First" reordered, quotes trimmed, else the address.

    Never empty: falls back to the address, then to "Unknown".
    """
    if name:
        cleaned = _SPACES.sub(" ", name.strip().strip("\"'").strip())
        match = _LAST_FIRST.match(cleaned)
        # Only reorder when both parts look like names (no digits, no further commas):
        # "Reyes, Dana" becomes "Dana Reyes", "ACME, Inc." stays.
        if match and not any(ch.isdigit() for ch in cleaned):
            last, first = match.groups()
            if first.lower().rstrip(".") not in {"inc", "ltd", "llc", "gmbh", "sa", "jr", "sr"}:
                cleaned = f"{first} {last}"
        if cleaned and "@" not in cleaned:
            return cleaned
        if cleaned and not address:
            return cleaned
    if address:
        return address.strip()
    return UNKNOWN_SPEAKER


def _clean_name(name: str | None, address: str | None) -> str | None:
    """The name as a claim carries it: None when only the address (or nothing) is known."""
    shown = display_name(name, address)
    if shown == UNKNOWN_SPEAKER or (address and shown == address.strip()):
        return None
    return name


@dataclass(slots=True)
class TurnDraft:
    """A turn before indexing. `spans` and `separators` define the text exactly."""

    speaker: str | None
    spans: list[tuple[int, int]]
    separators: list[str] = field(default_factory=list)
    speaker_address: str | None = None
    timestamp: str | None = None
    offset_s: float | None = None
    subject: str | None = None
    signature: str | None = None
    boilerplate: str | None = None
    speaker_aliases: list[str] = field(default_factory=list)  # e.g. the X-From name
    signed_as: str | None = None  # the name in the order its owner signs it
    recipients: list[tuple[str | None, str | None]] = field(default_factory=list)  # To, Cc
    cues: list[Cue] = field(default_factory=list)
    from_quote: bool = False
    text_override: str | None = None
    # The spans' text when the parser has already joined it (one-line separators only):
    # saves joining every turn a second time. The spans stay the source of truth.
    joined: str | None = None

    def text(self, source: str) -> str:
        """The turn's text: the spans' slices joined by their separators."""
        if self.text_override is not None:
            return self.text_override
        if self.joined is not None and not self.separators:
            return self.joined
        pieces = [source[a:b] for a, b in self.spans]
        if not pieces:
            return ""
        seps = self.separators or ["\n"] * (len(pieces) - 1)
        if len(seps) != len(pieces) - 1 or any(len(s) != 1 for s in seps):
            raise ValueError("a turn needs one one-character separator between spans")
        out = [pieces[0]]
        for sep, piece in zip(seps, pieces[1:], strict=True):
            out.append(sep)
            out.append(piece)
        return "".join(out)


def trim_spans(source: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop blank spans at both ends and strip each span's outer whitespace.

    Blank spans in the middle are kept (as empty ranges) so paragraph breaks survive.
    """
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = source[a:b]
        stripped = piece.strip()
        if not stripped:
            out.append((a, a))
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append((a + lead, a + lead + len(stripped)))
    while out and out[0][0] == out[0][1]:
        out.pop(0)
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    # Collapse runs of blank lines to one.
    collapsed: list[tuple[int, int]] = []
    for span in out:
        if span[0] == span[1] and collapsed and collapsed[-1][0] == collapsed[-1][1]:
            continue
        collapsed.append(span)
    return collapsed


def build_conversation(
    fmt: InputFormat,
    source: str,
    drafts: list[TurnDraft],
    warnings: list[str] | None = None,
    *,
    keep_empty: bool = False,
    directory: list[tuple[str | None, str | None]] | None = None,
) -> Conversation:
    """Index the drafts, resolve who speaks (`identity.py`) and count participants.

    Email speakers are merged into one identity per person; transcript labels are
    names already, so only identical labels are one participant. `directory` holds
    the (name, address) pairs of To/X-To headers, to name senders known by address.
    """
    kept: list[tuple[TurnDraft, str]] = []
    for draft in drafts:
        text = draft.text(source)
        if not text.strip() and not keep_empty and not draft.cues:
            continue
        kept.append((draft, text))
    claims = [
        Claim(
            _clean_name(draft.speaker, draft.speaker_address),
            draft.speaker_address,
            [n for n in draft.speaker_aliases if n],
            draft.signed_as,
            draft.recipients,
        )
        for draft, _ in kept
    ]
    resolution = resolve(claims, directory, merge=fmt.kind is Kind.EMAIL)
    turns: list[Turn] = []
    for (draft, text), speaker in zip(kept, resolution.speakers, strict=True):
        turns.append(
            Turn(
                index=len(turns),
                speaker=speaker,
                speaker_address=draft.speaker_address,
                timestamp=draft.timestamp,
                offset_s=draft.offset_s,
                subject=draft.subject,
                text=text,
                signature=draft.signature or None,
                boilerplate=draft.boilerplate or None,
                cues=draft.cues,
                spans=[] if draft.text_override is not None else draft.spans,
                from_quote=draft.from_quote,
            )
        )
    return Conversation(
        kind=fmt.kind,
        format=fmt,
        participants=resolution.participants,
        warnings=list(warnings or []),
        turns=turns,
        source=source,
    )
