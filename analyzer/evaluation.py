"""`impasse eval`: run the analysis over labelled cases and measure it against the labels.

Labels are JSON lines: {"id", "file", "us", "them", "impasse", "stage", "end_type",
"signals": [{"type", "speaker", "quote"}], "acceptable_strategies",
"forbidden_strategies"}. A missing field is not scored. `file` is relative to the labels
file. Every miss is listed by id, so a figure can always be traced to its cases.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from analyzer.analysis import Analysis
from analyzer.errors import ImpasseError
from analyzer.framework import grounding
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions


class LabelSignal(BaseModel):
    """A labelled signal (only its type is scored)."""

    model_config = ConfigDict(extra="allow")
    type: str
    speaker: str | None = None
    quote: str | None = None


class Label(BaseModel):
    """One labelled case; absent fields are not scored."""

    model_config = ConfigDict(extra="allow")
    id: str
    file: str
    us: list[str] | str | None = None
    them: list[str] | None = None
    negotiation: bool | None = None
    impasse: bool | None = None
    stage: str | None = None
    end_type: str | None = None
    signals: list[LabelSignal] | None = None
    acceptable_strategies: list[str] | None = None
    forbidden_strategies: list[str] | None = None
    language: str | None = None
    base: Path = Field(default=Path(), exclude=True)

    def path(self) -> Path:
        """Where the conversation file is."""
        return self.base / self.file

    def us_list(self) -> list[str]:
        """`us` as a list, whichever way it was written."""
        if self.us is None:
            return []
        return [self.us] if isinstance(self.us, str) else list(self.us)


def load_labels(paths: Iterable[Path]) -> list[Label]:
    """Labels from one or more JSONL files (blank lines and # comments skipped)."""
    labels: list[Label] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                label = Label.model_validate_json(line)
            except ValueError as exc:
                raise ImpasseError(f"{path}:{number}: not a valid label ({exc}).") from exc
            labels.append(label.model_copy(update={"base": path.parent}))
    return labels


@dataclass
class Tally:
    """Counts behind one report."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    stage_ok: int = 0
    stage_n: int = 0
    end_ok: int = 0
    end_n: int = 0
    sig_tp: int = 0
    sig_fp: int = 0
    sig_fn: int = 0
    strategies: int = 0
    forbidden: int = 0
    quotes: int = 0
    unverifiable: int = 0
    errors: int = 0
    cases: int = 0
    others: int = 0  # labelled "not a negotiation"
    others_flagged: int = 0  # ... and diagnosed as an impasse
    gate_n: int = 0
    gate_ok: int = 0
    misses: list[str] = field(default_factory=list)
    # (confidence, whether the impasse verdict was right) per scored case, for calibration
    confidences: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Accumulate another tally into this one."""
        for name in self.__dataclass_fields__:
            if name == "misses":
                self.misses += other.misses
            elif name == "confidences":
                self.confidences += other.confidences
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def metrics(t: Tally) -> dict[str, float | int | None]:
    """The figures `impasse eval` prints."""
    precision = _ratio(t.tp, t.tp + t.fp)
    recall = _ratio(t.tp, t.tp + t.fn)
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    sp = _ratio(t.sig_tp, t.sig_tp + t.sig_fp)
    sr = _ratio(t.sig_tp, t.sig_tp + t.sig_fn)
    sf1 = 2 * sp * sr / (sp + sr) if sp is not None and sr is not None and sp + sr else None
    return {
        "cases": t.cases,
        "errors": t.errors,
        "impasse_precision": precision,
        "impasse_recall": recall,
        "impasse_f1": f1,
        "false_positive_rate": _ratio(t.fp, t.fp + t.tn),
        "stage_accuracy": _ratio(t.stage_ok, t.stage_n),
        "end_type_accuracy": _ratio(t.end_ok, t.end_n),
        "signal_type_f1": sf1,
        "forbidden_strategy_share": _ratio(t.forbidden, t.strategies),
        "unverifiable_quote_share": _ratio(t.unverifiable, t.quotes),
        "negotiation_gate_accuracy": _ratio(t.gate_ok, t.gate_n),
        "not_negotiation_flagged_share": _ratio(t.others_flagged, t.others),
        "expected_calibration_error": calibration_error(t.confidences),
    }


CALIBRATION_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def reliability(pairs: list[tuple[float, bool]]) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: its range, how many verdicts, mean confidence, share right."""
    rows: list[tuple[str, int, float, float]] = []
    for low, high in itertools.pairwise(CALIBRATION_BINS):
        inside = [(c, ok) for c, ok in pairs if low <= c < high]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            right = sum(ok for _, ok in inside) / len(inside)
            rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(inside), mean, right))
    return rows


def calibration_error(pairs: list[tuple[float, bool]]) -> float | None:
    """Expected calibration error: the mean gap between confidence and accuracy per bin,
    weighted by the bin's size."""
    if not pairs:
        return None
    return sum(n * abs(mean - right) for _, n, mean, right in reliability(pairs)) / len(pairs)


def score_case(label: Label, analysis: Analysis, source_text: str) -> Tally:
    """Compare one analysis with its label."""
    t = Tally(cases=1)
    miss = t.misses.append
    if label.negotiation is not None:
        t.gate_n += 1
        t.gate_ok += int(analysis.negotiation == label.negotiation)
        if analysis.negotiation != label.negotiation:
            said = "a negotiation" if analysis.negotiation else "not a negotiation"
            miss(f"{label.id}: read as {said}")
    if label.negotiation is False:
        t.others += 1
        t.others_flagged += int(analysis.impasse)
    if label.impasse is not None:
        t.confidences.append((analysis.confidence, analysis.impasse == label.impasse))
        if analysis.impasse and label.impasse:
            t.tp += 1
        elif analysis.impasse:
            t.fp += 1
            miss(f"{label.id}: impasse found, none labelled")
        elif label.impasse:
            t.fn += 1
            miss(f"{label.id}: impasse missed (labelled {label.stage})")
        else:
            t.tn += 1
    if label.stage is not None:
        t.stage_n += 1
        if analysis.stage.value == label.stage:
            t.stage_ok += 1
        else:
            miss(f"{label.id}: stage {analysis.stage.value}, labelled {label.stage}")
    if label.stage == "end" and label.end_type is not None:
        t.end_n += 1
        got = analysis.end_type.value if analysis.end_type else None
        if got == label.end_type:
            t.end_ok += 1
        else:
            miss(f"{label.id}: end type {got}, labelled {label.end_type}")
    if label.signals is not None:
        want = {s.type for s in label.signals}
        got_types = {s.type.value for s in analysis.signals}
        t.sig_tp += len(want & got_types)
        t.sig_fp += len(got_types - want)
        t.sig_fn += len(want - got_types)
        if want != got_types:
            extra, lost = sorted(got_types - want), sorted(want - got_types)
            miss(f"{label.id}: signals +{extra} -{lost}")
    if label.forbidden_strategies is not None:
        forbidden = set(label.forbidden_strategies)
        for item in analysis.strategies:
            t.strategies += 1
            if item.id.value in forbidden:
                t.forbidden += 1
                miss(f"{label.id}: forbidden strategy {item.id.value}")
    for signal in analysis.signals:
        t.quotes += 1
        if grounding.locate(source_text, signal.quote) is None:
            t.unverifiable += 1
            miss(f"{label.id}: quote not in the input: {signal.quote[:60]!r}")
    return t


Analyzer = Callable[[Conversation, AnalyzeOptions, str], Analysis]


def evaluate(labels: list[Label], analyzer: Analyzer, group_by: str = "file") -> dict[str, Tally]:
    """Tallies per group ("file" = per labels file, "language") and an "all" total."""
    from analyzer.parsers import parse_file
    from analyzer.textio import decode_bytes

    groups: dict[str, Tally] = {}
    total = Tally()
    for label in labels:
        key = (label.language or "en") if group_by == "language" else str(label.base)
        tally = groups.setdefault(key, Tally())
        try:
            conversation = parse_file(label.path())
            options = AnalyzeOptions(me=label.us_list(), them=label.them or [], drafts=False)
            analysis = analyzer(conversation, options, str(label.path()))
            source = decode_bytes(label.path().read_bytes()).text
        except ImpasseError as exc:
            case = Tally(cases=1, errors=1, misses=[f"{label.id}: error: {exc}"])
        else:
            case = score_case(label, analysis, source)
        tally.add(case)
        total.add(case)
    groups["all"] = total
    return groups


def format_report(groups: dict[str, Tally], show_misses: bool = True) -> str:
    """A readable report: one block of figures per group, then the misses."""
    lines: list[str] = []
    for name, tally in groups.items():
        figures = metrics(tally)
        lines.append(f"== {name} ({tally.cases} cases, {tally.errors} errors)")
        for key, value in figures.items():
            if key in {"cases", "errors"}:
                continue
            shown = "n/a" if value is None else f"{value:.3f}"
            lines.append(f"  {key:<29} {shown}")
        table = reliability(tally.confidences)
        if table:
            lines.append("  reliability (confidence bin: verdicts, mean confidence, share right)")
            lines += [
                f"    {span}: {n:>4}  {mean:.2f}  {right:.2f}" for span, n, mean, right in table
            ]
    if show_misses:
        misses = groups.get("all", Tally()).misses
        lines.append(f"== misses ({len(misses)})")
        lines += [f"  {m}" for m in misses]
    return "\n".join(lines) + "\n"


def report_json(groups: dict[str, Tally]) -> str:
    """The figures and misses as JSON."""
    return json.dumps(
        {name: {**metrics(t), "misses": t.misses} for name, t in groups.items()}, indent=2
    )
