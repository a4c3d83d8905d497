"""The learned sentence reader as a detector: wording no phrase list holds.

Every sentence of the other side (questions and fragments aside) is read by a small linear
model trained on thousands of labelled sentences in four languages (`training/`). A
finding is proposed only where the model is confident that the sentence shows one signal
type and not none; the framework rules then judge it like any other candidate. Its
findings weigh less than a phrase list's, so alone they make a cautious verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.detect.base import Finding
from analyzer.reading import Reading, Sentence
from analyzer.taxonomy import END_SIGNALS, SIGNALS, SignalType

# The model's probability a sentence needs before it is proposed (its best class must be a
# signal, not none). Chosen on the development set and the earlier test split, used as a
# validation set: a lower bar added false alarms on the dev set's hard negatives.
MIN_PROBABILITY = 0.6
# End-stage signals move the whole diagnosis to the end, so they need more certainty.
MIN_END_PROBABILITY = 0.75
_MIN_WORDS = 5
MAX_SENTENCES = 2_000
_MAX_CHARS = 400
DETECTOR_ID = "learned.sentence_reader"
# A finding's score is 0.35 + 0.4 x the probability; this is a probability of 0.85.
SURE_SCORE = 0.69


@dataclass(frozen=True, slots=True)
class SentenceReaderDetector:
    """Proposes the signal a sentence reads as, when the model is confident."""

    min_probability: float = MIN_PROBABILITY

    @property
    def name(self) -> str:
        """The detector id shown with each finding."""
        return DETECTOR_ID

    def detect(self, reading: Reading) -> list[Finding]:
        """One finding per confidently classified sentence of a counterpart's turn."""
        from analyzer.learned.model import load

        chosen: list[tuple[int, Sentence]] = []
        for turn in reading.conversation.turns:
            if not reading.counts_as_them(turn):
                continue
            for sentence in reading.sentences[turn.index]:
                text = sentence.text
                if sentence.is_question or len(text.split()) < _MIN_WORDS:
                    continue
                if len(text) > _MAX_CHARS:
                    continue  # a pasted block, not something said
                chosen.append((turn.index, sentence))
        if not chosen:
            return []
        # The latest unresolved impasse decides: on a huge input only the last sentences
        # are read, so the cost stays bounded (the phrase lists still read everything).
        chosen = chosen[-MAX_SENTENCES:]
        model = load("sentences")
        probabilities = model.probabilities([s.text for _, s in chosen])
        none = model.classes.index("none")
        findings: list[Finding] = []
        for (index, sentence), row in zip(chosen, probabilities, strict=True):
            best = int(row.argmax())
            p = float(row[best])
            if best == none or p < self.min_probability:
                continue
            kind = SignalType(model.classes[best])
            if kind is SignalType.NO_RESPONSE:
                continue
            if kind in END_SIGNALS and (
                p < MIN_END_PROBABILITY or not reading.terms_by_turn[index]
            ):
                # An end needs terms on the table: before that, "not the best moment" is a
                # slow start, which the model cannot tell from hedged finality.
                continue
            findings.append(
                Finding(
                    type=kind,
                    speaker=reading.conversation.turns[index].speaker,
                    turn=index,
                    quote=sentence.text,
                    quote_start=sentence.start,
                    explanation=f"Reads as {SIGNALS[kind].label.lower()} "
                    f"(the learned sentence reader, {p:.0%} sure).",
                    detector=DETECTOR_ID,
                    score=round(0.35 + 0.4 * p, 2),
                )
            )
        return findings
