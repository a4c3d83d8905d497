"""`impasse taxonomy`: print the framework's vocabulary with one-line definitions."""

from __future__ import annotations

import sys


def taxonomy() -> None:
    """Print stages, signals, end types, causes and strategies as Markdown."""
    from analyzer.taxonomy import as_markdown

    sys.stdout.write(as_markdown())
