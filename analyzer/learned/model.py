"""A multinomial logistic regression over hashed features: trained by
`training/train_readers.py`, stored as a compressed `.npz` beside this file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from analyzer.learned.features import featurize, sparse

MODELS_DIR = Path(__file__).resolve().parent / "models"  # written by training/train_readers.py


@dataclass(frozen=True)
class LinearModel:
    """Weights (features x classes), biases and the class names, in order."""

    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    classes: tuple[str, ...]

    def probabilities(self, texts: list[str]) -> NDArray[np.float32]:
        """One row of class probabilities per text."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        # Row by row over the non-zero buckets: a few hundred of 32,768 per sentence.
        logits = np.empty((len(texts), len(self.classes)), dtype=np.float32)
        for row, text in enumerate(texts):
            index, values = sparse(text)
            logits[row] = values @ self.weights[index] + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: NDArray[np.float32] = exp / exp.sum(axis=1, keepdims=True)
        return result

    def save(self, path: Path) -> None:
        """Write the model (weights as float16: a quarter of the size, same decisions)."""
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
        )


def train(
    texts: list[str],
    labels: list[str],
    *,
    epochs: int = 300,
    rate: float = 0.1,
    l2: float = 1e-5,
    class_weight: dict[str, float] | None = None,
    seed: int = 7,
) -> LinearModel:
    """Full-batch Adam on the cross-entropy with an L2 penalty (deterministic for a seed)."""
    classes = tuple(sorted(set(labels)))
    index = {c: i for i, c in enumerate(classes)}
    x = featurize(texts)
    y = np.zeros((len(texts), len(classes)), dtype=np.float32)
    y[np.arange(len(texts)), [index[lab] for lab in labels]] = 1.0
    sample = np.array([(class_weight or {}).get(lab, 1.0) for lab in labels], dtype=np.float32)[
        :, None
    ]
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((x.shape[1], len(classes))) * 0.001).astype(np.float32)
    b = np.zeros(len(classes), dtype=np.float32)
    n = float(sample.sum())
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) * sample / n
        for k, (param, g) in enumerate(((w, x.T @ grad + l2 * w), (b, grad.sum(axis=0)))):
            m, v = moments[2 * k], moments[2 * k + 1]
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            m_hat = m / (1 - beta1**step)
            v_hat = v / (1 - beta2**step)
            param -= rate * m_hat / (np.sqrt(v_hat) + eps)  # noqa: PLW2901 - in place
    return LinearModel(weights=w, bias=b, classes=classes)


@cache
def load(name: str) -> LinearModel:
    """A shipped model by name ('sentences' or 'gate'), read once per process."""
    with np.load(MODELS_DIR / f"{name}.npz") as data:
        return LinearModel(
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
        )
