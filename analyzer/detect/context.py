"""What every detector sees: the conversation, who is on which side, and cheap facts.

Built once per analysis so detectors do not each re-split sentences or re-scan for terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from analyzer.analysis import Side, SideHow
from analyzer.detect.anchors import TextIndex, index_text
from analyzer.detect.lexicon import Lexicon
from analyzer.models import Conversation, Turn

# A sentence ends at ., ! or ? (or a closing quote after one) followed by spaces.
# "That's our final offer, right?" states a position; the tag only asks for a nod.
_TAG_QUESTION = re.compile(
    r",\s*¿?\s*(?:right|ok|okay|yeah|yes|no|vale|verdad|va|sale|eh|oder|ja|gell|non|d'accord|"
    r"n'est-ce pas|hein|ok\?|capisce)\s*\?$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*[ \t]+")
# A period after these ends no sentence ("Mr. Okafor", "z. B. die Miete", "ca. 5 %").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "approx",
        "incl",
        "excl",
        "esp",
        "dept",
        "tel",
        "fig",
        "e.g",
        "i.e",
        "cf",
        "ca",
        "bzw",
        "ggf",
        "evtl",
        "inkl",
        "zzgl",
        "vgl",
        "z.b",
        "u.a",
        "d.h",
        "s.o",
        "mme",
        "mlle",
        "env",
        "p.ex",
        "sra",
        "sres",
        "srta",
        "dña",
        "dra",
        "lic",
        "ing",
        "arq",
        "p.ej",
        "aprox",
        "núm",
    ]
)
# "No. 5", "Nr. 12": abbreviations only before a number ("That is a no. We stop.").
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "nr", "núm", "n°"})
_WORD_BEFORE = re.compile(r"(?:^|[\s(])((?:[^\W\d_]\.)*[^\W\d_]+)\.$")


class Role(StrEnum):
    """A speaker's role relative to the user."""

    US = "us"
    THEM = "them"
    OTHER = "other"  # a colleague or a party neither named nor implied
    UNKNOWN = "unknown"  # neutral analysis: every party counts


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one line of a turn: where it is and what it says."""

    turn: int
    start: int  # offset in the turn's text
    text: str
    index: TextIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every detector searches every sentence: lower-case and tokenise it only once.
        object.__setattr__(self, "index", index_text(self.text))

    @property
    def is_question(self) -> bool:
        """Whether the sentence asks something (a trailing tag like ", right?" does not)."""
        text = self.text.rstrip()
        return text.endswith("?") and not _TAG_QUESTION.search(text)


@dataclass(frozen=True, slots=True)
class DetectionContext:
    """Shared, precomputed view of one conversation for the detectors."""

    conversation: Conversation
    lexicon: Lexicon
    side: Side
    roles: dict[str, Role]
    sentences: tuple[tuple[Sentence, ...], ...]  # per turn
    terms_by_turn: tuple[bool, ...]  # whether terms were discussed up to this turn
    # Per phrase detector (by position): the (turn, sentence) pairs that hold one of its
    # anchor words, in reading order; the other sentences cannot fire it.
    candidates: tuple[tuple[tuple[int, int], ...], ...]

    def role(self, speaker: str) -> Role:
        """The role of a speaker (UNKNOWN in a neutral analysis)."""
        return self.roles.get(speaker, Role.UNKNOWN)

    def counts_as_them(self, turn: Turn) -> bool:
        """Whether impasse signals may come from this turn's speaker (rule 2)."""
        if self.side.how is SideHow.NEUTRAL:
            return True
        return self.role(turn.speaker) is Role.THEM


def split_sentences(turn: Turn) -> tuple[Sentence, ...]:
    """Sentences of a turn, never crossing a line break (quotes stay within one line)."""
    out: list[Sentence] = []
    text = turn.text
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        piece_start = line_start
        for boundary in _BOUNDARY.finditer(text, line_start, line_end):
            before = text[max(line_start, boundary.start() - 12) : boundary.start()]
            if _after_abbreviation(before, text[boundary.end() : boundary.end() + 3]):
                continue
            _add_sentence(out, turn.index, text, piece_start, boundary.start())
            piece_start = boundary.end()
        _add_sentence(out, turn.index, text, piece_start, line_end)
        line_start = line_end + 1
    return tuple(out)


def _after_abbreviation(before: str, after: str) -> bool:
    """Whether a period ends an abbreviation ("Mr.", "z. B.") or an initial ("J.")."""
    found = _WORD_BEFORE.search(before)
    if found is None:
        return False
    word = found.group(1).lower()
    if word in _NUMBER_ABBREVIATIONS:
        return after[:1].isdigit()
    if len(word) == 1 and after[1:2] == "." and after[:1].isalpha():
        return True  # the first half of "z. B.", "d. h.", "u. a."
    return word in _ABBREVIATIONS or (len(word) == 1 and found.group(1).isupper())


def _add_sentence(out: list[Sentence], turn: int, text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        out.append(Sentence(turn=turn, start=start + lead, text=stripped))


def _candidates(
    sentences: tuple[tuple[Sentence, ...], ...], lexicon: Lexicon
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Invert the per-sentence detector masks into per-detector sentence lists."""
    index = lexicon.index
    found: list[list[tuple[int, int]]] = [[] for _ in lexicon.detectors]
    for turn, turn_sentences in enumerate(sentences):
        for k, sentence in enumerate(turn_sentences):
            mask = index.mask(sentence.index)
            while mask:
                low = mask & -mask
                found[low.bit_length() - 1].append((turn, k))
                mask ^= low
    return tuple(tuple(pairs) for pairs in found)


def build_context(conversation: Conversation, lexicon: Lexicon, side: Side) -> DetectionContext:
    """Precompute sentences, roles and where terms start being discussed."""
    roles: dict[str, Role] = {}
    if side.how is not SideHow.NEUTRAL:
        for name in conversation.speakers():
            if name in side.us:
                roles[name] = Role.US
            elif name in side.them:
                roles[name] = Role.THEM
            else:
                roles[name] = Role.OTHER
    sentences = tuple(split_sentences(t) for t in conversation.turns)
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
    return DetectionContext(
        conversation=conversation,
        lexicon=lexicon,
        side=side,
        roles=roles,
        sentences=sentences,
        terms_by_turn=tuple(flags),
        candidates=candidates,
    )
