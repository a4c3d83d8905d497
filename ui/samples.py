"""The sample threads under "Try an example" (files in `examples/`, listed in its index)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True)
class Example:
    """One sample conversation offered to a first-time user."""

    title: str
    file: str
    text: str


def load_examples(folder: Path = EXAMPLES_DIR) -> list[Example]:
    """The examples in the index's order, with their text."""
    index = tomllib.loads((folder / "index.toml").read_text(encoding="utf-8"))
    return [
        Example(
            title=str(entry["title"]),
            file=str(entry["file"]),
            text=(folder / str(entry["file"])).read_text(encoding="utf-8"),
        )
        for entry in index["example"]
    ]
