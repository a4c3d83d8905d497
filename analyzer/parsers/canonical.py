"""Which of a person's names is canonical: the fullest properly written one, the
person's part of a "Firm - Person" display name, the accented spelling.

`identity.resolve` groups the names; this module picks the one to show.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from analyzer.parsers.names import tokens as name_tokens


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


def canonical(pairs: list[tuple[str, str]]) -> str | None:
    """The fullest name written properly (`pairs`: display form, as written), then the
    most common, then the first seen."""
    if not pairs:
        return None
    names = [shown for shown, _ in pairs]
    counts = Counter(names)
    proper = {shown for shown, written in pairs if _is_proper(written)}
    first_seen = {n: k for k, n in reversed(list(enumerate(names)))}

    def rank(n: str) -> tuple[int, int, int, int, int, int, int]:
        size = len(name_tokens(n))
        # "Jörg" over "Joerg": an ASCII spelling is what a system could store, the
        # accented one is how the person writes it.
        accents = sum(1 for c in n if c.isalpha() and not c.isascii())
        return (int(size >= 2), int(n in proper), size, accents, len(n), counts[n], -first_seen[n])

    return max(counts, key=rank)
