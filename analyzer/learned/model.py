"""A multinomial logistic regression over hashed features, optionally with a sentence
embedding beside them: trained by `training/train_readers.py`, stored as a compressed
`.npz` beside this file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from analyzer.learned.features import DIMENSIONS, HashedRows, sparse

MODELS_DIR = Path(__file__).resolve().parent / "models"  # written by training/train_readers.py


@dataclass(frozen=True)
class LinearModel:
    """Weights (features x classes), biases and the class names, in order; with
    `embed_weights` (embedding width x classes) the model also reads each text's sentence
    embedding (`analyzer.learned.embed`), scaled by `embed_scale`."""

    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    classes: tuple[str, ...]
    embed_weights: NDArray[np.float32] | None = None
    embed_scale: float = 1.0

    def probabilities(self, texts: list[str]) -> NDArray[np.float32]:
        """One row of class probabilities per text."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        # Row by row over the non-zero buckets: a few hundred of 32,768 per sentence.
        logits = np.empty((len(texts), len(self.classes)), dtype=np.float32)
        for row, text in enumerate(texts):
            index, values = sparse(text)
            logits[row] = values @ self.weights[index] + self.bias
        if self.embed_weights is not None:
            from analyzer.learned.embed import encoder

            logits += (encoder().encode(texts) * self.embed_scale) @ self.embed_weights
        return softmax(logits)

    def save(self, path: Path) -> None:
        """Write the model (weights as float16: a quarter of the size, same decisions)."""
        extra: dict[str, NDArray[np.generic]] = {}
        if self.embed_weights is not None:
            extra = {
                "embed_weights": self.embed_weights.astype(np.float16),
                "embed_scale": np.array(self.embed_scale, dtype=np.float32),
            }
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            **extra,  # type: ignore[arg-type]
        )


def softmax(logits: NDArray[np.float32]) -> NDArray[np.float32]:
    """Row-wise softmax (the logits are shifted in place)."""
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    result: NDArray[np.float32] = exp / exp.sum(axis=1, keepdims=True)
    return result


def fit(
    x: HashedRows,
    labels: list[str],
    *,
    dense: NDArray[np.float32] | None = None,
    epochs: int = 300,
    rate: float = 0.1,
    l2: float = 1e-5,
    class_weight: dict[str, float] | None = None,
    seed: int = 7,
) -> tuple[NDArray[np.float32], NDArray[np.float32] | None, NDArray[np.float32], tuple[str, ...]]:
    """Full-batch Adam on the cross-entropy with an L2 penalty over hashed rows and,
    optionally, a dense block of features beside them (deterministic for a seed): the
    hashed weights, the dense block's weights, the biases and the classes."""
    classes = tuple(sorted(set(labels)))
    index = {c: i for i, c in enumerate(classes)}
    y = np.zeros((len(labels), len(classes)), dtype=np.float32)
    y[np.arange(len(labels)), [index[lab] for lab in labels]] = 1.0
    sample = np.array([(class_weight or {}).get(lab, 1.0) for lab in labels], dtype=np.float32)[
        :, None
    ]
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((DIMENSIONS, len(classes))) * 0.001).astype(np.float32)
    b = np.zeros(len(classes), dtype=np.float32)
    e = None if dense is None else np.zeros((dense.shape[1], len(classes)), dtype=np.float32)
    params = [p for p in (w, b, e) if p is not None]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    n = float(sample.sum())
    for step in range(1, epochs + 1):
        logits = x.dot(w) + b
        if dense is not None and e is not None:
            logits += dense @ e
        grad = (softmax(logits) - y) * sample / n
        grads = [x.transpose_dot(grad) + l2 * w, grad.sum(axis=0)]
        if dense is not None and e is not None:
            grads.append(dense.T @ grad + l2 * e)
        for param, g, (m, v) in zip(params, grads, moments, strict=True):
            _adam(param, g, (m, v), step=step, rate=rate)
    return w, e, b, classes


def _adam(
    param: NDArray[np.float32],
    grad: NDArray[np.float32],
    moments: tuple[NDArray[np.float32], NDArray[np.float32]],
    *,
    step: int,
    rate: float,
) -> None:
    """One Adam update of `param` and its moments, in place."""
    m, v = moments
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * grad * grad
    m_hat = m / (1 - beta1**step)
    v_hat = v / (1 - beta2**step)
    param -= rate * m_hat / (np.sqrt(v_hat) + eps)


def train(
    texts: list[str],
    labels: list[str],
    *,
    embeddings: NDArray[np.float32] | None = None,
    embed_scale: float = 1.0,
    **options: float | int | dict[str, float] | None,
) -> LinearModel:
    """Fit on hashed n-grams, or on [n-grams ; embedding x embed_scale] when the texts'
    embeddings (one row per text) are given; `options` go to `fit`."""
    dense = None if embeddings is None else embeddings.astype(np.float32) * embed_scale
    w, e, b, classes = fit(HashedRows(texts), labels, dense=dense, **options)  # type: ignore[arg-type]
    return LinearModel(weights=w, bias=b, classes=classes, embed_weights=e, embed_scale=embed_scale)


def read(path: Path) -> LinearModel:
    """A saved model (with its embedding block when it has one)."""
    with np.load(path) as data:
        embed = data["embed_weights"].astype(np.float32) if "embed_weights" in data else None
        return LinearModel(
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
            embed_weights=embed,
            embed_scale=float(data["embed_scale"]) if "embed_scale" in data else 1.0,
        )


@cache
def load(name: str) -> LinearModel:
    """A shipped model by name ('sentences' or 'gate'), read once per process."""
    return read(MODELS_DIR / f"{name}.npz")
