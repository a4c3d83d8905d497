"""How sure a diagnosis is, from its evidence, calibrated on labelled conversations.

The evidence: how strong the signals are (independent signals add up), on how many
different turns they sit, and how long the conversation is (one sentence in a long thread
says less than the same sentence in a short note). A small logistic model maps that to
the probability that the verdict is right; its parameters are fitted by
`training/fit_calibration.py` on conversations the detectors were not tuned on and stored
in `calibration.toml` beside this file.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzer.analysis import Signal

# How much one signal of a type says about an impasse, when nothing better is known.
DEFAULT_WEIGHT = 0.6
# One signal in a long conversation is never near-certain, whatever the fit says.
SINGLE_SIGNAL_CAP = 0.85
LONG_CONVERSATION_TURNS = 8
CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.toml"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the confidence is computed from."""

    strength: float  # 1 - prod(1 - 0.8 x weight): independent signals add up
    signal_turns: int  # distinct turns holding a signal
    turns: int  # turns in the conversation

    def features(self) -> tuple[float, float, float]:
        """The model's inputs: strength, signal turns (up to 4), log length."""
        return (self.strength, float(min(self.signal_turns, 4)), math.log1p(self.turns))


def evidence_of(signals: list[Signal], weights: dict[str, float], turns: int) -> Evidence:
    """The evidence of a set of checked signals."""
    doubt = 1.0
    for signal in signals:
        doubt *= 1.0 - weights.get(signal.detector, DEFAULT_WEIGHT) * 0.8
    return Evidence(strength=1.0 - doubt, signal_turns=len({s.turn for s in signals}), turns=turns)


@cache
def _parameters() -> dict[str, list[float]]:
    data = tomllib.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return {"impasse": data["impasse"]["coefficients"], "none": data["none"]["coefficients"]}


def _logistic(coefficients: list[float], features: tuple[float, ...]) -> float:
    z = coefficients[0] + sum(c * x for c, x in zip(coefficients[1:], features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def confidence(evidence: Evidence, impasse: bool) -> float:
    """The calibrated probability that the verdict (impasse or not) is right."""
    if impasse:
        p = _logistic(_parameters()["impasse"], evidence.features())
        if evidence.signal_turns <= 1 and evidence.turns >= LONG_CONVERSATION_TURNS:
            p = min(p, SINGLE_SIGNAL_CAP)
    else:
        p = _logistic(_parameters()["none"], (math.log1p(evidence.turns),))
    return max(0.05, min(0.97, p))
