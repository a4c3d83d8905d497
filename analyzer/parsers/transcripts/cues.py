"""Source cues -> turns: speaker marks, merging, and the text/spans builder.

Every transcript reader (VTT, SRT, SBV, Otter, "Name: text" lines, .docx) turns its
input into `SourceCue`s, each split into `Segment`s at speaker marks, and hands them to
`cues_to_conversation`. The rules, in one place:

- A segment opens a new turn when it carries a speaker mark: a "Name:" label, a voice tag
  `<v Name>`, or a caption `>>` (a new speaker whose name is not given). A named segment
  whose speaker is the current turn's speaker continues that turn, so consecutive cues of
  one speaker become one turn.
- A segment with no mark continues the current turn when the file marks speakers at all
  (captions only mark changes). In a file with no speaker marks anywhere, nobody can tell
  the speakers apart, so nothing is merged: each cue is its own turn by "Unknown".
- Each source cue is kept, once, in the turn where its text starts. A cue whose text is
  empty is kept in the turn that is open (or the next one), so nothing is lost and the
  cues of all turns add up to the cues of the file. A turn's `offset_s` is the start of
  the first cue that gives it text (for a turn that begins after a `>>` inside a cue, that
  cue's start). A file whose cues are all empty has no turns; a warning counts the cues.
- Lines before the first speaker label (text formats): a short heading (title, date) is
  left out of the turns and quoted in a warning; longer text is a turn by "Unknown".
- Text: the cue text without tags, speaker labels or `>>` marks; wrapped caption lines
  joined with a space, cues of one turn joined with a space (captions) or a newline
  (labelled text lines, where each line is an utterance). Decoded entities (`&amp;`)
  are single characters that are not in the source: they become the separators between
  spans, so the turn's text is still exactly its spans joined by one-character separators.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import ParamSpec, TypeVar

from analyzer.models import Conversation, Cue, InputFormat
from analyzer.parsers.build import TurnDraft, build_conversation
from analyzer.parsers.collector import gc_paused
from analyzer.parsers.transcripts.labels import match_label
from analyzer.parsers.transcripts.markup import CleanText, Token, clean_line

_CAPTION_SPEAKER_CHANGE = re.compile(r">{2,}")
_P = ParamSpec("_P")
_R = TypeVar("_R")


def linear_time(parse: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a format's parse function so its time stays linear in the input."""

    @wraps(parse)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with gc_paused():
            return parse(*args, **kwargs)

    return wrapper


def prepare_source(text: str) -> str:
    """The text spans index: byte-order mark dropped, newlines as "\\n"."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass(slots=True)
class Segment:
    """Part of a cue spoken by one speaker. `new_speaker` is set when a mark opens it."""

    tokens: list[Token]
    new_speaker: bool = False
    speaker: str | None = None


@dataclass(slots=True)
class SourceCue:
    """One source unit (a cue, or one labelled line with its continuation lines)."""

    start_s: float | None
    end_s: float | None
    text: str
    identifier: str | None
    segments: list[Segment]

    def model(self) -> Cue:
        """The cue as the conversation model keeps it."""
        return Cue(
            start_s=self.start_s, end_s=self.end_s, text=self.text, identifier=self.identifier
        )


class TextBuilder:
    """Collects tokens and turns them into spans joined by one-character separators."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []

    def add(self, tokens: list[Token], separator: str | None = None) -> None:
        """Append tokens, preceded by `separator` when the text is not empty."""
        if not tokens:
            return
        if separator and self.tokens:
            self.tokens.append(separator)
        for token in tokens:
            last = self.tokens[-1] if self.tokens else None
            if isinstance(token, tuple) and isinstance(last, tuple) and last[1] == token[0]:
                self.tokens[-1] = (last[0], token[1])  # contiguous source: one span
            else:
                self.tokens.append(token)

    def __bool__(self) -> bool:
        return bool(self.tokens)

    def finish(self, source: str) -> tuple[list[tuple[int, int]], list[str]]:
        """Spans and separators such that text == spans' slices joined by separators.

        Two spans with nothing between them in the text (a tag removed mid-line) need a
        separator: the last character of the first span becomes it. Two characters in a
        row get an empty span between them.
        """
        spans: list[tuple[int, int]] = []
        seps: list[str] = []
        expect_span = True
        for token in self.tokens:
            if isinstance(token, str):
                if expect_span:
                    at = spans[-1][1] if spans else 0
                    spans.append((at, at))
                seps.append(token)
                expect_span = True
                continue
            if not expect_span:
                a, b = spans[-1]
                spans[-1] = (a, b - 1)
                seps.append(source[b - 1])
            spans.append(token)
            expect_span = False
        if expect_span and seps:
            at = spans[-1][1]
            spans.append((at, at))
        if spans and spans[0] == (0, 0):
            # A text that opens with a decoded character: anchor the empty leading span
            # where the text's source begins, not at the top of the file.
            anchor = next((a for a, b in spans if b > a), 0)
            spans = [(anchor, anchor) if span == (0, 0) else span for span in spans]
        return spans, seps


