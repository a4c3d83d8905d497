"""The reading of one conversation: everything derived from its text once per analysis.

The pipeline builds one `Reading` after parsing and resolving the side; every detector,
framework rule and draft check reads it, so nothing re-splits sentences, re-detects the
language or re-scans for terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from analyzer.analysis import Side, SideHow
from analyzer.languages.lexicon import Lexicon, load_lexicon
from analyzer.models import Conversation, Turn
from analyzer.reading.sentences import Sentence, split_sentences
from analyzer.steps import every, step


class Role(StrEnum):
    """A speaker's role relative to the user."""

    US = "us"
    THEM = "them"
    OTHER = "other"  # a colleague or a party neither named nor implied
    UNKNOWN = "unknown"  # neutral analysis: every party counts


@dataclass(frozen=True, slots=True)
class Reading:
    """One conversation as every analysis step reads it (built once, by the pipeline)."""

    conversation: Conversation
    lexicon: Lexicon
    side: Side
    roles: dict[str, Role]
    sentences: tuple[tuple[Sentence, ...], ...]  # per turn
    terms_by_turn: tuple[bool, ...]  # whether terms were discussed up to this turn
    # Per phrase detector (by position): the (turn, sentence) pairs that hold one of its
    # anchor words, in reading order; the other sentences cannot fire it.
    candidates: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def language(self) -> str:
        """The ISO 639-1 code whose lexicon this reading uses."""
        return self.lexicon.language

    def role(self, speaker: str) -> Role:
        """The role of a speaker (UNKNOWN in a neutral analysis)."""
        return self.roles.get(speaker, Role.UNKNOWN)

    def counts_as_them(self, turn: Turn) -> bool:
        """Whether impasse signals may come from this turn's speaker (rule 2)."""
        if self.side.how is SideHow.NEUTRAL:
            return True
        return self.role(turn.speaker) is Role.THEM


def _candidates(
    sentences: tuple[tuple[Sentence, ...], ...], lexicon: Lexicon
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Invert the per-sentence detector masks into per-detector sentence lists."""
    index = lexicon.index
    found: list[list[tuple[int, int]]] = [[] for _ in lexicon.detectors]
    for turn, turn_sentences in enumerate(sentences):
        for k, sentence in enumerate(turn_sentences):
            mask = index.mask(sentence.index)
            at = (turn, k)  # one tuple shared by every detector's list
            while mask:
                low = mask & -mask
                found[low.bit_length() - 1].append(at)
                mask ^= low
    return tuple(tuple(pairs) for pairs in found)


def build_reading(conversation: Conversation, side: Side, language: str) -> Reading:
    """Read a conversation once: its sentences, roles, and where terms start being
    discussed, with the lexicon of `language` (which must have one)."""
    lexicon = load_lexicon(language)
    roles: dict[str, Role] = {}
    if side.how is not SideHow.NEUTRAL:
        for name in conversation.speakers():
            if name in side.us:
                roles[name] = Role.US
            elif name in side.them:
                roles[name] = Role.THEM
            else:
                roles[name] = Role.OTHER
    turns = conversation.turns
    split: list[tuple[Sentence, ...]] = []
    report = every(len(turns))
    for n, turn in enumerate(turns):
        if n % report == 0:
            step("reading", n, len(turns))
        split.append(split_sentences(turn))
    sentences = tuple(split)
    candidates = _candidates(sentences, lexicon)
    terms = lexicon.phrase("terms")
    # Terms are on the table once someone names them and the other side has spoken
    # after that: a price in our unanswered pitch does not start a negotiation.
    named_by: set[str] = set()
    on_table = False
    flags: list[bool] = []
    for turn in conversation.turns:
        if any(speaker != turn.speaker for speaker in named_by):
            on_table = True
        if terms.search(turn.text):
            named_by.add(turn.speaker)
            if roles.get(turn.speaker) is Role.THEM:
                on_table = True
        flags.append(on_table)
    return Reading(
        conversation=conversation,
        lexicon=lexicon,
        side=side,
        roles=roles,
        sentences=sentences,
        terms_by_turn=tuple(flags),
        candidates=candidates,
    )
