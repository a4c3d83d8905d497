"""The titles written before a person's name, one list for every reader.

A title is not part of the name a person goes by: "Cllr Rob McAllister" is Rob
McAllister, "Kapitän Hansen" is Hansen, "Dr. Weber, Anna" is Anna Weber. The words are
the language packs' `[address] name_titles` (drafts keep a name with one of them whole
when they greet it), folded and without their dot, so a title added to a pack counts for
mail headers, sign-offs and chat contact names alike.
"""

from __future__ import annotations

from analyzer.languages.shared import shared_words
from analyzer.parsers.mailboxes import fold

# Titles that are given names too: "Don" is Don Carter's name as often as a Spanish title,
# and nothing in "Don J. Carter" or "Don Michael Reyes" tells which, so it is never dropped.
_GIVEN_NAMES_TOO = frozenset({"don"})
# Titles that fold into a given name: "Doña" is a title, "Dona" (Dona Smith) a name; only
# the accented spelling is read as the title.
_ONLY_AS_WRITTEN = {"dona": "doña"}

TITLES: frozenset[str] = (
    frozenset(fold(t).strip(".") for t in shared_words().name_titles)
    - _GIVEN_NAMES_TOO
    - frozenset(_ONLY_AS_WRITTEN)
)

# Courtesy titles (the packs' `courtesy_titles`): with a surname alone ("Mrs Carter",
# "Herr Brandt") they are how a phone's owner knows someone, so a contact name keeps them;
# an office or a rank ("Kapitän Hansen", "Cllr Hughes") goes.
COURTESY: frozenset[str] = frozenset(fold(t).strip(".") for t in shared_words().courtesy_titles)


def is_title(word: str) -> bool:
    """Whether `word` (as written) is a title ("Cllr", "Dr.", "Dipl.-Ing.")."""
    folded = fold(word).strip(".")
    if folded in _ONLY_AS_WRITTEN:
        return word.lower().strip(".") == _ONLY_AS_WRITTEN[folded]
    return folded in TITLES or all(p.strip(".") in TITLES for p in folded.split("-"))
