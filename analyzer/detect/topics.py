"""A structural detector for topic avoidance: a question passed over, then asked again.

Refusing to discuss an issue is not always said ("let's park that"); often the other side
answers everything else and leaves one question out. Words alone cannot tell a skipped
question from an answered one, so the detector waits for the asker's own judgement: it
fires only when the same question comes back after a substantive reply that did not touch
it, and stays quiet once a later reply takes it up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analyzer.detect.base import Finding
from analyzer.models import Turn
from analyzer.reading import Reading, Role, Sentence
from analyzer.taxonomy import SignalType

_WORD = re.compile(r"[^\W\d_]{4,}")
# Words any question may hold in any business thread; they name no topic. The lexicon's
# function words are added per language.
_GENERIC = frozenset(
    [
        "could",
        "would",
        "should",
        "please",
        "thanks",
        "thank",
        "also",
        "about",
        "what",
        "when",
        "where",
        "which",
        "there",
        "their",
        "know",
        "think",
        "share",
        "update",
        "send",
        "have",
        "still",
        "just",
        "been",
        "from",
        "with",
        "that",
        "this",
        "your",
        "ours",
        "some",
        "like",
        "need",
        "want",
        "make",
        "sure",
        "able",
        "give",
        "able",
        "quick",
        "question",
        "questions",
        "point",
        "points",
        "again",
        "back",
        "come",
        "coming",
        "regarding",
        "around",
        "mind",
        "happy",
        "help",
        "soon",
        "time",
        "today",
        "week",
        "let's",
    ]
)


@lru_cache(maxsize=4096)  # a reply is compared with every question asked before it
def _topic_words(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Content words of a text, lower-cased, a plural 's' dropped."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in stopwords or word in _GENERIC:
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class SkippedQuestionDetector:
    """Our question, a reply from the other side that leaves it out, the question again."""

    name: str = "structure.skipped_question"
    min_shared: int = 2  # topic words the first question and the repeat must share
    min_reply_words: int = 8  # a reply shorter than this is too brief to have skipped anything

    def detect(self, reading: Reading) -> list[Finding]:
        """At most one finding per question asked twice."""
        turns = reading.conversation.turns
        stop = reading.lexicon.stopwords
        findings: list[Finding] = []
        seen: set[frozenset[str]] = set()
        for ask in turns:
            if not self._asks(reading, ask):
                continue
            for question in (s for s in reading.sentences[ask.index] if s.is_question):
                topic = _topic_words(question.text, stop)
                if len(topic) < self.min_shared:
                    continue
                finding = self._skipped(reading, ask, question, topic, stop)
                if finding is not None and finding[1] not in seen:
                    seen.add(finding[1])
                    findings.append(finding[0])
        return findings

    def _skipped(
        self,
        reading: Reading,
        ask: Turn,
        question: Sentence,
        topic: frozenset[str],
        stop: frozenset[str],
    ) -> tuple[Finding, frozenset[str]] | None:
        turns = reading.conversation.turns
        reply = next((t for t in turns[ask.index + 1 :] if self._answers(reading, ask, t)), None)
        if reply is None or len(reply.text.split()) < self.min_reply_words:
            return None
        if topic & _topic_words(reply.text, stop):
            return None
        for again in turns[reply.index + 1 :]:
            if again.speaker != ask.speaker:
                continue
            for repeat in (s for s in reading.sentences[again.index] if s.is_question):
                shared = topic & _topic_words(repeat.text, stop)
                if len(shared) < self.min_shared:
                    continue
                if self._taken_up(reading, again, reply.speaker, shared, stop):
                    return None
                return self._finding(reading, question, reply, again), shared
        return None

    @staticmethod
    def _asks(reading: Reading, turn: Turn) -> bool:
        """Whether this turn's questions are ours (any party's in a neutral analysis)."""
        return not reading.roles or reading.role(turn.speaker) is Role.US

    @staticmethod
    def _answers(reading: Reading, ask: Turn, turn: Turn) -> bool:
        return turn.speaker != ask.speaker and reading.counts_as_them(turn)

    @staticmethod
    def _taken_up(
        reading: Reading,
        again: Turn,
        replier: str,
        shared: frozenset[str],
        stop: frozenset[str],
    ) -> bool:
        """Whether a reply after the repeated question finally speaks to the topic."""
        for turn in reading.conversation.turns[again.index + 1 :]:
            if turn.speaker == replier and shared & _topic_words(turn.text, stop):
                return True
        return False

    def _finding(self, reading: Reading, question: Sentence, reply: Turn, again: Turn) -> Finding:
        quote = _lead_sentence(reading.sentences[reply.index]) or reading.sentences[reply.index][0]
        asker = again.speaker
        return Finding(
            type=SignalType.TOPIC_AVOIDANCE,
            speaker=reply.speaker,
            turn=reply.index,
            quote=quote.text,
            quote_start=quote.start,
            explanation=(
                f'{asker} asked "{question.text}" (turn {question.turn}); the reply '
                f"(turn {reply.index}) answers other points and leaves it out, and the "
                f"question came back in turn {again.index}."
            ),
            detector=self.name,
            score=0.5,
        )


def _lead_sentence(sentences: tuple[Sentence, ...]) -> Sentence | None:
    """The reply's first sentence of substance (not "Hi Sam," or "Thanks!")."""
    for sentence in sentences:
        if len(sentence.text.split()) >= 5:
            return sentence
    return None
