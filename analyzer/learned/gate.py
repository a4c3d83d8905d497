"""Is this a negotiation at all? Two or more parties with something at stake.

A podcast, a lecture, a newsletter, a forwarded press release or an internal FYI can be
full of words like "final", "deal" or "walked out" without anyone negotiating. The gate
reads the conversation in windows of a few turns with a small linear model (trained on
negotiations and other texts, see `training/`) and keeps the best window: one stretch
that reads like a negotiation is enough. It says "not a negotiation" only below a
threshold chosen so that the development set's negotiations all pass: a missed gate
costs a false alarm, a wrong one would hide a real impasse.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.models import Conversation

# Chosen from `training/gate_check.py`'s five-fold cross-validation on the 308 labelled
# training conversations (never a test set): at 0.5, 4 of 154 negotiations vetoed and 46
# of 154 other texts let through; at 0.3, 3 and 62; at 0.6, 6 and 39. A wrong veto hides a
# real impasse, a missed one costs at most a false alarm, hence the lower point.
THRESHOLD = 0.5
# Between DOUBT and THRESHOLD the gate is unsure (in the cross-validation, 1 of its 4 wrong
# vetoes and 16 right ones fall there): there, demands with conditions in the checked
# evidence outweigh it (framework/gate.py decides).
DOUBT = 0.3
WINDOW_CHARS = 1500
SHORT_CHARS = 400  # less text than this between two people or more is not judged
MAX_WINDOWS = 40  # a long thread is sampled evenly, so the gate stays cheap


@dataclass(frozen=True, slots=True)
class GateVerdict:
    """The gate's answer, the best window's probability, and the reason in words."""

    negotiation: bool
    probability: float

    @property
    def doubtful(self) -> bool:
        """A veto the gate is unsure of (score between DOUBT and THRESHOLD)."""
        return not self.negotiation and self.probability >= DOUBT

    @property
    def reason(self) -> str:
        """Why, in words the report can show."""
        if self.negotiation:
            return f"reads as a negotiation (gate score {self.probability:.2f})"
        return (
            "no part of it reads as a negotiation: no offer, request or terms passed between "
            f"parties (gate score {self.probability:.2f})"
        )


def windows(texts: list[str], size: int = WINDOW_CHARS) -> list[str]:
    """Consecutive turns packed into windows of about `size` characters."""
    out: list[str] = []
    current: list[str] = []
    length = 0
    for text in texts:
        piece = text.strip()
        if not piece:
            continue
        if current and length + len(piece) > size:
            out.append("\n".join(current))
            current, length = [], 0
        current.append(piece[: size * 2])
        length += len(piece)
    if current:
        out.append("\n".join(current))
    if len(out) > MAX_WINDOWS:
        step = len(out) / MAX_WINDOWS
        out = [out[int(i * step)] for i in range(MAX_WINDOWS)]
    return out


def window_texts(conversation: Conversation) -> list[str]:
    """What the gate reads: the turns' own words (no names, headers or signatures)."""
    return windows([t.text for t in conversation.turns])


def is_short_exchange(conversation: Conversation) -> bool:
    """People trading a line or two: too little text to tell a haggle from small talk
    ("take it or we walk away" has no terms to show), so the gate does not judge it. A
    forward of a long text (a press release, an announcement) is not a short exchange."""
    return (
        len(conversation.speakers()) > 1
        and sum(len(t.text) for t in conversation.turns) <= SHORT_CHARS
    )


def read_gate(conversation: Conversation) -> GateVerdict:
    """Whether the conversation is a negotiation (the model is loaded on first use)."""
    from analyzer.learned.model import load

    parts = window_texts(conversation)
    if not parts:
        return GateVerdict(negotiation=True, probability=1.0)  # nothing to judge: no veto
    model = load("gate")
    column = model.classes.index("yes")
    best = float(model.probabilities(parts)[:, column].max())
    negotiation = best >= THRESHOLD or is_short_exchange(conversation)
    return GateVerdict(negotiation=negotiation, probability=round(best, 3))
