"""Teams transcripts saved as Word documents (.docx), generated here with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from _transcript_checks import assert_span_invariant

from analyzer.errors import ParseError
from analyzer.models import InputFormat
from analyzer.parsers import parse_bytes
from analyzer.parsers.transcripts.docx import parse_docx, parse_docx_text


def _document(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


NEW_TEAMS = [
    "Distribution agreement – weekly call",
    "March 4, 2025, 3:00PM",
    "24m 10s",
    "",
    "Hannah Schmidt   0:03",
    "Thanks for joining. We need an answer on exclusivity in the northern region.",
    "Rafael Costa   0:15",
    "We can't give exclusivity without a minimum order commitment.",
    "Rafael Costa   0:22",
    "Something like 5,000 units a quarter.",
    "Hannah Schmidt   1:04",
    "Five thousand is too high for year one. Three thousand, rising to five.",
]

OLD_TEAMS = [
    "0:0:0.0 --> 0:0:4.440",
    "Hannah Schmidt",
    "Thanks for joining.",
    "",
    "0:0:4.440 --> 0:0:9.120",
    "Hannah Schmidt",
    "We need an answer on exclusivity.",
    "",
    "0:0:9.500 --> 0:0:14.000",
    "Rafael Costa",
    "Not without a minimum order.",
]


def test_when_new_teams_docx_then_speakers_offsets_and_merging() -> None:
    conversation = parse_docx(_document(NEW_TEAMS))
    assert conversation.format is InputFormat.DOCX
    assert [(t.speaker, t.offset_s, len(t.cues)) for t in conversation.turns] == [
        ("Hannah Schmidt", 3.0, 1),
        ("Rafael Costa", 15.0, 2),
        ("Hannah Schmidt", 64.0, 1),
    ]
    assert conversation.turns[1].text == (
        "We can't give exclusivity without a minimum order commitment.\n"
        "Something like 5,000 units a quarter."
    )
    # The title, date and duration lines are a heading: left out, and quoted in a warning.
    assert "Distribution agreement" in conversation.warnings[0]
    assert_span_invariant(conversation)


def test_when_old_teams_docx_then_timing_blocks_name_speakers() -> None:
    conversation = parse_bytes(_document(OLD_TEAMS), filename="call.docx")
    assert [(t.speaker, t.offset_s, t.text) for t in conversation.turns] == [
        ("Hannah Schmidt", 0.0, "Thanks for joining. We need an answer on exclusivity."),
        ("Rafael Costa", 9.5, "Not without a minimum order."),
    ]
    assert conversation.turns[0].cues[1].end_s == 9.12
    assert_span_invariant(conversation)


def test_when_docx_is_not_a_zip_then_parse_error() -> None:
    with pytest.raises(ParseError, match="Word document could not be opened"):
        parse_docx(b"PK\x03\x04 not really a zip")


def test_when_docx_has_no_transcript_layout_then_parse_error() -> None:
    with pytest.raises(ParseError, match="transcript layout"):
        parse_docx(_document(["Quarterly report", "Revenue went up."]))


def test_when_forced_docx_on_plain_text_then_error_asks_for_the_file() -> None:
    with pytest.raises(ParseError, match=r"give the \.docx file"):
        parse_docx_text("nothing like a transcript", None)


def test_when_forced_docx_on_copied_teams_text_then_parsed() -> None:
    conversation = parse_docx_text("\n".join(NEW_TEAMS), None)
    assert conversation.speakers() == ["Hannah Schmidt", "Rafael Costa"]
