"""What a chat contact's saved name says besides a person's name.

Phones save contacts the way their owner thinks of them, not as names alone:

- a name and what the person is to the owner, with no bracket or dash around the note:
  a role ("Uli Kassier FC", "Maite Tesorera"), a trade or a firm ("Quique Encofrados"),
  a club's or a firm's abbreviation ("Tom Berg HSV");
- a relation to someone else ("Mama von Leon", "Maman de Lucas", "Leon's mum"): one
  person, whose name is the one she signs with;
- a role alone ("Ops Duty Manager", "Secrétariat", "Oficina Obra"): a phone or an account
  several people use in turn, like a shared mailbox; each message is whoever signs it,
  else no one known.

A word is a note when mail's role and firm words know it, when it is written as an
abbreviation in capitals, or when the chat itself uses it as a common noun, after an
article ("an den Kassier", "ask the treasurer", "à la trésorière", "al encargado"): the
evidence of the file, in any of the four languages, rather than a longer word list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container

from analyzer.parsers.mailboxes import PLACES, ROLE_WORDS
from analyzer.parsers.names import fold
from analyzer.parsers.nicknames import GIVEN_NAMES

# Words for a relation a contact is saved under ("Mama von Leon", "Leon's mum").
KIN = frozenset(
    {
        "mama", "mami", "mutti", "papa", "papi", "vati", "oma", "opa", "mum", "mom", "mummy",
        "mommy", "dad", "daddy", "grandma", "grandpa", "nan", "nana", "maman", "mamie",
        "papy", "mamá", "papá", "madre", "padre", "abuela", "abuelo", "mutter", "vater",
        "mother", "father", "tochter", "sohn", "daughter", "son", "fille", "fils", "hija",
        "hijo", "frau", "mann", "wife", "husband", "femme", "mari", "esposa", "esposo",
    }
)  # fmt: skip
# What ties the relation to the person it is about ("von", "of", "de", "d'").
_OF = frozenset({"von", "vom", "of", "de", "du", "des", "del", "di", "d"})
# An article before a word the chat uses as a common noun ("den Kassier", "the treasurer").
_ARTICLE_NOUN = re.compile(
    r"(?i:\b(?:der|die|das|den|dem|des|zum|zur|beim|vom|unser(?:em|en|er)?|the|our|your|le|"
    r"la|les|au|aux|l'|l’|notre|votre|el|al|del|los|las|nuestro|nuestra|vuestro|vuestra)[ \t]+)"
    r"([^\W\d_][\w'-]*)"
)
# Trades a contact is saved under before a person's given name ("Grúas Paco", "Taxi Mike",
# "Plombier Jean"), folded.
TRADES = frozenset(
    map(
        fold,
        [
            "transporteur", "transports", "transport", "spedition", "disponent", "disponentin",
            "dispo", "grúas", "grua", "encofrados", "encofrador", "transportes", "mudanzas",
            "fontanero", "fontaneria", "electricista", "taxi", "taxis", "courier", "haulage",
            "plumber", "electrician", "builders", "roofing", "plombier", "electricien",
            "maçonnerie", "déménagement", "elektro", "sanitär", "dachdecker", "umzüge", "fliesen",
            "maler", "kurier",
        ],
    )
)  # fmt: skip
# Role and firm words that are given names too ("Charity Jones", "Trust Moyo").
_FIRST_NAMES_TOO = frozenset({"charity", "trust", "bank"})
_ABBREVIATION = re.compile(r"^[A-ZÄÖÜ]{2,5}$")


def nouns_in(texts: list[str]) -> frozenset[str]:
    """The words (folded) the chat's messages use after an article: common nouns, a
    role or a trade, when a contact name holds them too."""
    return frozenset(fold(m.group(1)) for text in texts for m in _ARTICLE_NOUN.finditer(text))


def _words(label: str) -> list[str]:
    return [w.strip(".,;:()[]") for w in label.split() if w.strip(".,;:()[]")]


# Words that join the words of a role ("Jefe de Obra", "Night & Weekend Desk").
_JOINS = frozenset({"de", "du", "des", "del", "of", "and", "und", "et", "y", "&", "-", "/"})


# Role and place words that are surnames too ("Tom Ward", "Ana Sales", "Robert Plant"):
# after a given name only the chat's own use of them as nouns makes them a note.
_SURNAMES_TOO = frozenset({"sales", "bank", "board", "staff", "trust", "service", "council"})


def _is_note(word: str, nouns: frozenset[str], *, first: bool) -> bool:
    """Whether a label's word is a note: a role or firm word, a place (only opening the
    label: "Empfang Praxis", not "Tom Ward"), or a word the chat uses as a noun."""
    folded = fold(word)
    if folded in nouns:
        return True
    if first:
        return folded in ROLE_WORDS or folded in PLACES
    return folded in ROLE_WORDS and folded not in _SURNAMES_TOO


def is_relation(label: str) -> bool:
    """Whether a contact is saved as someone's relation ("Mama von Leon", "Leon's mum",
    "Leons Mama", "Papá de Sofía"), not under a name of their own."""
    words = [fold(w) for w in _words(label)]
    if not words or not any(w in KIN for w in words):
        return False
    if len(words) <= 2 or words[0] in KIN:
        return True  # "Mama", "Mama Leon", "Leons Mama" (German writes no apostrophe)
    possessive = any(w.endswith(("'s", "’s")) for w in words)
    return possessive or any(w in _OF for w in words)


def named_part(
    label: str,
    nouns: frozenset[str],
    called: Container[str] = frozenset(),
    signs: frozenset[str] = frozenset(),
) -> str | None:
    """The person's name a contact label holds, its notes dropped ("Uli Kassier FC" ->
    "Uli" when the chat says "den Kassier" and "An Uli bitte"; "Tom Berg HSV" -> "Tom
    Berg"); "" for a role alone ("Ops Duty Manager", "Night Desk Supervisor"); None when
    the label is a name and nothing else, or nothing tells. `called`: the words (folded)
    the others in the chat write, the names they call people by; `signs`: the lone names
    (folded) the label's own messages sign with (see `_after_trade`)."""
    words = _words(label)
    if not words or is_relation(label):
        return None
    traded = _after_trade(words, nouns, signs)
    if traded is not None:
        return traded
    notes = [_is_note(w, nouns, first=k == 0) or fold(w) in _JOINS for k, w in enumerate(words)]
    if len(words) >= 3 and _ABBREVIATION.match(words[-1]) and not any(notes[:-1]):
        return " ".join(words[:-1])  # "Tom Berg HSV": a club's or a firm's letters
    cut = next((k for k, note in enumerate(notes) if note and fold(words[k]) not in _JOINS), None)
    if cut is None:
        return None
    if cut > 0 and fold(words[0]) in called:
        return " ".join(words[:cut])  # the others call them by the words before the note
    if cut == 0 and fold(words[0]) in _FIRST_NAMES_TOO:
        return None  # "Charity Jones"
    # A role first ("Ops Duty Manager", "Secretaría Club Náutico") or mostly roles
    # ("Night Desk Supervisor"): nobody's name.
    return "" if cut == 0 or sum(notes) >= 2 else None


