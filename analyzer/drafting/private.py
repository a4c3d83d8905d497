"""Facts the user marked private (`--private`), and whether a piece of text reveals one.

A fact is reduced to what would give it away: its numbers (in any spelling, see
`numbers`), its dates, its names (capitalised or coined words such as "Kestrel" or
"Q3"), and its content words. A piece of a draft reveals the fact when it shares a
number, a date or a name with it, or most of its content words; a date counts as shared
when a piece holds either half of it cut at a full stop ("Mar." + "31", "31." + "März"). Matching errs on the
side of caution: a false match drops one sentence, a miss gives away a walk-away price.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from analyzer.drafting.numbers import (
    date_fragments,
    date_spans,
    date_values,
    fold,
    number_spans,
    number_values,
)

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# Numbers this small are everywhere ("one step", "a call"); they cannot identify a fact.
_MIN_NUMBER = 2.0
_MIN_CONTENT_LETTERS = 4
_SHARE_OF_WORDS = 0.6
_STEM = 6  # content words match on their first letters ("alternatives" ~ "alternative")

# Words that carry no fact in any of the four languages (beyond the lexicons' lists).
_STOPWORDS = frozenset(
    fold(w)
    for w in """
    about above after again against also because before being below between both cannot
    could does doing down during each from further have having here into itself just more
    most must only other ours over same should some such than that their theirs them then
    there these they this those through under until very were what when where which while
    will with would your yours away below dollars euros euro dollar usd eur gbp pounds
    price total budget amount deal offer walk absolute maximum minimum least
    aber alle also auch bitte dann dass denn dies diese dieser doch eine einem einen einer
    haben hier ihre ihren ist kann keine mehr muss nach nicht noch oder schon sein sind
    unser unsere unter wenn werden wird wir zum zur über
    avec avant dans donc elle elles être leur leurs mais même nous notre nos pour plus
    sans sont sous tout tous toute très vous votre
    ante como con desde donde ella ellos entre esta este esto está hasta más nuestra
    nuestro para pero porque sobre también tiene todo todos una unos usted
    """.split()  # noqa: SIM905 - a word list reads better as text
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PrivateFact:
    """What would give a private fact away."""

    index: int  # 1-based, so checks can name it without quoting it
    numbers: frozenset[float]
    dates: frozenset[tuple[int, int]]
    names: frozenset[str]
    words: frozenset[str]

    @property
    def label(self) -> str:
        """How checks refer to the fact: never by its content."""
        return f"private fact #{self.index}"


def compile_facts(texts: list[str]) -> list[PrivateFact]:
    """The facts the user gave, ready to match (blank ones are ignored)."""
    return [_compile(i, t) for i, t in enumerate(texts, 1) if t.strip()]


def _compile(index: int, text: str) -> PrivateFact:
    without_dates = text
    for start, end in sorted(date_spans(text), reverse=True):
        without_dates = without_dates[:start] + " " + without_dates[end:]
    numbers = frozenset(v for v in number_values(without_dates) if v >= _MIN_NUMBER)
    tokens = _TOKEN.findall(text)
    names = frozenset(
        fold(t)
        for position, t in enumerate(tokens)
        if _is_name(t, position) and fold(t) not in _STOPWORDS
    )
    words = frozenset(_content_words(text))
    return PrivateFact(index, numbers, frozenset(date_values(text)), names, words)


def _is_name(token: str, position: int) -> bool:
    if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
        return True  # "Q3", "H2", "4x"
    if len(token) >= 2 and token.isupper() and token.isalpha():
        return True  # "ACME", "SLA"
    inner_capital = any(c.isupper() for c in token[1:])
    return token[:1].isupper() and (position > 0 or inner_capital) and len(token) > 2


def _content_words(text: str) -> set[str]:
    out: set[str] = set()
    for token in _TOKEN.findall(text):
        word = fold(token)
        if len(word) >= _MIN_CONTENT_LETTERS and word.isalpha() and word not in _STOPWORDS:
            out.add(word[:_STEM])
    return out


def reveals(text: str, fact: PrivateFact) -> bool:
    """Whether `text` (one sentence or talking point) gives the fact away."""
    if fact.numbers:
        found = number_values(text)
        if any(_same(a, b) for a in fact.numbers for b in found):
            return True
    if fact.dates and _reveals_date(text, fact.dates):
        return True
    folded = {fold(t) for t in _TOKEN.findall(text)}
    if fact.names & folded:
        return True
    if fact.words:
        have = fact.words & _content_words(text)
        needed = max(1, math.ceil(_SHARE_OF_WORDS * len(fact.words)))
        # One shared word gives a fact away only when that word is all the fact is.
        alone = len(fact.words) == 1 and not (fact.numbers or fact.dates or fact.names)
        if len(have) >= needed and (len(fact.words) >= 2 or alone):
            return True
    return False


def _reveals_date(text: str, dates: frozenset[tuple[int, int]]) -> bool:
    """A whole date in any spelling, or either half of one the sentence splitter cut
    ("… by Mar." / "31st at the latest?", "… bis 31." / "März.")."""
    if dates & date_values(text):
        return True
    months, days = date_fragments(text)
    return bool(months & {m for m, _ in dates} or days & {d for _, d in dates})


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def revealed(text: str, facts: list[PrivateFact]) -> list[PrivateFact]:
    """The facts a piece of text gives away."""
    return [f for f in facts if reveals(text, f)]


def fact_spans(text: str, facts: list[PrivateFact]) -> list[tuple[int, int]]:
    """Where `text` holds one of the facts' dates, numbers or names, in any spelling the
    matching above recognises: what masking a fact before a prompt leaves the machine
    must cover. Content words are left alone (they are the conversation's substance)."""
    dates = {d for f in facts for d in f.dates}
    numbers = {n for f in facts for n in f.numbers}
    names = {n for f in facts for n in f.names}
    spans: list[tuple[int, int]] = []
    if dates:
        spans += [(a, b) for a, b in date_spans(text) if date_values(text[a:b]) & dates]
    if numbers:
        spans += [
            (a, b)
            for a, b, values in number_spans(text)
            if any(_same(x, y) for x in values for y in numbers)
        ]
    if names:
        spans += [m.span() for m in _TOKEN.finditer(text) if fold(m.group()) in names]
    return spans
