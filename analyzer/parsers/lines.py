"""Line-level helpers shared by the parsers (linear time, no regex backtracking)."""

from __future__ import annotations


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The [start, end) range of every line of `text[start:end]`, newline excluded."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    while pos <= stop:
        nl = text.find("\n", pos, stop)
        if nl < 0:
            if pos < stop:
                spans.append((pos, stop))
            break
        spans.append((pos, nl))
        pos = nl + 1
    return spans
