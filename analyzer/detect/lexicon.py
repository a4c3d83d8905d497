"""Loading the per-language phrase lists (`lexicons/<lang>.toml`), compiled once.

A lexicon file holds:
- `[meta]`: the language code and a list of common function words for language detection;
- `[phrases]`: named phrase groups shared by detectors and rules (hedges, resolutions,
  follow-ups, specific times...), each a list of regular expressions;
- `[[detector]]` tables: one phrase detector each (see `DetectorSpec`).

Patterns are case-insensitive regular expressions matched within one sentence. They are
written without nested unbounded repetition so matching stays linear.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from analyzer.taxonomy import SignalType

LEXICON_PACKAGE = "analyzer.detect.lexicons"


class Phrases:
    """A compiled alternation of phrases, matched case-insensitively.

    Python's regex engine is several times slower with IGNORECASE on large alternations,
    so patterns are lower-cased once (escapes such as \\S kept) and the text is
    lower-cased per search instead.
    """

    __slots__ = ("pattern",)

    def __init__(self, patterns: list[str]) -> None:
        joined = "|".join(f"(?:{_lower_pattern(p)})" for p in patterns)
        self.pattern = re.compile(joined)

    def search(self, text: str) -> re.Match[str] | None:
        """The first phrase in `text` (the match is on the lower-cased text)."""
        return self.pattern.search(text.lower())


def _lower_pattern(pattern: str) -> str:
    """Lower-case a regular expression's letters, leaving escape sequences alone."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def _alternation(patterns: list[str]) -> Phrases:
    return Phrases(patterns)


@dataclass(frozen=True, slots=True)
class DetectorSpec:
    """One phrase detector: a signal type, patterns and conditions, an explanation.

    A sentence fires the detector when `match` finds a phrase, every `with_` group also
    matches, and no `unless` pattern does. `skip_questions` ignores sentences that ask
    ("Is that your final offer?"). `explanation` may use `{match}`. `end_hint` says what
    the phrase tells about an end-stage impasse ("soft": a hedge; "firm": a condition).
    """

    id: str
    signal: SignalType
    match: Phrases
    with_: tuple[Phrases, ...]
    unless: Phrases | None
    skip_questions: bool
    explanation: str
    weight: float
    end_hint: str | None
    needs_terms: bool | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A language's compiled phrase lists and detectors."""

    language: str
    stopwords: frozenset[str]
    phrases: dict[str, Phrases]
    detectors: tuple[DetectorSpec, ...]

    def phrase(self, name: str) -> Phrases:
        """A named phrase group; a missing group is a programming error."""
        return self.phrases[name]


def available_languages() -> list[str]:
    """Language codes that have a lexicon file."""
    files = resources.files(LEXICON_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))


@cache
def load_lexicon(language: str) -> Lexicon:
    """Load and compile one language's lexicon (cached for the process)."""
    path = resources.files(LEXICON_PACKAGE).joinpath(f"{language}.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    phrases_raw: dict[str, list[str]] = data.get("phrases", {})
    phrases = {name: _alternation(pats) for name, pats in phrases_raw.items()}
    detectors = tuple(_detector(entry, phrases_raw, language) for entry in data.get("detector", []))
    meta = data.get("meta", {})
    return Lexicon(
        language=language,
        stopwords=frozenset(w.lower() for w in meta.get("stopwords", [])),
        phrases=phrases,
        detectors=detectors,
    )


def _expand(patterns: list[str], phrases: dict[str, list[str]]) -> list[str]:
    """`@name` in a pattern list stands for the named phrase group."""
    out: list[str] = []
    for p in patterns:
        if p.startswith("@"):
            out += phrases[p[1:]]
        else:
            out.append(p)
    return out


def _detector(entry: dict[str, object], phrases: dict[str, list[str]], lang: str) -> DetectorSpec:
    def patterns(key: str) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list):
            raise ValueError(f"{lang}: detector {entry.get('id')}: {key} must be a list")
        return _expand([str(v) for v in value], phrases)

    with_groups = entry.get("with", [])
    if not isinstance(with_groups, list):
        raise ValueError(f"{lang}: detector {entry.get('id')}: with must be a list of lists")
    unless = patterns("unless")
    needs_terms = entry.get("needs_terms")
    return DetectorSpec(
        id=f"{lang}.{entry['id']}",
        signal=SignalType(str(entry["signal"])),
        match=_alternation(patterns("match")),
        with_=tuple(
            _alternation(_expand([str(p) for p in group], phrases)) for group in with_groups
        ),
        unless=_alternation(unless) if unless else None,
        skip_questions=bool(entry.get("skip_questions", False)),
        explanation=str(entry["explanation"]),
        weight=float(str(entry.get("weight", 0.7))),
        end_hint=str(entry["end_hint"]) if "end_hint" in entry else None,
        needs_terms=bool(needs_terms) if needs_terms is not None else None,
    )
