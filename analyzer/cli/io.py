"""Reading inputs and writing to the terminal, shared by the commands.

Standard output carries only data; messages go to standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyzer.errors import InputRejected
from analyzer.textio import max_input_bytes


def read_source(source: str) -> tuple[bytes, str | None]:
    """The bytes of a path, or of standard input for '-', with a file name hint."""
    if source == "-":
        cap = max_input_bytes()
        data = sys.stdin.buffer.read(cap + 1)
        return data, None
    from analyzer.textio import read_input

    return read_input(Path(source)), source


def say(message: str) -> None:
    """A line for the human, on standard error."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def fail(message: str, code: int = 1) -> None:
    """Report an error on standard error and raise the exit code."""
    import typer

    say(f"error: {message}")
    raise typer.Exit(code)


__all__ = ["InputRejected", "fail", "read_source", "say"]
