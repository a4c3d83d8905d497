"""Is this a negotiation at all? Two or more parties with something at stake.

A podcast, a lecture, a newsletter, a forwarded press release or an internal FYI can be
full of words like "final", "deal" or "walked out" without anyone negotiating. The gate
judges the whole conversation in two steps (both trained by `training/train_gate.py`):

1. a window model (hashed n-grams, `gate.npz`) scores windows of a few turns: do these
   words read like a negotiation;
2. a conversation model (`gate_conversation.npz`, a logistic regression over the features
   of `gate_features`) weighs those scores with the shape of the exchange: how many people
   speak and how evenly, monologues or short turns, requests and offers addressed to
   someone, terms on the table that another speaker answers, questions answered,
   broadcast and podcast markers, the format.

It says "not a negotiation" only below a threshold chosen by cross-validation over whole
training conversations (`training/gate_check.py`): a wrong veto hides a real impasse, a
text let through costs at most a false alarm, so the threshold sits low.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.models import Conversation, InputFormat

# Chosen from `training/gate_check.py` (five-fold cross-validation over the 410 labelled
# training conversations, never a test set): at 0.2, 1 of 192 negotiations vetoed and 19
# of 218 other texts let through; at 0.3, 2 and 19; at 0.1, 0 and 27 (the window model
# alone at 0.5: 4 and 22 once short group chats are judged; the gate before this model, on
# the first 308: 4 of 154 and 46 of 154). A wrong veto hides a real impasse, a text let
# through costs at most a false alarm, hence the low point (out of fold, 4 of the
# development set's 243 negotiations score under 0.3, 1 under 0.2).
THRESHOLD = 0.2
# Between DOUBT and THRESHOLD the gate is unsure (in the cross-validation its wrong veto
# falls there): there, demands with conditions in the checked evidence outweigh it
# (framework/gate.py decides).
DOUBT = 0.1
# A text with no recognisable structure (one turn by an unknown speaker) is judged by the
# window model alone, at the threshold it had before the conversation model.
WINDOW_THRESHOLD = 0.5
WINDOW_CHARS = 1500
SHORT_CHARS = 400  # less text than this between two people is not judged
MAX_WINDOWS = 40  # a long thread is sampled evenly, so the gate stays cheap


@dataclass(frozen=True, slots=True)
class GateVerdict:
    """The gate's answer, its probability that the text is a negotiation, and what it saw
    (`seen`, in words: "one speaker, no request or offer to anyone")."""

    negotiation: bool
    probability: float
    seen: str = ""

    @property
    def doubtful(self) -> bool:
        """A veto the gate is unsure of (score between DOUBT and THRESHOLD)."""
        return not self.negotiation and self.probability >= DOUBT

    @property
    def reason(self) -> str:
        """Why, in words the report can show."""
        score = f"gate score {self.probability:.2f}"
        if self.negotiation:
            return f"reads as a negotiation: {self.seen}; {score}" if self.seen else score
        seen = self.seen or "no offer, request or terms passed between parties"
        return f"{seen}; {score}"


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
    """Two people trading a line or two: too little text to tell a haggle from small talk
    ("take it or we walk away" has no terms to show), so the gate does not judge it. A
    forward of a long text (a press release, an announcement) is not a short exchange,
    nor is a group chat of three or more (in the training conversations every short
    negotiation is between two people, and most short group chats are logistics)."""
    return (
        len(conversation.speakers()) == 2
        and sum(len(t.text) for t in conversation.turns) <= SHORT_CHARS
    )


def read_gate(conversation: Conversation) -> GateVerdict:
    """Whether the conversation is a negotiation (the models are loaded on first use)."""
    from analyzer.learned.gate_features import conversation_features, describe, vector
    from analyzer.learned.gate_model import load as load_conversation_model
    from analyzer.learned.model import load

    parts = window_texts(conversation)
    if not parts:
        return GateVerdict(negotiation=True, probability=1.0)  # nothing to judge: no veto
    model = load("gate")
    column = model.classes.index("yes")
    scores = [float(p) for p in model.probabilities(parts)[:, column]]
    if conversation.format is InputFormat.PLAIN:
        # No speakers or turns could be told apart, so the shape of the exchange says
        # nothing (and no training conversation looks like this): the words decide, as
        # the window model alone did before the conversation model.
        best = max(scores)
        return GateVerdict(
            negotiation=best >= WINDOW_THRESHOLD,
            probability=round(best, 3),
            seen="no speakers told apart; "
            + ("wording of a negotiation" if best >= WINDOW_THRESHOLD else "no wording of one"),
        )
    features = conversation_features(conversation, scores)
    probability = float(load_conversation_model().probability(vector(features)))
    if is_short_exchange(conversation):
        seen = "a short exchange between two people, not judged"
        return GateVerdict(negotiation=True, probability=round(probability, 3), seen=seen)
    negotiation = probability >= THRESHOLD
    return GateVerdict(
        negotiation=negotiation,
        probability=round(probability, 3),
        seen=describe(conversation, features, negotiation=negotiation),
    )
