"""The person behind an unsaved number in a chat export, when the chat says it twice.

People say who an unsaved number is in two ways: the number signs ("Signé Rachid", "Gez.
Heike", "- Kirsty", a message that is the name alone), and the others call it by its name
when they answer one of its messages directly ("Merci Rachid.", "Hallo Uwe,", "gracias
Francisco!"). Either alone is weak: a reply may greet a third person ("Morning Sarah") or
say no name at all ("Danke Ihnen!", "Hallo Zusammen", "Gracias Jefe"), and a message may
close with a pasted signature. So a number takes a name only when

- it signs with the name *and* another sender answers it by that name;
- the name is a personal name: no pronoun, greeting, courtesy, role or kinship word or
  weekday (the language packs' `[address] not_names`, greetings and titles);
- every name found fits one person, and none is another sender's;
- no other number is given that name (two numbers thanked as "Sarah" stay two numbers);
- the number does not speak of the name in the third person ("Tom's off today").

Nothing else renames a number here; a contact saved under a role ("Ops Duty Manager") is
a phone several people use, whose messages are each their signer's (`role_signer`), and a
contact saved under a personal name is never renamed here.
"""

from __future__ import annotations

import re
from collections import Counter

from analyzer.languages.shared import shared_words
from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import CAPITALISED, fold, goes_by, tokens
from analyzer.parsers.titles import COURTESY, TITLES
from analyzer.parsers.transcripts.chat_roles import KIN
from analyzer.parsers.transcripts.sender_names import NOT_NAMES, role_signer, signed_name

_OPENER = shared_words().reply_opener
# A reply that opens by thanking or greeting someone by name, the name then closing the
# clause ("Merci Rachid.", "Hallo Uwe, wir buchen", "Thanks Kirsty!"): the name it answers.
_ADDRESSED = re.compile(
    r"^\W*(?i:" + _OPENER + r")[ \t]*[,!]?[ \t]+(" + CAPITALISED + r")(?=[ \t]*(?:[,.!:;]|$))"
)
_GREETING_WORD = re.compile(r"(?:" + _OPENER + r")", re.IGNORECASE)
_LONE = re.compile(r"^\W*(" + CAPITALISED + r")\W*$")
_LETTERS = re.compile(r"[^\W\d_]+")


def is_given_name(word: str) -> bool:
    """Whether a word said to or by a number can be a person's name: not a pronoun, a
    greeting, a courtesy, role or kinship word, a weekday ("Ihnen", "Zusammen", "Jefe",
    "Monday", "Dad")."""
    folded = fold(word).strip(".")
    if folded in NOT_NAMES or folded in NOT_SIGNERS or folded in TITLES or folded in COURTESY:
        return False
    if folded in KIN or _GREETING_WORD.fullmatch(word) is not None:
        return False
    return is_personal(word)


def addressed_name(text: str) -> str | None:
    """The name a message opens by thanking or greeting ("Merci Rachid."), if any."""
    found = _ADDRESSED.match(text.split("\n", 1)[0])
    return found.group(1) if found is not None and is_given_name(found.group(1)) else None


def own_signature(text: str, label: str) -> str | None:
    """The name a label's message signs with: a sign-off ("Signé Rachid", "- Kirsty"), a
    full name closing it, or the message a word of the label alone ("Paco" under "Grúas
    Paco")."""
    lone = _LONE.match(text.strip())
    if lone is not None and fold(lone.group(1)) in {fold(w) for w in label.split()}:
        return lone.group(1) if is_given_name(lone.group(1)) else None
    found = signed_name(text) or role_signer(text)
    if found is None or not all(is_given_name(w) for w in found.split()):
        return None
    return found


def _one_person(names: list[str]) -> str | None:
    """The fullest of `names` when they all fit one person, else None."""
    fullest = max(names, key=lambda n: len(tokens(n)))
    full = tokens(fullest)
    for name in names:
        own = tokens(name)
        if not own or not full:
            return None
        if own != full[: len(own)] and not (len(own) == 1 and goes_by(own[0], full)):
            return None
    return fullest


def _speaks_of(texts: list[str], words: set[str], signatures: int) -> bool:
    """Whether more of a label's messages hold one of `words` than sign with it: the
    label speaks of that person ("Tom's off today") rather than signing."""
    holding = sum(1 for text in texts if words & set(_LETTERS.findall(fold(text))))
    return holding > signatures


def answered_names(
    messages: list[tuple[str, str]], unnamed: set[str], names: dict[str, str]
) -> dict[str, str]:
    """Number -> the person's name for the numbers in `unnamed` (no other reading named
    them) where the chat says it both ways (see the module docstring). `names`: the name
    each label goes by."""
    answered: dict[str, list[str]] = {}
    previous: str | None = None
    for label, text in messages:
        if previous in unnamed and previous != label:
            found = addressed_name(text)
            if found is not None:
                answered.setdefault(previous, []).append(found)
        previous = label
    # Only a number someone answers by name can take one: the others' messages are not read.
    signed: dict[str, list[str]] = {}
    said: dict[str, list[str]] = {}
    for label, text in messages:
        if label in answered:
            said.setdefault(label, []).append(text)
            found = own_signature(text, label)
            if found is not None:
                signed.setdefault(label, []).append(found)
    # Built once: the name words of the senders that are no candidate.
    others = {w for label, shown in names.items() if label not in unnamed for w in tokens(shown)}
    firsts = {
        label: {
            w for n in [*answered.get(label, []), *signed.get(label, [])] for w in tokens(n)[:1]
        }
        for label in unnamed
    }
    claimed = Counter(word for found in firsts.values() for word in found)
    out: dict[str, str] = {}
    for label in unnamed:
        answers, signs = answered.get(label, []), signed.get(label, [])
        if not answers or not signs:
            continue  # one reading alone may be a third person or a pasted signature
        words = {w for n in [*answers, *signs] for w in tokens(n)}
        if not words or words & others:
            continue
        person = _one_person([*answers, *signs])
        if person is None or any(claimed[w] > 1 for w in firsts[label]):
            continue  # two people, or a name the chat gives two numbers
        if _speaks_of(said.get(label, []), words, len(signs)):
            continue
        out[label] = person
    return out
