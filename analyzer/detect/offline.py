"""The offline detectors together: run every detector, keep the best finding per place.

`candidates` is also what the LLM engine passes to the model as candidate evidence.
"""

from __future__ import annotations

from functools import cache

from analyzer.analysis import Signal
from analyzer.detect.base import Detector, Finding
from analyzer.detect.patterns import PhraseDetector
from analyzer.detect.structure import CurtReplyDetector, NoResponseDetector
from analyzer.detect.topics import SkippedQuestionDetector
from analyzer.languages.lexicon import load_lexicon
from analyzer.reading import Reading
from analyzer.steps import step


@cache
def detectors_for(language: str) -> tuple[Detector, ...]:
    """Every detector for a language: its phrase detectors, then the structural ones."""
    lexicon = load_lexicon(language)
    phrase: list[Detector] = [PhraseDetector(spec) for spec in lexicon.detectors]
    return (*phrase, NoResponseDetector(), CurtReplyDetector(), SkippedQuestionDetector())


def find(reading: Reading) -> list[Finding]:
    """All findings, deduplicated: one per (type, turn, quote), the best-scored kept."""
    best: dict[tuple[str, int, str], Finding] = {}
    detectors = detectors_for(reading.lexicon.language)
    for done, detector in enumerate(detectors):
        step("detecting", done, len(detectors))
        for finding in detector.detect(reading):
            key = (finding.type.value, finding.turn, finding.quote)
            if key not in best or finding.score > best[key].score:
                best[key] = finding
    return sorted(best.values(), key=lambda f: (f.turn, f.quote_start, f.type.value))


def to_signal(finding: Finding) -> Signal:
    """The contract form of a finding."""
    return Signal(
        type=finding.type,
        speaker=finding.speaker,
        turn=finding.turn,
        quote=finding.quote,
        explanation=finding.explanation,
        detector=finding.detector,
    )


def candidates(reading: Reading) -> list[Signal]:
    """Candidate signals of a conversation (unchecked: the rules decide)."""
    return [to_signal(f) for f in find(reading)]
