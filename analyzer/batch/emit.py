"""Standard output of `impasse analyze`: the results in input order, in one format.

Results may finish out of order (threads, processes); a small buffer puts them back in
order so output is reproducible. Streaming formats (jsonl, csv, text, md) write each
result as soon as its turn comes; `json` and `table` need them all and write at the end.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyzer import report
from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.formats import OutputFormat

if TYPE_CHECKING:
    from analyzer.batch.runner import Outcome

Result = Analysis | AnalysisError
__all__ = ["Emitter", "OutputFormat", "results_table"]


class Emitter:
    """Writes outcomes to a stream in input order."""

    def __init__(self, fmt: OutputFormat, stream: TextIO) -> None:
        self.fmt = fmt
        self.stream = stream
        self._next = 0
        self._waiting: dict[int, Result] = {}
        self._kept: list[Result] = []
        self._written = 0
        self._csv: csv.DictWriter[str] | None = None
        if fmt is OutputFormat.CSV:
            self._csv = csv.DictWriter(stream, fieldnames=report.CSV_COLUMNS, lineterminator="\n")
            self._csv.writeheader()

    def add(self, outcome: Outcome) -> None:
        """Take one outcome; write it and any that were waiting for it."""
        self._waiting[outcome.index] = outcome.result
        while self._next in self._waiting:
            self._write(self._waiting.pop(self._next))
            self._next += 1

    def close(self) -> None:
        """Write what is still buffered (after an interrupt: in order, gaps skipped)."""
        for index in sorted(self._waiting):
            self._write(self._waiting.pop(index))
        if self.fmt is OutputFormat.JSON:
            data = [r.model_dump(mode="json") for r in self._kept]
            json.dump(
                data[0] if len(data) == 1 else data, self.stream, ensure_ascii=False, indent=2
            )
            self.stream.write("\n")
        elif self.fmt is OutputFormat.TABLE and self._kept:
            # Piped output has no terminal width; a wide table beats folded file names.
            width = None if self.stream.isatty() else 220
            Console(file=self.stream, highlight=False, width=width).print(results_table(self._kept))
        self.stream.flush()

    def _write(self, result: Result) -> None:
        if self.fmt in {OutputFormat.JSON, OutputFormat.TABLE}:
            self._kept.append(result)
            return
        first = self._written == 0  # streaming formats keep nothing, only count
        self._written += 1
        if self.fmt is OutputFormat.JSONL:
            self.stream.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n")
        elif self._csv is not None:
            self._csv.writerow(report.csv_row(result))
        elif self.fmt is OutputFormat.MD:
            self.stream.write(("" if first else "\n") + report.render_markdown(result))
        else:
            self.stream.write(("" if first else "\n") + report.render_text(result))
        self.stream.flush()


def results_table(results: list[Result]) -> Table:
    """A compact table: one row per input. Cells are plain Text, never markup."""
    table = Table(show_lines=False, pad_edge=False)
    longest = max((len(r.source) for r in results), default=10)
    table.add_column("source", overflow="fold", min_width=min(longest, 100))
    table.add_column("verdict", no_wrap=True)
    table.add_column("conf.", no_wrap=True)
    table.add_column("signals", overflow="fold", ratio=2)
    table.add_column("top strategy / error", overflow="fold", ratio=3)
    for r in results:
        if isinstance(r, AnalysisError):
            table.add_row(Text(r.source), Text("error", style="red"), "", "", Text(r.error))
            continue
        signals = ", ".join(dict.fromkeys(s.type.value for s in r.signals))
        top = r.strategies[0].id.value if r.strategies else ""
        table.add_row(
            Text(r.source), Text(report.verdict(r)), f"{r.confidence:.2f}", Text(signals), Text(top)
        )
    return table
