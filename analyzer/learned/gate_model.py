"""The negotiation gate's conversation-level model: a logistic regression over the
features of `gate_features` (standardised), fitted by Newton's method with an L2 penalty
in plain numpy. Trained by `training/train_gate.py`, stored as `gate_conversation.npz`
beside the window model and read on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from analyzer.learned.gate_features import FEATURES

MODEL_FILE = Path(__file__).resolve().parent / "models" / "gate_conversation.npz"


class GateModelMismatch(ValueError):
    """The model file was trained on other features than this code computes."""


@dataclass(frozen=True)
class ConversationModel:
    """P(negotiation) = sigmoid(((x - mean) / scale) . weights + bias), feature by name."""

    names: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]
    bias: float

    def probability(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """One probability per row of features (in `names` order)."""
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return result

    def contributions(self, row: NDArray[np.float64]) -> dict[str, float]:
        """Each feature's push on the log-odds against an average conversation (what
        the gate's reason names)."""
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
    labels: NDArray[np.bool_],
    *,
    l2: float = 1.0,
    sample_weight: NDArray[np.float64] | None = None,
    names: tuple[str, ...] = FEATURES,
    iterations: int = 50,
) -> ConversationModel:
    """Fit the logistic regression (deterministic: Newton steps from zero)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    y = labels.astype(np.float64)
    w = np.ones(len(rows)) if sample_weight is None else sample_weight
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return ConversationModel(
        names=names, mean=mean, scale=scale, weights=beta[:-1], bias=float(beta[-1])
    )


def read(path: Path) -> ConversationModel:
    """A saved model; it must know the features this code computes, in the same order."""
    with np.load(path) as data:
        names = tuple(str(n) for n in data["names"])
        if names != FEATURES:
            raise GateModelMismatch(
                f"{path.name} was trained on features {names}, the code computes {FEATURES}: "
                "retrain it with training/train_gate.py"
            )
        return ConversationModel(
            names=names,
            mean=data["mean"].astype(np.float64),
            scale=data["scale"].astype(np.float64),
            weights=data["weights"].astype(np.float64),
            bias=float(data["bias"]),
        )


@cache
def load() -> ConversationModel:
    """The shipped conversation model, read once per process."""
    return read(MODEL_FILE)
