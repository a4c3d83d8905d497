"""Parsers: raw input (a paste, a file) -> `Conversation`.

One seam for the rest of the product: `parse_text` for text already in memory,
`parse_bytes` for file contents (binary formats such as .docx, and MIME files whose
charsets are best decoded from bytes), `parse_file` for a path. Format detection lives
in `detect.py`; each format has one module with `sniff` and `parse`.
"""

from __future__ import annotations

from pathlib import Path

from analyzer.errors import InputRejected, ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.detect import candidate_formats, parser_for
from analyzer.textio import decode_bytes, decode_str, max_input_bytes, read_input

__all__ = ["InputFormat", "parse_bytes", "parse_file", "parse_text"]

_ZIP_MAGIC = b"PK\x03\x04"


def parse_text(
    text: str,
    *,
    input_format: InputFormat | str | None = None,
    filename: str | None = None,
) -> Conversation:
    """Parse text (a paste) into a conversation.

    `input_format` forces one parser; otherwise the format is detected from the content,
    with the file name's extension as a hint. Raises `InputRejected` (or its subclass
    `ParseError`) with a message that says what was wrong and what to do.
    """
    decoded = decode_str(text)
    return _parse_decoded(decoded.text, decoded.warnings, None, input_format, filename)


def parse_bytes(
    data: bytes,
    *,
    input_format: InputFormat | str | None = None,
    filename: str | None = None,
    limit: int | None = None,
) -> Conversation:
    """Parse the bytes of a file (any supported format, including .docx); `limit` is the
    size limit in bytes (default: `IMPASSE_MAX_INPUT_BYTES`, else 20 MB)."""
    fmt = _coerce_format(input_format)
    cap = max_input_bytes() if limit is None else limit
    if len(data) > cap:
        decode_bytes(data, limit=cap)  # raises the size error with the limit named
    is_docx = fmt is InputFormat.DOCX or (
        fmt is None and data.startswith(_ZIP_MAGIC) and _suffix(filename) in {"", ".docx"}
    )
    if is_docx:
        from analyzer.parsers.transcripts import docx as docx_parser

        return docx_parser.parse_docx(data)
    decoded = decode_bytes(data, limit=cap)
    return _parse_decoded(decoded.text, decoded.warnings, data, fmt, filename)


def parse_file(path: str | Path, *, input_format: InputFormat | str | None = None) -> Conversation:
    """Read and parse one file."""
    data = read_input(path)
    return parse_bytes(data, input_format=input_format, filename=str(path))


def _suffix(filename: str | None) -> str:
    return Path(filename).suffix.lower() if filename else ""


def _coerce_format(value: InputFormat | str | None) -> InputFormat | None:
    if value is None or isinstance(value, InputFormat):
        return value
    try:
        return InputFormat(value)
    except ValueError as exc:
        names = ", ".join(f.value for f in InputFormat)
        raise InputRejected(f"unknown input format {value!r}; choose one of: {names}.") from exc


def _parse_decoded(
    text: str,
    warnings: list[str],
    raw: bytes | None,
    input_format: InputFormat | str | None,
    filename: str | None,
) -> Conversation:
    forced = _coerce_format(input_format)
    candidates = [forced] if forced else candidate_formats(text, filename)
    tried: list[str] = []
    failures: list[str] = []
    for fmt in candidates:
        tried.append(fmt.value)
        try:
            conversation = parser_for(fmt)(text, raw)
        except ParseError as exc:
            failures.append(f"{fmt.value}: {exc}")
            continue
        if warnings:
            merged = [*warnings, *conversation.warnings]
            conversation = conversation.model_copy(update={"warnings": merged})
        return conversation
    detail = "; ".join(failures)
    if forced:
        raise ParseError(
            f"the input is not valid {forced.value} ({detail}); check the file or drop "
            "--input-format to let the format be detected.",
            tuple(tried),
        )
    raise ParseError(
        f"no parser could read the input (tried {', '.join(tried)}: {detail}); "
        "check that it is an email thread or a transcript, or force a format with "
        "--input-format.",
        tuple(tried),
    )
