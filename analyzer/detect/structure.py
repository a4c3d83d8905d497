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
from analyzer.detect.context import DetectionContext, Role
from analyzer.models import InputFormat, Kind, Turn
from analyzer.taxonomy import SignalType

_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\s+([A-Z][\w'-]+)", re.I
)
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


@dataclass(frozen=True, slots=True)
class NoResponseDetector:
    """Unanswered follow-ups at the end of the conversation."""

    name: str = "structure.no_response"
    min_silent_days: float = 3.0

    def detect(self, ctx: DetectionContext) -> list[Finding]:
        """At most one finding: the latest follow-up of the trailing run."""
        conv = ctx.conversation
        turns = conv.turns
        if len(turns) < 2:
            return []
        if conv.kind is Kind.TRANSCRIPT and conv.format is not InputFormat.SPEAKER_TEXT:
            return []  # on a call, everyone is present: silence shows differently
        run = self._trailing_run(ctx)
        messages = sum(max(1, len(t.cues)) for t in run)
        if messages < 2:
            return []
        follow_up = ctx.lexicon.phrase("follow_up")
        hit: tuple[Turn, int, str] | None = None
        for turn in reversed(run):
            for sentence in ctx.sentences[turn.index]:
                if follow_up.search(sentence.text) and (turn is not run[0] or len(run) == 1):
                    hit = (turn, sentence.start, sentence.text)
                    break
            if hit:
                break
        silent_days = _days_between(run[0], run[-1])
        if hit is None and not (len(run) >= 3 and silent_days >= self.min_silent_days):
            return []
        if hit is None:
            last = run[-1]
            first_line = ctx.sentences[last.index][0] if ctx.sentences[last.index] else None
            if first_line is None:
                return []
            hit = (last, first_line.start, first_line.text)
        turn, start, quote = hit
        silent = self._silent_party(ctx, run)
        span = f" over {silent_days:.0f} days" if silent_days >= 1 else ""
        return [
            Finding(
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
        ]

    @staticmethod
    def _trailing_run(ctx: DetectionContext) -> list[Turn]:
        turns = ctx.conversation.turns
        last = turns[-1]
        known_side = bool(ctx.roles)
        if known_side and ctx.role(last.speaker) is Role.THEM:
            return []

        def ours(t: Turn) -> bool:
            if known_side:
                return ctx.role(t.speaker) in {Role.US, Role.OTHER}
            return t.speaker == last.speaker

        run: list[Turn] = []
        for turn in reversed(turns):
            if not ours(turn):
                break
            run.append(turn)
        run.reverse()
        # A conversation with nobody else in it is a cold outreach: all of it is the run.
        return run

    @staticmethod
    def _silent_party(ctx: DetectionContext, run: list[Turn]) -> str:
        if ctx.side.them:
            return ctx.side.them[0]
        first = run[0].index
        for turn in reversed(ctx.conversation.turns[:first]):
            if turn.speaker != run[0].speaker:
                return turn.speaker
        for turn in run:
            greeting = _GREETING.match(turn.text)
            if greeting:
                name = greeting.group(1)
                for speaker in ctx.conversation.speakers():
                    if speaker.split()[0].lower() == name.lower():
                        return speaker
                return name
        return "the other side"


@dataclass(frozen=True, slots=True)
class CurtReplyDetector:
    """A few-word answer to a long question, from someone who used to write at length."""

    name: str = "structure.curt_reply"
    max_words: int = 6
    min_question_words: int = 25
    min_usual_words: int = 20

    def detect(self, ctx: DetectionContext) -> list[Finding]:
        """Curt replies by the other side once terms are on the table."""
        turns = ctx.conversation.turns
        agree = ctx.lexicon.phrase("resolution")
        assent = ctx.lexicon.phrase("assent")
        longest_by: dict[str, int] = {}
        if turns:
            longest_by[turns[0].speaker] = len(_WORDS.findall(turns[0].text))
        findings: list[Finding] = []
        for prev, turn in pairwise(turns):
            words = len(_WORDS.findall(turn.text))
            usual = longest_by.get(turn.speaker, 0)
            longest_by[turn.speaker] = max(usual, words)
            if prev.speaker == turn.speaker or not ctx.counts_as_them(turn):
                continue
            if not ctx.terms_by_turn[turn.index] or "\n" in turn.text.strip():
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
