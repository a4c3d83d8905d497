"""The per-language phrase lists (`languages/<lang>/lexicon.toml`), compiled once.

The file is read and validated by `pack`; a lexicon holds:
- `[meta]`: the language code and a list of common function words for language detection;
- `[phrases]`: named phrase groups shared by detectors and rules (hedges, resolutions,
  follow-ups, specific times...), each a list of regular expressions;
- `[[detector]]` tables: one phrase detector each (see `DetectorSpec`);
- `[sentences]`, `[address]`, `[acceptance]`, `[mail]`: words every reader shares,
  whatever the conversation's language (see `shared`).

Patterns are case-insensitive regular expressions matched within one sentence. They are
written without nested unbounded repetition so matching stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzer.errors import LanguagePackError
from analyzer.languages.anchors import AnchorIndex, TextIndex, build_anchor_index, build_group_index
from analyzer.languages.pack import lexicon_file, pack_file, pack_languages, shown
from analyzer.languages.schema import DetectorTable
from analyzer.taxonomy import SignalType


class Phrases:
    """A compiled alternation of phrases, matched case-insensitively.

    Python's regex engine is several times slower with IGNORECASE on large alternations,
    so patterns are lower-cased once (escapes such as \\S kept) and the text is
    lower-cased per search instead.

    Given a `TextIndex`, a busy group searches only the patterns whose anchor words the
    text holds (see `anchors`), in their original order, so the first match is the same
    as the full alternation's. Anchoring a group costs a parse of every pattern, which
    only pays off over many searches: it starts after `ANCHOR_AFTER` indexed searches.
    """

    ANCHOR_AFTER = 1500
    _MAX_SUBSETS = 512

    __slots__ = ("_anchors", "_searches", "_stopwords", "_subsets", "lowered", "pattern")

    def __init__(self, patterns: list[str], stopwords: frozenset[str] = frozenset()) -> None:
        self.lowered = [_lower_pattern(p) for p in patterns]  # as compiled, for anchoring
        self.pattern = re.compile("|".join(f"(?:{p})" for p in self.lowered))
        self._stopwords = stopwords
        self._anchors: AnchorIndex | None = None
        self._searches = 0
        self._subsets: dict[int, re.Pattern[str]] = {}

    def search(self, text: str | TextIndex) -> re.Match[str] | None:
        """The first phrase in `text` (the match is on the lower-cased text)."""
        if isinstance(text, str):
            return self.pattern.search(text.lower())
        anchors = self._anchors
        if anchors is None:
            self._searches += 1
            if self._searches < self.ANCHOR_AFTER:
                return self.pattern.search(text.low)
            anchors = self.anchor()
        mask = anchors.candidates(text)
        if not mask:
            return None
        return self._subset(mask).search(text.low)

    def anchor(self) -> AnchorIndex:
        """Build the anchor index now (searches use it from then on)."""
        if self._anchors is None:
            self._anchors = build_anchor_index(self.lowered, self._stopwords)
        return self._anchors

    def _subset(self, mask: int) -> re.Pattern[str]:
        """The alternation of the patterns in `mask`, compiled once."""
        compiled = self._subsets.get(mask)
        if compiled is None:
            if len(self._subsets) >= self._MAX_SUBSETS:
                self._subsets.clear()
            chosen = [p for i, p in enumerate(self.lowered) if mask >> i & 1]
            compiled = self._subsets[mask] = re.compile("|".join(f"(?:{p})" for p in chosen))
        return compiled


def _lower_pattern(pattern: str) -> str:
    """Lower-case a regular expression's letters, leaving escape sequences alone."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


