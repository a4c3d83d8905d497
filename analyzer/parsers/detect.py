"""Format detection from the content, with the file extension as a hint.

Content decides; the extension only moves its format to the front of the queue. The
plain fallback (one turn by an unknown speaker, with a warning) comes last, so text with
no recognisable structure is still analysed. A file whose extension names a strict
format (.vtt, .srt, .sbv) that does not parse is not silently treated as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from analyzer.models import Conversation, InputFormat

ParseFn = Callable[[str, bytes | None], Conversation]

# format -> module implementing `sniff(text) -> bool` and `parse(text, raw) -> Conversation`
_MODULES: dict[InputFormat, str] = {
    InputFormat.VTT: "analyzer.parsers.transcripts.vtt",
    InputFormat.SRT: "analyzer.parsers.transcripts.srt",
    InputFormat.SBV: "analyzer.parsers.transcripts.sbv",
    InputFormat.MBOX: "analyzer.parsers.emails.mime",
    InputFormat.EML: "analyzer.parsers.emails.mime",
    InputFormat.OTTER: "analyzer.parsers.transcripts.otter",
    InputFormat.SPEAKER_TEXT: "analyzer.parsers.transcripts.speaker_text",
    InputFormat.EMAIL_TEXT: "analyzer.parsers.emails.thread",
    InputFormat.PLAIN: "analyzer.parsers.plain",
}
# The order content sniffing tries formats in: the strictest signatures first.
_SNIFF_ORDER: tuple[InputFormat, ...] = (
    InputFormat.VTT,
    InputFormat.SRT,
    InputFormat.SBV,
    InputFormat.MBOX,
    InputFormat.EML,
    InputFormat.OTTER,
    InputFormat.SPEAKER_TEXT,
    InputFormat.EMAIL_TEXT,
)
_BY_SUFFIX: dict[str, InputFormat] = {
    ".vtt": InputFormat.VTT,
    ".srt": InputFormat.SRT,
    ".sbv": InputFormat.SBV,
    ".eml": InputFormat.EML,
    ".mbox": InputFormat.MBOX,
    ".mbx": InputFormat.MBOX,
    ".docx": InputFormat.DOCX,
}
_STRICT = frozenset({InputFormat.VTT, InputFormat.SRT, InputFormat.SBV})
# Every format shows itself in its first lines; sniffing a prefix keeps detection cheap
# on a 10 MB paste (the parser that is then chosen reads everything).
_SNIFF_CHARS = 65536


def _module(fmt: InputFormat):  # type: ignore[no-untyped-def]
    return import_module(_MODULES[fmt])


def parser_for(fmt: InputFormat) -> ParseFn:
    """The parse function of one format."""
    if fmt is InputFormat.DOCX:
        from analyzer.parsers.transcripts.docx import parse_docx_text

        return parse_docx_text
    module = _module(fmt)
    name = {InputFormat.EML: "parse_eml", InputFormat.MBOX: "parse_mbox"}.get(fmt, "parse")
    fn: ParseFn = getattr(module, name)
    return fn


def sniff(fmt: InputFormat, text: str) -> bool:
    """Whether the content carries `fmt`'s signature."""
    module = _module(fmt)
    name = {InputFormat.EML: "sniff_eml", InputFormat.MBOX: "sniff_mbox"}.get(fmt, "sniff")
    result: bool = getattr(module, name)(text)
    return result


def candidate_formats(text: str, filename: str | None) -> list[InputFormat]:
    """Formats to try, best first, ending with the plain fallback when it is allowed."""
    hinted = _BY_SUFFIX.get(Path(filename).suffix.lower()) if filename else None
    head = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = head.rfind("\n")  # never sniff half a line
        head = head[:cut] if cut > 0 else head
    sniffed = [fmt for fmt in _SNIFF_ORDER if sniff(fmt, head)]
    ordered: list[InputFormat] = []
    if hinted is not None and hinted is not InputFormat.DOCX:
        ordered.append(hinted)
    ordered += [fmt for fmt in sniffed if fmt not in ordered]
    if hinted in _STRICT and not sniffed:
        return ordered  # a broken .vtt is an error, not plain text
    if any(fmt in _STRICT for fmt in sniffed):
        # The content carries a caption signature (WEBVTT, a timing line): if it does
        # not parse, the error naming the broken line is the answer, not plain text.
        return ordered
    if InputFormat.EMAIL_TEXT not in ordered:
        ordered.append(InputFormat.EMAIL_TEXT)
    ordered.append(InputFormat.PLAIN)
    return ordered
