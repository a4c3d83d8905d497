"""The resolver's index answers exactly as a scan of every later turn would.

`scan_resolution` below is the straightforward reading of rule 3 (every later turn, every
sentence, in order); the `Resolver` must give the same answer for every signal the
detectors propose on the labelled conversations, for every kind of signal, with and
without a side, and on a synthetic thread where signals of every type meet every kind
of resolution.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.analysis import Signal
from analyzer.detect.offline import candidates
from analyzer.evaluation import load_labels
from analyzer.framework.resolution import (
    Resolution,
    Resolver,
    _conditional,
    _first_line,
    _hypothetical_or_past,
    _not_negated,
    resolution_of,
)
from analyzer.options import AnalyzeOptions
from analyzer.parsers import parse_file, parse_text
from analyzer.pipeline import read
from analyzer.reading import Reading, Role
from analyzer.taxonomy import SIGNAL_STAGES, SignalType, Stage

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "devset" / "dev"


def scan_resolution(signal: Signal, reading: Reading) -> Resolution | None:
    """Rule 3 read literally: the first later sentence that settles the signal."""
    from analyzer.languages.shared import shared_words

    goodbye = shared_words().goodbye
    turns = reading.conversation.turns
    lex = reading.lexicon
    if signal.type is SignalType.AUTHORITY_LIMIT:
        for turn in turns[signal.turn :]:
            if turn.speaker != signal.speaker:
                continue
            for sentence in reading.sentences[turn.index]:
                if turn.index == signal.turn and signal.quote in sentence.text:
                    continue
                ix = sentence.index
                if lex.phrase("reply_promise").search(ix) and lex.phrase("specific_time").search(
                    ix
                ):
                    return Resolution(turn.index, sentence.text)
    beginning = SIGNAL_STAGES[signal.type] == frozenset({Stage.BEGINNING})
    scheduling = signal.type in {SignalType.SCHEDULING_AVOIDANCE, SignalType.HANDOFF_OR_DELAY}
    answered = False
    for turn in turns[signal.turn + 1 :]:
        if signal.type is SignalType.NO_RESPONSE:
            if turn.speaker == signal.speaker:
                return Resolution(turn.index, _first_line(turn.text))
            continue
        theirs = turn.speaker == signal.speaker or reading.role(turn.speaker) is Role.THEM
        answered = answered or not theirs
        assent_counts = turn.speaker == signal.speaker and not beginning and answered
        for sentence in reading.sentences[turn.index]:
            ix = sentence.index
            settles = (
                lex.phrase("resolution").search(ix)
                or (
                    assent_counts
                    and lex.phrase("assent").search(ix)
                    and not goodbye.search(sentence.text.lower())
                )
                or (
                    theirs
                    and scheduling
                    and lex.phrase("specific_time").search(ix)
                    and lex.phrase("meeting").search(ix)
                )
            )
            if (
                settles
                and not sentence.is_question
                and not _conditional(sentence.text, reading)
                and _not_negated(sentence.text)
                and not _hypothetical_or_past(sentence.text)
            ):
                return Resolution(turn.index, sentence.text)
    return None


def _every_type(reading: Reading) -> list[Signal]:
    """The detectors' signals, and each of them again as every other signal type."""
    found = candidates(reading)
    return found + [s.model_copy(update={"type": t}) for s in found for t in SignalType]


def _labelled_cases() -> list[tuple[str, list[str], list[str]]]:
    labels = load_labels(sorted(DEV.glob("labels_*.jsonl")))
    return [(str(label.path()), label.us_list(), label.them or []) for label in labels]


@pytest.mark.parametrize("neutral", [False, True], ids=["with side", "neutral"])
def test_when_signals_of_the_dev_set_are_resolved_then_the_index_agrees_with_a_scan(
    neutral: bool,
) -> None:
    checked = 0
    for path, us, them in _labelled_cases():
        options = AnalyzeOptions() if neutral else AnalyzeOptions(me=us, them=them)
        reading, _ = read(parse_file(Path(path)), options)
        signals = _every_type(reading)
        resolver = Resolver(reading, start=min((s.turn for s in signals), default=0))
        for signal in signals:
            expected = scan_resolution(signal, reading)
            assert resolver.resolve(signal) == expected, (path, signal)
            assert resolution_of(signal, reading) == expected, (path, signal)
            checked += 1
    assert checked > 1000


THREAD = """Dana Reyes: Our proposal is $48 per seat for 200 seats.
Tom Okafor: I can't approve that; it is above my pay grade. Let me talk to our CFO.
Priya Sharma: Tom, I can join the call if that helps.
Tom Okafor: We'll get back to you after the offsite, maybe.
Dana Reyes: Could we meet on Tuesday at 10am to go through it?
Tom Okafor: Sounds good, thanks, talk soon.
Dana Reyes: Is Tuesday at 10am still on?
Tom Okafor: Tuesday at 10am works, let's meet then. You'll have an answer by Friday.
Dana Reyes: Great. So we agree on $47 per seat?
Tom Okafor: If you add the uptime clause, we agree.
Dana Reyes: We can add it.
Tom Okafor: We will not go below $46, that is final.
Tom Okafor: That works for us if it is $46.
Tom Okafor: Okay, let's keep $46 then; that works.
Priya Sharma: Noted on my side.
Tom Okafor: That is fair. That works for us.
Dana Reyes: Fine.
Tom Okafor: Sounds good, we have a deal at $47.
"""


@pytest.mark.parametrize("me", [None, "Dana Reyes", "Tom Okafor", "Priya Sharma"])
def test_when_every_signal_type_meets_every_resolution_then_the_index_agrees(
    me: str | None,
) -> None:
    options = AnalyzeOptions(me=[me]) if me else AnalyzeOptions()
    reading, _ = read(parse_text(THREAD), options)
    turns = reading.conversation.turns
    resolver = Resolver(reading)
    resolved = 0
    for turn in turns:
        for sentence in reading.sentences[turn.index]:
            for speaker in {t.speaker for t in turns}:
                for kind in SignalType:
                    signal = Signal(
                        type=kind,
                        speaker=speaker,
                        turn=turn.index,
                        quote=sentence.text,
                        explanation="test",
                    )
                    expected = scan_resolution(signal, reading)
                    assert resolver.resolve(signal) == expected, signal
                    resolved += expected is not None
    assert resolved > 100
