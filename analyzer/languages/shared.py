"""Words every reader applies whatever the conversation's language, from every pack.

Threads mix languages (a German reply under an English thread, "Mr." in a French email),
so where a sentence ends, how a message greets someone and what turns an acceptance into
a condition are read with the words of all packs at once: each pack's `[sentences]`,
`[address]`, `[acceptance]` and `[mail]` tables are merged here (in the packs' order)
and compiled once. A new pack's words count as soon as its folder exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzer.languages.pack import lexicon_file, pack_languages
from analyzer.languages.schema import LexiconFile

_NEVER = "(?!)"  # an alternation of no words matches nothing (not the empty string)


@dataclass(frozen=True, slots=True)
class SharedWords:
    """Every pack's shared words, compiled."""

    abbreviations: frozenset[str]  # a period after one ends no sentence
    number_abbreviations: frozenset[str]  # ... when a number follows ("No. 5")
    tag_question: re.Pattern[str]  # ", right?" at the end of a sentence
    greeting: re.Pattern[str]  # "Hi Kim" / "Sehr geehrte Frau Maier": group 1 is the name
    name_titles: frozenset[str]  # "Dr." keeps "Dr. Lee" whole
    courtesy_titles: frozenset[str]  # "Mrs" stays on a contact "Mrs Carter"
    reply_opener: str  # "hi|hello|...|thanks|merci": what opens a reply to a name (a pattern)
    not_names: frozenset[str]  # "zusammen", "sir", "monday": no one's name after a greeting
    condition: re.Pattern[str]  # ", but ..." / "as long as ..." (on lower-cased text)
    condition_starts: tuple[str, ...]  # "if " opening a sentence (lower-cased)
    condition_near_start: tuple[str, ...]  # " if " within its first 40 characters
    goodbye: re.Pattern[str]  # "thanks, talk soon" (on lower-cased text)
    not_now: re.Pattern[str]  # "not yet", "last year" (on lower-cased text)
    refusals: tuple[str, ...]  # "cannot accept" (lower-cased substrings)
    public_domains: frozenset[str]  # gmail.com: its users are not colleagues
    handover: re.Pattern[str]  # "details below": a contact block follows, no signature


def _any(patterns: Iterable[str]) -> str:
    unique = list(dict.fromkeys(patterns))
    return "|".join(unique) if unique else _NEVER


@cache
def shared_words(root: Path | None = None) -> SharedWords:
    """The merged words of every pack under `root` (the packaged packs by default)."""
    files = [lexicon_file(lang, root) for lang in pack_languages(root)]

    def every(table: Callable[[LexiconFile], tuple[str, ...]]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(word for f in files for word in table(f)))

    greetings = _any(every(lambda f: f.address.greetings))
    titles = _any(every(lambda f: f.address.titles))
    contrasts = _any(every(lambda f: f.acceptance.contrasts))
    provisos = _any(every(lambda f: f.acceptance.provisos))
    return SharedWords(
        abbreviations=frozenset(every(lambda f: f.sentences.abbreviations)),
        number_abbreviations=frozenset(every(lambda f: f.sentences.number_abbreviations)),
        # An opening "¿" may come before a Spanish tag (", ¿verdad?").
        tag_question=re.compile(
            rf",\s*¿?\s*(?:{_any(every(lambda f: f.sentences.tag_questions))})\s*\?$",
            re.IGNORECASE,
        ),
        greeting=re.compile(
            rf"^\s*(?:{greetings})\s+(?:(?:{titles})\s+){{0,2}}([A-ZÀ-Ý][\w'-]+)", re.IGNORECASE
        ),
        name_titles=frozenset(every(lambda f: f.address.name_titles)),
        courtesy_titles=frozenset(every(lambda f: f.address.courtesy_titles)),
        reply_opener=_any(
            (*every(lambda f: f.address.greetings), *every(lambda f: f.address.thanks))
        ),
        not_names=frozenset(every(lambda f: f.address.not_names)),
        condition=re.compile(rf"(?:,|;|\s[-–—])\s*(?:{contrasts})\b|\b(?:{provisos})\b"),
        condition_starts=every(lambda f: f.acceptance.condition_starts),
        condition_near_start=every(lambda f: f.acceptance.condition_near_start),
        goodbye=re.compile(rf"\b(?:{_any(every(lambda f: f.acceptance.goodbyes))})\b"),
        not_now=re.compile(rf"\b(?:{_any(every(lambda f: f.acceptance.not_now))})\b"),
        refusals=every(lambda f: f.acceptance.refusals),
        public_domains=frozenset(every(lambda f: f.mail.public_domains)),
        handover=re.compile(_any(every(lambda f: f.mail.handovers)), re.IGNORECASE),
    )
