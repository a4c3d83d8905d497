"""What a draft can name: who it is for, who signs it, the issue at stake, the medium.

Everything here comes from the thread and the analysis (never invented): the
counterpart is whoever shows the current impasse, the issue is the term their words (or,
failing that, the thread) are about, and the medium follows the input: an email thread
gets an email reply, a call transcript gets talking points for the next call.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from analyzer.analysis import Analysis, Signal
from analyzer.drafting.templates import LanguagePack
from analyzer.languages.shared import shared_words
from analyzer.models import Conversation, Kind
from analyzer.parsers.build import UNKNOWN_SPEAKER
from analyzer.taxonomy import SignalType


class Medium(StrEnum):
    """How the user will answer."""

    EMAIL = "email"  # a short reply to send
    CALL = "call"  # talking points for the next call or meeting


@dataclass(frozen=True, slots=True)
class DraftContext:
    """The facts a draft is written from."""

    language: str
    medium: Medium
    counterpart: str | None  # display name, e.g. "Chidi Okonkwo"
    user: str | None
    issue: str | None  # the issue's label in the language pack, e.g. "the liability cap"
    replied: bool  # whether the counterpart spoke last (else we wait on an answer)
    signal_types: tuple[SignalType, ...]
    seed: str  # what makes this thread's drafts its own

    def pick(self, salt: str, count: int) -> int:
        """A deterministic choice among `count` options, different per thread and salt."""
        digest = hashlib.sha256(f"{self.seed}|{salt}".encode()).digest()
        return int.from_bytes(digest[:4], "big") % max(count, 1)


def first_name(display: str | None) -> str | None:
    """How an English email greets someone: "Chidi Okonkwo" -> "Chidi".

    An address gives its local part ("tom.baker@x.com" -> "Tom"); a name with a title
    ("Dr. Lee": a title of a language pack's `[address] name_titles`) is kept whole.
    """
    if not display:
        return None
    name = display.strip()
    if "@" in name:
        local = name.split("@", 1)[0].replace("_", ".").split(".")[0]
        return local.capitalize() if local.isalpha() else None
    parts = name.split()
    if not parts or name == UNKNOWN_SPEAKER:
        return None
    if parts[0].lower() in shared_words().name_titles:
        return name
    return parts[0]


def counterpart_of(analysis: Analysis) -> str | None:
    """Who shows the current impasse: on their side, whoever shows most of its signals
    (the latest of them on a tie)."""
    them = set(analysis.side.them)
    ordered = sorted(analysis.signals, key=lambda s: s.turn)
    theirs = [s for s in ordered if not them or s.speaker in them]
    if theirs:
        count = Counter(s.speaker for s in theirs)
        latest = {s.speaker: s.turn for s in theirs}
        return max(count, key=lambda name: (count[name], latest[name]))
    if analysis.side.them:
        return analysis.side.them[0]
    return ordered[-1].speaker if ordered else None


def user_of(analysis: Analysis, conversation: Conversation, counterpart: str | None) -> str | None:
    """Who signs the draft: the user's side if known, else the one other correspondent."""
    if analysis.side.us:
        return analysis.side.us[0]
    others = [p for p in conversation.participants if p.name not in {counterpart, UNKNOWN_SPEAKER}]
    others = [p for p in others if p.name not in analysis.side.them]
    if len(others) == 1:
        return others[0].name
    if others and conversation.kind is Kind.EMAIL:
        # Several people on our side: the one who wrote most often to the counterpart.
        return max(others, key=lambda p: p.turns).name
    return None


def find_issue(pack: LanguagePack, signals: list[Signal], conversation: Conversation) -> str | None:
    """The issue at stake, most specific term first: in what the signals quote and the
    turns they come from, else in the thread (the latest turns first)."""
    turns = conversation.turns
    quoted = [s.quote for s in signals] + [turns[i].text for i in sorted({s.turn for s in signals})]
    scopes = ["\n".join(quoted), "\n".join(t.text for t in reversed(turns))]
    for scope in scopes:
        for term in pack.issues:
            if term.match.search(scope):
                return term.label
    return None


def draft_context(
    analysis: Analysis, conversation: Conversation, pack: LanguagePack
) -> DraftContext:
    """The draft context of one analysed conversation."""
    counterpart = counterpart_of(analysis)
    if counterpart == UNKNOWN_SPEAKER:
        counterpart = None  # greet without a name rather than "Guten Tag Unknown,"
    user = user_of(analysis, conversation, counterpart)
    issue = find_issue(pack, analysis.signals, conversation)
    last = conversation.turns[-1].speaker if conversation.turns else None
    replied = counterpart is None or last == counterpart
    types = tuple(sorted(dict.fromkeys(s.type for s in analysis.signals)))
    medium = Medium.CALL if conversation.kind is Kind.TRANSCRIPT else Medium.EMAIL
    seed = "|".join(
        [
            pack.language,
            counterpart or "",
            issue or "",
            ",".join(t.value for t in types),
            str(len(conversation.turns)),
            analysis.stage.value,
        ]
    )
    return DraftContext(
        language=pack.language,
        medium=medium,
        counterpart=counterpart,
        user=user,
        issue=issue,
        replied=replied,
        signal_types=types,
        seed=seed,
    )