def split_segments(
    source: str,
    lines: list[tuple[int, int]],
    *,
    markup: bool = True,
    labels: bool = True,
    line_separator: str = " ",
) -> list[Segment]:
    """Split a cue's text lines at speaker marks and clean each segment's text.

    Marks: a voice tag `<v Name>`, a caption `>>`, and (with `labels`) a "Name:" label at
    the start of the cue or right after a `>>`.
    """
    segments: list[Segment] = [Segment([])]
    at_segment_start = True
    for start, end in lines:
        clean = clean_line(source, start, end, markup=markup)
        breaks: list[tuple[int, int, str | None, bool]] = [
            (pos, pos, name, False) for pos, name in clean.voices
        ]
        if markup and ">>" in clean.text:
            breaks += [
                (m.start(), m.end(), None, True)
                for m in _CAPTION_SPEAKER_CHANGE.finditer(clean.text)
            ]
            breaks.sort(key=lambda brk: (brk[0], brk[1]))
        cursor = 0
        for brk_start, brk_end, name, may_label in breaks:
            _add_piece(
                segments,
                clean,
                cursor,
                brk_start,
                line_separator=line_separator,
                labels=labels,
                at_segment_start=at_segment_start,
            )
            at_segment_start = may_label
            segments.append(Segment([], new_speaker=True, speaker=name))
            cursor = brk_end
        at_segment_start = _add_piece(
            segments,
            clean,
            cursor,
            len(clean.text),
            line_separator=line_separator,
            labels=labels,
            at_segment_start=at_segment_start,
        )
    return [s for s in segments if s.tokens or s.new_speaker]


def _add_piece(
    segments: list[Segment],
    clean: CleanText,
    start: int,
    end: int,
    *,
    line_separator: str,
    labels: bool,
    at_segment_start: bool,
) -> bool:
    """Add clean.text[start:end] to the last segment.

    Returns whether the segment is still waiting for its first text (so a label may come).
    """
    text = clean.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return at_segment_start
    segment = segments[-1]
    if at_segment_start and labels and segment.speaker is None:
        found = match_label(text[:end], start)
        if found is not None:
            segment.speaker, start = found
            segment.new_speaker = True
            while start < end and text[start].isspace():
                start += 1
    tokens = clean.tokens(start, end)
    if tokens:
        if segment.tokens:
            segment.tokens.append(line_separator)
        segment.tokens.extend(tokens)
    return False


@dataclass(slots=True)
class _OpenTurn:
    speaker: str | None
    builder: TextBuilder = field(default_factory=TextBuilder)
    cues: list[Cue] = field(default_factory=list)
    offset_s: float | None = None
    has_offset: bool = False


