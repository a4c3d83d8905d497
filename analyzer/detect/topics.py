"""A structural detector for topic avoidance: a question passed over, then asked again.

Refusing to discuss an issue is not always said ("let's park that"); often the other side
answers everything else and leaves one question out. Words alone cannot tell a skipped
question from an answered one, so the detector waits for the asker's own judgement: it
fires only when the same question comes back after a substantive reply that did not touch
it, and stays quiet once a later reply takes it up.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

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
        findings: list[Finding] = []
        seen: set[frozenset[str]] = set()
        index = _TopicIndex(reading, self._answers_anyone)
        for ask in turns:
            if not self._asks(reading, ask):
                continue
            for k, question in enumerate(reading.sentences[ask.index]):
                if not question.is_question:
                    continue
                topic = index.question_topic(ask.index, k)
                if len(topic) < self.min_shared:
                    continue
                finding = self._skipped(reading, index, ask, question, topic)
                if finding is not None and finding[1] not in seen:
                    seen.add(finding[1])
                    findings.append(finding[0])
        return findings

    def _skipped(
        self,
        reading: Reading,
        index: _TopicIndex,
        ask: Turn,
        question: Sentence,
        topic: frozenset[str],
    ) -> tuple[Finding, frozenset[str]] | None:
        turns = reading.conversation.turns
        reply = index.next_answer(ask)
        if reply is None or len(reply.text.split()) < self.min_reply_words:
            return None
        if topic & index.turn_topic(reply.index):
            return None
        # The first later question of the asker's that shares enough of the topic.
        repeat = index.repeated(ask.speaker, topic, reply.index, self.min_shared)
        if repeat is None:
            return None
        again = turns[repeat[0]]
        shared = topic & index.question_topic(*repeat)
        if index.taken_up(again.index, reply.speaker, shared):
            return None
        return self._finding(reading, question, reply, again), shared

    @staticmethod
    def _asks(reading: Reading, turn: Turn) -> bool:
        """Whether this turn's questions are ours (any party's in a neutral analysis)."""
        return not reading.roles or reading.role(turn.speaker) is Role.US

    @staticmethod
    def _answers_anyone(reading: Reading, turn: Turn) -> bool:
        """Whether a turn can be the reply to a question (by someone else than the asker)."""
        return reading.counts_as_them(turn)

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


class _TopicIndex:
    """Topic words of every turn and question, read once, and where each word recurs.

    A long thread asks thousands of questions; each would otherwise rescan every later
    turn for its reply, its repetition and a late answer. The answers are the same as a
    scan's: the first reply, the first repetition, any later answer.
    """

    def __init__(self, reading: Reading, can_answer: Callable[[Reading, Turn], bool]) -> None:
        self.reading = reading
        self.turns = reading.conversation.turns
        stop = reading.lexicon.stopwords
        self._stop = stop
        self._turn_topics: dict[int, frozenset[str]] = {}
        self._question_topics: dict[tuple[int, int], frozenset[str]] = {}
        # word -> positions of the turns (per speaker) whose topic holds it
        self._turn_words: dict[tuple[str, str], list[int]] = {}
        # word -> (turn, sentence) positions of the questions (per speaker) that hold it
        self._question_words: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for turn in self.turns:
            for word in self.turn_topic(turn.index):
                self._turn_words.setdefault((turn.speaker, word), []).append(turn.index)
            for k, sentence in enumerate(reading.sentences[turn.index]):
                if sentence.is_question:
                    for word in self.question_topic(turn.index, k):
                        key = (turn.speaker, word)
                        self._question_words.setdefault(key, []).append((turn.index, k))
        # The turns that can answer, and for each the next one by another speaker.
        self._answering = [t.index for t in self.turns if can_answer(reading, t)]
        self._next_other = [len(self._answering)] * len(self._answering)
        for i in range(len(self._answering) - 2, -1, -1):
            same = (
                self.turns[self._answering[i]].speaker == self.turns[self._answering[i + 1]].speaker
            )
            self._next_other[i] = self._next_other[i + 1] if same else i + 1

    def turn_topic(self, turn: int) -> frozenset[str]:
        """The topic words of a whole turn."""
        found = self._turn_topics.get(turn)
        if found is None:
            found = self._turn_topics[turn] = _topic_words(self.turns[turn].text, self._stop)
        return found

    def question_topic(self, turn: int, k: int) -> frozenset[str]:
        """The topic words of sentence `k` of a turn."""
        found = self._question_topics.get((turn, k))
        if found is None:
            text = self.reading.sentences[turn][k].text
            found = self._question_topics[(turn, k)] = _topic_words(text, self._stop)
        return found

    def next_answer(self, ask: Turn) -> Turn | None:
        """The first later turn that can answer, by someone other than the asker."""
        i = bisect_right(self._answering, ask.index)
        if i < len(self._answering) and self.turns[self._answering[i]].speaker == ask.speaker:
            i = self._next_other[i]
        return self.turns[self._answering[i]] if i < len(self._answering) else None

    def repeated(
        self, speaker: str, topic: frozenset[str], after: int, min_shared: int
    ) -> tuple[int, int] | None:
        """The first question of `speaker` after turn `after` sharing `min_shared` words."""
        lists = []
        for word in topic:
            posting = self._question_words.get((speaker, word), [])
            start = bisect_right(posting, (after, 1 << 62))
            if start < len(posting):
                lists.append(islice(posting, start, None))
        count = 0
        current: tuple[int, int] | None = None
        for position in heapq.merge(*lists):
            if position != current:
                current, count = position, 0
            count += 1
            if count >= min_shared:
                return position
        return None

    def taken_up(self, after: int, replier: str, shared: frozenset[str]) -> bool:
        """Whether a turn of the replier's after turn `after` speaks to the topic."""
        for word in shared:
            posting = self._turn_words.get((replier, word), [])
            if bisect_right(posting, after) < len(posting):
                return True
        return False
