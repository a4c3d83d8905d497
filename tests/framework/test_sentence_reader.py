"""The learned sentence reader: it reads wording the phrase lists do not hold, it never
makes an impasse of one stray sentence, and `--fast` leaves it out."""

from __future__ import annotations

import pytest

from analyzer.detect.base import Finding
from analyzer.detect.learned import DETECTOR_ID, SentenceReaderDetector
from analyzer.detect.offline import _corroborated
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_text, read
from analyzer.reading import Reading
from analyzer.taxonomy import SignalType

OPTIONS = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice.OFFLINE, drafts=False)


def _finding(kind: SignalType, score: float, detector: str = DETECTOR_ID) -> Finding:
    return Finding(
        type=kind, speaker="Tom", turn=1, quote="q", quote_start=0, explanation="e",
        detector=detector, score=score,
    )  # fmt: skip


def test_when_only_one_unsure_learned_finding_then_no_evidence_is_left() -> None:
    assert _corroborated([_finding(SignalType.DISCOMFORT, 0.6)]) == []


def test_when_learned_findings_are_corroborated_then_they_stay() -> None:
    two = [_finding(SignalType.DISCOMFORT, 0.6), _finding(SignalType.TOPIC_AVOIDANCE, 0.6)]
    assert _corroborated(two) == two
    with_phrase = [
        _finding(SignalType.DISCOMFORT, 0.6),
        _finding(SignalType.ULTIMATUM, 0.8, "en.x"),
    ]
    assert _corroborated(with_phrase) == with_phrase
    sure = [_finding(SignalType.DISCOMFORT, 0.74)]
    assert _corroborated(sure) == sure


PLAIN_WORDS = [
    (
        "Could we meet next week to go through the renewal and the new price?",
        "Things are hectic on our end, so I can't really pin down a slot for you.",
        SignalType.SCHEDULING_AVOIDANCE,
    ),
    (
        "We can do 4.10 per kilo if you sign for two years.",
        "I think we should leave this here for now and reconnect if anything changes on our side.",
        SignalType.WALKOUT,
    ),
    (
        "We can do 4.10 per kilo if you sign for two years.",
        "That's not something I can sign off on, it goes to our board.",
        SignalType.AUTHORITY_LIMIT,
    ),
]


@pytest.mark.parametrize(("ours", "theirs", "kind"), PLAIN_WORDS)
def test_when_the_other_side_hedges_in_plain_words_then_the_reader_proposes_it(
    ours: str, theirs: str, kind: SignalType
) -> None:
    reading, _ = read(parse_text(f"Dana Reyes: {ours}\nTom Okafor: {theirs}\n"), OPTIONS)
    findings = SentenceReaderDetector().detect(reading)
    assert [(f.speaker, f.type) for f in findings] == [("Tom Okafor", kind)]
    assert "learned sentence reader" in findings[0].explanation


def test_when_our_own_side_speaks_then_the_reader_proposes_nothing() -> None:
    text = (
        "Dana Reyes: Honestly I cannot promise anything right now, it is just a crazy period.\n"
        "Tom Okafor: Understood, thanks for letting me know.\n"
    )
    reading, _ = read(parse_text(text), OPTIONS)
    assert SentenceReaderDetector().detect(reading) == []


def test_when_fast_then_the_reader_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = SentenceReaderDetector.detect

    def counting(self: SentenceReaderDetector, reading: Reading) -> list[Finding]:
        calls.append(1)
        return real(self, reading)

    monkeypatch.setattr(SentenceReaderDetector, "detect", counting)
    text = (
        "Dana Reyes: Here is our renewal proposal: 200 seats at $48 per seat, three years.\n"
        "Tom Okafor: A couple of other firms came back to us with interesting numbers.\n"
    )
    analyze_text(text, OPTIONS.model_copy(update={"fast": True}))
    assert calls == []
    analyze_text(text, OPTIONS)
    assert calls == [1]


def test_when_a_phrase_list_and_the_reader_agree_then_the_phrase_finding_is_kept() -> None:
    text = (
        "Dana Reyes: Here is our renewal proposal: 200 seats at 48 dollars per seat, three years.\n"
        "Tom Okafor: Thanks. To be transparent, a couple of other firms came back to us with "
        "interesting numbers. We want to see how those shake out before we go further with you.\n"
    )
    result = analyze_text(text, OPTIONS)
    assert [s.detector for s in result.signals] == ["en.alternative.other_options"]
