"""Fit the confidence calibration (analyzer/framework/calibration.toml).

    python training/fit_calibration.py

Runs the offline engine over labelled conversations the detectors were not tuned on
(the validation split, the real CaSiNo negotiations and the labelled training
conversations, which were written by other hands than the development set), records each verdict's
evidence and whether the verdict was right, and fits two small logistic models: one for
impasse verdicts (evidence strength, signal turns, length), one for "no impasse"
(length). Prints a reliability table before and after.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.engines import OfflineEngine  # noqa: E402
from analyzer.evaluation import load_labels  # noqa: E402
from analyzer.framework.confidence import CALIBRATION_FILE, evidence_of  # noqa: E402
from analyzer.options import AnalyzeOptions, EngineChoice  # noqa: E402
from analyzer.parsers import parse_file  # noqa: E402
from analyzer.pipeline import analyze_reading, read  # noqa: E402

SETS = [
    "fixtures/devset/test/labels_*.jsonl",
    "fixtures/devset/casino/labels.jsonl",
    "training/corpus/conversations_*/labels.jsonl",
]


def _cases() -> list[tuple[bool, tuple[float, ...], bool]]:
    """(impasse verdict, features, right) per labelled conversation."""
    paths = [p for pattern in SETS for p in sorted(ROOT.glob(pattern))]
    out: list[tuple[bool, tuple[float, ...], bool]] = []
    for label in load_labels(paths):
        if label.impasse is None:
            continue
        options = AnalyzeOptions(
            me=label.us_list(), them=label.them or [], engine=EngineChoice.OFFLINE, drafts=False
        )
        reading, notices = read(parse_file(label.path()), options)
        engine = OfflineEngine(options)
        weights = engine.propose(reading).weights or {}
        result = analyze_reading(reading, options, label.id, engine, notices=notices)
        if not result.negotiation:
            continue
        evidence = evidence_of(result.signals, weights, len(reading.conversation.turns))
        features = evidence.features() if result.impasse else (math.log1p(evidence.turns),)
        out.append((result.impasse, features, result.impasse == label.impasse))
    return out


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Logistic regression by Newton's method with an L2 penalty (intercept unpenalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.eye(len(w)) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def main() -> None:
    cases = _cases()
    lines = [
        "# Fitted by training/fit_calibration.py on the validation split, the real CaSiNo",
        "# negotiations and the labelled training conversations",
        f"# ({len(cases)} verdicts). Logistic models of P(verdict right).",
    ]
    for name, verdict in (("impasse", True), ("none", False)):
        rows = [(f, ok) for v, f, ok in cases if v is verdict]
        x = np.array([f for f, _ in rows], dtype=float)
        y = np.array([1.0 if ok else 0.0 for _, ok in rows])
        w = _fit(x, y)
        print(f"{name}: {len(rows)} verdicts, {y.mean():.2f} right; coefficients {np.round(w, 3)}")
        lines += ["", f"[{name}]", f"# {len(rows)} verdicts, {y.mean():.2f} of them right",
                  f"coefficients = {json.dumps([round(float(v), 4) for v in w])}"]  # fmt: skip
    CALIBRATION_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {CALIBRATION_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
