"""Format detection from the content, with the file extension as a hint.

Content decides; the extension only moves its format to the front of the queue. The
plain fallback (one turn by an unknown speaker, with a warning) comes last, so text with
no recognisable structure is still analysed. A file whose extension names a strict
format (.vtt, .srt, .sbv) that does not parse is not silently treated as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analyzer.models import Conversation, InputFormat, Kind
from analyzer.parsers import plain
from analyzer.parsers.emails import mime, thread
from analyzer.parsers.transcripts import docx, otter, sbv, speaker_text, srt, vtt, whatsapp

ParseFn = Callable[[str, bytes | None], Conversation]


@dataclass(frozen=True, slots=True)
class FormatParser:
    """One input format: how to recognise it, how to parse it, what it is."""

    format: InputFormat
    sniff: Callable[[str], bool]
    parse: ParseFn
    suffixes: tuple[str, ...] = ()
    # A strict format that fails to parse is an error naming the line, never plain text.
    strict: bool = False
    # Whether content sniffing tries it (.docx is recognised from its bytes instead).
    sniffed: bool = True

    @property
    def kind(self) -> Kind:
        """Whether the format holds an email exchange or a spoken conversation."""
        return self.format.kind


def _never(text: str) -> bool:
    return False


# The one registry, in the order content sniffing tries formats: strictest signatures first.
PARSERS: tuple[FormatParser, ...] = (
    FormatParser(InputFormat.VTT, vtt.sniff, vtt.parse, (".vtt",), strict=True),
    FormatParser(InputFormat.SRT, srt.sniff, srt.parse, (".srt",), strict=True),
    FormatParser(InputFormat.SBV, sbv.sniff, sbv.parse, (".sbv",), strict=True),
    FormatParser(InputFormat.MBOX, mime.sniff_mbox, mime.parse_mbox, (".mbox", ".mbx")),
    FormatParser(InputFormat.EML, mime.sniff_eml, mime.parse_eml, (".eml",)),
    FormatParser(InputFormat.OTTER, otter.sniff, otter.parse),
    FormatParser(InputFormat.WHATSAPP, whatsapp.sniff, whatsapp.parse, (".txt",)),
    FormatParser(InputFormat.SPEAKER_TEXT, speaker_text.sniff, speaker_text.parse),
    FormatParser(InputFormat.EMAIL_TEXT, thread.sniff, thread.parse, (".txt", ".md")),
    FormatParser(InputFormat.DOCX, _never, docx.parse_docx_text, (".docx",), sniffed=False),
    FormatParser(InputFormat.PLAIN, plain.sniff, plain.parse, sniffed=False),
)
_BY_FORMAT = {p.format: p for p in PARSERS}
# Suffixes that name one format (plain text names none: its content decides).
_BY_SUFFIX = {
    suffix: p.format for p in PARSERS for suffix in p.suffixes if suffix not in {".txt", ".md"}
}
# Every format shows itself in its first lines; sniffing a prefix keeps detection cheap
# on a 10 MB paste (the parser that is then chosen reads everything).
_SNIFF_CHARS = 65536


def upload_suffixes() -> tuple[str, ...]:
    """File extensions the parsers read, without the dot (what an uploader may accept)."""
    return tuple(dict.fromkeys(s.lstrip(".") for p in PARSERS for s in p.suffixes))


def parser_for(fmt: InputFormat) -> ParseFn:
    """The parse function of one format."""
    return _BY_FORMAT[fmt].parse


def sniff(fmt: InputFormat, text: str) -> bool:
    """Whether the content carries `fmt`'s signature."""
    return _BY_FORMAT[fmt].sniff(text)


def candidate_formats(text: str, filename: str | None) -> list[InputFormat]:
    """Formats to try, best first, ending with the plain fallback when it is allowed."""
    hinted = _BY_SUFFIX.get(Path(filename).suffix.lower()) if filename else None
    head = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = head.rfind("\n")  # never sniff half a line
        head = head[:cut] if cut > 0 else head
    sniffed = [p.format for p in PARSERS if p.sniffed and p.sniff(head)]
    ordered: list[InputFormat] = []
    if hinted is not None and hinted is not InputFormat.DOCX:
        ordered.append(hinted)
    ordered += [fmt for fmt in sniffed if fmt not in ordered]
    strict = {p.format for p in PARSERS if p.strict}
    if hinted in strict and not sniffed:
        return ordered  # a broken .vtt is an error, not plain text
    if any(fmt in strict for fmt in sniffed):
        # The content carries a caption signature (WEBVTT, a timing line): if it does
        # not parse, the error naming the broken line is the answer, not plain text.
        return ordered
    if InputFormat.EMAIL_TEXT not in ordered:
        ordered.append(InputFormat.EMAIL_TEXT)
    ordered.append(InputFormat.PLAIN)
    return ordered
