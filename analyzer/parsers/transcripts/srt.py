"""SubRip (.srt): numbered cues, "00:00:01,000 --> 00:00:04,000", then text.

Strict where the format is: a numbered cue must hold a timing line, and times use a
comma before the milliseconds; anything else is a `ParseError` naming the line. A stray
block of text with neither a number nor a timing line is skipped with a warning naming
its line. Speaker labels ("Dana: ..."), `>>` changes and `<font>`/`<i>` tags are
handled as in WebVTT. A cue with no text is kept (in the turn that is open).
"""

from __future__ import annotations

import re

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.transcripts.cues import (
    SourceCue,
    cues_to_conversation,
    first_content_line,
    line_table,
    linear_time,
    prepare_source,
    timed_cue,
)
from analyzer.parsers.transcripts.timecodes import parse_arrow_timing, srt_seconds

_TIMING = re.compile(
    r"\d{1,5}:\d{1,2}:\d{1,2},\d{1,3}[ \t]+-->[ \t]+\d{1,5}:\d{1,2}:\d{1,2},\d{1,3}"
)


def sniff(text: str) -> bool:
    """An optional cue number, then a SubRip timing line."""
    first, second = first_content_line(text, 512)
    if first.isdigit():
        return _TIMING.match(second) is not None
    return _TIMING.match(first) is not None


def read_cues(source: str, skipped: list[str] | None = None) -> list[SourceCue]:
    """The cues of a SubRip file (source already prepared), in file order.

    A block of text with neither a cue number nor a timing line is skipped; a warning
    naming its line goes to `skipped`.
    """
    skipped = [] if skipped is None else skipped
    texts, lines = line_table(source)
    stripped = [text.strip() for text in texts]
    count = len(lines)

    def starts_cue(i: int) -> bool:
        text = stripped[i]
        return "-->" in text or (text.isdigit() and i + 1 < count and "-->" in stripped[i + 1])

    cues: list[SourceCue] = []
    i = 0
    while i < count:
        text = stripped[i]
        if not text:
            i += 1
            continue
        identifier = None
        if "-->" not in text:
            if not text.isdigit():
                # A stray block of text between cues (as people paste): skipped, named.
                skipped.append(
                    f"SRT line {i + 1}: the block {text[:60]!r} has no cue number or timing "
                    "line ('00:00:01,000 --> 00:00:04,000'); it was skipped."
                )
                while i < count and stripped[i] and not starts_cue(i):
                    i += 1
                continue
            if i + 1 >= count or "-->" not in stripped[i + 1]:
                raise ParseError(
                    f"SRT line {i + 1}: cue {text} has no timing line after its number "
                    "('00:00:01,000 --> 00:00:04,000')."
                )
            identifier = text
            i += 1
        start, end = parse_arrow_timing(stripped[i], i + 1, "SRT", srt_seconds)
        i += 1
        text_lines: list[tuple[int, int]] = []
        while i < count and stripped[i] and not starts_cue(i):
            text_lines.append(lines[i])
            i += 1
        cues.append(timed_cue(source, start, end, identifier, text_lines))
    if not cues:
        detail = f" ({skipped[0]})" if skipped else ""
        raise ParseError(f"the SRT file holds no cues{detail}.")
    return cues


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse a SubRip transcript; raises ParseError when the file is broken."""
    source = prepare_source(text)
    skipped: list[str] = []
    cues = read_cues(source, skipped)
    if skipped and not any(cue.text.strip() for cue in cues):
        # Nothing readable is left once the stray blocks are skipped: the file is broken.
        raise ParseError(skipped[0].replace("it was skipped", "no cue holds text"))
    return cues_to_conversation(InputFormat.SRT, source, cues, skipped)
