"""What resolves an impasse: the first later sentence that settles a signal (rule 3).

An acceptance or agreement resolves any impasse, whoever says it; a specific time from
the other side resolves scheduling avoidance; for `no_response`, any later message from
the silent party is an answer; an authority limit with a named day for the answer is a
next step.

A conversation can hold tens of thousands of turns and thousands of signals, so the
sentences are not scanned again for every signal: a `Resolver` reads each sentence once
(which phrases it holds, whether it is a question, a condition, a negation or history),
keeps, per kind of resolution, the positions of the sentences that can resolve, and
answers each signal with a few binary searches. The result is the one a scan of every
later turn would give.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyzer.analysis import Signal
from analyzer.languages.shared import shared_words
from analyzer.models import Turn
from analyzer.reading import Reading, Role
from analyzer.taxonomy import DEFERRAL_SIGNALS, SIGNAL_STAGES, SignalType, Stage

if TYPE_CHECKING:
    from analyzer.reading.sentences import Sentence

_INFINITY = (1 << 62, 0)

Position = tuple[int, int]  # (turn position, sentence number in the turn)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A later turn that resolves a signal, and the words that do it."""

    turn: int
    quote: str


class _Positions:
    """Sorted sentence positions, overall and per speaker, for "the first one after"."""

    __slots__ = ("all", "by_speaker", "them")

    def __init__(self) -> None:
        self.all: list[Position] = []
        self.by_speaker: dict[str, list[Position]] = {}
        self.them: list[Position] = []

    def add(self, at: Position, speaker: str, them: bool) -> None:
        self.all.append(at)
        self.by_speaker.setdefault(speaker, []).append(at)
        if them:
            self.them.append(at)


class TurnsBySpeaker:
    """Each speaker's turn positions, for "their next turn after this one" in log time."""

    __slots__ = ("_by_speaker", "_turns")

    def __init__(self, turns: Sequence[Turn], start: int = 0) -> None:
        self._turns = turns
        self._by_speaker: dict[str, list[int]] = {}
        for p in range(max(start, 0), len(turns)):
            self._by_speaker.setdefault(turns[p].speaker, []).append(p)

    def next_by(self, speaker: str, after: int) -> Turn | None:
        """The first turn by `speaker` after position `after`, if any."""
        own = self._by_speaker.get(speaker, [])
        i = bisect_right(own, after)
        return self._turns[own[i]] if i < len(own) else None


def _first_after(positions: list[Position], after: Position) -> Position:
    """The first position strictly after `after`, or `_INFINITY`."""
    i = bisect_right(positions, after)
    return positions[i] if i < len(positions) else _INFINITY


