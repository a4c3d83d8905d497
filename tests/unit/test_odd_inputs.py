"""Odd inputs: UTF-16 without a byte-order mark, pipes and devices, the size limit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli.main import app
from analyzer.errors import InputRejected
from analyzer.parsers import parse_bytes
from analyzer.textio import decode_bytes, limit_message, read_input

THREAD = (
    "Sounds fair, let's talk Tuesday.\n\n"
    "On Mon, Mar 3, 2025 at 9:14 AM Tom Okafor <tom@acme.com> wrote:\n"
    "> We can't go any further on price right now.\n"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_when_utf16_has_no_bom_then_it_is_detected_and_parsed(codec: str) -> None:
    conversation = parse_bytes(THREAD.encode(codec))
    assert conversation.turns[0].speaker == "Tom Okafor"
    assert any(codec.upper() in w for w in conversation.warnings)


def test_when_bytes_are_binary_then_they_are_still_refused() -> None:
    with pytest.raises(InputRejected, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 100)


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (21_000_000, 20_000_000, "the input is 21 MB, over the 20 MB limit"),
        (20_500_000, 20_000_000, "the input is 20.5 MB, over the 20 MB limit"),
        (20_000_001, 20_000_000, "the input is over the 20 MB limit"),
        (20_000_512, 20_000_000, "the input is 20,000,512 bytes, over the 20 MB (20,000,000-byte)"),
    ],
)
def test_when_input_is_over_the_limit_then_the_message_uses_decimal_mb(
    size: int, limit: int, expected: str
) -> None:
    assert limit_message(size, limit).startswith(expected)


def test_when_input_is_over_the_default_limit_then_the_message_says_20_mb() -> None:
    with pytest.raises(InputRejected) as raised:
        decode_bytes(b"x" * 21_000_000)
    assert "over the 20 MB limit" in str(raised.value)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_when_parse_is_given_a_fifo_then_it_refuses_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "thread.fifo"
    os.mkfifo(fifo)
    result = CliRunner().invoke(app, ["parse", str(fifo)])
    assert result.exit_code == 1
    assert "not a regular file" in result.output


def test_when_parse_is_given_a_device_then_it_refuses() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    with pytest.raises(InputRejected, match="not a regular file"):
        read_input("/dev/null")
