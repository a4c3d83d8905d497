"""The conversation reader's model: P(impasse) for a negotiation from its features.

A logistic regression over the features of `analyzer/detect/context.py` (standardised
with the training set's means and spreads), trained by `training/train_verdict.py` and
stored as `models/verdict.npz`. It is read on first use only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from analyzer.learned.model import MODELS_DIR


class VerdictModelMismatch(ValueError):
    """The stored model was trained on other features than the code computes: retrain it
    with `python training/train_verdict.py`."""


@dataclass(frozen=True)
class VerdictModel:
    """Feature names, their training means and spreads, the weights and the bias."""

    names: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]
    bias: float

    def probability(self, row: list[float]) -> float:
        """P(impasse) for one conversation's features (in the order of `names`)."""
        x = (np.asarray(row, dtype=np.float64) - self.mean) / self.scale
        return float(1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias))))

    def save(self, path: Path) -> None:
        """Write the model as a small `.npz`."""
        np.savez(
            path,
            names=np.array(self.names),
            mean=self.mean,
            scale=self.scale,
            weights=self.weights,
            bias=np.array(self.bias),
        )


def fit(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    names: tuple[str, ...],
    *,
    l2: float = 1.0,
    sample_weight: NDArray[np.float64] | None = None,
    steps: int = 200,
) -> VerdictModel:
    """L2-penalised logistic regression by Newton's method (deterministic, no seed)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    sw = np.ones(len(x)) if sample_weight is None else sample_weight
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (sw * (p - y)) + penalty * w
        hessian = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        delta = np.linalg.solve(hessian, grad)
        w -= delta
        if float(np.abs(delta).max()) < 1e-8:
            break
    return VerdictModel(names=names, mean=mean, scale=scale, weights=w[:-1], bias=float(w[-1]))


def read(path: Path) -> VerdictModel:
    """A saved model."""
    with np.load(path) as data:
        return VerdictModel(
            names=tuple(str(n) for n in data["names"]),
            mean=data["mean"].astype(np.float64),
            scale=data["scale"].astype(np.float64),
            weights=data["weights"].astype(np.float64),
            bias=float(data["bias"]),
        )


@cache
def load(names: tuple[str, ...]) -> VerdictModel:
    """The shipped model, read once per process; `names` are the features the code
    computes, which must be the ones it was trained on."""
    model = read(MODELS_DIR / "verdict.npz")
    if model.names != names:
        raise VerdictModelMismatch(
            f"models/verdict.npz was trained on {len(model.names)} other features than the "
            f"{len(names)} the code computes; retrain it with training/train_verdict.py."
        )
    return model
