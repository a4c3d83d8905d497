"""Otter.ai text exports: a "Name  0:34" line, then what they said, blocks split by blank lines.

Also the Markdown variant ("**Name**  0:34", "**Name** [0:34]") and Teams transcripts
saved as Word ("Name   0:03" paragraphs), which share the layout. Each header with its
text is one source cue starting at the header's clock; consecutive cues of one speaker
merge into one turn, joined with a newline (each block is a paragraph).
"""

from __future__ import annotations

import re

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.lines import line_spans
from analyzer.parsers.transcripts.cues import (
    Segment,
    SourceCue,
    cues_to_conversation,
    finish_labelled_cues,
    linear_time,
    prepare_source,
)
from analyzer.parsers.transcripts.labels import is_speaker_name, looks_like_email
from analyzer.parsers.transcripts.markup import Token
from analyzer.parsers.transcripts.timecodes import clock_seconds

# Bounded name (at most 50 characters), then the clock alone at the end of the line.
_HEADER = re.compile(
    r"[ \t]*+(?:\*\*)?([^\W\d_][\w.'’\-() &]{0,49}?)(?:\*\*)?[ \t]*+[\[(]?"
    r"((?:\d{1,3}:)?\d{1,2}:\d{2})[\])]?[ \t]*+"
)
_SNIFF_LINES = 2000
_HEADER_MAX = 120


def header(line: str) -> tuple[str, float] | None:
    """(speaker, clock seconds) of an Otter speaker line, or None."""
    if len(line) > _HEADER_MAX:
        return None  # a header is a name and a clock; a long line is what someone said
    match = _HEADER.fullmatch(line)
    if not match:
        return None
    name = match.group(1).strip()
    if "**" not in line and not re.search(r"\S[ \t]{2,}|\t", line.strip()):
        # Plain exports put two spaces (or a tab) between name and clock; one space
        # would also match prose such as "Starts at 10:30".
        return None
    clock = clock_seconds(match.group(2))
    if clock is None or not is_speaker_name(name):
        return None
    return name, clock


def sniff(text: str) -> bool:
    """Speaker-and-clock lines followed by text, and no email signs."""
    lines = prepare_source(text[:400_000]).split("\n")[:_SNIFF_LINES]
    content = [line for line in lines if line.strip()]
    if not content or looks_like_email(content):
        return False
    headed = 0
    for i, line in enumerate(content[:-1]):
        if header(line) is not None and header(content[i + 1]) is None:
            headed += 1
    return headed >= 2 or (headed == 1 and header(content[0]) is not None)


def read_cues(source: str) -> tuple[list[SourceCue], list[str]]:
    """The cues of an Otter-style text, plus warnings. ParseError when there are none."""
    cues: list[SourceCue] = []
    extents: list[list[int]] = []
    preamble: list[tuple[int, int]] = []
    for a, b in line_spans(source):
        line = source[a:b]
        if not line.strip():
            continue
        found = header(line)
        if found is not None:
            name, clock = found
            cues.append(SourceCue(clock, None, "", None, [Segment([], True, name)]))
            extents.append([b, b])  # the cue's text is what was said: the header is not
            continue
        begin, end = a, b
        while begin < end and source[begin].isspace():
            begin += 1
        while end > begin and source[end - 1].isspace():
            end -= 1
        if not cues:
            preamble.append((begin, end))
            continue
        tokens: list[Token] = cues[-1].segments[0].tokens
        if tokens:
            tokens.append("\n")
        else:
            extents[-1][0] = begin
        tokens.append((begin, end))
        extents[-1][1] = b
    if not cues:
        raise ParseError("no Otter speaker lines ('Name  0:34' followed by the text) were found.")
    return finish_labelled_cues(source, cues, extents, preamble)


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse an Otter text or Markdown export."""
    source = prepare_source(text)
    cues, warnings = read_cues(source)
    return cues_to_conversation(InputFormat.OTTER, source, cues, warnings, cue_separator="\n")
