"""Phrase detectors built from the lexicon's `[[detector]]` tables."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.detect.base import Finding
from analyzer.languages.lexicon import DetectorSpec
from analyzer.reading import Reading, Sentence

_MAX_QUOTE = 240


@dataclass(frozen=True, slots=True)
class PhraseDetector:
    """Fires on sentences of the other side that hold one of its phrases."""

    spec: DetectorSpec

    @property
    def name(self) -> str:
        """The lexicon detector id, e.g. 'en.ultimatum.final_offer'."""
        return self.spec.id

    def matches(self, sentence: Sentence) -> str | None:
        """The matched phrase if this sentence fires the detector, else None."""
        spec = self.spec
        if spec.skip_questions and sentence.is_question:
            return None
        found = spec.match.search(sentence.index)
        if found is None:
            return None
        if any(group.search(sentence.index) is None for group in spec.with_):
            return None
        if spec.unless is not None and spec.unless.search(sentence.index):
            return None
        return found.group(0)

    def detect(self, reading: Reading) -> list[Finding]:
        """One finding per matching sentence of a counterpart's turn."""
        findings: list[Finding] = []
        turns = reading.conversation.turns
        for index, k in reading.candidates[self.spec.position]:
            turn = turns[index]
            if not reading.counts_as_them(turn):
                continue
            needs_terms = self.spec.needs_terms
            if needs_terms is not None and reading.terms_by_turn[index] is not needs_terms:
                continue  # e.g. hedged finality before anything is negotiated
            sentence = reading.sentences[index][k]
            phrase = self.matches(sentence)
            if phrase is not None:
                quote, start = _quote(sentence, phrase)
                findings.append(
                    Finding(
                        type=self.spec.signal,
                        speaker=turn.speaker,
                        turn=turn.index,
                        quote=quote,
                        quote_start=start,
                        explanation=self.spec.explanation.format(match=phrase.strip()),
                        detector=self.spec.id,
                        score=self.spec.weight,
                        end_hint=self.spec.end_hint,
                    )
                )
        return findings


def _quote(sentence: Sentence, phrase: str) -> tuple[str, int]:
    """The sentence as the quote, or a window around the phrase when it is very long."""
    text = sentence.text
    if len(text) <= _MAX_QUOTE:
        return text, sentence.start
    at = text.lower().find(phrase.lower())
    begin = max(0, at - (_MAX_QUOTE - len(phrase)) // 2)
    # Start and end on word boundaries so the quote reads cleanly.
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    end = min(len(text), begin + _MAX_QUOTE)
    while end < len(text) and not text[end].isspace():
        end += 1
    window = text[begin:end].strip()
    offset = text.find(window, begin)
    return window, sentence.start + offset
