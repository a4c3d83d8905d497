"""YouTube SubViewer (.sbv): "0:00:01.000,0:00:04.000" then text, blocks split by blank lines.

A block must open with a valid timing line, else `ParseError` naming the line. An end
before the start is kept as written (YouTube writes such cues; the reference tests read
them).
"""

from __future__ import annotations

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
from analyzer.parsers.transcripts.timecodes import sbv_seconds


def _timing(line: str) -> tuple[float, float] | None:
    start, comma, end = line.strip().partition(",")
    if not comma:
        return None
    a, b = sbv_seconds(start.strip()), sbv_seconds(end.strip())
    return (a, b) if a is not None and b is not None else None


def sniff(text: str) -> bool:
    """The first line is a SubViewer timing line."""
    first, _ = first_content_line(text, 256)
    return _timing(first) is not None


def read_cues(source: str) -> list[SourceCue]:
    """The cues of a SubViewer file (source already prepared), in file order."""
    texts, lines = line_table(source)
    stripped = [text.strip() for text in texts]
    count = len(lines)

    cues: list[SourceCue] = []
    i = 0
    while i < count:
        text = stripped[i]
        if not text:
            i += 1
            continue
        timing = _timing(text)
        if timing is None:
            raise ParseError(
                f"SBV line {i + 1}: expected a timing line like '0:00:01.000,0:00:04.000', "
                f"found {text[:60]!r}."
            )
        i += 1
        text_lines: list[tuple[int, int]] = []
        while i < count and stripped[i] and _timing(stripped[i]) is None:
            text_lines.append(lines[i])
            i += 1
        cues.append(timed_cue(source, timing[0], timing[1], None, text_lines))
    if not cues:
        raise ParseError("the SBV file holds no cues.")
    return cues


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse a SubViewer transcript; raises ParseError when the file is broken."""
    source = prepare_source(text)
    return cues_to_conversation(InputFormat.SBV, source, read_cues(source))