def cues_to_conversation(
    fmt: InputFormat,
    source: str,
    cues: list[SourceCue],
    warnings: list[str] | None = None,
    *,
    cue_separator: str = " ",
) -> Conversation:
    """Merge cues into turns (see the module docstring) and build the conversation."""
    notes = list(warnings or [])
    marked = any(seg.new_speaker for cue in cues for seg in cue.segments)
    turns: list[_OpenTurn] = []
    current: _OpenTurn | None = None
    waiting: list[Cue] = []  # empty cues seen before any turn
    # A speaker mark with no text after it yet ("... >>" at a cue's end) holds until text
    # comes, possibly in the next cue.
    change: tuple[str | None] | None = None
    for cue in cues:
        model = cue.model()
        owned = False
        for seg in cue.segments:
            if seg.new_speaker:
                change = (seg.speaker,)
            if not seg.tokens:
                continue
            if change is not None:
                name = change[0]
                if current is None or name is None or current.speaker != name:
                    current = _OpenTurn(name)
                    turns.append(current)
                change = None
            elif current is None or not marked:
                current = _OpenTurn(None)
                turns.append(current)
            if not owned:
                current.cues.extend(waiting)
                waiting = []
                current.cues.append(model)
                owned = True
            if not current.has_offset:
                current.offset_s, current.has_offset = cue.start_s, True
            current.builder.add(seg.tokens, cue_separator)
        if not owned:
            if current is not None:
                current.cues.append(model)
            else:
                waiting.append(model)
    if not cues:
        notes.append("the transcript has no cues (no timed text); there is nothing to analyse.")
    elif not turns:
        notes.append(
            f"the transcript's {len(cues)} cue(s) hold no text; there is nothing to analyse."
        )
    drafts = []
    for turn in turns:
        spans, seps = turn.builder.finish(source)
        drafts.append(
            TurnDraft(
                speaker=turn.speaker,
                spans=spans,
                separators=seps,
                offset_s=turn.offset_s,
                cues=turn.cues,
            )
        )
    return build_conversation(fmt, source, drafts, notes)


def timed_cue(
    source: str,
    start_s: float | None,
    end_s: float | None,
    identifier: str | None,
    lines: list[tuple[int, int]],
) -> SourceCue:
    """A caption cue (VTT/SRT/SBV): its raw text and its cleaned, marked segments."""
    raw = source[lines[0][0] : lines[-1][1]] if lines else ""
    return SourceCue(start_s, end_s, raw, identifier, split_segments(source, lines))


def line_table(source: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Every line of the source (newline excluded) and its [start, end) range."""
    texts = source.split("\n")
    spans: list[tuple[int, int]] = []
    position = 0
    for text in texts:
        end = position + len(text)
        spans.append((position, end))
        position = end + 1
    return texts, spans


def first_content_line(text: str, limit: int = 4096) -> tuple[str, str]:
    """The first two non-blank lines of the text's head, stripped (for sniffing)."""
    head = prepare_source(text[:limit]).split("\n")
    found = [line.strip() for line in head if line.strip()]
    return (found[0] if found else "", found[1] if len(found) > 1 else "")


# A preamble this short (a title, a date, a duration) is a heading, not speech.
_TITLE_MAX_LINES = 3
_TITLE_MAX_CHARS = 200


def preamble_cue(source: str, lines: list[tuple[int, int]]) -> tuple[SourceCue | None, str]:
    """What to do with the lines before the first speaker label: (cue or None, warning).

    A short heading (at most three lines, 200 characters: a title, a date) is left out of
    the turns, and the warning quotes it, so no unknown speaker is invented for it. Longer
    text is kept as a turn by "Unknown", so nothing said is lost.
    """
    shown = " / ".join(source[a:b] for a, b in lines[:_TITLE_MAX_LINES])
    if len(lines) <= _TITLE_MAX_LINES and sum(b - a for a, b in lines) <= _TITLE_MAX_CHARS:
        return None, f"the heading before the first speaker was left out of the turns: {shown!r}."
    tokens: list[Token] = []
    for piece in lines:
        if tokens:
            tokens.append("\n")
        tokens.append(piece)
    raw = source[lines[0][0] : lines[-1][1]]
    cue = SourceCue(None, None, raw, None, [Segment(tokens, new_speaker=True, speaker=None)])
    return cue, (
        f"{len(lines)} line(s) before the first speaker label were kept as a turn by an "
        f"unknown speaker: {shown[:120]!r}."
    )


def finish_labelled_cues(
    source: str,
    cues: list[SourceCue],
    extents: list[list[int]],
    preamble: list[tuple[int, int]],
) -> tuple[list[SourceCue], list[str]]:
    """Give labelled cues their file text, and deal with lines before the first label.

    Shared by the line-labelled formats ("Name: text", Otter), whose cues run from one
    speaker label to the next.
    """
    for cue, (first, last) in zip(cues, extents, strict=True):
        cue.text = source[first:last].rstrip()
    warnings: list[str] = []
    if preamble:
        head, note = preamble_cue(source, preamble)
        if head is not None:
            cues.insert(0, head)
        warnings.append(note)
    return cues, warnings
