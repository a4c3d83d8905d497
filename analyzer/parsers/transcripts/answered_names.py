"""The person behind a chat label that is no personal name: a phone number, a role
("Ops Duty Manager", "Disponent Nord"), a firm ("Transporteur Lemaire").

People say who such a contact is in two ways: the contact signs ("Signé Rachid", "Gez.
Heike", a message that is the name alone, "Paco"), and the others call them by their name
when they answer one of the contact's messages directly ("Merci Rachid.", "Hallo Uwe,",
"gracias Francisco!"). A label takes that name when the evidence agrees on one person:

- every name found fits one person (a short form and a full name: "Paco" and "Francisco
  Linares"), and none is another sender's (the answer names the label it answers, not a
  third person of the chat: "Thanks Tom" is no evidence while a "Tom Berg" writes);
- a number or a firm takes it from a direct answer or from its own sign-off;
- a role's phone is shared by the people on duty, so only a name it signs *and* the others
  answer it with makes the whole label that person; otherwise each message stays with
  whoever signs it (`sender_names.role_signer`).

Nothing found, or names of two people: the label is kept as it is. A personal-name label is
never renamed here.
"""

from __future__ import annotations

import re

from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import fold, goes_by, tokens
from analyzer.parsers.transcripts.sender_names import role_signer, signed_name

_WORD = r"[A-ZÀ-ÝÑ][a-zà-ÿñ'’-]+"
# A reply that opens by thanking or greeting someone by name, the name then closing the
# clause ("Merci Rachid.", "Hallo Uwe, wir buchen", "Thanks Kirsty!"): the name it answers.
_ADDRESSED = re.compile(
    r"^\W*(?i:thanks|thank you|thx|cheers|ta|hi|hello|hey|morning|merci|bonjour|salut|"
    r"coucou|danke|dankeschön|hallo|moin|servus|gracias|hola|buenas|vale|ok|okay|"
    r"super|perfect|perfecto|parfait|top)[ \t]*[,!]?[ \t]+(" + _WORD + r")(?=[ \t]*(?:[,.!:;]|$))"
)
_LONE = re.compile(r"^\W*(" + _WORD + r")\W*$")


def addressed_name(text: str) -> str | None:
    """The name a message opens by thanking or greeting ("Merci Rachid."), if any."""
    found = _ADDRESSED.match(text.split("\n", 1)[0])
    if found is None or fold(found.group(1)) in NOT_SIGNERS:
        return None
    return found.group(1) if is_personal(found.group(1)) else None


def own_signature(text: str, label: str) -> str | None:
    """The name a label's message signs with: a sign-off ("Signé Rachid", "- Kirsty"), a
    full name closing it, or the message a word of the label alone ("Paco" under "Grúas
    Paco")."""
    lone = _LONE.match(text.strip())
    if lone is not None and fold(lone.group(1)) in {fold(w) for w in label.split()}:
        return lone.group(1)
    return signed_name(text) or role_signer(text)


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


def answered_names(
    messages: list[tuple[str, str]],
    unnamed: set[str],
    roles: set[str],
    names: dict[str, str],
) -> dict[str, str]:
    """Label -> the person's name for the labels in `unnamed` (numbers, roles and firms no
    other reading named) where the evidence agrees (see the module docstring). `names`:
    the names the other labels go by."""
    signed: dict[str, list[str]] = {}
    answered: dict[str, list[str]] = {}
    previous: str | None = None
    for label, text in messages:
        if label in unnamed:
            found = own_signature(text, label)
            if found is not None:
                signed.setdefault(label, []).append(found)
        if previous in unnamed and previous != label:
            found = addressed_name(text)
            if found is not None:
                answered.setdefault(previous, []).append(found)
        previous = label
    out: dict[str, str] = {}
    for label in unnamed:
        others = {w for o in names if o != label for w in tokens(names.get(o, o))}
        evidence = [
            n for n in [*answered.get(label, []), *signed.get(label, [])] if n and tokens(n)
        ]
        if not evidence or any(w in others for n in evidence for w in tokens(n)):
            continue
        if label in roles and not (answered.get(label) and signed.get(label)):
            continue  # a shared phone: one person only when the others answer who signs
        person = _one_person(evidence)
        if person is not None:
            out[label] = person
    return out
