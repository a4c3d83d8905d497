"""Anchored phrase search finds exactly what the full alternation finds, only faster.

The anchors are derived from the phrase patterns; a wrong derivation would silently drop
findings. These tests compare the anchored search with the plain one on every sentence of
the labelled development conversations, the real negotiation dialogues and the parser
fixtures, in every language, for every phrase group and detector.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from analyzer.errors import ParseError
from analyzer.languages.anchors import build_anchor_index, index_text, pattern_anchors
from analyzer.languages.lexicon import Lexicon, Phrases, available_languages, load_lexicon
from analyzer.parsers import parse_file
from analyzer.reading import split_sentences

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
_SOURCES = [
    *sorted((FIXTURES / "devset" / "dev").rglob("*.*")),
    *sorted((FIXTURES / "real" / "negotiations").rglob("*.txt")),
    *sorted((FIXTURES / "conversations").rglob("*.*")),
]


@cache
def _sentences() -> tuple[str, ...]:
    """Every sentence of the corpus, plus each whole turn (phrase groups also see turns)."""
    out: list[str] = []
    for path in _SOURCES:
        if path.suffix in {".jsonl", ".md", ".json"}:
            continue
        try:
            conversation = parse_file(path)
        except ParseError:
            continue  # parser fixtures include inputs that are meant to be refused
        for turn in conversation.turns:
            out.append(turn.text)
            out += [s.text for s in split_sentences(turn)]
    return tuple(out)


def _groups(lexicon: Lexicon) -> Iterator[tuple[str, Phrases]]:
    yield from lexicon.phrases.items()
    for spec in lexicon.detectors:
        yield spec.id, spec.match
        for k, group in enumerate(spec.with_):
            yield f"{spec.id}.with[{k}]", group
        if spec.unless is not None:
            yield f"{spec.id}.unless", spec.unless


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return (a.span(), a.group(0)) == (b.span(), b.group(0))  # type: ignore[attr-defined]


def test_when_corpus_is_collected_then_it_is_large_enough_to_mean_something() -> None:
    assert len(_sentences()) > 5000


@pytest.mark.parametrize("language", available_languages())
def test_when_groups_are_anchored_then_every_search_returns_the_full_alternations_match(
    language: str,
) -> None:
    lexicon = load_lexicon(language)
    texts = [(t, index_text(t)) for t in _sentences()]
    for name, group in _groups(lexicon):
        group.anchor()
        for text, index in texts:
            full = group.pattern.search(text.lower())
            assert _same(group.search(index), full), (language, name, text)


@pytest.mark.parametrize("language", available_languages())
def test_when_a_detector_matches_a_sentence_then_its_bit_is_in_the_sentences_mask(
    language: str,
) -> None:
    lexicon = load_lexicon(language)
    index = lexicon.index
    index.build()
    skipped = 0
    for text in _sentences():
        mask = index.mask(index_text(text))
        for spec in lexicon.detectors:
            if spec.match.pattern.search(text.lower()):
                assert mask >> spec.position & 1, (spec.id, text)
            elif not mask >> spec.position & 1:
                skipped += 1
    # The index must also do its job: most (sentence, detector) pairs are skipped.
    assert skipped > 0.5 * len(_sentences()) * len(lexicon.detectors)


@pytest.mark.parametrize(
    ("pattern", "words", "substrings"),
    [
        (r"\bno longer (?:acceptable|enough)\b", {"longer"}, set()),
        # Common words lose to rarer ones in the same pattern.
        (r"\bwe (?:will|would) need to escalate\b", {"escalate"}, set()),
        # An optional hyphen may join the letters: only substrings are safe.
        (r"\bre-?scop\w+\b", set(), {"rescop", "scop"}),
        # "(?:é|e)" is parsed as a character class; each letter is an alternative.
        (r"\bd(?:é|e)cid(?:é|e)\b", {"décidé", "decide", "décide", "decidé"}, set()),
        # A prefix factored out of a branch stays attached to its letters.
        (r"\b(?:wherever|whenever)\b", {"wherever", "whenever"}, set()),
        (r"\w+ing\b", set(), {"ing"}),
    ],
)
def test_when_a_pattern_has_literal_words_then_they_become_its_anchors(
    pattern: str, words: set[str], substrings: set[str]
) -> None:
    index = build_anchor_index([pattern], frozenset({"we", "will", "would", "to", "need"}))
    assert set(index.words) == words
    assert {s for s, _ in index.by_substring} == substrings


@pytest.mark.parametrize("pattern", [r"\b\d{2,}\b", r"[$€£]\s?\d", r".+", r"\w+\b"])
def test_when_a_pattern_has_no_safe_anchor_then_it_always_runs(pattern: str) -> None:
    assert pattern_anchors(pattern, frozenset()) is None
    group = Phrases([pattern])
    group.anchor()
    for text in ("We pay 45 dollars", "$ 5 now", "Nothing here", "walking"):
        assert _same(group.search(index_text(text)), group.pattern.search(text.lower()))


def test_when_a_text_lacks_every_anchor_then_the_group_skips_it_without_searching() -> None:
    group = Phrases([r"\bfinal offer\b", r"\btake it or leave it\b"])
    index = group.anchor()
    assert index.candidates(index_text("Happy to keep talking next week.")) == 0
    assert group.search(index_text("Happy to keep talking next week.")) is None
    found = group.search(index_text("That is our FINAL offer."))
    assert found is not None and found.group(0) == "final offer"


def test_when_text_index_is_built_then_words_are_lower_cased_letter_runs() -> None:
    index = index_text("We've  got Q2-2025 déjà vu, we got it")
    assert index.low == "we've  got q2-2025 déjà vu, we got it"
    assert sorted(index.words) == sorted({"we", "ve", "got", "q", "déjà", "vu", "it"})
