"""Teams (or other) transcripts saved as Word documents.

The paragraphs are read with python-docx and joined with newlines; that text is the
conversation's `source` (the spans index it). Layouts understood, tried in order:
- the older Teams layout: "0:0:0.0 --> 0:0:5.280", then the speaker, then the text;
- the newer Teams layout, shared with Otter: "Name   0:03", then the text (the title,
  date and duration lines above the first speaker are a heading, left out with a warning);
- "Name: text" lines; and a WebVTT file pasted into a document.
"""

from __future__ import annotations

import io
import zipfile

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.lines import line_spans
from analyzer.parsers.transcripts import otter, speaker_text, vtt
from analyzer.parsers.transcripts.cues import (
    Segment,
    SourceCue,
    cues_to_conversation,
    linear_time,
    prepare_source,
    split_segments,
)
from analyzer.parsers.transcripts.labels import is_speaker_name
from analyzer.parsers.transcripts.timecodes import parse_arrow_timing, vtt_seconds

_ZIP_MAGIC = b"PK\x03\x04"


def docx_text(data: bytes) -> str:
    """The document's paragraphs, one per line, then its tables' rows (cells joined)."""
    import docx as python_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = python_docx.Document(io.BytesIO(data))
    # lxml's XMLSyntaxError (a broken part) is a SyntaxError.
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise ParseError(
            f"the Word document could not be opened ({exc}); save it again as .docx, or "
            "export the transcript as .vtt or text."
        ) from exc
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@linear_time
def parse_docx(data: bytes) -> Conversation:
    """Parse the bytes of a .docx transcript."""
    return parse_layout(docx_text(data))


def parse_docx_text(text: str, raw: bytes | None = None) -> Conversation:
    """A forced `docx` format: the file's bytes when they are a Word document, else the
    text copied out of one (same layouts)."""
    if raw is not None and raw.startswith(_ZIP_MAGIC):
        return parse_docx(raw)
    try:
        return parse_layout(text)
    except ParseError as exc:
        raise ParseError(
            f"{exc} For a Word transcript, give the .docx file itself rather than its text."
        ) from exc


@linear_time
def parse_layout(text: str) -> Conversation:
    """Parse text extracted from a Word transcript (see the module docstring)."""
    source = prepare_source(text)
    if not source.strip():
        raise ParseError("the Word document holds no text.")
    if vtt.sniff(source):
        return cues_to_conversation(InputFormat.DOCX, source, vtt.read_cues(source))
    if any("-->" in line for line in source.split("\n", 200)[:200]):
        return cues_to_conversation(InputFormat.DOCX, source, _read_timed_blocks(source))
    if otter.sniff(source):
        cues, warnings = otter.read_cues(source)
        return cues_to_conversation(InputFormat.DOCX, source, cues, warnings, cue_separator="\n")
    if speaker_text.sniff(source):
        cues, warnings = speaker_text.read_cues(source)
        return cues_to_conversation(InputFormat.DOCX, source, cues, warnings, cue_separator="\n")
    raise ParseError(
        "the Word document is not in a transcript layout we know (Teams: 'Name   0:03' "
        "then the text, or a timing line, the speaker and the text; or 'Name: text' lines)."
    )


def _read_timed_blocks(source: str) -> list[SourceCue]:
    """The older Teams layout: timing line, speaker line, text lines."""
    lines = line_spans(source)
    count = len(lines)

    def line(i: int) -> str:
        a, b = lines[i]
        return source[a:b].strip()

    cues: list[SourceCue] = []
    i = 0
    while i < count and "-->" not in line(i):
        i += 1  # title and date lines above the first cue
    while i < count:
        if not line(i):
            i += 1
            continue
        if "-->" not in line(i):
            raise ParseError(f"line {i + 1}: expected a timing line, found {line(i)[:60]!r}.")
        start, end = parse_arrow_timing(line(i), i + 1, "WebVTT", vtt_seconds)
        i += 1
        block: list[tuple[int, int]] = []
        while i < count and line(i) and "-->" not in line(i):
            block.append(lines[i])
            i += 1
        speaker = None
        if len(block) > 1 and is_speaker_name(line_text(source, block[0])):
            speaker = line_text(source, block[0])
            text_lines = block[1:]
        else:
            text_lines = block
        segments = split_segments(source, text_lines, labels=speaker is None)
        if speaker is not None:
            if segments and not segments[0].new_speaker:
                segments[0].new_speaker, segments[0].speaker = True, speaker
            else:
                segments.insert(0, Segment([], True, speaker))
        raw = source[block[0][0] : block[-1][1]] if block else ""
        cues.append(SourceCue(start, end, raw, None, segments))
    return cues


def line_text(source: str, span: tuple[int, int]) -> str:
    """The stripped text of one line range."""
    return source[span[0] : span[1]].strip()
