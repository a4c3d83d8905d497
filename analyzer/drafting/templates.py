"""The draft templates and per-language wording, loaded from `prompts/templates/<lang>/`.

Two files per language, both data so that a language or a phrasing is added without
touching Python:
- `language.toml`: greetings, sign-offs, tone openers and closers, talking-point cues,
  the vocabulary of issues a thread can be stuck on, and the phrase patterns the draft
  rules use (what counts as a condition, a question about time, a concession...);
- `drafts.toml`: per strategy, who the draft is for and several phrasings, each a list
  of `[role, sentence]` pairs (the role becomes a cue in talking points).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from analyzer.options import Tone
from analyzer.resources import prompts_dir
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


def templates_dir() -> Path:
    """The folder of per-language template folders."""
    return prompts_dir() / "templates"


def template_languages() -> list[str]:
    """Languages that have draft templates (read once per process)."""
    return list(_template_languages())


@cache
def _template_languages() -> tuple[str, ...]:
    folders = templates_dir().iterdir()
    return tuple(sorted(p.name for p in folders if (p / "drafts.toml").is_file()))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a string or a list of strings")
    return tuple(value)


def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def load_pack(language: str) -> LanguagePack:
    """Load one language's templates (cached for the process)."""
    folder = templates_dir() / language
    lang = tomllib.loads((folder / "language.toml").read_text(encoding="utf-8"))
    drafts = tomllib.loads((folder / "drafts.toml").read_text(encoding="utf-8"))
    where = f"templates/{language}"
    tones = {
        tone: ToneWords(
            **{
                key: _strings(lang["tone"][tone.value][key], f"{where} tone.{tone.value}.{key}")
                for key in ToneWords.__slots__
            }
        )
        for tone in Tone
    }
    issues = tuple(
        IssueTerm(label=str(t["label"]), match=_pattern(_strings(t["match"], f"{where} issue")))
        for t in lang["issue"]["terms"]
    )
    forms = {name: (str(pair[0]), str(pair[1])) for name, pair in lang["issue"]["forms"].items()}
    strategies: dict[Strategy, StrategyTemplates] = {}
    for key, entry in drafts.items():
        variants = tuple(
            Variant(
                lines=tuple((str(role), str(text)) for role, text in v["lines"]),
                tones=frozenset(Tone(t) for t in v.get("tones", [t.value for t in Tone])),
                media=frozenset(str(m) for m in v.get("media", ["email", "call"])),
            )
            for v in entry["variants"]
        )
        strategies[Strategy(key)] = StrategyTemplates(
            audience=Audience(entry.get("audience", "counterpart")), variants=variants
        )
    return LanguagePack(
        language=language,
        name_style=str(lang["meta"]["name_style"]),
        them=str(lang["meta"]["them"]),
        quotes=(str(lang["meta"]["quote_open"]), str(lang["meta"]["quote_close"])),
        issue_forms=forms,
        issues=issues,
        tones=tones,
        greeting_unknown=_strings(lang["email"]["greeting_unknown"], where),
        network_greeting=_strings(lang["email"]["network_greeting"], where),
        headers={k: str(v) for k, v in lang["call"].items()},
        cues={k: str(v) for k, v in lang["cues"].items()},
        notes={k: _strings(v, f"{where} notes.{k}") for k, v in lang["notes"].items()},
        checks={k: _pattern(_strings(v, f"{where} checks.{k}")) for k, v in lang["checks"].items()},
        strategies=strategies,
    )
