"""A standardised logistic regression in plain numpy: the form of both conversation-level
models (the negotiation gate's and the conversation reader's).

P = sigmoid(((x - mean) / scale) . weights + bias), features by name. Fitted by Newton's
method with an L2 penalty (deterministic: no seed, no solver options), stored as a small
`.npz` that names its features, so a model trained on other features is refused with a
message saying how to retrain it instead of silently reading the wrong columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from analyzer.errors import ImpasseError


class ModelMismatch(ImpasseError):
    """The stored model was trained on other features than the code computes (the message
    says which training script to run)."""


@dataclass(frozen=True)
class LogisticModel:
    """Feature names, their training means and spreads, the weights and the bias."""

    names: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]
    bias: float

    def probabilities(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """One probability per row of features (in `names` order)."""
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return result

    def probability(self, row: Sequence[float] | NDArray[np.float64]) -> float:
        """The probability for one row of features."""
        return float(self.probabilities(np.asarray(row, dtype=np.float64)[None, :])[0])

    def contributions(self, row: NDArray[np.float64]) -> dict[str, float]:
        """Each feature's push on the log-odds against an average example (what a
        model's reason can name)."""
        pushes = (row - self.mean) / self.scale * self.weights
        return {name: float(p) for name, p in zip(self.names, pushes, strict=True)}

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
    rows: NDArray[np.float64],
    labels: NDArray[np.float64] | NDArray[np.bool_],
    names: tuple[str, ...],
    *,
    l2: float = 1.0,
    sample_weight: NDArray[np.float64] | None = None,
    iterations: int = 200,
) -> LogisticModel:
    """Fit by Newton steps from zero; the bias is not shrunk."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=np.float64)
    w = np.ones(len(rows)) if sample_weight is None else sample_weight
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return LogisticModel(
        names=names, mean=mean, scale=scale, weights=beta[:-1], bias=float(beta[-1])
    )


def read(
    path: Path, expected: tuple[str, ...] | None = None, *, retrain: str = ""
) -> LogisticModel:
    """A saved model; with `expected`, it must know exactly those features, in that order
    (else `ModelMismatch`, saying to run `retrain`)."""
    with np.load(path) as data:
        model = LogisticModel(
            names=tuple(str(n) for n in data["names"]),
            mean=data["mean"].astype(np.float64),
            scale=data["scale"].astype(np.float64),
            weights=data["weights"].astype(np.float64),
            bias=float(data["bias"]),
        )
    if expected is not None and model.names != expected:
        raise ModelMismatch(
            f"{path.name} was trained on {len(model.names)} other features than the "
            f"{len(expected)} the code computes: retrain it with {retrain or 'its training script'}."
        )
    return model
