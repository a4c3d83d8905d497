"""Train the conversation reader: P(impasse) for a negotiation, from its features.

    python training/train_verdict.py            # features, cross-validation, write the model
    python training/train_verdict.py --check    # the figures only, write nothing
    python training/train_verdict.py --quick    # a few conversations per source (a smoke run)
    python training/train_verdict.py --engine-cv   # the engine, before and after, out of fold

Each conversation is read as `impasse eval` reads it (its labelled side, when it has one)
and described by the features of `analyzer/detect/context.py`; a logistic regression
(`analyzer/learned/verdict.py`) learns `impasse` from them. Training data: the labelled
training conversations that are negotiations (`corpus/conversations_*/labels.jsonl`), the
development set (`fixtures/devset/dev`) and every ninth of the first 300 real CaSiNo
dialogues (`corpus/casino_train`, all agreements: hard negatives). The validation split
(`fixtures/devset/test`) is scored, never trained on; `fixtures/devset/casino` and the
blind batches are not read at all. Five-fold cross-validation (conversations in a fixed
order, every fifth to a fold) gives the figures printed first. `--engine-cv` measures the
whole offline engine on the labelled training conversations (negotiations or not) with and
without the conversation reader, each conversation read by a model trained without its fold.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.detect.context import FEATURES, examine  # noqa: E402
from analyzer.errors import ImpasseError  # noqa: E402
from analyzer.learned.logistic import LogisticModel, fit  # noqa: E402
from analyzer.learned.model import MODELS_DIR  # noqa: E402
from analyzer.options import AnalyzeOptions  # noqa: E402
from analyzer.parsers import parse_file  # noqa: E402
from analyzer.pipeline import read  # noqa: E402

CORPUS = ROOT / "training" / "corpus"
DEVSET = ROOT / "fixtures" / "devset"
FOLDS = 5
L2 = 3.0
CASINO_EVERY = 9


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled conversation: where it is, whose side, the label and its source."""

    path: Path
    me: tuple[str, ...]
    them: tuple[str, ...]
    impasse: bool
    source: str


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _labelled(pattern: str, root: Path, source: str) -> list[Case]:
    cases: list[Case] = []
    for labels in sorted(root.glob(pattern)):
        for row in _jsonl(labels):
            if row.get("negotiation") is False or row.get("impasse") is None:
                continue  # not a negotiation: the gate's business, not this reader's
            us = row.get("us") or []
            cases.append(
                Case(
                    path=labels.parent / str(row["file"]),
                    me=tuple([us] if isinstance(us, str) else us),  # type: ignore[arg-type]
                    them=tuple(row.get("them") or []),  # type: ignore[arg-type]
                    impasse=bool(row["impasse"]),
                    source=source,
                )
            )
    return cases


def _casino() -> list[Case]:
    paths = sorted(
        (CORPUS / "casino_train" / "dialogues").glob("*.txt"),
        key=lambda p: int(p.stem.removeprefix("casino")),
    )
    return [Case(p, (), (), False, "casino_train") for p in paths[::CASINO_EVERY]]


def training_cases() -> list[Case]:
    """Every conversation the model learns from, in a fixed order."""
    return (
        _labelled("conversations_*/labels.jsonl", CORPUS, "corpus")
        + _labelled("dev/labels_*.jsonl", DEVSET, "dev")
        + _casino()
    )


def validation_cases() -> list[Case]:
    """The validation split: scored, never trained on."""
    return _labelled("test/labels_*.jsonl", DEVSET, "validation")


def feature_row(case: Case) -> list[float] | None:
    """The conversation's features, read as `impasse eval` reads it (None: unreadable)."""
    try:
        conversation = parse_file(case.path)
    except ImpasseError as exc:
        print(f"  skipped {case.path.name}: {exc}", file=sys.stderr)
        return None
    options = AnalyzeOptions(me=list(case.me), them=list(case.them), drafts=False)
    reading, _ = read(conversation, options)
    return list(examine(reading).features)


