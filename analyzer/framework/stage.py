"""Stage and end type from grounded signals (rules 3 and 4), and what resolves an impasse.

The latest unresolved impasse decides: a signal a later turn resolves is not current; the
furthest stage the remaining signals reach is the stage (terms on the table move an
impasse from the beginning to the middle), and signals of an earlier stage are evidence
of an impasse that is no longer the current one.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.analysis import Signal
from analyzer.languages.shared import shared_words
from analyzer.reading import Reading, Role
from analyzer.taxonomy import END_SIGNALS, SIGNAL_STAGES, EndType, SignalType, Stage

_BEGINNING_ONLY = frozenset(
    s for s, stages in SIGNAL_STAGES.items() if stages == frozenset({Stage.BEGINNING})
)
_MIDDLE_ONLY = frozenset(
    s for s, stages in SIGNAL_STAGES.items() if stages == frozenset({Stage.MIDDLE})
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A later turn that resolves a signal, and the words that do it."""

    turn: int
    quote: str


def resolution_of(signal: Signal, reading: Reading) -> Resolution | None:
    """The first later turn that resolves this signal's impasse, if any.

    An acceptance or agreement resolves any impasse, whoever says it; a specific time
    from the other side resolves scheduling avoidance; for `no_response`, any later
    message from the silent party is an answer.
    """
    turns = reading.conversation.turns
    if signal.type is SignalType.AUTHORITY_LIMIT:
        promised = _answer_promised(signal, reading)
        if promised is not None:
            return promised
    strong = reading.lexicon.phrase("resolution")
    assent = reading.lexicon.phrase("assent")
    specific = reading.lexicon.phrase("specific_time")
    meeting = reading.lexicon.phrase("meeting")
    goodbye = shared_words().goodbye  # "sounds good, thanks, talk soon" accepts nothing
    beginning = SIGNAL_STAGES[signal.type] == frozenset({Stage.BEGINNING})
    scheduling = signal.type in {SignalType.SCHEDULING_AVOIDANCE, SignalType.HANDOFF_OR_DELAY}
    answered = False  # whether the other side has spoken since the signal
    for turn in turns[signal.turn + 1 :]:
        if signal.type is SignalType.NO_RESPONSE:
            if turn.speaker == signal.speaker:
                return Resolution(turn.index, _first_line(turn.text))
            continue
        theirs = turn.speaker == signal.speaker or reading.role(turn.speaker) is Role.THEM
        if not theirs:
            answered = True
        # "Sounds good" from whoever raised a mid- or end-stage impasse settles it only
        # as an answer to something the other side said after the signal: said in the
        # same breath, it is a goodbye ("sounds good, thanks, we'll stop here"). At the
        # beginning it usually just accepts the delay.
        assent_counts = turn.speaker == signal.speaker and not beginning and answered
        for sentence in reading.sentences[turn.index]:
            settles = (
                strong.search(sentence.index)
                or (
                    assent_counts
                    and assent.search(sentence.index)
                    and not goodbye.search(sentence.text.lower())
                )
                or (
                    theirs
                    and scheduling
                    and specific.search(sentence.index)
                    and meeting.search(sentence.index)
                )
            )
            # Checked after the cheap phrase search: a question, a condition ("if you move
            # to 6%, we agree", "happy to sign, but we need X"), a negation ("the board
            # hasn't approved it"), a hypothesis ("whether it gets approved") or history
            # ("our board approved it last year") settles nothing.
            if (
                settles
                and not sentence.is_question
                and not _conditional(sentence.text, reading)
                and _not_negated(sentence.text)
                and not _hypothetical_or_past(sentence.text)
            ):
                return Resolution(turn.index, sentence.text)
    return None


def _answer_promised(signal: Signal, reading: Reading) -> Resolution | None:
    """ "I need to run it past our CFO; you'll have an answer by Tuesday": a named day for
    the answer makes the authority check a next step, not an impasse."""
    promise = reading.lexicon.phrase("reply_promise")
    specific = reading.lexicon.phrase("specific_time")
    for turn in reading.conversation.turns[signal.turn :]:
        if turn.speaker != signal.speaker:
            continue
        for sentence in reading.sentences[turn.index]:
            if turn.index == signal.turn and signal.quote in sentence.text:
                continue  # the limit itself; a promise in it is caught by the detector
            if promise.search(sentence.index) and specific.search(sentence.index):
                return Resolution(turn.index, sentence.text)
    return None


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


def stage_for(signals: list[Signal], reading: Reading) -> Stage:
    """The furthest stage the (unresolved, grounded) signals reach."""
    if not signals:
        return Stage.NONE
    types = {s.type for s in signals}
    if types & END_SIGNALS:
        return Stage.END
    terms_on_table = any(reading.terms_by_turn[s.turn] for s in signals)
    # Without terms on the table, an impasse is still at the beginning when the other
    # side will not engage, even if they show unease or cite someone else's authority.
    if types & _BEGINNING_ONLY and not terms_on_table:
        return Stage.BEGINNING
    if types & _MIDDLE_ONLY:
        return Stage.MIDDLE
    # Left: beginning-only signals and the two-stage ones. Shopping around fits the
    # beginning; an authority limit or a policy means terms are being negotiated.
    if types & {SignalType.AUTHORITY_LIMIT, SignalType.PRECEDENT_OR_POLICY}:
        return Stage.MIDDLE
    if SignalType.ALTERNATIVE_SHOPPING in types and terms_on_table and not types & _BEGINNING_ONLY:
        return Stage.MIDDLE
    return Stage.BEGINNING


def end_type_for(signals: list[Signal], reading: Reading) -> EndType:
    """Soft when any end-stage evidence hedges on time or authority, else firm."""
    hedges = (reading.lexicon.phrase("hedge_time"), reading.lexicon.phrase("hedge_authority"))
    for signal in signals:
        if signal.type in {SignalType.WEASEL_WORDS, SignalType.AUTHORITY_LIMIT}:
            return EndType.SOFT
        if signal.type in END_SIGNALS and any(h.search(signal.quote) for h in hedges):
            return EndType.SOFT
    return EndType.FIRM
