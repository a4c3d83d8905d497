"""What rules 1 to 3 ask of a turn beyond the quote itself: which line of a quote carries
the evidence, whether a reply answers or only puts things off, whether a name the answer
gives is a party signals may come from."""

from __future__ import annotations

from collections.abc import Callable

from analyzer.analysis import SideHow, Signal
from analyzer.models import Turn
from analyzer.parsers.build import UNKNOWN_SPEAKER
from analyzer.reading import Reading, Role
from analyzer.taxonomy import SignalType


def evidence_of(signal: Signal, reading: Reading) -> Callable[[str], bool]:
    """Whether a line holds a phrase of the signal's type (for a quote spanning lines)."""
    specs = [d for d in reading.lexicon.detectors if d.signal is signal.type]
    return lambda line: any(d.match.search(line) for d in specs)


_DEFLECTIONS = frozenset(
    {SignalType.SCHEDULING_AVOIDANCE, SignalType.HANDOFF_OR_DELAY, SignalType.TOPIC_AVOIDANCE}
)


def named_them(name: str, reading: Reading) -> bool:
    """Whether a name the answer gives is a known party signals may come from."""
    if reading.side.how is SideHow.NEUTRAL:
        return name != UNKNOWN_SPEAKER and name in reading.conversation.speakers()
    return reading.role(name) is Role.THEM or name in reading.side.them


def answer_to(signal: Signal, reading: Reading) -> Turn | None:
    """The silent party's first later reply that engages: one that only delays, deflects
    or hands off leaves the earlier follow-ups unanswered."""
    return next(
        (
            t
            for t in reading.conversation.turns[signal.turn + 1 :]
            if t.speaker == signal.speaker and not deflects(t, reading)
        ),
        None,
    )


def deflects(turn: Turn, reading: Reading) -> bool:
    """Whether a turn puts things off ("swamped, let's talk after the holidays"), hands
    them to someone else, or avoids the topic, by the lexicon's phrases for those. A reply
    that names a specific time engages, however it starts ("sorry for the slow reply,
    Tuesday at 10am works")."""
    if reading.lexicon.phrase("specific_time").search(turn.text):
        return False
    return any(
        d.signal in _DEFLECTIONS and d.match.search(turn.text) for d in reading.lexicon.detectors
    )