class Resolver:
    """Answers `resolution_of` for many signals of one reading in linear total time.

    Only turns from `start` on are read: a signal at turn `t` looks at turns from `t` on.
    """

    def __init__(self, reading: Reading, start: int = 0) -> None:
        self.reading = reading
        self.start = max(start, 0)
        turns = reading.conversation.turns
        self._turns = turns
        self._speakers = [t.speaker for t in turns]
        self._them = [reading.role(s) is Role.THEM for s in self._speakers]
        self._lists: dict[str, _Positions] = {}
        self._by_speaker = TurnsBySpeaker(turns, self.start)
        # The turns whose speaker is not of the other side: these answer a signal unless
        # the signal's own speaker said them.
        self._not_them = [p for p in range(self.start, len(turns)) if not self._them[p]]
        # For each entry of _not_them: the next entry with a different speaker.
        self._next_other = [len(self._not_them)] * len(self._not_them)
        for i in range(len(self._not_them) - 2, -1, -1):
            same = self._speakers[self._not_them[i]] == self._speakers[self._not_them[i + 1]]
            self._next_other[i] = self._next_other[i + 1] if same else i + 1

    def resolve(self, signal: Signal) -> Resolution | None:
        """The first later turn that resolves this signal's impasse, if any."""
        if signal.turn < self.start:
            raise ValueError(f"this resolver reads from turn {self.start}, not {signal.turn}")
        if signal.type is SignalType.AUTHORITY_LIMIT:
            promised = self._answer_promised(signal)
            if promised is not None:
                return promised
        speaker = signal.speaker
        if signal.type is SignalType.NO_RESPONSE:
            answer = self._by_speaker.next_by(speaker, signal.turn)
            return None if answer is None else Resolution(answer.index, _first_line(answer.text))
        after: Position = (signal.turn, 1 << 62)
        best = _first_after(self._sentences("strong").all, after)
        if SIGNAL_STAGES[signal.type] != frozenset({Stage.BEGINNING}):
            # "Sounds good" from whoever raised the impasse settles it only once the other
            # side has spoken since the signal (see `_settles`).
            answered = self._answered_at(signal)
            if answered is not None:
                own = self._sentences("assent").by_speaker.get(speaker, [])
                best = min(best, _first_after(own, (answered, 1 << 62)))
        if signal.type in DEFERRAL_SIGNALS:
            timed = self._sentences("scheduled")
            best = min(
                best,
                _first_after(timed.them, after),
                _first_after(timed.by_speaker.get(speaker, []), after),
            )
        if best == _INFINITY:
            return None
        turn = self._turns[best[0]]
        return Resolution(turn.index, self._sentences_of(best[0])[best[1]].text)

    def _answered_at(self, signal: Signal) -> int | None:
        """The first turn after the signal said by neither its speaker nor the other side."""
        i = bisect_right(self._not_them, signal.turn)
        if i < len(self._not_them) and self._speakers[self._not_them[i]] == signal.speaker:
            i = self._next_other[i]
        return self._not_them[i] if i < len(self._not_them) else None

    def _answer_promised(self, signal: Signal) -> Resolution | None:
        """ "I need to run it past our CFO; you'll have an answer by Tuesday": a named day
        for the answer makes the authority check a next step, not an impasse."""
        own = self._sentences("promise").by_speaker.get(signal.speaker, [])
        for at in own[bisect_left(own, (signal.turn, 0)) :]:
            sentence = self._sentences_of(at[0])[at[1]]
            if at[0] == signal.turn and signal.quote in sentence.text:
                continue  # the limit itself; a promise in it is caught by the detector
            return Resolution(self._turns[at[0]].index, sentence.text)
        return None

    def _sentences_of(self, position: int) -> tuple[Sentence, ...]:
        return self.reading.sentences[self._turns[position].index]

    def _sentences(self, kind: str) -> _Positions:
        """Where the sentences that can resolve in this way are (read once per kind)."""
        found = self._lists.get(kind)
        if found is None:
            found = self._lists[kind] = self._collect(kind)
        return found

    def _collect(self, kind: str) -> _Positions:
        phrase = self.reading.lexicon.phrase
        found = _Positions()
        if kind == "promise":
            promise, specific = phrase("reply_promise"), phrase("specific_time")
        elif kind == "strong":
            strong = phrase("resolution")
        elif kind == "assent":
            assent = phrase("assent")
        else:
            specific, meeting = phrase("specific_time"), phrase("meeting")
        for p in range(self.start, len(self._turns)):
            for k, sentence in enumerate(self._sentences_of(p)):
                ix = sentence.index
                if kind == "promise":
                    hit = bool(promise.search(ix) and specific.search(ix))
                elif kind == "strong":
                    hit = bool(strong.search(ix)) and self._settles(sentence)
                elif kind == "assent":
                    hit = (
                        bool(assent.search(ix))
                        and not shared_words().goodbye.search(sentence.text.lower())
                        and self._settles(sentence)
                    )
                else:
                    hit = bool(specific.search(ix) and meeting.search(ix)) and self._settles(
                        sentence
                    )
                if hit:
                    found.add((p, k), self._speakers[p], self._them[p])
        return found

    def _settles(self, sentence: Sentence) -> bool:
        """Whether a sentence that accepts, agrees or names a time settles anything.

        A question, a condition ("if you move to 6%, we agree", "happy to sign, but we
        need X"), a negation ("the board hasn't approved it"), a hypothesis ("whether it
        gets approved") or history ("our board approved it last year") settles nothing.
        """
        return (
            not sentence.is_question
            and not _conditional(sentence.text, self.reading)
            and _not_negated(sentence.text)
            and not _hypothetical_or_past(sentence.text)
        )


def resolution_of(signal: Signal, reading: Reading) -> Resolution | None:
    """The first later turn that resolves this signal's impasse, if any.

    For many signals of one reading, build one `Resolver` and ask it instead.
    """
    return Resolver(reading, start=signal.turn).resolve(signal)


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0][:200]


def _conditional(text: str, reading: Reading) -> bool:
    """An acceptance on a condition ("if you move to 6%, we agree", "happy to sign, but
    we need the cap at 2x") resolves nothing. The words are every language pack's
    `[acceptance]` words (threads mix languages), then this language's `conditional`."""
    words = shared_words()
    lowered = text.lower()
    if lowered.startswith(words.condition_starts):
        return True
    if any(word in lowered[:40] for word in words.condition_near_start):
        return True
    if words.condition.search(lowered):
        return True
    group = reading.lexicon.phrases.get("conditional")
    return bool(group and group.search(text))


def _hypothetical_or_past(text: str) -> bool:
    """Whether an approval is negated, hypothetical or history rather than an answer now
    ("hasn't approved", "whether it gets approved", "approved it last year")."""
    return bool(shared_words().not_now.search(text.lower()))


def _not_negated(text: str) -> bool:
    """No refusal ("cannot accept", "no deal") in the acceptance."""
    lowered = text.lower()
    return not any(refusal in lowered for refusal in shared_words().refusals)