def matrix(cases: list[Case]) -> tuple[np.ndarray, np.ndarray, list[Case]]:
    """Features and labels of the readable cases."""
    rows, labels, kept = [], [], []
    for case in cases:
        row = feature_row(case)
        if row is not None:
            rows.append(row)
            labels.append(float(case.impasse))
            kept.append(case)
    return np.array(rows, dtype=np.float64), np.array(labels), kept


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """The area under the ROC curve (ties count half)."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


def report(name: str, scores: np.ndarray, labels: np.ndarray) -> None:
    """AUC and, per threshold, precision, recall, F1 and the false-positive rate."""
    print(
        f"{name}: {len(labels)} conversations, {int(labels.sum())} impasses, "
        f"AUC {auc(scores, labels):.3f}"
    )
    for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        said = scores >= t
        tp = int((said & (labels == 1)).sum())
        fp = int((said & (labels == 0)).sum())
        fn = int((~said & (labels == 1)).sum())
        negatives = int((labels == 0).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        fpr = fp / negatives if negatives else 0.0
        print(f"  >= {t:.1f}: P {p:.2f} R {r:.2f} F1 {f1:.2f} FPR {fpr:.2f}")


def cross_validate(x: np.ndarray, y: np.ndarray, cases: list[Case]) -> np.ndarray:
    """Out-of-fold P(impasse) for every training conversation."""
    out = np.zeros(len(y))
    fold = np.arange(len(y)) % FOLDS
    for k in range(FOLDS):
        model = fit(x[fold != k], y[fold != k], FEATURES, l2=L2)
        out[fold == k] = [model.probability(list(row)) for row in x[fold == k]]
    report("cross-validated, all training conversations", out, y)
    for source in ("corpus", "dev", "casino_train"):
        mask = np.array([c.source == source for c in cases])
        if mask.any():
            report(f"cross-validated, {source}", out[mask], y[mask])
    return out


def engine_cv(x: np.ndarray, y: np.ndarray, cases: list[Case]) -> None:
    """`impasse eval`'s figures on the training conversations, without and with the
    conversation reader, each fold read by a model trained on the other four."""
    from analyzer.detect import conversation
    from analyzer.evaluation import Label, Tally, evaluate, metrics
    from analyzer.learned import verdict
    from analyzer.pipeline import analyze_conversation

    fold = np.arange(len(y)) % FOLDS
    fold_of = {c.path.resolve(): int(k) for c, k in zip(cases, fold, strict=True)}
    labels = []
    for path in sorted(CORPUS.glob("conversations_*/labels.jsonl")):
        for row in _jsonl(path):
            row.setdefault("id", row["file"])
            labels.append(Label.model_validate(row).model_copy(update={"base": path.parent}))
    shipped = (conversation.LOW, conversation.HIGH, conversation.PHRASE_LOW, verdict.load)
    keys = ("impasse_precision", "impasse_recall", "impasse_f1", "false_positive_rate")
    keys += ("stage_accuracy", "end_type_accuracy", "not_negotiation_flagged_share")
    try:
        for name, bounds in (("without", (0.0, 1.01, 0.0)), ("with", shipped[:3])):
            total = Tally()
            conversation.LOW, conversation.HIGH, conversation.PHRASE_LOW = bounds
            for k in range(FOLDS):
                model = fit(x[fold != k], y[fold != k], FEATURES, l2=L2)
                verdict.load = lambda names, model=model: model  # type: ignore[assignment,misc]
                # Texts that are not negotiations are in no fold: spread them by order.
                mine = [
                    label
                    for i, label in enumerate(labels)
                    if fold_of.get(label.path().resolve(), i % FOLDS) == k
                ]
                total.add(evaluate(mine, analyze_conversation)["all"])
            figures = metrics(total)
            shown = ", ".join(
                f"{key} {'n/a' if figures[key] is None else round(float(figures[key] or 0), 3)}"
                for key in keys
            )
            print(f"engine {name} the conversation reader, {total.cases} conversations: {shown}")
    finally:
        conversation.LOW, conversation.HIGH, conversation.PHRASE_LOW, verdict.load = shipped


def main(argv: list[str] | None = None) -> LogisticModel:
    """Train, report and (unless --check or --quick without --out) write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="figures only, write nothing")
    parser.add_argument("--quick", action="store_true", help="a few conversations per source")
    parser.add_argument("--out", type=Path, help="where to write the model (default: shipped)")
    parser.add_argument("--engine-cv", action="store_true", help="the engine, out of fold")
    args = parser.parse_args(argv)
    cases = training_cases()
    validation = validation_cases()
    if args.quick:
        by_source: dict[str, list[Case]] = {}
        for case in cases:
            by_source.setdefault(case.source, []).append(case)
        cases = [c for group in by_source.values() for c in group[:: max(1, len(group) // 8)]]
        validation = validation[::10]
    x, y, kept = matrix(cases)
    print(f"training: {len(y)} conversations ({int(y.sum())} impasses), {len(FEATURES)} features")
    if not args.quick:
        cross_validate(x, y, kept)
    if args.engine_cv:
        engine_cv(x, y, kept)
    model = fit(x, y, FEATURES, l2=L2)
    vx, vy, _ = matrix(validation)
    if len(vy):
        report(
            "validation split (never trained on)",
            np.array([model.probability(list(r)) for r in vx]),
            vy,
        )
    print("weights (standardised features):")
    for name, weight in sorted(zip(FEATURES, model.weights, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:22} {weight:+.3f}")
    if not args.check and (args.out or not args.quick):
        path = args.out or MODELS_DIR / "verdict.npz"
        model.save(path)
        print(f"wrote {path}")
    return model


if __name__ == "__main__":
    main()
