"""What a phone's contact label holds: a phone number, a name with a note after it or a
title before it, a given name and an initial; and the name left once the note and the
titles are off ("Lucas (élec)" -> "Lucas", "Dr. Andrés Pizarro" -> "Andrés Pizarro",
"Coach Terry" -> "terry").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from analyzer.parsers.names import dotted_title, fold, tokens
from analyzer.parsers.titles import COURTESY, TITLES, is_title

_PHONE = re.compile(r"^~?\s*\+?\d[\d \u00a0()\-]{5,22}\d$")
_NOTE = re.compile(r"^(?P<name>[^()\[\]]+?)\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[-–|]\s.+)$")


def is_number(label: str) -> bool:
    """Whether a sender label is a phone number (the contact is not saved)."""
    return _PHONE.match(label.strip()) is not None


def _is_decoration(ch: str) -> bool:
    """An emoji or pictograph people add to a contact name ("Nuria 🌻", "✈️ Tom Berg"),
    with its variation selector and joiners; not "+" or "&" of a firm's name."""
    return ch.isspace() or unicodedata.category(ch) in {"So", "Sk", "Cf", "Mn"}


def _without_note(label: str) -> str:
    found = _NOTE.match(label.strip())
    name = found.group("name").strip() if found else label.strip()
    start, end = 0, len(name)
    while start < end and _is_decoration(name[start]):
        start += 1
    while end > start and _is_decoration(name[end - 1]):
        end -= 1
    return name[start:end] if start < end and not is_number(label) else name


# Words a phone's contact name puts before a person's name besides titles: roles and
# kinship ("Coach Terry", "Tía Lola", "Father Ted", a priest), and "Don" ("Don Pedro Ruiz"),
# no title in mail names. They stay before a lone given name, which they tell apart from
# another Terry; a title goes even then ("Kapitän Hansen" is Hansen).
_HONORIFICS = TITLES | frozenset(
    {
        "don", "coach", "pastor", "father", "uncle", "aunt", "tío", "tía", "tio", "tia",
        "onkel", "tante", "oncle", "tata", "doc", "trainer", "trainerin", "entraîneur", "profe",
    }
)  # fmt: skip


def _courtesy(word: str) -> bool:
    return fold(word).strip(".") in COURTESY


def _untitled(label: str, keep: int) -> list[str]:
    """A contact name's words without its note and the titles before the last `keep`."""
    words = _without_note(label).split()
    while len(words) > keep and (fold(words[0]).strip(".") in _HONORIFICS or dotted_title(words)):
        words.pop(0)
    while len(words) > 1 and is_title(words[0]) and not _courtesy(words[0]):
        words.pop(0)  # "Kapitän Hansen" is Hansen; "Mrs Carter" is how she is known
    return words


def bare_name(label: str) -> str:
    """A contact name without its note and the titles before a given name and a surname."""
    return " ".join(_untitled(label, 2))


def given_name(label: str) -> str | None:
    """The one name left of a label once notes and titles are off ("Coach Terry" ->
    "terry"), folded; None for a label with a surname or none at all."""
    words = _untitled(label, 0)
    found = tokens(" ".join(words)) if len(words) == 1 else ()
    return found[0] if len(found) == 1 else None


_INITIALLED = re.compile(r"^([A-ZÀ-ÝÑ][a-zà-ÿñ'’-]+)[ \t]+([A-ZÀ-ÝÑ])\.?$")


@lru_cache(maxsize=4096)  # asked for every message: a chat has few labels
def is_initialled(label: str) -> bool:
    """Whether a contact is saved as a given name and an initial ("Julia K.")."""
    return _INITIALLED.match(_without_note(label)) is not None


def completed_initial(label: str, texts: list[str]) -> str | None:
    """The full name a sender saved as "Julia K." writes with their messages ("Julia
    Kowalczyk, falls jemand meinen Nachnamen braucht"): the same given name, a surname
    with that initial."""
    found = _INITIALLED.match(_without_note(label))
    if found is None:
        return None
    given, initial = found.groups()
    full = re.compile(re.escape(given) + r"[ \t]+(" + re.escape(initial) + r"[a-zà-ÿñ'’-]{2,})\b")
    for text in texts:
        named = full.search(text)
        if named is not None:
            return f"{given} {named.group(1)}"
    return None
