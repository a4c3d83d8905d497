"""The negotiation gate's conversation-level model: a logistic regression (`logistic`)
over the features of `gate_features`. Trained by `training/train_gate.py`, stored as
`gate_conversation.npz` beside the window model and read on first use."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from analyzer.learned.gate_features import FEATURES
from analyzer.learned.logistic import LogisticModel, read

MODEL_FILE = Path(__file__).resolve().parent / "models" / "gate_conversation.npz"
RETRAIN = "python training/train_gate.py"


@cache
def load() -> LogisticModel:
    """The shipped conversation model, read once per process."""
    return read(MODEL_FILE, FEATURES, retrain=RETRAIN)
