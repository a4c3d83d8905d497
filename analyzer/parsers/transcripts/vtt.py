"""WebVTT: Zoom ("Name: text" cues), Teams (`<v Name>` voice tags, short "0:0:0.210"
timestamps) and broadcast captions (`>>` speaker changes, cue settings, entities).

Our own reader rather than a library: spans must point into the input, and Teams' short
timestamps are not standard. The file must start with "WEBVTT"; a cue with a broken timing
line is a `ParseError` naming the line (as the
webvtt-py reference tests expect); a block of text with no timing line at all is skipped
with a warning naming its line, as the WebVTT parsing rules skip it. NOTE, STYLE and REGION blocks and the header's metadata
lines are skipped. A timing line right after cue text starts a new cue (youtube-dl writes
cues without the blank line between them).
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
from analyzer.parsers.transcripts.timecodes import parse_arrow_timing, vtt_seconds

_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


def sniff(text: str) -> bool:
    """A WebVTT file starts with the word WEBVTT."""
    first, _ = first_content_line(text, 64)
    return _is_signature(first)


def _is_signature(line: str) -> bool:
    return line == "WEBVTT" or line.startswith(("WEBVTT ", "WEBVTT\t"))


def _is_skipped_block(line: str) -> bool:
    if not line.startswith(("N", "S", "R")):
        return False
    return any(
        line == name or line.startswith((name + " ", name + "\t")) for name in _SKIPPED_BLOCKS
    )


def read_cues(source: str, skipped: list[str] | None = None) -> list[SourceCue]:
    """The cues of a WebVTT file (source already prepared), in file order.

    Blocks without a timing line are skipped; a warning naming each goes to `skipped`.
    """
    skipped = [] if skipped is None else skipped
    texts, lines = line_table(source)
    count = len(lines)
    i = 0
    while i < count and not texts[i].strip():
        i += 1  # blank lines before the signature: lenient, as the sniffer is
    first = texts[i].strip() if i < count else ""
    if not _is_signature(first):
        raise ParseError(
            f"a WebVTT file starts with the line 'WEBVTT'; this one starts with {first[:60]!r}."
        )
    i += 1
    while i < count and texts[i].strip() and "-->" not in texts[i]:
        i += 1  # header metadata ("Kind: captions", "X-TIMESTAMP-MAP=...")
    cues: list[SourceCue] = []
    while i < count:
        text = texts[i].strip()
        if not text:
            i += 1
            continue
        if "-->" not in text and _is_skipped_block(text):
            while i < count and texts[i].strip():
                i += 1
            continue
        identifier = None
        if "-->" not in text:
            if i + 1 < count and "-->" in texts[i + 1]:
                identifier = text
                i += 1
            else:
                # The WebVTT parsing rules skip a block without a timing line (a stray
                # paste); say which one, so nothing disappears silently.
                skipped.append(
                    f"WebVTT line {i + 1}: the block {text[:60]!r} has no timing line "
                    "('00:00:01.000 --> 00:00:04.000'); it was skipped."
                )
                i += 1
                while i < count and texts[i].strip() and "-->" not in texts[i]:
                    i += 1
                continue
        start, end = parse_arrow_timing(texts[i], i + 1, "WebVTT", vtt_seconds)
        i += 1
        text_lines: list[tuple[int, int]] = []
        while i < count and texts[i].strip() and "-->" not in texts[i]:
            text_lines.append(lines[i])
            i += 1
        cues.append(timed_cue(source, start, end, identifier, text_lines))
    return cues


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse a WebVTT transcript; raises ParseError when the file is broken."""
    source = prepare_source(text)
    skipped: list[str] = []
    cues = read_cues(source, skipped)
    if skipped and not any(cue.text.strip() for cue in cues):
        # Nothing readable is left once the stray blocks are skipped: the file is broken.
        raise ParseError(skipped[0].replace("it was skipped", "no cue holds text"))
    return cues_to_conversation(InputFormat.VTT, source, cues, skipped)
