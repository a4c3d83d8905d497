"""`summary.md` of a batch: counts by stage and end type, impasse rate, frequent signals,
and the inputs that failed and why.

Everything that comes from an input (paths, error messages that may quote it) is escaped:
a file name or an email cannot inject HTML or Markdown into the report.
"""

from __future__ import annotations

from collections import Counter

from analyzer.analysis import Analysis, AnalysisError
from analyzer.report import md_escape
from analyzer.taxonomy import END_TYPES, SIGNALS, STAGES, EndType, SignalType, Stage

TOP_SIGNALS = 10


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def render_summary(results: list[Analysis | AnalysisError]) -> str:
    """The Markdown summary of a batch's results (one per input)."""
    analyses = [r for r in results if isinstance(r, Analysis)]
    failures = [r for r in results if isinstance(r, AnalysisError)]
    n = len(analyses)
    impasses = sum(1 for a in analyses if a.impasse)
    others = sum(1 for a in analyses if not a.negotiation)
    out = [
        "# Batch summary",
        "",
        f"- Inputs: {len(results)}",
        f"- Analysed: {n}",
        f"- Failed: {len(failures)}",
        f"- Impasse rate: {_pct(impasses, n)} ({impasses} of {n} analysed)",
        f"- Not a negotiation: {others} (no impasse diagnosed)",
    ]
    engines = Counter(f"{a.engine.value}" + (f" ({a.model})" if a.model else "") for a in analyses)
    if engines:
        used = ", ".join(f"{md_escape(e)}: {c}" for e, c in engines.most_common())
        out.append(f"- Engines: {used}")
    out += ["", "## By stage", "", "| Stage | Conversations | Share |", "|---|---:|---:|"]
    stages = Counter(a.stage for a in analyses)
    for stage in Stage:
        out.append(f"| {STAGES[stage].label} | {stages[stage]} | {_pct(stages[stage], n)} |")
    ends = Counter(a.end_type for a in analyses if a.stage is Stage.END)
    ended = sum(ends.values())
    out += ["", "## End-stage impasses by end type", "", "| End type | Conversations | Share |"]
    out.append("|---|---:|---:|")
    for end in EndType:
        out.append(f"| {END_TYPES[end].label} | {ends[end]} | {_pct(ends[end], ended)} |")
    if ends[None]:
        out.append(f"| (not decided) | {ends[None]} | {_pct(ends[None], ended)} |")
    out += _signals_section(analyses)
    out += ["", "## Failed inputs", ""]
    if failures:
        out += [f"- {md_escape(f.source)}: {md_escape(f.error)}" for f in failures]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def _signals_section(analyses: list[Analysis]) -> list[str]:
    # A conversation counts once per signal type, so one long thread cannot dominate.
    counts: Counter[SignalType] = Counter()
    for a in analyses:
        counts.update({s.type for s in a.signals})
    out = ["", "## Most frequent signals", ""]
    if not counts:
        return [*out, "No impasse signals were found."]
    out += ["| Signal | Conversations | Share of analysed |", "|---|---:|---:|"]
    for signal, count in counts.most_common(TOP_SIGNALS):
        out.append(f"| {SIGNALS[signal].label} | {count} | {_pct(count, len(analyses))} |")
    return out
