"""Structural detectors: evidence in the shape of the thread, not in its words.

- `NoResponseDetector`: our messages pile up at the end with no reply (follow-ups, or
  days of silence between them). The signal names the silent party and quotes our own
  follow-up, as the framework asks.
- `CurtReplyDetector`: after a long message of ours that asks something, the other side
  answers in a few words, much shorter than they used to write: a tone turning short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from analyzer.detect.base import Finding
from analyzer.languages.shared import shared_words
from analyzer.models import Kind, Turn
from analyzer.reading import Reading, Role
from analyzer.taxonomy import SignalType

_VOCATIVE = re.compile(r"^\s*([A-Z][\w'-]+),\s")
_WORDS = re.compile(r"\w+")


def _when(turn: Turn) -> datetime | None:
    if not turn.timestamp:
        return None
    try:
        return datetime.fromisoformat(turn.timestamp)
    except ValueError:
        return None


def _days_between(a: Turn, b: Turn) -> float:
    first, last = _when(a), _when(b)
    if first is None or last is None:
        return 0.0
    if (first.tzinfo is None) != (last.tzinfo is None):
        first, last = first.replace(tzinfo=None), last.replace(tzinfo=None)
    return abs((last - first).total_seconds()) / 86400.0


def _cue_days(run: list[Turn]) -> float:
    """Days from the run's first message to its last, from dated cues (chat exports)."""
    starts = [c.start_s for t in run for c in t.cues if c.start_s is not None]
    if len(starts) < 2:
        return 0.0
    return (max(starts) - min(starts)) / 86400.0


@dataclass(frozen=True, slots=True)
class NoResponseDetector:
    """Follow-ups of ours that the person they address never answers."""

    name: str = "structure.no_response"
    min_silent_days: float = 3.0

    def detect(self, reading: Reading) -> list[Finding]:
        """At most one finding: the latest unanswered run of follow-ups."""
        conv = reading.conversation
        if len(conv.turns) < 2:
            return []
        if conv.kind is Kind.TRANSCRIPT and not conv.format.may_be_chat:
            return []  # on a call, everyone is present: silence shows differently
        # Who speaks last, once: each run asks whether its silent party spoke after it.
        last_turn = {t.speaker: t.index for t in conv.turns}
        speakers = conv.speakers()
        for run in reversed(self._runs(reading)):
            finding = self._finding(reading, run, last_turn, speakers)
            if finding is not None:
                return [finding]
        return []

    def _finding(
        self, reading: Reading, run: list[Turn], last_turn: dict[str, int], speakers: list[str]
    ) -> Finding | None:
        messages = sum(max(1, len(t.cues)) for t in run)
        if messages < 2:
            return None
        follow_up = reading.lexicon.phrase("follow_up")
        hit: tuple[Turn, int, str] | None = None
        for turn in reversed(run):
            if turn is run[0] and len(turn.cues) < 2:
                continue  # the first message of the run is the one being chased
            for sentence in reading.sentences[turn.index]:
                if follow_up.search(sentence.index):
                    hit = (turn, sentence.start, sentence.text)
                    break
            if hit:
                break
        silent_days = max(_days_between(run[0], run[-1]), _cue_days(run))
        if hit is None:
            if len(run) < 3 or silent_days < self.min_silent_days:
                return None
            last = run[-1]
            if not reading.sentences[last.index]:
                return None
            first = reading.sentences[last.index][0]
            hit = (last, first.start, first.text)
        turn, start, quote = hit
        silent = self._silent_party(reading, run, turn, speakers)
        if last_turn.get(silent, -1) > run[-1].index:
            return None  # they answered later
        span = f" over {silent_days:.0f} days" if silent_days >= 1 else ""
        return Finding(
            type=SignalType.NO_RESPONSE,
            speaker=silent,
            turn=turn.index,
            quote=quote,
            quote_start=start,
            explanation=(
                f"{messages} messages from {run[0].speaker}{span} with no reply from "
                f"{silent}; this is the latest follow-up."
            ),
            detector=self.name,
            score=0.8 if messages >= 3 else 0.7,
        )

    @staticmethod
    def _runs(reading: Reading) -> list[list[Turn]]:
        """Maximal runs of our turns (neutral: of one speaker) between the other side's."""
        known_side = bool(reading.roles)
        runs: list[list[Turn]] = []
        for turn in reading.conversation.turns:
            ours = reading.role(turn.speaker) in {Role.US, Role.OTHER} if known_side else True
            same = bool(runs) and runs[-1] and (known_side or runs[-1][-1].speaker == turn.speaker)
            if not ours:
                runs.append([])
            elif same and runs[-1][-1].index == turn.index - 1:
                runs[-1].append(turn)
            else:
                runs.append([turn])
        return [r for r in runs if r]

    @staticmethod
    def _silent_party(reading: Reading, run: list[Turn], chaser: Turn, speakers: list[str]) -> str:
        people = [s for s in speakers if s != chaser.speaker]
        for turn in (chaser, *run):
            named = _addressed(turn.text)
            if named:
                for speaker in people:
                    # First name ("Hi Kim") or, in formal greetings, last ("Herr Maier").
                    if named.lower() in {part.lower() for part in speaker.split()}:
                        return speaker
        if reading.side.them:
            return reading.side.them[0]
        turns = reading.conversation.turns
        for before in range(run[0].index - 1, -1, -1):  # no copy of the turns before
            if turns[before].speaker != run[0].speaker:
                return turns[before].speaker
        named = _addressed(chaser.text) or _addressed(run[0].text)
        return named or "the other side"


def _addressed(text: str) -> str | None:
    """The first name a message opens with ("Hi Kim," / "Kim, any update?").

    The greetings and titles are every language pack's `[address]` words.
    """
    greeting = shared_words().greeting.match(text) or _VOCATIVE.match(text)
    return greeting.group(1) if greeting else None


@dataclass(frozen=True, slots=True)
class CurtReplyDetector:
    """A few-word answer to a long question, from someone who used to write at length."""

    name: str = "structure.curt_reply"
    max_words: int = 6
    min_question_words: int = 25
    min_usual_words: int = 20

    def detect(self, reading: Reading) -> list[Finding]:
        """Curt replies by the other side once terms are on the table."""
        turns = reading.conversation.turns
        agree = reading.lexicon.phrase("resolution")
        assent = reading.lexicon.phrase("assent")
        longest_by: dict[str, int] = {}
        if turns:
            longest_by[turns[0].speaker] = len(_WORDS.findall(turns[0].text))
        findings: list[Finding] = []
        for prev, turn in pairwise(turns):
            words = len(_WORDS.findall(turn.text))
            usual = longest_by.get(turn.speaker, 0)
            longest_by[turn.speaker] = max(usual, words)
            if prev.speaker == turn.speaker or not reading.counts_as_them(turn):
                continue
            if not reading.terms_by_turn[turn.index] or "\n" in turn.text.strip():
                continue
            asked = "?" in prev.text and len(_WORDS.findall(prev.text)) >= self.min_question_words
            if not asked or words > self.max_words or usual < self.min_usual_words:
                continue
            if assent.search(turn.text) or agree.search(turn.text):
                continue
            quote = turn.text.strip()
            findings.append(
                Finding(
                    type=SignalType.DISCOMFORT,
                    speaker=turn.speaker,
                    turn=turn.index,
                    quote=quote,
                    quote_start=turn.text.find(quote),
                    explanation=(
                        f"A {words}-word answer to a detailed question, from someone whose "
                        f"messages ran to {usual} words: the tone has turned short."
                    ),
                    detector=self.name,
                    score=0.45,
                )
            )
        return findings
