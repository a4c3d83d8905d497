"""The offline detectors together: run every detector, keep the best finding per place.

`candidates` is also what the LLM engine passes to the model as candidate evidence.
"""

from __future__ import annotations

from functools import cache

from analyzer.analysis import Analysis, EngineName, Signal
from analyzer.detect.base import Detector, Finding, PerReading
from analyzer.detect.learned import DETECTOR_ID as LEARNED_ID
from analyzer.detect.learned import SURE_SCORE, SentenceReaderDetector
from analyzer.detect.patterns import PhraseDetector
from analyzer.detect.structure import CurtReplyDetector, NoResponseDetector
from analyzer.detect.topics import SkippedQuestionDetector
from analyzer.languages.lexicon import load_lexicon
from analyzer.reading import Reading
from analyzer.steps import step
from analyzer.taxonomy import Stage


@cache
def detectors_for(language: str) -> tuple[Detector, ...]:
    """Every detector for a language: its phrase detectors, then the structural ones."""
    lexicon = load_lexicon(language)
    phrase: list[Detector] = [PhraseDetector(spec) for spec in lexicon.detectors]
    return (*phrase, NoResponseDetector(), CurtReplyDetector(), SkippedQuestionDetector())


_found_once: PerReading[tuple[Finding, ...]] = PerReading()


def find(reading: Reading, *, learned: bool = False) -> list[Finding]:
    """All findings, deduplicated: one per (type, turn, quote), the best-scored kept.

    `learned` adds the learned sentence reader to the phrase and structure detectors.
    Without it, asking again for the same reading returns the findings already made.
    """
    if not learned:
        return list(_found_once.get(reading, lambda r: tuple(_find(r, learned=False))))
    return _find(reading, learned=True)


def _find(reading: Reading, *, learned: bool) -> list[Finding]:
    best: dict[tuple[str, int, str], Finding] = {}
    detectors = detectors_for(reading.lexicon.language)
    if learned:
        detectors = (*detectors, SentenceReaderDetector())
    for done, detector in enumerate(detectors):
        step("detecting", done, len(detectors))
        for finding in detector.detect(reading):
            key = (finding.type.value, finding.turn, finding.quote)
            kept = best.get(key)
            # A phrase list's finding is never replaced by the learned reader's: it names
            # the words that fired it.
            if kept is None or (
                finding.score > kept.score
                and (finding.detector != LEARNED_ID or kept.detector == LEARNED_ID)
            ):
                best[key] = finding
    found = _corroborated(list(best.values()))
    return sorted(found, key=lambda f: (f.turn, f.quote_start, f.type.value))


def _corroborated(findings: list[Finding]) -> list[Finding]:
    """The learned reader alone makes an impasse only with two sentences, or one it is
    very sure of: one stray sentence read as a signal is the commonest false alarm."""
    learned = [f for f in findings if f.detector == LEARNED_ID]
    if len(learned) == len(findings) and len(learned) == 1 and learned[0].score < SURE_SCORE:
        return []
    return findings


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


def evidence_analysis(reading: Reading, findings: list[Finding]) -> Analysis:
    """Findings as an unjudged proposal: evidence for the framework's rules, which set the
    verdict, stage and confidence (the placeholders here are never shown)."""
    return Analysis(
        source="-",
        engine=EngineName.OFFLINE,
        language=reading.language,
        impasse=bool(findings),
        stage=Stage.NONE,
        confidence=0.5,
        side=reading.side,
        signals=[to_signal(f) for f in findings],
    )


def candidates(reading: Reading) -> list[Signal]:
    """Candidate signals of a conversation (unchecked: the rules decide)."""
    return [to_signal(f) for f in find(reading)]
