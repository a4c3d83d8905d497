"""The output formats of `impasse analyze` (a light module: the CLI imports it at start)."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    """`--format` of `impasse analyze`."""

    TABLE = "table"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MD = "md"
