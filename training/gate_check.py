"""Cross-validate the negotiation gate on the labelled training conversations.

    python training/gate_check.py [--show]

The gate reads whole conversations (windows of turns) and keeps the best window, so its
threshold is a property of whole conversations, not of the windows it was trained on.
Each fifth of `corpus/conversations_*/` is scored by a gate trained on everything else
(the passages, the development set, CaSiNo, the real non-negotiations and the other four
fifths); the table shows, per threshold, how many negotiations would be vetoed and how
many other texts let through. The shipped threshold (analyzer/learned/gate.py) is chosen
from this table, never from a test set. `--show` lists every conversation's score.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from train_readers import balanced_weights, conversation_labels, gate_rows  # noqa: E402

from analyzer.learned.gate import is_short_exchange, window_texts  # noqa: E402
from analyzer.learned.model import train  # noqa: E402
from analyzer.parsers import parse_file  # noqa: E402

FOLDS = 5
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def _scores() -> list[tuple[float, bool, str]]:
    """(out-of-fold gate score, is a negotiation, file name) per training conversation."""
    labelled = conversation_labels()
    base = gate_rows(with_conversations=False)
    scores: list[tuple[float, bool, str]] = []
    for fold in range(FOLDS):
        kept = [c for i, c in enumerate(labelled) if i % FOLDS != fold]
        rows = base + [
            {"text": w, "label": "yes" if c.negotiation else "no"}
            for c in kept
            for w in window_texts(parse_file(c.path))
        ]
        labels = [str(r["label"]) for r in rows]
        model = train([str(r["text"]) for r in rows], labels, class_weight=balanced_weights(labels))
        column = model.classes.index("yes")
        for case in (c for i, c in enumerate(labelled) if i % FOLDS == fold):
            conversation = parse_file(case.path)
            parts = window_texts(conversation)
            best = float(model.probabilities(parts)[:, column].max()) if parts else 1.0
            if is_short_exchange(conversation):
                best = 1.0  # never vetoed, as in the shipped gate
            scores.append((best, case.negotiation, case.path.name))
    return scores


def main() -> None:
    scores = _scores()
    if "--show" in sys.argv:
        for value, negotiation, name in sorted(scores):
            print(f"{value:.2f} {'negotiation' if negotiation else 'other      '} {name}")
    values = np.array([s for s, _, _ in scores])
    truth = np.array([n for _, n, _ in scores])
    negotiations, others = int(truth.sum()), int((~truth).sum())
    print(f"{len(scores)} conversations: {negotiations} negotiations, {others} other texts")
    print("threshold  negotiations vetoed  other texts let through  accuracy")
    for t in THRESHOLDS:
        vetoed = int(((values < t) & truth).sum())
        through = int(((values >= t) & ~truth).sum())
        accuracy = 1 - (vetoed + through) / len(scores)
        print(f"  {t:.1f}      {vetoed:3d}/{negotiations}               "
              f"{through:3d}/{others}                  {accuracy:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
