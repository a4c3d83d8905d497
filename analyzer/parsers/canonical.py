"""Which of a person's names is canonical: the fullest properly written one, the
person's part of a "Firm - Person" display name, the accented spelling.

`identity.resolve` groups the names; this module picks the one to show.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from analyzer.parsers.names import same_first_name
from analyzer.parsers.names import tokens as name_tokens

# A capital after a small letter, maybe across an apostrophe ("McAllister", "d'Aubigny").
_INNER_CAPITAL = re.compile(r"(?:(?<=[a-zß-ÿ])|(?<=[a-zß-ÿ]['’]))[A-ZÀ-Þ]")


@lru_cache(maxsize=65536)
def _is_proper(name: str) -> bool:
    """Written as people write names: not all lower case, not all capitals, no address."""
    letters = [c for c in name if c.isalpha()]
    return (
        "@" not in name
        and bool(letters)
        and not all(c.islower() for c in letters)
        and not all(c.isupper() for c in letters)
    )


def inner_capitals(name: str) -> int:
    """How many capitals stand inside a word ("McAllister", "DeLuca", "d'Aubigny": 1;
    "Mcallister", "D'aubigny": 0):
    how the person writes the name, which a system that recases names loses."""
    return len(_INNER_CAPITAL.findall(name))


def recased(name: str, listed: dict[tuple[str, str], str]) -> str:
    """ "Alan McAllister" as a To line writes him, for "Mcallister, Alan" in every header
    of his own (`listed`: (first, last) -> a full name the headers give): the spelling
    with a capital inside the word is how he writes it."""
    tokens = name_tokens(name)
    other = listed.get((tokens[0], tokens[-1])) if len(tokens) >= 2 else None
    if other is None or other.lower() != name.lower():
        return name
    return other if inner_capitals(other) > inner_capitals(name) else name


def unique(values: list[str]) -> list[str]:
    """The values without repeats that differ only in case, first spelling kept."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.lower(), value)
    return list(seen.values())


_SEPARATOR = re.compile(r"\s+[-–|]\s+")


def person_parts(pairs: list[tuple[str, str]], addresses: list[str]) -> list[tuple[str, str]]:
    """A display name that joins a firm and a person ("Reformas Zubizarreta - Íñigo
    Zubizarreta Goñi", "Jess Alvarez | Harborline Realty") competes as its person: the
    part whose given name the person's other names or address use, else the first."""
    if not any(_SEPARATOR.search(shown) for shown in {shown for shown, _ in pairs}):
        return pairs  # a person's few distinct names, not every message's copy, are read
    given = {
        t[0]
        for shown, _ in pairs
        if not _SEPARATOR.search(shown)
        for t in [name_tokens(shown)]
        if t
    }
    given |= {t[0] for a in addresses for t in [name_tokens(a)] if t}
    out: list[tuple[str, str]] = []
    for shown, written in pairs:
        parts = [p for p in _SEPARATOR.split(shown) if name_tokens(p)]
        if len(parts) < 2:
            out.append((shown, written))
            continue
        known = [p for p in parts if name_tokens(p)[0] in given]
        out.append(((known or parts)[0], written))
    return out


def _short_forms(names: set[str]) -> set[str]:
    """The names whose given name is a short form of another's with the same surname
    ("Dottie Finch" beside "Dorothy Finch", "Tom Elderkin" beside "Thomas Elderkin")."""
    full = [t for t in map(name_tokens, names) if len(t) >= 2]
    out: set[str] = set()
    for name in names:
        own = name_tokens(name)
        if len(own) >= 2 and any(
            t[-1] == own[-1] and t[0] != own[0] and same_first_name(own[0], t[0]) for t in full
        ):
            out.add(name)
    return out


def reading_order(shown: str, orders: set[tuple[str, ...]]) -> str:
    """ "Lefèvre Camille" -> "Camille Lefèvre" when an address spells the name given name
    first (`orders`: the addresses' name tokens): a directory that lists people surname
    first without a comma."""
    words = shown.split()
    own = name_tokens(shown)
    if len(words) == 2 and len(own) == 2 and own not in orders and own[::-1] in orders:
        return f"{words[1]} {words[0]}"
    return shown


def canonical(pairs: list[tuple[str, str]]) -> str | None:
    """The fullest name written properly (`pairs`: display form, as written), a given
    name's full form before its short form, then the most common, then the first seen."""
    if not pairs:
        return None
    names = [shown for shown, _ in pairs]
    counts = Counter(names)
    proper = {shown for shown, written in pairs if _is_proper(written)}
    first_seen = {n: k for k, n in reversed(list(enumerate(names)))}
    short = _short_forms(set(counts)) if len(counts) > 1 else set()

    def rank(n: str) -> tuple[int, ...]:
        size = len(name_tokens(n))
        # "Jörg" over "Joerg": an ASCII spelling is what a system could store, the
        # accented one is how the person writes it.
        accents = sum(1 for c in n if c.isalpha() and not c.isascii())
        # "McAllister" over "Mcallister", "DeLuca" over "Deluca": a capital inside a word
        # is how the person writes it, a system that recases names loses it.
        inner = inner_capitals(n)
        full = int(size >= 2)
        return (
            full,
            int(n not in short),
            int(n in proper),
            size,
            accents,
            inner,
            len(n),
            counts[n],
            -first_seen[n],
        )

    return max(counts, key=rank)
