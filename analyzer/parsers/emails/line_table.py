"""Every line of a body: its quote depth and the span of its content after the markers.

`LineTable` reads a region once: `>` markers (">", "> >", ">>"), the repairs two mail
client artefacts need, and AOL's "<< ... >>" quoting, so quote markers never enter a span.
"""

from __future__ import annotations

import re
from itertools import accumulate

_AOL_MAX_LINES = 400
MAX_DEPTH = 64  # deeper `>` markers are read as this depth: no real thread nests further
BREAK = -1  # a line index standing for a paragraph break between two quoted runs
# Quote markers: ">", "> >", ">>", each followed by at most one space. Every repetition
# consumes a ">", so matching is linear.
_QUOTE_PREFIX = re.compile(r"[ \t]{0,3}((?:>[ \t]?)+)")


class LineTable:
    """Every line of a region: content span (after quote markers) and quote depth."""

    __slots__ = ("depth", "ends", "source", "starts")

    def __init__(self, source: str, begin: int = 0, end: int | None = None) -> None:
        self.source = source
        stop = len(source) if end is None else end
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.depth: list[int] = []
        raws = source[begin:stop].split("\n")
        # Comprehensions over all lines, then a second pass over quoted or indented
        # lines only: the common unquoted line costs a few C-level operations.
        self.starts = list(accumulate((len(r) + 1 for r in raws[:-1]), initial=begin))
        self.ends = [a + len(r.rstrip()) for a, r in zip(self.starts, raws, strict=True)]
        self.depth = [0] * len(raws)
        marked = [k for k, r in enumerate(raws) if r.startswith((">", " ", "\t"))]
        for k in marked:
            self._set_quoted(k, raws[k])
        self._repair(marked)
        if source.find("\n<<", begin, stop) >= 0 or source.startswith("<<", begin):
            aol = [k for k, r in enumerate(raws) if r.startswith("<<") and r[2:3] != "<"]
            self._aol_quotes(raws, aol)

    def _aol_quotes(self, raws: list[str], opening: list[int]) -> None:
        """AOL quotes the message it answers between "<<" and ">>": one level deeper.

        Each block is read once, from its "<<" line to the first line ending in ">>"
        (at most `_AOL_MAX_LINES` below), so the pass stays linear.
        """
        done = -1
        for k in opening:
            if k <= done:
                continue
            stop = next(
                (
                    j
                    for j in range(k, min(len(raws), k + _AOL_MAX_LINES))
                    if raws[j].rstrip().endswith(">>") and not raws[j].rstrip().endswith(">>>")
                ),
                None,
            )
            if stop is None or stop == k:
                continue  # "<<Q4 budget.xls>>" on one line: an attachment, not a quote
            base = self.depth[k]
            for j in range(k, stop + 1):
                self.depth[j] = min(base + 1, MAX_DEPTH)
            self.starts[k] += 2
            self.ends[k] = max(self.starts[k], self.ends[k])
            closing = self.source.rfind(">>", self.starts[stop], self.ends[stop] + 1)
            if closing >= self.starts[stop]:
                self.ends[stop] = closing
            done = stop

    def _set_quoted(self, k: int, raw: str) -> None:
        match = _QUOTE_PREFIX.match(raw)
        if match is None:  # indented text, not quoting
            return
        body_end = len(raw.rstrip())
        j = match.end()
        pos = self.starts[k]
        self.starts[k] = pos + j
        self.ends[k] = pos + max(j, body_end)
        self.depth[k] = min(match.group(1).count(">"), MAX_DEPTH)

    def _repair(self, quoted: list[int]) -> None:
        """Undo two artefacts of mail clients that would break the quoting structure.

        Only lines next to quoted lines can be affected, so only those are visited.
        """
        depth, starts, ends, count = self.depth, self.starts, self.ends, len(self.depth)
        for q in quoted:
            if not depth[q]:
                continue
            i = q + 1
            # A quoted line wrapped by a client without its marker: "> ...\nrest\n>".
            if (
                i < count - 1
                and not depth[i]
                and starts[i] < ends[i]
                and depth[i + 1]
                and starts[q] < ends[q]
            ):
                depth[i] = min(depth[q], depth[i + 1])
        for i in quoted:
            # An address wrapped before its closing ">:" ("<test@example.com\n>:").
            if i and depth[i] and self.text(i) == ":" and depth[i - 1] == 0:
                prev = self.text(i - 1)
                if prev.rfind("<") > prev.rfind(">"):
                    depth[i] = 0
                    starts[i] = ends[i] - 2 if ends[i] >= 2 else starts[i]

    def text(self, i: int) -> str:
        """The content of line `i` (markers removed, trailing spaces dropped)."""
        return self.source[self.starts[i] : self.ends[i]] if i >= 0 else ""

    def blank(self, i: int) -> bool:
        """Whether line `i` holds nothing (or is a paragraph break)."""
        return i < 0 or self.starts[i] == self.ends[i]

    def __len__(self) -> int:
        return len(self.depth)
