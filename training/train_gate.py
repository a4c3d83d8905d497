"""Train the negotiation gate (one command, reproducible).

    python training/train_gate.py                   # write analyzer/learned/models/gate*.npz
    python training/train_gate.py --quick --out DIR  # a small, fast run (for the tests)

The gate has two parts. The window model (`gate.npz`) reads windows of about 1,500
characters (hashed n-grams, `analyzer/learned/model.py`): trained on the corpus's passages
and on the windows of every conversation in `gate_cases()` (corpus_rows.py). The
conversation model (`gate_conversation.npz`) reads the whole conversation through the
features of `analyzer/learned/gate_features.py`, the window model's scores among them.

So that the conversation model learns what the window model says about text it has not
seen (as in use), its window features come from five window models, each trained without
one fifth of the conversations and scoring that fifth (out-of-fold). `gate_check.py`
cross-validates the whole gate the same way and chooses the threshold.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from corpus_rows import GateCase, balanced_weights, gate_cases, passage_rows  # noqa: E402

from analyzer.errors import ImpasseError  # noqa: E402
from analyzer.learned.gate import is_short_exchange, one_voice, window_texts  # noqa: E402
from analyzer.learned.gate_features import (  # noqa: E402
    FEATURES,
    conversation_features,
    vector,
)
from analyzer.learned.gate_model import MODEL_FILE  # noqa: E402
from analyzer.learned.logistic import LogisticModel, fit  # noqa: E402
from analyzer.learned.model import MODELS_DIR, LinearModel, train  # noqa: E402
from analyzer.models import Conversation  # noqa: E402
from analyzer.parsers import parse_file  # noqa: E402

FOLDS = 5
# How much each source weighs in the conversation model, before the two classes are
# balanced: the 300 CaSiNo dialogues are one genre (a campsite haggle in chat), the
# development set's 243 negotiations were written by one hand, the real texts are mostly
# single test mails; the labelled training conversations span every genre and count fully.
GROUP_WEIGHT = {"casino": 0.2, "dev": 0.4, "real": 0.4}
L2 = 1.0


@dataclass(frozen=True)
class Loaded:
    """A gate case parsed, with the windows the gate reads."""

    case: GateCase
    conversation: Conversation
    windows: list[str]

    @property
    def short(self) -> bool:
        """Never judged by the gate (a short exchange)."""
        return is_short_exchange(self.conversation)

    @property
    def one_voice(self) -> bool:
        """Judged by the window model alone (one speaker, or none told apart)."""
        return one_voice(self.conversation)


def load(cases: list[GateCase]) -> list[Loaded]:
    """The cases that parse (a test mail that is not a conversation is left out)."""
    out: list[Loaded] = []
    for case in cases:
        try:
            conversation = parse_file(case.path)
        except ImpasseError:
            continue
        out.append(Loaded(case, conversation, window_texts(conversation)))
    return out


def folds(loaded: list[Loaded]) -> list[int]:
    """Each case's fold: every fifth case of its group, so each fold holds a fifth of
    every source."""
    seen: dict[str, int] = {}
    out: list[int] = []
    for item in loaded:
        position = seen.get(item.case.group, 0)
        seen[item.case.group] = position + 1
        out.append(position % FOLDS)
    return out


def window_model(rows: list[dict[str, object]], epochs: int) -> LinearModel:
    """The window model on these windows (classes weighted equally)."""
    labels = [str(r["label"]) for r in rows]
    texts = [str(r["text"]) for r in rows]
    return train(texts, labels, class_weight=balanced_weights(labels), epochs=epochs)


def _windows(items: list[Loaded]) -> list[dict[str, object]]:
    return [
        {"text": w, "label": "yes" if item.case.negotiation else "no"}
        for item in items
        for w in item.windows
    ]


def scores_of(model: LinearModel, item: Loaded) -> list[float]:
    """The window model's score of each window of a conversation."""
    if not item.windows:
        return []
    column = model.classes.index("yes")
    return [float(p) for p in model.probabilities(item.windows)[:, column]]


def out_of_fold_scores(
    loaded: list[Loaded], fold: list[int], passages: list[dict[str, object]], epochs: int
) -> list[list[float]]:
    """Each conversation's window scores from a window model trained without its fold."""
    scores: list[list[float]] = [[] for _ in loaded]
    for k in range(FOLDS):
        kept = [item for item, f in zip(loaded, fold, strict=True) if f != k]
        model = window_model(passages + _windows(kept), epochs)
        for i, item in enumerate(loaded):
            if fold[i] == k:
                scores[i] = scores_of(model, item)
    return scores


def feature_rows(loaded: list[Loaded], scores: list[list[float]]) -> NDArray[np.float64]:
    """One row of gate features per conversation."""
    return np.array(
        [
            vector(conversation_features(item.conversation, s))
            for item, s in zip(loaded, scores, strict=True)
        ]
    )


def sample_weights(items: list[Loaded]) -> NDArray[np.float64]:
    """Each source's weight, then the two classes balanced."""
    weights = np.array([GROUP_WEIGHT.get(i.case.group, 1.0) for i in items])
    labels = np.array([i.case.negotiation for i in items])
    for value in (True, False):
        mask = labels == value
        if mask.any():
            weights[mask] *= weights.sum() / (2 * weights[mask].sum())
    return weights


def fit_conversation_model(items: list[Loaded], rows: NDArray[np.float64]) -> LogisticModel:
    """The conversation model on the cases it judges in use: not short exchanges (never
    judged) nor texts in one voice (judged by their words alone)."""
    judged = [i for i, item in enumerate(items) if not (item.short or item.one_voice)]
    chosen = [items[i] for i in judged]
    labels = np.array([item.case.negotiation for item in chosen])
    return fit(rows[judged], labels, FEATURES, l2=L2, sample_weight=sample_weights(chosen))


def train_gate(
    cases: list[GateCase], out: Path, *, epochs: int = 300, passages: bool = True
) -> tuple[LinearModel, LogisticModel]:
    """Train both parts of the gate on these cases and write them to `out`."""
    loaded = load(cases)
    base = passage_rows() if passages else []
    scores = out_of_fold_scores(loaded, folds(loaded), base, epochs)
    conversation = fit_conversation_model(loaded, feature_rows(loaded, scores))
    windows = window_model(base + _windows(loaded), epochs)
    out.mkdir(parents=True, exist_ok=True)
    windows.save(out / "gate.npz")
    conversation.save(out / MODEL_FILE.name)
    print(f"gate: {len(loaded)} conversations, {len(base)} passage windows")
    for name, weight in sorted(
        zip(conversation.names, conversation.weights, strict=True), key=lambda x: -abs(x[1])
    ):
        print(f"  {name:20} {weight:+.2f}")
    return windows, conversation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subset, few epochs")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="where to write")
    args = parser.parse_args()
    cases = gate_cases()
    if args.quick:
        # Every group represented, a few cases each: enough to exercise every step.
        by_group: dict[str, list[GateCase]] = {}
        for case in cases:
            by_group.setdefault(f"{case.group}:{case.negotiation}", []).append(case)
        cases = [c for group in by_group.values() for c in group[:6]]
        train_gate(cases, args.out, epochs=15, passages=False)
    else:
        train_gate(cases, args.out)


if __name__ == "__main__":
    main()
