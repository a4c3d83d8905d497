"""How a person's name is written once it is read off a header, a sign-off or an address.

Mail systems decorate names: "Taylor, Mark E (Legal)", "Dr. Weber, Anna", "i. A. Jonas
Becker", "Taylor , Mark E ( Legal )" in tokenised corpus exports, "W. David Duran". The
canonical form is the name a person goes by: "Last, First" reordered, middle and leading
initials, titles, delegation prefixes and bracketed department or location suffixes
dropped ("Mark Taylor", "Anna Weber", "Jonas Becker", "David Duran"). A sender known only
by an address gets its local part as a name ("brenda.huff" -> "Brenda Huff").

`tokens` gives the words two spellings of one name share (accents and case folded), and
`same_first_name` knows the usual short forms ("Kim" for Kimberly, "Jim" for James), so
that a sign-off can be matched to a full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from analyzer.parsers.mailboxes import fold as fold  # noqa: PLC0414 (one fold, re-exported)
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.nicknames import NICKNAMES
from analyzer.parsers.titles import TITLES, is_title


def _letters(test: Callable[[str], bool]) -> str:
    """The letters of the Latin, Greek and Cyrillic blocks that pass `test`, for a class."""
    blocks = ((0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF))
    found = "".join(chr(c) for a, b in blocks for c in range(a, b + 1) if test(chr(c)))
    return re.escape(found)


# A capitalised word of a name, in any alphabet the parsers meet, maybe hyphenated, with an
# apostrophe or a capital inside ("Łukasz", "Ayşe", "İlker", "Jean-Pierre", "O'Neill",
# "McKenzie"): a pattern to build others with.
_UPPER = "[A-Z" + _letters(lambda c: c.isupper() or c.istitle()) + "]"
_LOWER = "[a-z" + _letters(str.islower) + "]"
CAPITALISED = (
    _UPPER + "(?:" + _LOWER + "+|['’](?=" + _UPPER + "))(?:['’-]?" + _UPPER + "?" + _LOWER + "+)*"
)

_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]{0,60}(?:[)\]]|$)")  # closed or cut off
_TIGHTEN = re.compile(r"\s+([,.)\]])|([(\[])\s+")
_LAST_FIRST = re.compile(r"^\s*([^\s,][^,]*?)\s*,\s*([^,]+?)\s*$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.?|(?:[^\W\d_]\.-?){2,3})$")  # "E", "K.", "J.R."
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# "i. A. Jonas Becker", "ppa. Jonas Becker", "i.V. Anna Weber", "p.p. Tom Lee".
_DELEGATION = re.compile(r"^(?:i\.\s?a\.|i\.\s?v\.|ppa\.?|pp\.|p\.\s?p\.|per pro\.?)\s+", re.I)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "cpa"})
_COMPANY = frozenset({"inc", "ltd", "llc", "gmbh", "sa", "corp", "co", "plc", "ag", "bv", "ab"})
# Particles inside a name ("María del Carmen", "Ludwig van Beethoven"): not a given name.
PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von"})
# Written in lower case inside a name a mail system recased ("jan van der berg" -> "Jan van
# der Berg", "karl zu guttenberg"): the particles, and words that are a surname too
# ("Du", "Ter") when they open or close it.
_LOWER_INSIDE = PARTICLES | {"der", "den", "ter", "zu", "du"}


_UMLAUT_SPELLED = re.compile(r"(?<=[aou])e")


@lru_cache(maxsize=65536)
def plain_umlauts(word: str) -> str:
    """A folded word with German umlauts' ASCII spelling undone ("joerg" -> "jorg",
    "mueller" -> "muller"), so that "Joerg", "Jörg" and "Jorg" compare equal."""
    return _UMLAUT_SPELLED.sub("", word) if "e" in word else word


def strip_delegation(text: str) -> str:
    """A name without the delegation prefix a signature may put before it ("i. A. Anja
    Weber", "ppa. Jonas Becker", "p.p. Tom Lee" -> the name)."""
    return _DELEGATION.sub("", text.strip())


def _tidy(text: str) -> str:
    """Spaces and punctuation of tokenised exports closed up, quotes and brackets off."""
    text = _SPACES.sub(" ", text.strip().strip("\"'").strip())
    text = _TIGHTEN.sub(lambda m: m.group(1) or m.group(2), text)
    return _BRACKETED.sub("", text).strip(" \"',;")


_SIDES = re.compile(r"\s+[-–—|/·•]\s+")


def _person_side(text: str) -> str:
    """ "Tom Lee - Acme Corp", "Einkauf - Jan Müller", "Ana Ruiz | Finance", "Felicity
    Dunmore, Inflight Services" -> the person: a display name that joins a person and a
    team or a firm the role and firm words know. Two names ("Reformas Zubizarreta - Íñigo
    Zubizarreta Goñi") are left to the identity, which knows which one the person uses."""
    sides = _SIDES.split(text)
    if len(sides) != 2 and text.count(",") == 1:
        first, rest = (x.strip() for x in text.split(","))
        if len(first.split()) >= 2 and rest and not is_personal(rest) and is_personal(first):
            return first  # "Felicity Dunmore, Inflight Services"; "Taylor, Mark" stays
        return text
    if len(sides) != 2:
        return text
    people = [side for side in sides if side.strip() and is_personal(side)]
    return people[0] if len(people) == 1 and any(c.isalpha() for c in people[0]) else text


def _reorder(text: str) -> str:
    """ "Taylor, Mark E" -> "Mark E Taylor"; "ACME, Inc." stays."""
    match = _LAST_FIRST.match(text)
    if match is None or any(ch.isdigit() for ch in text) or "@" in text:
        return text
    last, first = match.groups()
    if fold(first).strip(". ") in _COMPANY | _SUFFIXES:
        return text
    return f"{first} {last}"


@lru_cache(maxsize=65536)  # a thread repeats the same few names many times
def canonical_name(name: str) -> str:
    """The form a person goes by (see the module docstring); "" when nothing is left."""
    text = _reorder(_person_side(_DELEGATION.sub("", _tidy(name))))
    if " " not in text and re.search(r"[^\W\d_][._][^\W\d_]", text):
        return local_part_name(text) or ""  # "kimberly.watson" written as a name
    text = _DELEGATION.sub("", text)
    words = text.split()
    while len(words) > 1 and (is_title(words[0]) or dotted_title(words)):
        words.pop(0)
    # "Anna Dr. Weber" (from "Dr. Weber, Anna"): a title written with its dot goes anywhere.
    words = [w for w in words if not (w.endswith(".") and fold(w).strip(".") in TITLES)]
    words = _surname_last(words)
    if any(ch.isalpha() for ch in text) and "@" not in text:
        kept = [w for w in words if not _INITIALS.match(w)]
        if len([w for w in kept if _WORD.search(w)]) >= 1:
            words = kept
    shown = " ".join(words).strip(" ,")
    letters = [c for c in shown if c.isalpha()]
    if letters and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        shown = " ".join(_recased(shown.split()))
    return shown


# Abbreviations that are a given name, not a title ("Ma. Teresa", "St. John").
_NAME_ABBREVIATIONS = frozenset({"ma", "mª", "st", "ste", "jo", "chr", "wm", "geo", "jas"})


def dotted_title(words: list[str]) -> bool:
    """Whether the first of `words` is a title by its shape: a short abbreviation with
    its dot before a given name and a surname ("Capt. Sam Okoro", "Lt. Ana Ruiz", "Hon.
    Dai Hughes", "Insp. Kurt Wendt"), whatever the title; not an initial ("J. Smith")."""
    first = words[0]
    letters = first[:-1]
    return (
        len(words) >= 3
        and first.endswith(".")
        and 2 <= len(letters) <= 5
        and letters.isalpha()
        and letters[0].isupper()
        and letters[1:].islower()
        and fold(letters) not in _NAME_ABBREVIATIONS
        and all(w[:1].isupper() and len(w.strip(".")) > 1 for w in words[1:3])
    )


def _surname_last(words: list[str]) -> list[str]:
    """ "DUPONT Marie" -> "Marie Dupont": a surname in capitals written first."""
    if any("," in w or fold(w).strip(".") in _COMPANY for w in words):
        return words
    caps = 0
    while caps < len(words) and len(words[caps]) > 2 and words[caps].isupper():
        caps += 1
    if not 0 < caps <= 2 or not 1 <= len(words) - caps <= 2:
        return words
    if not all(w[:1].isupper() for w in words[caps:]) or not is_personal(" ".join(words)):
        return words  # "IBM Procurement" is a team
    if any(w.isupper() and len(w) > 1 for w in words[caps:]):
        return words
    return [*words[caps:], *(_capitalise(w) for w in words[:caps])]


def _recased(words: list[str]) -> list[str]:
    """A name written all in capitals or all in lower case, as the person would write it."""
    last = len(words) - 1
    return [
        w.lower() if 0 < k < last and fold(w) in _LOWER_INSIDE else _capitalise(w)
        for k, w in enumerate(words)
    ]


# "O'NEILL", "D'ARCY", "L'HEUREUX": a one-letter prefix and an apostrophe, then a capital
# ("Sa'id", "Ja'far" keep a small letter after theirs).
_ONE_LETTER_PREFIX = re.compile(r"^([^\W\d_])(['’])(?=[^\W\d_])")


def _capitalise(word: str) -> str:
    if fold(word) in PARTICLES:
        return word.lower()
    out = []
    for part in word.split("-"):
        prefix = _ONE_LETTER_PREFIX.match(part)
        head = prefix.group(0).upper() if prefix else ""
        rest = part[len(head) :]
        # A capital kept as written ("İLKER" -> "İlker"); "İ".lower() would leave its dot
        # as a combining mark ("i̇lker").
        rest = (rest[:1] if rest[:1].isupper() else rest[:1].upper()) + _lower(rest[1:])
        if rest.startswith("Mc") and len(rest) > 3:
            rest = "Mc" + rest[2].upper() + rest[3:]  # "MCALLISTER" -> "McAllister"
        out.append(head + rest)
    return "-".join(out)


def _lower(text: str) -> str:
    return text.lower().replace("i\u0307", "i")


def local_part_name(address: str) -> str | None:
    """ "brenda.huff@x.com" -> "Brenda Huff": the name an address's local part spells."""
    local = address.strip().strip("<>").split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w and w.isalpha()]
    if not words:
        return None
    return " ".join(_capitalise(w) for w in words)


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """A name's words in reading order, folded ("Davis, Dana" -> ("dana", "davis")).

    Initials, titles, suffixes and particles are dropped; an address or a local part
    such as "dana.davis" is read as the words it is made of.
    """
    text = name.strip().strip("\"'").strip()
    if "@" in text:
        text = text.split("@", 1)[0].replace(".", " ").replace("_", " ")
    else:
        text = canonical_name(text)
    words = [fold(w) for w in _WORD.findall(text)]
    return tuple(
        w
        for w in words
        if len(w) > 1 and w not in _SUFFIXES and w not in TITLES and w not in PARTICLES
    )


