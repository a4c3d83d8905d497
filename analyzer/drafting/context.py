"""What a draft can name: who it is for, who signs it, the issue at stake, the medium.

Everything here comes from the thread and the analysis (never invented): the
counterpart is whoever shows the current impasse, the issue is the term their words (or,
failing that, the thread) are about, and the medium follows the input: an email thread
gets an email reply, a call transcript gets talking points for the next call.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from analyzer.analysis import Analysis, Signal
from analyzer.drafting.templates import LanguagePack
from analyzer.languages.shared import shared_words
from analyzer.models import Conversation, Kind
from analyzer.parsers.build import UNKNOWN_SPEAKER
from analyzer.taxonomy import SignalType

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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
    if parts[0].lower().rstrip(".") in shared_words().name_titles:
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
    """Who signs the draft: the user, when their side is known (`--me`, or the stated
    heuristic, which the notices name); otherwise the draft is left unsigned rather than
    signed as a guessed party."""
    if analysis.side.us and counterpart not in analysis.side.us:
        return analysis.side.us[0]
    return None


def find_issue(pack: LanguagePack, signals: list[Signal], conversation: Conversation) -> str | None:
    """The issue at stake, in the conversation's own words, or None ("this point").

    Only what the impasse is about counts: a known issue term in what the signals quote,
    else in the turns they come from (never elsewhere in the thread, where an agreed
    point or another topic would be named instead). The term is named by its label when
    the label's words occur in the conversation, else by the conversation's own words,
    quoted, so a draft never names something nobody said.
    """
    turns = conversation.turns
    quoted = [s.quote for s in signals] + [turns[i].text for i in sorted({s.turn for s in signals})]
    scope = "\n".join(quoted)
    thread = _words(" ".join(t.text for t in turns))
    for term in pack.issues:
        found = term.match.search(scope)
        if found is None:
            continue
        if _content_words(term.label) <= thread:
            return term.label
        own = _whole_words(scope, found.start(), found.end()).strip(" ,.;:!?()\"'")
        return f"{pack.quotes[0]}{own}{pack.quotes[1]}"
    return None


def _whole_words(text: str, start: int, end: int) -> str:
    """The matched text widened to whole words ("liabilit" -> "liability")."""

    def inside(i: int) -> bool:  # a letter or digit, or a separator within a number
        c = text[i]
        return c.isalnum() or (
            c in ",.'" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        )

    while start > 0 and inside(start - 1):
        start -= 1
    while end < len(text) and inside(end):
        end += 1
    return text[start:end]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("-", " ")))


def _content_words(label: str) -> set[str]:
    """The words of a label that carry its meaning (articles and short words aside)."""
    return {w for w in _words(label) if len(w) > 3}


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
