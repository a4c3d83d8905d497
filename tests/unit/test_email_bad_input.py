"""Bad and extreme input through the parsing seam: a clear result or a specific error."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import InputRejected, ParseError
from analyzer.models import InputFormat
from analyzer.parsers import parse_bytes, parse_text
from analyzer.parsers.emails import thread
from analyzer.parsers.emails.line_table import MAX_DEPTH

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "conversations" / "email"
LONG_QUOTE = (
    ROOT / "fixtures/real/emails/email_reply_parser_github/test/emails/email_long_quote.txt"
)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_when_empty_or_whitespace_then_rejected_with_reason(text: str) -> None:
    with pytest.raises(InputRejected, match="empty"):
        parse_text(text, input_format="email_text")


def test_when_binary_bytes_then_rejected_before_parsing() -> None:
    with pytest.raises(InputRejected, match="binary"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)


def test_when_invalid_utf8_and_not_cp1252_then_rejected_naming_the_byte() -> None:
    with pytest.raises(InputRejected, match="not valid UTF-8"):
        parse_bytes("Prix: 40 €\n".encode() + b"\x81\x8d broken")


def test_when_windows_1252_thread_then_decoded_with_warning() -> None:
    text = (FIXTURES / "fr_outlook.txt").read_text(encoding="utf-8")
    conversation = parse_bytes(text.encode("cp1252"))
    assert conversation.format is InputFormat.EMAIL_TEXT
    assert "Windows-1252" in conversation.warnings[0]
    assert conversation.turns[-1].text.endswith("d'autres éditeurs.")
    assert [t.speaker for t in conversation.turns] == [
        "Antoine Roux",
        "Claire Martin",
        "Antoine Roux",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "--\nDana Reyes\nHead of Procurement\n+1 555 0100",
        "Sent from my iPhone\n\nOn Mon, Mar 3, 2025 at 9:05 AM Dana <d@x.com> wrote:\n> --\n> Dana",
    ],
)
def test_when_thread_is_only_signatures_then_specific_error(text: str) -> None:
    with pytest.raises(ParseError, match="only signatures"):
        parse_text(text, input_format="email_text")


def test_when_only_signatures_and_format_detected_then_plain_fallback_with_warning() -> None:
    conversation = parse_text("--\nDana Reyes\nHead of Procurement")
    assert conversation.format is InputFormat.PLAIN
    assert conversation.warnings


def test_when_quoting_is_deeply_nested_then_no_recursion_and_depth_capped() -> None:
    levels = 3000
    text = "Top reply.\n" + "".join(">" * d + f" level {d}\n" for d in range(1, levels))
    conversation = thread.parse(text)
    assert conversation.turns[-1].text == "Top reply."
    assert len(conversation.turns) == MAX_DEPTH + 1  # deeper levels read as the cap
    assert conversation.turns[0].text.startswith(f"level {MAX_DEPTH}")


# Speed is measured by benchmarks/parse_speed.py; these tests pin what is parsed.


def test_when_one_line_has_a_huge_run_of_markers_then_it_is_parsed() -> None:
    text = "Fine.\n" + ">" * 500_000 + " deep\n"
    conversation = thread.parse(text)
    assert [t.text for t in conversation.turns] == ["deep", "Fine."]


def test_when_long_quote_fixture_then_the_newest_message_is_its_own() -> None:
    text = LONG_QUOTE.read_text(encoding="utf-8")
    conversation = parse_text(text)
    assert conversation.turns[-1].from_quote is False


def test_when_10_mb_paste_then_every_message_is_found_once() -> None:
    base = (FIXTURES / "long_thread_32.txt").read_text(encoding="utf-8")
    big = ("\n\n" + base) * (10_000_000 // len(base))
    conversation = thread.parse(big)
    assert len(conversation.turns) == 32  # the repeated thread collapses to its 32 messages
