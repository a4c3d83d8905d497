"""Human-readable renderings of analyses: plain text, Markdown and CSV rows.

Conversation text (quotes, drafts, names) is data: in Markdown it is escaped so that
HTML or Markdown inside an email cannot change the report.
"""

from __future__ import annotations

import html
import re

from analyzer.analysis import Analysis, AnalysisError, CheckStatus, DraftStatus
from analyzer.taxonomy import CAUSES, END_TYPES, SIGNALS, STAGES, STRATEGIES, Stage

CSV_COLUMNS = (
    "source", "engine", "negotiation", "impasse", "stage", "end_type", "confidence",
    "signal_types", "top_strategy", "error",
)  # fmt: skip

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md_escape(text: str) -> str:
    """Text safe to place in Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " ")


def verdict(analysis: Analysis) -> str:
    """The headline in the taxonomy's words: "Stage: End (soft)", "No impasse"."""
    if not analysis.negotiation:
        return "Not a negotiation"
    if analysis.stage is Stage.NONE:
        return "No impasse"
    label = f"Stage: {STAGES[analysis.stage].label}"
    if analysis.end_type is not None:
        label += f" ({analysis.end_type.value})"
    return label


def render_text(result: Analysis | AnalysisError) -> str:
    """A plain-text report for the terminal."""
    if isinstance(result, AnalysisError):
        return f"{result.source}\n  error: {result.error}\n"
    a = result
    out = [
        f"{a.source}",
        f"  {verdict(a)}  confidence {a.confidence:.2f}  engine {a.engine.value}"
        + (f" ({a.model})" if a.model else "")
        + f"  language {a.language}",
        f"  {a.summary}",
    ]
    if a.end_type is not None:
        out.append(f"  {END_TYPES[a.end_type].label}: {END_TYPES[a.end_type].definition}")
    if a.signals:
        out.append("  Signals:")
        for s in a.signals:
            out.append(
                f"    - {SIGNALS[s.type].label} — {s.speaker}, turn {s.turn}: \u201c{s.quote}\u201d"
            )
            out.append(f"      {s.explanation}")
    if a.causes:
        out.append("  Likely causes:")
        out += [f"    - {CAUSES[c.id].label}: {c.why}" for c in a.causes]
    if a.strategies:
        out.append("  Strategies (best first):")
        out += [
            f"    {i}. {STRATEGIES[s.id].label}: {s.why}" for i, s in enumerate(a.strategies, 1)
        ]
    for d in a.drafts:
        title = STRATEGIES[d.strategy].label
        if d.status is DraftStatus.WITHHELD:
            out.append(f"  Draft ({title}): withheld. {d.text}")
            continue
        out.append(f"  Draft ({title}):")
        out += [f"    {line}" for line in d.text.splitlines()]
    corrected = [c for c in a.checks if c.status is not CheckStatus.PASS]
    if corrected:
        out.append("  Framework checks (corrections):")
        out += [f"    - {c.rule} {c.status.value}: {c.detail}" for c in corrected]
    out += [f"  Notice: {n}" for n in a.notices]
    return "\n".join(out) + "\n"


def render_markdown(result: Analysis | AnalysisError) -> str:
    """A Markdown report (with the drafts), conversation text escaped."""
    if isinstance(result, AnalysisError):
        return f"## {md_escape(result.source)}\n\n**Error:** {md_escape(result.error)}\n"
    a = result
    out = [
        f"## {md_escape(a.source)}",
        "",
        f"**{verdict(a)}** · confidence {a.confidence:.2f} · engine {a.engine.value}"
        + (f" ({md_escape(a.model)})" if a.model else ""),
        "",
        md_escape(a.summary),
        "",
    ]
    if a.signals:
        out += ["### Signals", ""]
        for s in a.signals:
            out.append(
                f"- **{SIGNALS[s.type].label}** — {md_escape(s.speaker)}, turn {s.turn}: "
                f"\u201c{md_escape(s.quote)}\u201d  \n  {md_escape(s.explanation)}"
            )
        out.append("")
    if a.causes:
        out += ["### Likely causes", ""]
        out += [f"- **{CAUSES[c.id].label}**: {md_escape(c.why)}" for c in a.causes]
        out.append("")
    if a.strategies:
        out += ["### Strategies", ""]
        out += [
            f"{i}. **{STRATEGIES[s.id].label}**: {md_escape(s.why)}"
            for i, s in enumerate(a.strategies, 1)
        ]
        out.append("")
    if a.drafts:
        out += ["### Reply drafts", ""]
        for d in a.drafts:
            out += [f"#### {STRATEGIES[d.strategy].label}", ""]
            if d.status is DraftStatus.WITHHELD:
                out += [f"_Withheld:_ {md_escape(d.text)}", ""]
            else:
                out += ["```text", d.text.replace("```", "ʼʼʼ"), "```", ""]
    if a.checks:
        out += ["### Framework checks", ""]
        out += [f"- `{c.rule}` {c.status.value}: {md_escape(c.detail)}" for c in a.checks]
        out.append("")
    if a.notices:
        out += ["### Notices", ""] + [f"- {md_escape(n)}" for n in a.notices] + [""]
    return "\n".join(out)


def csv_row(result: Analysis | AnalysisError) -> dict[str, str]:
    """One spreadsheet row per conversation (columns `CSV_COLUMNS`)."""
    if isinstance(result, AnalysisError):
        row = dict.fromkeys(CSV_COLUMNS, "")
        row.update(source=result.source, error=result.error)
        return row
    a = result
    return {
        "source": a.source,
        "engine": a.engine.value,
        "negotiation": str(a.negotiation).lower(),
        "impasse": str(a.impasse).lower(),
        "stage": a.stage.value,
        "end_type": a.end_type.value if a.end_type else "",
        "confidence": f"{a.confidence:.2f}",
        "signal_types": ";".join(dict.fromkeys(s.type.value for s in a.signals)),
        "top_strategy": a.strategies[0].id.value if a.strategies else "",
        "error": "",
    }
