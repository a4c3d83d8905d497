"""Train the learned readers from the corpus in training/corpus/ (one command, reproducible).

    python training/train_readers.py            # train, report, write analyzer/learned/models/
    python training/train_readers.py --check    # report a held-out split only, write nothing

The sentence reader is trained on `sentences_<lang>.jsonl` (a signal type or `none` per
sentence); the gate (`train_gate.py`, which `--gate-only` runs alone) on the passages
and whole conversations (negotiation or not). Before the final fit,
one fifth of each corpus (every fifth line) is held out and the figures printed, so the
model card's numbers can be reproduced.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from corpus_rows import balanced_weights, gate_cases, gate_rows, sentence_rows  # noqa: E402

from analyzer.learned.model import MODELS_DIR, LinearModel, train  # noqa: E402


def _report(name: str, model: LinearModel, texts: list[str], labels: list[str]) -> None:
    probs = model.probabilities(texts)
    predicted = [model.classes[i] for i in probs.argmax(axis=1)]
    correct = sum(p == g for p, g in zip(predicted, labels, strict=True))
    print(f"{name}: held-out accuracy {correct / len(labels):.3f} on {len(labels)}")
    for cls in model.classes:
        tp = sum(p == cls == g for p, g in zip(predicted, labels, strict=True))
        fp = sum(p == cls != g for p, g in zip(predicted, labels, strict=True))
        fn = sum(g == cls != p for p, g in zip(predicted, labels, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"  {cls:22} P {prec:.2f} R {rec:.2f} F1 {f1:.2f} (n={tp + fn})")
    if "none" not in model.classes:
        return
    # What the detector would propose: a signal type when its probability clears a
    # threshold; right when it is the labelled type. The shipped thresholds are read here.
    none = model.classes.index("none")
    signal_probs = probs.copy()
    signal_probs[:, none] = 0.0
    best = signal_probs.argmax(axis=1)
    top = signal_probs.max(axis=1)
    positives = sum(g != "none" for g in labels)
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.75):
        proposed = [i for i in range(len(labels)) if top[i] >= threshold]
        right = sum(model.classes[best[i]] == labels[i] for i in proposed)
        precision = right / len(proposed) if proposed else 0.0
        print(f"  proposed at {threshold:.2f}: precision {precision:.2f}, "
              f"recall {right / positives:.2f} ({len(proposed)} proposed)")  # fmt: skip


def _fit(
    rows: list[dict[str, object]], key: str, name: str, write: bool, *, balanced: bool = False
) -> None:
    texts = [str(r["text"]) for r in rows]
    labels = [str(r[key]) for r in rows]
    held = [i for i in range(len(rows)) if i % 5 == 4]
    kept = [i for i in range(len(rows)) if i % 5 != 4]
    print(f"{name}: {len(rows)} examples {dict(Counter(labels))}")
    weights = balanced_weights(labels) if balanced else None
    model = train([texts[i] for i in kept], [labels[i] for i in kept], class_weight=weights)
    _report(name, model, [texts[i] for i in held], [labels[i] for i in held])
    if write:
        final = train(texts, labels, class_weight=weights)
        MODELS_DIR.mkdir(parents=True, exist_ok=True)
        final.save(MODELS_DIR / f"{name}.npz")
        print(f"{name}: written to {(MODELS_DIR / f'{name}.npz').relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="held-out figures only")
    parser.add_argument("--gate-only", action="store_true", help="train the gate alone")
    args = parser.parse_args()
    if not args.gate_only:
        _fit(sentence_rows(), "label", "sentences", not args.check)
    if args.check:
        _fit(gate_rows(), "label", "gate", False, balanced=True)
    else:
        # The gate's two parts (window and conversation model) are trained together.
        from train_gate import train_gate

        train_gate(gate_cases(), MODELS_DIR)


if __name__ == "__main__":
    main()
