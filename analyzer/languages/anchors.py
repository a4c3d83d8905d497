"""Anchors: words a text must contain before a phrase pattern can match it.

Most phrase patterns require some literal word ("\\bno longer (?:acceptable|enough)\\b"
cannot match a sentence without "longer"). Checking a sentence's word set for those words
is far cheaper than running a large alternation, so a phrase group only runs its regular
expression on sentences that hold one of its anchors.

Anchors are derived from the patterns themselves, so the phrase lists stay plain data.
The derivation is conservative: a pattern whose shape it does not understand gets no
anchor and always runs. A pattern is cut at its top-level separators (spaces,
punctuation, `\\b`); each segment is expanded into a few skeletons (branches multiplied
out, optional parts with and without), with two markers for what is not a literal letter,
and the letter runs of each skeleton are read:

- a run bounded on both sides by a non-letter (a literal, a `\\b`, a class that holds no
  letter) is a whole word of any matching text: a *word* anchor, checked in a set;
- a run next to something unknown (`\\w+`, `[^.]{1,40}`) is only a substring: a
  *substring* anchor, checked with `in`.

Every skeleton of a segment gives its most selective run; the segment whose runs are the
rarest (content words beat function words) gives the pattern's anchors. A group keeps, for
each anchor, the patterns it stands for, and searches only the patterns a text may match.

Reading patterns needs the standard library's regular-expression parser (`re._parser`,
private but stable since Python 3.11); without it nothing is anchored and every search
runs in full.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a future Python without it: no anchors
    sre_parse = None
from typing import Any, NamedTuple

_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
_NON_LETTER = "\x00"  # a word boundary or a character that is never a letter
_UNKNOWN = "\x01"  # anything else: may be empty, may hold letters
_MAX_SKELETONS = 256
_MIN_SUBSTRING = 3
_BOUNDARY_ATS = {
    sre.AT_BOUNDARY,
    sre.AT_BEGINNING,
    sre.AT_BEGINNING_STRING,
    sre.AT_END,
    sre.AT_END_STRING,
}
_LETTERLESS_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


class TextIndex(NamedTuple):
    """A text prepared for anchored search: lower-cased, with its set of words."""

    low: str
    words: tuple[str, ...]  # distinct; a tuple takes half the memory of a frozenset


def index_text(text: str) -> TextIndex:
    """Lower-case a text once and collect its words (letter runs)."""
    low = text.lower()
    # Interned: a long conversation repeats the same few thousand words hundreds of
    # thousands of times, and one copy of each is enough.
    return TextIndex(low, tuple(set(map(sys.intern, _WORDS.findall(low)))))


@dataclass(frozen=True, slots=True)
class AnchorIndex:
    """Which patterns of a group a text may match, found from the words it holds.

    Pattern `i` of the group is bit `i` of the masks: `by_word` and `by_substring` give the
    patterns a word or substring anchors; `always` the patterns that have no anchor.
    """

    by_word: dict[str, int]
    words: frozenset[str]
    by_substring: tuple[tuple[str, int], ...]
    always: int

    def candidates(self, index: TextIndex) -> int:
        """The mask of patterns that may match the text (0: none can)."""
        mask = self.always
        for word in self.words.intersection(index.words):
            mask |= self.by_word[word]
        for text, bits in self.by_substring:
            if text in index.low:
                mask |= bits
        return mask


def build_anchor_index(patterns: list[str], stopwords: frozenset[str] = frozenset()) -> AnchorIndex:
    """Anchor every lower-cased pattern of a group (see the module docstring)."""
    return build_group_index([[p] for p in patterns], stopwords)


def build_group_index(
    groups: list[list[str]], stopwords: frozenset[str] = frozenset()
) -> AnchorIndex:
    """Anchor groups of lower-cased patterns: bit `i` is set when group `i` may match."""
    by_word: dict[str, int] = {}
    by_substring: dict[str, int] = {}
    always = 0
    for i, patterns in enumerate(groups):
        for pattern in patterns:
            chosen = pattern_anchors(pattern, stopwords)
            if chosen is None:
                always |= 1 << i
                break
            for text, whole in chosen:
                table = by_word if whole else by_substring
                table[text] = table.get(text, 0) | 1 << i
    return AnchorIndex(
        by_word=by_word,
        words=frozenset(by_word),
        by_substring=tuple(sorted(by_substring.items())),
        always=always,
    )


def pattern_anchors(pattern: str, stopwords: frozenset[str]) -> set[tuple[str, bool]] | None:
    """Anchors (text, whether a whole word) of one lower-cased pattern, or None."""
    if sre_parse is None:
        return None
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return None
    return _pattern_anchors(list(tree), stopwords)


def _pattern_anchors(
    items: list[tuple[Any, Any]], stopwords: frozenset[str]
) -> set[tuple[str, bool]] | None:
    """The cheapest set of anchors one of which any match of the pattern holds.

    The pattern is cut at its top-level separators (spaces, punctuation, `\\b`): no
    letter run crosses one, so each segment is expanded on its own and the expansion
    stays small. Every segment is required; the most selective one is chosen.
    """
    best: tuple[float, set[tuple[str, bool]]] | None = None
    start = 0
    for end in range(len(items) + 1):
        if end < len(items) and not _is_separator(*items[end]):
            continue
        if end > start:
            left = _NON_LETTER if start > 0 else _UNKNOWN
            right = _NON_LETTER if end < len(items) else _UNKNOWN
            found = _segment_anchors(items[start:end], left, right, stopwords)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        start = end + 1
    return None if best is None else best[1]


def _is_separator(op: Any, av: Any) -> bool:
    """An item that always matches exactly one non-letter (or a word boundary)."""
    if op is sre.LITERAL:
        return not _LETTER.match(chr(av))
    if op is sre.AT:
        return bool(av in _BOUNDARY_ATS)
    if op is sre.IN:
        return not _class_may_hold_letter(av)
    if op in _REPEATS:
        low, _high, sub = av
        return bool(low >= 1) and len(sub) == 1 and _is_separator(*sub[0])
    return False


def _segment_anchors(
    items: list[tuple[Any, Any]], left: str, right: str, stopwords: frozenset[str]
) -> tuple[float, set[tuple[str, bool]]] | None:
    skeletons = _skeletons(items, 0)
    if skeletons is None:
        return None
    chosen: set[tuple[str, bool]] = set()
    for skeleton in skeletons:
        best = _best_anchor(left + skeleton + right, stopwords)
        if best is None:
            return None
        chosen.add(best)
    return sum(_cost(text, whole, stopwords) for text, whole in chosen), chosen


def _skeletons(items: list[tuple[Any, Any]], depth: int) -> list[str] | None:
    """Literal skeletons of a parsed sequence (None only for absurdly deep nesting).

    An item whose alternatives would multiply the skeletons past the limit stands as
    unknown: its letters are lost, the other items' anchors remain.
    """
    if depth > 20:
        return None
    outs = [""]
    for op, av in items:
        pieces = _pieces(op, av, depth)
        if len(outs) * len(pieces) > _MAX_SKELETONS:
            pieces = [_UNKNOWN]
        outs = [o + p for o in outs for p in pieces]
    return outs


def _pieces(op: Any, av: Any, depth: int) -> list[str]:
    """The alternative skeleton pieces one parsed item stands for."""
    if op is sre.LITERAL:
        ch = chr(av)
        return [ch if _LETTER.match(ch) else _NON_LETTER]
    if op is sre.AT:
        return [_NON_LETTER if av in _BOUNDARY_ATS else _UNKNOWN]
    if op is sre.IN:
        if len(av) <= 8 and all(item_op is sre.LITERAL for item_op, _ in av):
            # "(?:é|e)" parses as the class [ée]: each character is an alternative.
            return sorted({_pieces(sre.LITERAL, code, depth)[0] for _, code in av})
        return [_UNKNOWN if _class_may_hold_letter(av) else _NON_LETTER]
    if op is sre.BRANCH:
        alternatives: list[str] = []
        for branch in av[1]:
            inner = _skeletons(list(branch), depth + 1)
            if inner is None:
                return [_UNKNOWN]
            alternatives += inner
        return alternatives
    if op is sre.SUBPATTERN:
        inner = _skeletons(list(av[-1]), depth + 1)
        return inner if inner is not None else [_UNKNOWN]
    if op in _REPEATS:
        low, high, sub = av
        inner = _skeletons(list(sub), depth + 1)
        if inner is not None and low == 0 and high == 1:
            return ["", *inner]
        if inner is not None and all(set(s) <= {_NON_LETTER} for s in inner):
            # Runs of spaces or punctuation separate words like one such character.
            return [_NON_LETTER] if low >= 1 else ["", _NON_LETTER]
        return [_UNKNOWN]
    # Lookarounds, back-references, `.`, negated literals: assume anything.
    return [_UNKNOWN]


def _class_may_hold_letter(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is sre.NEGATE:
            return True
        if op is sre.LITERAL and _LETTER.match(chr(av)):
            return True
        if op is sre.RANGE:
            low, high = av
            if high - low > 512 or any(_LETTER.match(chr(c)) for c in range(low, high + 1)):
                return True
        if op is sre.CATEGORY and av not in _LETTERLESS_CATEGORIES:
            return True
    return False


def _best_anchor(padded: str, stopwords: frozenset[str]) -> tuple[str, bool] | None:
    """The most selective letter run of a skeleton: (text, whether a whole word)."""
    best: tuple[float, str, bool] | None = None
    for run in _WORDS.finditer(padded):
        left, right = padded[run.start() - 1], padded[run.end()]
        word = run.group(0)
        whole = left == _NON_LETTER and right == _NON_LETTER
        if not whole and len(word) < _MIN_SUBSTRING:
            continue
        cost = _cost(word, whole, stopwords)
        if best is None or cost < best[0]:
            best = (cost, word, whole)
    return None if best is None else (best[1], best[2])


def _cost(word: str, whole: bool, stopwords: frozenset[str]) -> float:
    """Lower is rarer in ordinary text: long content words beat short function words."""
    if word in stopwords or len(word) <= 2:
        return 10.0
    return 1.0 / len(word) + (0.0 if whole else 0.05)