class DetectorIndex:
    """Which phrase detectors of a lexicon a sentence may fire (bit `i`: detector `i`).

    Built from the anchors of each detector's `match` group, so most sentences skip most
    detectors. Like a `Phrases` group, it is built only once the process has looked at
    `BUILD_AFTER` sentences; until then every detector is a candidate.
    """

    BUILD_AFTER = 2000

    def __init__(self, groups: list[Phrases], stopwords: frozenset[str]) -> None:
        self._groups = groups
        self._stopwords = stopwords
        self._index: AnchorIndex | None = None
        self._seen = 0
        self.everything = (1 << len(groups)) - 1

    def mask(self, text: TextIndex) -> int:
        """The detectors this sentence may fire."""
        index = self._index
        if index is None:
            self._seen += 1
            if self._seen < self.BUILD_AFTER:
                return self.everything
            index = self.build()
        return index.candidates(text)

    def build(self) -> AnchorIndex:
        """Build the index now (masks use it from then on)."""
        if self._index is None:
            groups = [g.lowered for g in self._groups]
            self._index = build_group_index(groups, self._stopwords)
        return self._index


@dataclass(frozen=True, slots=True)
class DetectorSpec:
    """One phrase detector: a signal type, patterns and conditions, an explanation.

    A sentence fires the detector when `match` finds a phrase, every `with_` group also
    matches, and no `unless` pattern does. `skip_questions` ignores sentences that ask
    ("Is that your final offer?"). `explanation` may use `{match}`. `end_hint` says what
    the phrase tells about an end-stage impasse ("soft": a hedge; "firm": a condition).
    `needs_terms` limits the detector to turns where terms are (True) or are not yet
    (False) on the table; None fires either way.
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
    position: int  # the detector's bit in `Lexicon.index` masks


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A language's compiled phrase lists and detectors."""

    language: str
    stopwords: frozenset[str]
    phrases: dict[str, Phrases]
    detectors: tuple[DetectorSpec, ...]
    index: DetectorIndex

    def phrase(self, name: str) -> Phrases:
        """A named phrase group; a missing group is a programming error."""
        return self.phrases[name]


def available_languages(root: Path | None = None) -> list[str]:
    """Language codes that have a pack (read once per process)."""
    return list(pack_languages(root))


@cache
def load_lexicon(language: str, root: Path | None = None) -> Lexicon:
    """Load and compile one language's lexicon (cached for the process)."""
    data = lexicon_file(language, root)
    phrases_raw = data.phrases
    stopwords = frozenset(w.lower() for w in data.meta.stopwords)
    phrases = {name: Phrases(list(pats), stopwords) for name, pats in phrases_raw.items()}
    where = shown(pack_file(language, "lexicon", root))
    detectors = tuple(
        _detector(entry, phrases_raw, language, stopwords, position, where=where)
        for position, entry in enumerate(data.detector)
    )
    return Lexicon(
        language=language,
        stopwords=stopwords,
        phrases=phrases,
        detectors=detectors,
        index=DetectorIndex([d.match for d in detectors], stopwords),
    )


def _detector(
    entry: DetectorTable,
    phrases: Mapping[str, tuple[str, ...]],
    lang: str,
    stopwords: frozenset[str],
    position: int,
    *,
    where: str,
) -> DetectorSpec:
    def expand(key: str, patterns: tuple[str, ...]) -> list[str]:
        """`@name` in a pattern list stands for the named phrase group."""
        out: list[str] = []
        for p in patterns:
            if not p.startswith("@"):
                out.append(p)
            elif p[1:] in phrases:
                out += phrases[p[1:]]
            else:
                raise LanguagePackError(
                    f"{where}: detector {entry.id!r}: {key!r} names {p!r}, which is not a "
                    "group of [phrases]."
                )
        return out

    unless = expand("unless", entry.unless)
    return DetectorSpec(
        id=f"{lang}.{entry.id}",
        signal=entry.signal,
        match=Phrases(expand("match", entry.match), stopwords),
        with_=tuple(Phrases(expand("with", group), stopwords) for group in entry.with_),
        unless=Phrases(unless, stopwords) if unless else None,
        skip_questions=entry.skip_questions,
        explanation=entry.explanation,
        weight=float(entry.weight),
        end_hint=entry.end_hint,
        needs_terms=entry.needs_terms,
        position=position,
    )