def opens_with_trade(label: str) -> bool:
    """Whether a contact label opens with a trade ("Grúas Paco", "Fliesen Meyer")."""
    words = _words(label)
    return len(words) >= 2 and fold(words[0]) in TRADES


def _after_trade(words: list[str], nouns: frozenset[str], signs: frozenset[str]) -> str | None:
    """The given name after a trade opening a label ("Grúas Paco" -> "Paco", "Taxi Mike"
    -> "Mike"): a name the nickname list knows or the label signs with alone. Anything
    else stays as it is: "Fliesen Meyer", "Transports Vidal" may be a firm any of whose
    people writes, and a trade after a name may be a surname ("Thomas Maler")."""
    if len(words) < 2 or len(words) > 3 or fold(words[0]) not in TRADES:
        return None
    rest = words[1:]
    if not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in rest):
        return None
    if any(_is_note(w, nouns, first=False) or fold(w) in TRADES | PLACES for w in rest):
        return None
    given = fold(rest[0])
    return " ".join(rest) if given in GIVEN_NAMES or given in signs else None


def is_role(label: str) -> bool:
    """Whether a contact label is a role alone: a phone or account several people use."""
    return named_part(label, frozenset()) == ""


class _CalledByOthers(Container[str]):
    """The capitalised words (folded) everyone but one label writes, read from one count
    of every label's words (a chat with thousands of numbers asks it for each)."""

    def __init__(self, counts: Counter[str], own: frozenset[str]) -> None:
        self._counts = counts
        self._own = own

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return self._counts[word] > (1 if word in self._own else 0)


def called_by_others(mentions: dict[str, frozenset[str]]) -> dict[str, Container[str]]:
    """For each label, the capitalised words (folded) everyone else writes."""
    counts = Counter(word for words in mentions.values() for word in words)
    return {label: _CalledByOthers(counts, words) for label, words in mentions.items()}