def nickname_of(word: str) -> frozenset[str]:
    """The full given names a short form stands for ("jim" -> {"james"})."""
    return NICKNAMES.get(word, frozenset())


def same_first_name(short: str, full: str) -> bool:
    """Whether the given name `short` can stand for `full` ("kim"/"kimberly", "jim"/"james").

    Both folded. A prefix counts from three letters on.
    """
    if short == full:
        return True
    if len(short) >= 3 and full.startswith(short):
        return True
    return full in NICKNAMES.get(short, frozenset())


def goes_by(word: str, full: tuple[str, ...]) -> bool:
    """Whether a lone given name (a sign-off) fits the full name `full`: its first name
    or a short form of it, or a middle name people are called by ("Dana" for Mark Dana
    Davis)."""
    if not full:
        return False
    return same_first_name(word, full[0]) or (len(full) > 2 and word in full[1:-1])


def could_be(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether the name `short` may be a shorter spelling of `full`.

    Either the same given name (or its short form) with every other word of `short`
    found in `full` in order, or `short` read in order among `full`'s later words:
    ("javier", "ortega") fits ("javier", "ortega", "ruiz"), ("mari", "carmen",
    "santos") fits ("maria", "carmen", "santos", "lopez"), ("dana", "davis") fits
    ("mark", "dana", "davis"); ("dana", "davis") does not fit ("dana", "reyes").
    """
    if len(short) < 2 or len(short) > len(full) or short == full:
        return False
    if same_first_name(short[0], full[0]):
        rest = iter(full[1:])
        return all(any(w == other for other in rest) for w in short[1:])
    later = iter(full[1:])
    return all(any(w == other for other in later) for w in short)


def may_be_same(signed: str, sender: str) -> bool:
    """Whether the name a message is signed with can belong to its header's sender.

    Loose on purpose: a signature only overrides the header when it clearly names
    someone else. "Kim" fits Kimberly Watson, "Jim" James D Steffes, "Dana" Mark Dana
    Davis, "Javier Ortega" Javier Ortega Ruiz, "J" or "John" J. Smith.
    """
    short, full = tokens(signed), tokens(sender)
    if not short or not full:
        return True
    if "@" in sender and len(full) == 1 and len(short) >= 2 and initials_then(full[0], short):
        return True  # "jsmith" for John Smith, "mdavis" for Mark Dana Davis
    if "@" in sender and len(full) == 1 and len(short) == 1 and initial_and_surname(full[0]):
        return full[0][0] == short[0][0]  # "Doug" from dkinney@
    if set(short) & set(full) or could_be(short, full) or could_be(full, short):
        return True
    if any(same_first_name(short[0], w) or same_first_name(w, short[0]) for w in full):
        return True
    initials = {fold(w)[0] for w in sender.replace(".", " ").split() if len(w.strip(",")) == 1}
    return short[0][0] in initials


_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


def initial_and_surname(local: str) -> bool:
    """Whether an address's local part reads as an initial then a surname ("dkinney",
    "jsmith"): letters only, a consonant after the initial (not "sunshine")."""
    return 5 <= len(local) <= 14 and local.isalpha() and local.isascii() and local[1] in _CONSONANTS


def same_person(one: str, other: str) -> bool:
    """Whether two names (or addresses) can name one person: the same first and last
    name, one a shorter spelling of the other, or an address spelling the name
    ("dana.reyes@x" and "Reyes, Dana"; "pallen@x" and "Phillip Allen")."""
    a, b = tokens(one), tokens(other)
    if not a or not b:
        return False
    if a == b or (len(a) >= 2 and len(b) >= 2 and {a[0], a[-1]} == {b[0], b[-1]}):
        return True
    if could_be(a, b) or could_be(b, a):
        return True
    for address, name in ((one, b), (other, a)):
        local = tokens(address)[0] if "@" in address and len(tokens(address)) == 1 else None
        if local and len(name) >= 2 and initials_then(local, name):
            return True
    return False


def initials_then(local: str, name: tuple[str, ...]) -> bool:
    """Whether an address's local part is initials then the surname of `name`: "jsmith"
    for John Smith, "mdavis" for Mark Dana Davis, "ptraskin" (a middle or second initial
    before the one the person goes by) for Tom Raskin."""
    surname = name[-1]
    prefix = local[: -len(surname)] if local.endswith(surname) else ""
    if not 1 <= len(prefix) <= 3 or not prefix.isalpha():
        return False
    return any(w[0] in prefix for w in name[:-1])
