"""Whose side the user is on: matching `--me`/`--them` to participants, or a heuristic.

Matching is forgiving the way people type names: case-insensitive, name parts in any
order ("Reyes, Dana" = "Dana Reyes"), an email address or its local part, or a first
name alone when only one participant has it. Participants who share our email domain
(and are not named) are colleagues: on neither side, unless the domain is a public
provider's (a language pack's `[mail] public_domains`).
"""

from __future__ import annotations

import re

from analyzer.analysis import Side, SideHow
from analyzer.languages.shared import shared_words
from analyzer.models import Conversation, Participant
from analyzer.options import AnalyzeOptions

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in _TOKEN.findall(text))


def _domain(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].lower()


def _all_names(p: Participant) -> list[str]:
    return [p.name, *p.aliases]


def _all_addresses(p: Participant) -> list[str]:
    return [a for a in dict.fromkeys([p.address, *p.addresses]) if a]


def _first_names(p: Participant) -> set[str]:
    return {n.split()[0].lower() for n in _all_names(p) if n.split() and "@" not in n}


def match_participants(query: str, participants: list[Participant]) -> list[Participant]:
    """Participants that `query` names (possibly several for a shared token).

    Every name a participant goes by counts: the canonical name, its aliases ("Davis,
    Dana", "dana.davis") and each of its addresses.
    """
    q = query.strip()
    if not q:
        return []
    ql = q.lower()
    exact = [
        p
        for p in participants
        if any(n.lower() == ql for n in _all_names(p))
        or any(a.lower() == ql for a in _all_addresses(p))
    ]
    if exact:
        return exact
    q_tokens = _tokens(q)
    by_tokens = [
        p for p in participants if q_tokens and any(_tokens(n) == q_tokens for n in _all_names(p))
    ]
    if by_tokens:
        return by_tokens
    firsts = [p for p in participants if ql in _first_names(p)]
    if len(firsts) > 1:
        return []  # "Tom" when two Toms take part: ambiguous, whatever the addresses say
    local = [
        p for p in participants if any(a.lower().split("@", 1)[0] == ql for a in _all_addresses(p))
    ]
    if local:
        return local
    if len(q_tokens) == 1:
        (token,) = q_tokens
        firsts = [p for p in participants if token in _first_names(p)]
        if len(firsts) == 1:
            return firsts
    # All the query's name parts present in the participant's name ("Dana R." is not).
    subset = [
        p for p in participants if q_tokens and any(q_tokens <= _tokens(n) for n in _all_names(p))
    ]
    return subset if len(subset) == 1 else []


def resolve_side(conversation: Conversation, options: AnalyzeOptions) -> tuple[Side, list[str]]:
    """The side of the analysis and the notices explaining how it was decided."""
    notices: list[str] = []
    people = conversation.participants
    us = _resolve(options.me, people, "--me", notices)
    them = _resolve(options.them, people, "--them", notices)
    if us or them:
        names = [p.name for p in people]
        if us and not them:
            domains = {d for p in people if p.name in us and (d := _domain(p.address))}
            domains -= shared_words().public_domains  # the packs' `[mail]` providers
            colleagues = [
                p.name for p in people if p.name not in us and _domain(p.address) in domains
            ]
            them = [n for n in names if n not in us and n not in colleagues]
        elif them and not us:
            us = [n for n in names if n not in them]
        return Side(us=us, them=them, how=SideHow.OPTION), notices
    guess = _heuristic(conversation)
    if guess is not None:
        return guess, [
            f"No side was given; {', '.join(guess.us)} sent the unanswered follow-ups at the "
            "end, so the analysis takes their side. Use --me to choose."
        ]
    return Side(), notices


def _resolve(
    queries: list[str], people: list[Participant], flag: str, notices: list[str]
) -> list[str]:
    names: list[str] = []
    for query in queries:
        found = match_participants(query, people)
        if not found:
            known = ", ".join(p.name for p in people) or "none"
            notices.append(
                f"{flag} {query!r} matches no participant (participants: {known}); "
                "the analysis is neutral on that point."
            )
        names += [p.name for p in found if p.name not in names]
    return names


def _heuristic(conversation: Conversation) -> Side | None:
    """Confident only in one case: the thread ends with a run of one party's messages
    after the other side spoke, as when a user pastes a thread they are chasing."""
    turns = conversation.turns
    speakers = conversation.speakers()
    if len(turns) < 3 or len(speakers) != 2 or conversation.kind.value != "email":
        return None
    last = turns[-1].speaker
    run = 0
    for turn in reversed(turns):
        if turn.speaker != last:
            break
        run += 1
    if run < 2 or run == len(turns):
        return None
    other = [s for s in speakers if s != last]
    return Side(us=[last], them=other, how=SideHow.HEURISTIC)
