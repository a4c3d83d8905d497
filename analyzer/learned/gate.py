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
# training conversations, never a test set; texts in one voice judged by their words, see
# ONE_VOICE_THRESHOLD): at 0.2, 2 of 192 negotiations vetoed (both German, one in the doubt
# band) and 21 of 218 other texts let through; at 0.3, 2 and 21; at 0.1, 2 and 34 (the window model
# alone at 0.5: 4 and 22 once short group chats are judged; the gate before this model, on
# the first 308: 4 of 154 and 46 of 154). A wrong veto hides a real impasse, a text let
# through costs at most a false alarm, hence the low point (out of fold, 4 of the
# development set's 243 negotiations score under 0.3, 1 under 0.2).
THRESHOLD = 0.2
# Between DOUBT and THRESHOLD the gate is unsure (in the cross-validation its wrong veto
# falls there): there, demands with conditions in the checked evidence outweigh it
# (framework/gate.py decides).
DOUBT = 0.1
# A text in one voice (one speaker, or no speakers told apart) is judged by its words alone:
# the shape of an exchange says nothing there, and in training "one voice" is nearly always
# a newsletter or an announcement, so the conversation model would veto a single pasted
# demand ("keep us at 49 and we sign; otherwise cancel"). Out of fold, the window model's
# best window lets 5 of 81 one-speaker training texts that are not negotiations through at
# 0.3 and at 0.5 (10 at 0.2), none of 49 real plain-text mails at 0.2, and passes the 3
# one-speaker negotiations; with the whole gate (`training/gate_check.py --flagged`), 6 of
# 218 other texts are then flagged as impasses at 0.3 and at 0.5, 8 at 0.2. The lower of
# the equal points: a wrong veto hides a real impasse.
ONE_VOICE_THRESHOLD = 0.3
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
        for chunk in _chunks(piece, size):
            if current and length + len(chunk) > size:
                out.append("\n".join(current))
                current, length = [], 0
            current.append(chunk)
            length += len(chunk)
    if current:
        out.append("\n".join(current))
    if len(out) > MAX_WINDOWS:
        step = len(out) / MAX_WINDOWS
        out = [out[int(i * step)] for i in range(MAX_WINDOWS)]
    return out


def _chunks(piece: str, size: int) -> list[str]:
    """A long turn in pieces of about `size` characters, cut at a line or a word: a demand
    at the end of a long message is read, not cut off."""
    out: list[str] = []
    start = 0  # positions, not slices of the rest: linear on a 20 MB one-line file
    while len(piece) - start > size:
        cut = piece.rfind("\n", start + size // 2, start + size)
        if cut < 0:
            cut = piece.rfind(" ", start + size // 2, start + size)
        if cut < 0:
            cut = start + size
        out.append(piece[start:cut])
        start = cut
        while start < len(piece) and piece[start].isspace():
            start += 1
    if start < len(piece):
        out.append(piece[start:])
    return out


def one_voice(conversation: Conversation) -> bool:
    """One speaker, or none told apart: a message, a newsletter, a pasted text."""
    return conversation.format is InputFormat.PLAIN or len(conversation.speakers()) <= 1


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
    if one_voice(conversation):
        # No exchange to read the shape of: the words decide (ONE_VOICE_THRESHOLD).
        best = max(scores)
        voice = (
            "no speakers told apart" if conversation.format is InputFormat.PLAIN else "one speaker"
        )
        return GateVerdict(
            negotiation=best >= ONE_VOICE_THRESHOLD,
            probability=round(best, 3),
            seen=f"{voice}; "
            + ("wording of a negotiation" if best >= ONE_VOICE_THRESHOLD else "no wording of one"),
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
