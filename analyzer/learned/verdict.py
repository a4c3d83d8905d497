"""The conversation reader's model: P(impasse) for a negotiation from its features.

A logistic regression (`logistic`) over the features of `analyzer/detect/context.py`
(standardised with the training set's means and spreads), trained by `training/train_verdict.py` and
stored as `models/verdict.npz`. It is read on first use only.
"""

from __future__ import annotations

from functools import cache

from analyzer.learned.logistic import LogisticModel, read
from analyzer.learned.model import MODELS_DIR

RETRAIN = "python training/train_verdict.py"


@cache
def load(names: tuple[str, ...]) -> LogisticModel:
    """The shipped model, read once per process; `names` are the features the code
    computes, which must be the ones it was trained on."""
    return read(MODELS_DIR / "verdict.npz", names, retrain=RETRAIN)
