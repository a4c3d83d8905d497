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

TITLES: frozenset[str] = frozenset(fold(t).strip(".") for t in shared_words().name_titles)

# Titles that are given names too ("Don Smith"): a title only before a given name and a
# surname ("Don José Ortega").
GIVEN_TOO: frozenset[str] = frozenset({"don"})


def is_title(word: str, following: int) -> bool:
    """Whether `word` (as written) is a title before `following` more words of a name."""
    folded = fold(word).strip(".")
    if folded not in TITLES and not all(p.strip(".") in TITLES for p in folded.split("-")):
        return False  # "Dipl.-Ing." joins two titles
    return folded not in GIVEN_TOO or following >= 2


# Courtesy titles: with a surname alone ("Mrs Carter", "Herr Brandt") they are how a
# phone's owner knows someone, so a contact name keeps them; an office or a rank
# ("Kapitän Hansen", "Cllr Hughes") goes.
COURTESY: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "herr", "frau", "m", "mme", "mlle", "monsieur",
        "madame", "mademoiselle", "sr", "sra", "srta", "don", "dona",
    }
)  # fmt: skip
