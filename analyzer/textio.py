"""Turning bytes into text, in a stated order, with limits.

Order: binary data is rejected first (NUL bytes, or mostly control characters); then
UTF-8 (with or without BOM), UTF-16 with a BOM, and only then Windows-1252 for text that
is otherwise printable. Newlines are normalised to "\\n" so every parser and every span
works on the same text.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import InputRejected

DEFAULT_MAX_BYTES = 20_000_000  # 20 MB, decimal, as every message says it
_MAX_BYTES_ENV = "IMPASSE_MAX_INPUT_BYTES"

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded input text and how it was decoded."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def max_input_bytes() -> int:
    """The input size limit: `IMPASSE_MAX_INPUT_BYTES`, else 20 MB (20,000,000 bytes)."""
    raw = os.environ.get(_MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError as exc:
        raise InputRejected(
            f"{_MAX_BYTES_ENV}={raw!r} is not a whole number of bytes; set it to e.g. 20000000."
        ) from exc
    if value <= 0:
        raise InputRejected(f"{_MAX_BYTES_ENV} must be positive, got {value}.")
    return value


def format_megabytes(size: int) -> str:
    """A size in decimal megabytes, the one way every message states sizes ("20 MB")."""
    value = size / 1_000_000
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} MB"


def limit_message(size: int, limit: int) -> str:
    """The one wording of the size limit, for every entry point."""
    if size == limit + 1:  # read up to the limit and one byte more (standard input)
        return (
            f"the input is over the {format_megabytes(limit)} limit; split it into smaller "
            f"files or raise the limit with {_MAX_BYTES_ENV}."
        )
    shown, cap = format_megabytes(size), format_megabytes(limit)
    if shown == cap:  # just over: "20 MB, over the 20 MB limit" would read as a contradiction
        shown, cap = f"{size:,} bytes", f"{cap} ({limit:,}-byte)"
    return (
        f"the input is {shown}, over the {cap} limit; "
        f"split it into smaller files or raise the limit with {_MAX_BYTES_ENV}."
    )


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(8, len(sample) // 10)


def _bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NUL bytes sit at every second position, as in text
    saved as UTF-16 without a byte-order mark (mostly ASCII letters)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.1 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, limit: int | None = None) -> DecodedText:
    """Decode raw input bytes in the documented order, or raise `InputRejected`."""
    cap = max_input_bytes() if limit is None else limit
    if len(data) > cap:
        raise InputRejected(limit_message(len(data), cap))
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputRejected(
                "the input starts with a UTF-16 byte-order mark but is not valid UTF-16; "
                "re-save it as UTF-8."
            ) from exc
        return _finish(text, "utf-16")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            return _finish(
                text, utf16, [f"the input was read as {utf16.upper()} (no byte-order mark)."]
            )
    if _looks_binary(data):
        raise InputRejected(
            "the input looks like binary data (NUL bytes or control characters), not text; "
            "export the conversation as text, .eml, .mbox, .vtt, .srt or .docx."
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if any(b in _CP1252_UNDEFINED for b in data):
        raise InputRejected(
            f"the input is not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}) and not Windows-1252 text either; re-save it as UTF-8."
        )
    text = data.decode("cp1252")
    return _finish(
        text,
        "cp1252",
        [
            "the input was not UTF-8; it was read as Windows-1252. "
            "If letters look wrong, re-save the file as UTF-8."
        ],
    )


def _finish(text: str, encoding: str, warnings: list[str] | None = None) -> DecodedText:
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        raise InputRejected(
            "the input is empty (or only whitespace); paste an email thread or a transcript."
        )
    return DecodedText(text=text, encoding=encoding, warnings=list(warnings or []))


def decode_str(text: str, *, limit: int | None = None) -> DecodedText:
    """Check and normalise text that is already decoded (a paste, say)."""
    cap = max_input_bytes() if limit is None else limit
    if len(text) > cap:
        raise InputRejected(limit_message(len(text.encode("utf-8", "replace")), cap))
    if "\x00" in text[:65536]:
        raise InputRejected("the text contains NUL characters; paste the conversation as text.")
    return _finish(text, "utf-8")


def read_input(path: str | Path, *, limit: int | None = None) -> bytes:
    """Read a file's bytes, refusing it before reading when it is over the limit."""
    cap = max_input_bytes() if limit is None else limit
    p = Path(path)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise InputRejected(
                f"{p} is not a regular file (a pipe, socket or device); save the "
                "conversation to a file, or pipe it to standard input with '-'."
            )
        size = info.st_size
        if size > cap:
            raise InputRejected(limit_message(size, cap))
        with p.open("rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError as exc:
        raise InputRejected(f"{p}: no such file; check the path.") from exc
    except IsADirectoryError as exc:
        raise InputRejected(f"{p} is a directory; give files (or a glob) instead.") from exc
    except PermissionError as exc:
        raise InputRejected(f"{p}: permission denied; check the file's permissions.") from exc
    if len(data) > cap:
        raise InputRejected(limit_message(len(data), cap))
    return data
