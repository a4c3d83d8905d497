"""Cross-validate the negotiation gate on the labelled training conversations.

    python training/gate_check.py

The gate reads whole conversations (windows of turns) and keeps the best window, so its
threshold is a property of whole conversations, not of the windows it was trained on.
Each fifth of `corpus/conversations_*/` is scored by a gate trained on everything else
(the passages, the development set, CaSiNo, the real non-negotiations and the other four
fifths); the printed table shows, per threshold, how many negotiations would be vetoed and
how many other texts let through. The shipped threshold (analyzer/learned/gate.py) is
chosen from this table, never from a test set.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.learned.gate import MIN_TURNS, window_texts  # noqa: E402
from analyzer.learned.model import train  # noqa: E402
from analyzer.parsers import parse_file  # noqa: E402
from training.train_readers import (  # noqa: E402
    balanced_weights,
    conversation_labels,
    gate_rows,
)

FOLDS = 5
import os
L2 = float(os.environ.get('GATE_L2', '1e-5'))
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> None:
    labelled = conversation_labels()
    base = gate_rows(with_conversations=False)
    scores: list[tuple[float, bool, str]] = []
    alt: dict[str, list[float]] = {"mean": [], "top2": [], "median": []}
    for fold in range(FOLDS):
        held = [c for i, c in enumerate(labelled) if i % FOLDS == fold]
        kept = [c for i, c in enumerate(labelled) if i % FOLDS != fold]
        rows = base + [
            {"text": w, "label": "yes" if c.negotiation else "no"}
            for c in kept
            for w in window_texts(parse_file(c.path))
        ]
        texts = [str(r["text"]) for r in rows]
        labels = [str(r["label"]) for r in rows]
        model = train(texts, labels, class_weight=balanced_weights(labels), l2=L2)
        column = model.classes.index("yes")
        for case in held:
            conversation = parse_file(case.path)
            parts = window_texts(conversation)
            probs = model.probabilities(parts)[:, column] if parts else np.array([1.0])
            best = float(probs.max())
            alt["mean"].append(float(probs.mean()))
            alt["median"].append(float(np.median(probs)))
            alt["top2"].append(float(np.sort(probs)[-2:].mean()))
            if len(conversation.turns) < MIN_TURNS and len(conversation.speakers()) > 1:
                best = 1.0 + best  # a short exchange is never vetoed
            scores.append((best, case.negotiation, case.path.name))
    values = np.array([s for s, _, _ in scores])
    truth = np.array([n for _, n, _ in scores])
    print(f"{len(scores)} conversations: {int(truth.sum())} negotiations, {int((~truth).sum())} not")
    for name, vals in alt.items():
        v = np.array(vals)
        row = []
        for t in THRESHOLDS:
            row.append(f"{t:.1f}:{int(((v < t) & truth).sum())}/{int(((v >= t) & ~truth).sum())}")
        print(name, " ".join(row))
    if os.environ.get("GATE_SHOW"):
        for value, negotiation, name in sorted(scores):
            print(f"{value:.2f} {'NEG' if negotiation else 'not'} {name}")
    print("threshold  negotiations vetoed  others let through  accuracy")
    for t in THRESHOLDS:
        vetoed = int(((values < t) & truth).sum())
        through = int(((values >= t) & ~truth).sum())
        accuracy = 1 - (vetoed + through) / len(scores)
        print(f"  {t:.1f}      {vetoed:3d}/{int(truth.sum())}               "
              f"{through:3d}/{int((~truth).sum())}             {accuracy:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
