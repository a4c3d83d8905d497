"""Turning command-line arguments into inputs: files, directories, globs and '-'.

Directories are searched recursively for the supported extensions (hidden files and
folders, READMEs and licences skipped; sorted so runs are reproducible); a file named
explicitly is read whatever its extension, since the format is detected from the
content. An argument
that yields nothing (a folder with no supported files, a glob matching nothing) becomes
an input that fails with a message saying why, so the batch goes on with the others.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import InputRejected
from analyzer.textio import max_input_bytes, read_input

SUPPORTED_EXTENSIONS = (".txt", ".eml", ".mbox", ".vtt", ".srt", ".sbv", ".docx", ".md")
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
# Project files that sit next to conversations in exported folders (README.md is Markdown,
# like an Otter export, but it is not a conversation).
_NOT_CONVERSATIONS = ("readme", "license", "licence", "changelog", "notes_")


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch: `source` is the path as given (or found), '-' for stdin.

    `problem` is set when the argument could not yield a file at all; such an item
    fails with that message instead of being read.
    """

    source: str
    problem: str | None = None

    @property
    def filename(self) -> str | None:
        """The file name hint for format detection (None for standard input)."""
        return None if self.source == STDIN else self.source


def expand(arguments: list[str]) -> list[InputItem]:
    """The inputs named by `arguments`, in order, each path once."""
    items: list[InputItem] = []
    seen: set[str] = set()
    for argument in arguments:
        for item in _expand_one(argument):
            key = item.source if item.source == STDIN else os.path.normpath(item.source)
            if item.problem is None and key in seen:
                continue
            seen.add(key)
            items.append(item)
    return items


def _expand_one(argument: str) -> list[InputItem]:
    if argument == STDIN:
        return [InputItem(STDIN)]
    path = Path(argument)
    if path.is_dir():
        found = _walk(path)
        if not found:
            names = " ".join(SUPPORTED_EXTENSIONS)
            return [
                InputItem(
                    argument,
                    problem=f"this directory has no supported files "
                    f"(looked for {names}, recursively); point at the conversations themselves.",
                )
            ]
        return [InputItem(str(p)) for p in found]
    if not path.exists() and _GLOB_CHARS & set(argument):
        # glob.glob, unlike Path.glob, takes absolute patterns as users type them.
        matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
        files = [m for m in matches if Path(m).is_file()]
        for folder in (m for m in matches if Path(m).is_dir()):
            files += [str(p) for p in _walk(Path(folder))]
        if not files:
            return [InputItem(argument, problem=f"no files match {argument!r}; check the pattern.")]
        return [InputItem(f) for f in dict.fromkeys(files)]
    return [InputItem(argument)]


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        # Hidden folders (.git, .venv) hold no conversations; pruning keeps walks fast.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lowered = name.lower()
            if (
                name.startswith(".")
                or not lowered.endswith(SUPPORTED_EXTENSIONS)
                or lowered.startswith(_NOT_CONVERSATIONS)
            ):
                continue
            candidate = Path(root) / name
            if candidate.is_file():
                found.append(candidate)
    return found


def is_uri(argument: str) -> bool:
    """True for `scheme://...` arguments other than local files (`s3://bucket/x`): they
    are read, or written, through their filesystem rather than as local paths."""
    return "://" in argument and not argument.startswith("file://")


def read_item(item: InputItem, limit: int | None = None) -> bytes:
    """The bytes of one input, refusing what is over the size limit before reading it.

    Raises `InputRejected` with a message saying what to do: the argument named nothing,
    the file vanished, is unreadable, is not a regular file, or is too large.
    """
    if item.problem is not None:
        raise InputRejected(item.problem)
    if item.source == STDIN:
        cap = max_input_bytes() if limit is None else limit
        data = sys.stdin.buffer.read(cap + 1)
        return data
    try:
        mode = Path(item.source).stat().st_mode
    except FileNotFoundError as exc:
        raise InputRejected(
            "no such file (it may have been moved or deleted); check the path."
        ) from exc
    except PermissionError as exc:
        raise InputRejected("permission denied; check the file's permissions.") from exc
    if stat.S_ISDIR(mode):
        raise InputRejected("this is a directory; give files, a folder or a glob instead.")
    if not stat.S_ISREG(mode):
        # A FIFO or a device would block or never end; a batch must not hang on one.
        raise InputRejected(
            "not a regular file (a pipe or a device); save it to a file, or pipe it to '-'."
        )
    return read_input(item.source, limit=limit)


def content_hash(data: bytes) -> str:
    """The SHA-256 of an input's bytes, hex (what `--resume` compares)."""
    return hashlib.sha256(data).hexdigest()
