"""Confidence from the evidence: more independent signals, more certainty; one signal in
a long thread is never near-certain."""

from __future__ import annotations

from analyzer.analysis import Signal
from analyzer.framework.confidence import SINGLE_SIGNAL_CAP, Evidence, confidence, evidence_of
from analyzer.taxonomy import SignalType


def _signal(turn: int, detector: str = "en.ultimatum.final_offer") -> Signal:
    return Signal(
        type=SignalType.ULTIMATUM, speaker="Tom", turn=turn, quote="q", explanation="e",
        detector=detector,
    )  # fmt: skip


def test_when_signals_on_more_turns_then_confidence_rises() -> None:
    weights = {"en.ultimatum.final_offer": 0.9}
    one = confidence(evidence_of([_signal(3)], weights, turns=6), impasse=True)
    three = confidence(
        evidence_of([_signal(3), _signal(4), _signal(5)], weights, turns=6), impasse=True
    )
    assert one < three


def test_when_one_signal_in_a_long_thread_then_never_ninety_percent() -> None:
    strong = Evidence(strength=0.99, signal_turns=1, turns=40)
    assert confidence(strong, impasse=True) <= SINGLE_SIGNAL_CAP < 0.9


def test_when_unknown_detector_then_a_default_weight_counts() -> None:
    evidence = evidence_of([_signal(1, detector="llm")], {}, turns=4)
    assert 0.0 < evidence.strength < 0.6
