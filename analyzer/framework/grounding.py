"""Finding a quote in a turn, forgiving only whitespace, quote marks and quote markers.

Rule 1 of the framework: a quote must occur in the turn it cites. Models (and people)
re-type quotes with straight instead of curly marks, collapse spaces, or keep a `>`; those
are the only differences forgiven. The result is always the verbatim text of the turn.
"""

from __future__ import annotations

from collections.abc import Callable

_QUOTE_MARKS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of whitespace and '>' markers folded to one space,
    and for each kept character its position in `text`."""
    out: list[str] = []
    where: list[int] = []
    pending_space = False
    at_line_start = True
    for i, ch in enumerate(text):
        if ch == "\n":
            pending_space, at_line_start = True, True
            continue
        if ch.isspace() or (ch == ">" and at_line_start):
            pending_space = True
            continue
        at_line_start = False
        if pending_space and out:
            out.append(" ")
            where.append(i)
        pending_space = False
        out.append(ch.translate(_QUOTE_MARKS).lower())
        where.append(i)
    return "".join(out), where


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """[start, end) of `quote` in `text`, forgiving whitespace, quote marks and markers."""
    if not quote.strip():
        return None
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    hay, where = _normalise(text)
    needle, _ = _normalise(quote.strip().strip("\"'“”‘’"))
    if not needle:
        return None
    at = hay.find(needle)
    if at < 0:
        return None
    return where[at], where[at + len(needle) - 1] + 1


def single_line(
    text: str, start: int, end: int, carries: Callable[[str], bool] | None = None
) -> tuple[int, int]:
    """One line of text[start:end] (quotes stay within one line): the first that
    `carries` the evidence when one does, else the longest."""
    lines: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        nl = text.find("\n", line_start, end)
        stop = end if nl < 0 else nl
        piece = text[line_start:stop]
        lead = len(piece) - len(piece.lstrip(" >\t"))
        a, b = line_start + lead, stop
        while b > a and text[b - 1].isspace():
            b -= 1
        lines.append((a, b))
        if nl < 0:
            break
        line_start = nl + 1
    if not lines:
        return start, start
    if carries is not None and len(lines) > 1:
        chosen = next((ln for ln in lines if ln[1] > ln[0] and carries(text[ln[0] : ln[1]])), None)
        if chosen is not None:
            return chosen
    return max(lines, key=lambda ln: ln[1] - ln[0])
