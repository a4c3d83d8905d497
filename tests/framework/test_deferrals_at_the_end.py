"""At the end, a deferral hedged on time reads as weasel words (rule 3), and a sentence the
detectors already read as weasel words is then reported once, not twice."""

from __future__ import annotations

from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.pipeline import analyze_text
from analyzer.taxonomy import SignalType, Stage

OPTIONS = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice.OFFLINE, drafts=False)

THREAD = (
    "Dana Reyes: Our renewal price is $48,000 a year for the full suite, with a 5% discount"
    " for two years.\n"
    "Tom Okafor: Thanks. The price is higher than we hoped.\n"
    "Dana Reyes: Could we get a call on the calendar this week to close it out?\n"
    "Tom Okafor: Things are really hectic, I can't commit to anything right now.\n"
)


def test_when_a_late_deferral_is_also_read_as_weasel_words_then_it_is_reported_once() -> None:
    analysis = analyze_text(THREAD, OPTIONS)
    assert analysis.stage is Stage.END
    places = [(s.type, s.turn, s.quote) for s in analysis.signals]
    assert len(places) == len(set(places))
    assert [s.type for s in analysis.signals] == [SignalType.WEASEL_WORDS]
