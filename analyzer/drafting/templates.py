"""The draft templates and per-language wording, from the language packs.

Two files of `analyzer/languages/<lang>/`, both data so that a language or a phrasing is
added without touching Python (read and validated by `languages.pack`):
- `language.toml`: greetings, sign-offs, tone openers and closers, talking-point cues,
  the vocabulary of issues a thread can be stuck on, and the phrase patterns the draft
  rules use (what counts as a condition, a question about time, a concession...);
- `drafts.toml`: per strategy, who the draft is for and several phrasings, each a list
  of `[role, sentence]` pairs (the role becomes a cue in talking points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from analyzer.languages.pack import draft_languages, drafts_file, language_file
from analyzer.options import Tone
from analyzer.taxonomy import Strategy


class Audience(StrEnum):
    """Who a strategy's draft is written to."""

    COUNTERPART = "counterpart"
    NETWORK = "network"  # someone close to the counterpart (tap_network)
    SELF = "self"  # a note for the user, never sent (control_information)


@dataclass(frozen=True, slots=True)
class Variant:
    """One phrasing of a strategy: its sentences with their roles, and the tones it suits."""

    lines: tuple[tuple[str, str], ...]
    tones: frozenset[Tone]
    media: frozenset[str]  # "email", "call"


@dataclass(frozen=True, slots=True)
class StrategyTemplates:
    """Every phrasing of one strategy in one language."""

    audience: Audience
    variants: tuple[Variant, ...]


@dataclass(frozen=True, slots=True)
class IssueTerm:
    """A kind of issue a negotiation gets stuck on, and how drafts name it."""

    label: str
    match: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ToneWords:
    """What a tone adds around the body of an email or a call."""

    greeting: tuple[str, ...]
    signoff: tuple[str, ...]
    opener_replied: tuple[str, ...]
    opener_silent: tuple[str, ...]
    call_opener: tuple[str, ...]
    closer: tuple[str, ...]
    bridge: tuple[str, ...]  # added to a short email so it reads as a message


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """One language's wording and patterns, and its strategy templates."""

    language: str
    name_style: str  # "first": "Hi Tom,"; "full": "Guten Tag Sabine Hartmann,"
    them: str  # stands in for an unknown counterpart in cues
    quotes: tuple[str, str]
    issue_forms: dict[str, tuple[str, str]]  # placeholder -> (with label, without)
    issues: tuple[IssueTerm, ...]
    tones: dict[Tone, ToneWords]
    greeting_unknown: tuple[str, ...]
    network_greeting: tuple[str, ...]
    headers: dict[str, str]
    cues: dict[str, str]
    notes: dict[str, tuple[str, ...]]
    checks: dict[str, re.Pattern[str]]
    strategies: dict[Strategy, StrategyTemplates]


def template_languages() -> list[str]:
    """Languages whose pack has draft templates (read once per process)."""
    return list(draft_languages())


def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def load_pack(language: str, root: Path | None = None) -> LanguagePack:
    """Load one language's templates (cached for the process); `root`: the folder of packs."""
    lang = language_file(language, root)
    drafts = drafts_file(language, root)
    tones = {
        tone: ToneWords(**{key: getattr(lang.tone.of(tone), key) for key in ToneWords.__slots__})
        for tone in Tone
    }
    issues = tuple(IssueTerm(label=t.label, match=_pattern(t.match)) for t in lang.issue.terms)
    strategies = {
        strategy: StrategyTemplates(
            audience=Audience(entry.audience),
            variants=tuple(
                Variant(lines=v.lines, tones=frozenset(v.tones), media=frozenset(v.media))
                for v in entry.variants
            ),
        )
        for strategy, entry in drafts.root.items()
    }
    return LanguagePack(
        language=language,
        name_style=lang.meta.name_style,
        them=lang.meta.them,
        quotes=(lang.meta.quote_open, lang.meta.quote_close),
        issue_forms=dict(lang.issue.forms),
        issues=issues,
        tones=tones,
        greeting_unknown=lang.email.greeting_unknown,
        network_greeting=lang.email.network_greeting,
        headers=dict(lang.call),
        cues=dict(lang.cues),
        notes=dict(lang.notes),
        checks={k: _pattern(v) for k, v in lang.checks.items()},
        strategies=strategies,
    )
