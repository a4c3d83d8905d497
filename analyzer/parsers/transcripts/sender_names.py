"""What a chat message says of its sender: the name it introduces them with ("this is
Jessica Alvarez", "c'est Thierry"), the full name or the lone given name it closes with
("Saludos, Nuria Sanchis", "... old phone died. Jas"), who signs for a phone saved as a
role ("- Karen"); and whom the app's own lines are about ("Thierry Vasseur a changé de
numéro").
"""

from __future__ import annotations

import re

from analyzer.languages.shared import shared_words
from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import CAPITALISED, fold
from analyzer.parsers.transcripts.contact_names import is_number

# A name's word: capitalised, maybe hyphenated or with a capital inside ("Jean-Pierre",
# "McKenzie", "Łukasz", "O'Neill").
_WORD = CAPITALISED
_NAME = r"(" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,2})"
# "this is Jessica Alvarez", "c'est Thierry", "hier ist Emre", "soy Lucía", "Carlos
# Mendes here", "Emre hier": how people say who is writing from an unknown number.
_INTRODUCTIONS = (
    re.compile(
        r"(?:^|[\s,.!])(?i:this is|it's|it’s|it is|c'est|c’est|ici|je suis|hier ist|ich bin|soy|habla|"
        r"aquí|le habla)[ \t]+" + _NAME
    ),
    re.compile(_NAME + r"[ \t]+(?:here|hier|ici|aquí|aqui)\b"),
)
# Words that follow "this is" / "c'est" without naming anyone: the packs' words after a
# greeting that name no one (weekdays among them), and a few of their own.
NOT_NAMES = frozenset(map(fold, shared_words().not_names)) | frozenset(
    {
        "it", "me", "we", "perfect", "bon", "parfait", "super", "gut", "genau", "the", "a",
        "an", "not", "just", "bien", "ok", "okay", "noted",
    }
)  # fmt: skip

FIRST_MESSAGES = 3  # an introduction comes with the first few messages
INTRO_CHARS = 240
# The app's lines start with the person they are about ("Thierry Vasseur a changé...").
APP_LINE_NAME = re.compile(r"^\u200e?" + _NAME + r"\s")


def introduced_name(text: str) -> str | None:
    """The name a message's sender introduces themself with, if any."""
    head = text[:INTRO_CHARS]
    for pattern in _INTRODUCTIONS:
        for found in pattern.finditer(head):
            name = found.group(1).strip()
            words = name.split()
            while words and fold(words[-1]) in NOT_NAMES:
                words.pop()
            if any(w.endswith(("'s", "’s")) for w in words):
                continue  # "this is Friday's plan": a possessive, not a name
            if words and fold(words[0]) not in NOT_NAMES and is_personal(" ".join(words)):
                return " ".join(words)
    return None


# Formulas that sign, not thanks ("Thanks, Tom Berg" may thank Tom).
_FORMULA = (
    r"(?i:best|regards|kind regards|best wishes|love|saludos|un saludo|un abrazo|abrazos|"
    r"signé|gez\.|gezeichnet|firmado|fdo\.|"  # "Signé Rachid", "Gez. Heike"
    r"besos|atentamente|cordialement|bien à vous|bises|bisous|amitiés|"
    r"(?:viele |liebe |beste |herzliche |schöne )?grüße|gruß|lg|vg|mfg)"
)
# Where a closing name starts: a line of its own (maybe after a dash) or after a sentence.
_CLOSING = r"(?:^|\n[ \t]*(?:[-–—~][ \t]*)?|[.!?)][ \t]+)"
# "Saludos, Nuria Sanchis", "Best, Tom Berg", "... desde pedido. Enrique Salas" closing a
# message: a sender signing in full, with or without a formula.
_SIGNED = re.compile(
    _CLOSING + r"(?:" + _FORMULA + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)?" + _NAME + r"[ \t]*$"
)


def signed_name(text: str) -> str | None:
    """The full name a chat message closes with ("Saludos, Nuria Sanchis"; "Plazo en dos
    semanas. Enrique Salas")."""
    found = _SIGNED.search(text[-INTRO_CHARS:])
    if found is None:
        return None
    name = found.group(1).strip()
    return name if len(name.split()) >= 2 and is_personal(name) else None


_DIGITS = re.compile(r"\D")
# "Thierry Vasseur changed to +33 6 55 51 23 40", "... a changé son numéro pour +33...",
# "... hat die Nummer zu +49 ... geändert", "... cambió su número a +34 ...".
NUMBER_CHANGED = re.compile(r"\b(?:changed|chang[ée]|ge(?:ä|ae)ndert|gewechselt|cambi[óo])\b", re.I)


def changed_to(number: str, system_lines: list[str]) -> str | None:
    """The person the app says changed their number to `number`."""
    digits = _DIGITS.sub("", number)
    for line in system_lines:
        if NUMBER_CHANGED.search(line) and digits and digits in _DIGITS.sub("", line):
            found = APP_LINE_NAME.match(line)
            if found is not None and not is_number(found.group(1)):
                return found.group(1)
    return None


# "... old phone died. Jas", "see you at 7\n- Bea": a message closing with a name alone.
# "... old phone died. Jas", "see you at 7\n- Bea", "geht das auch anteilig? LG Petra": a
# message closing with a name alone, after a sentence, on a line of its own or a formula.
_END_SIGNED = re.compile(
    r"(?:[.!?)]\s+|\n[ \t]*(?:[-–—~][ \t]*)?)(?:" + _FORMULA + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)?"
    r"(" + _WORD + r")(?:[ \t]+x{1,3})?[ \t]*$"  # "Claire x": a kiss after the name
)


def end_signed(text: str) -> str | None:
    """The lone given name a chat message ends with, after its last sentence or on a
    line of its own ("... old phone died. Jas"); not "thanks Terry", which thanks him."""
    found = _END_SIGNED.search(text[-INTRO_CHARS:])
    return found.group(1) if found else None


# A role's phone is signed on a line of its own, after a dash or after a formula opening
# the message, a line or a sentence, maybe after an emoji there ("- Karen", "Un saludo,
# Marta", "👍 Gez. Heike"); not a formula inside a sentence ("Yes ✅ Signed Contract", "50%
# Love Island"), nor a word closing a sentence's line ("... signed off. Confirmed").
_EMOJI = "[\u2600-\u27bf\U0001f300-\U0001faff][\ufe0f\U0001f3fb-\U0001f3ff]*[ \t]*"
_ROLE_SIGNED = re.compile(
    r"(?:\n[ \t]*(?:[-–—~][ \t]*)?|[ \t][-–—~][ \t]*|(?:^|\n|[.!?)][ \t]+)(?:"
    + _EMOJI
    + r")?"
    + _FORMULA
    + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)("
    + _WORD
    + r")(?:[ \t]+x{1,3})?[ \t]*$"
)


def role_signer(text: str) -> str | None:
    """Who wrote a message from a contact saved as a role alone ("Ops Duty Manager"):
    the name it says or signs ("this is Grace", "- Karen", "Un saludo, Marta"), else None
    (no one known)."""
    found = introduced_name(text) or signed_name(text)
    if found is None:
        signed = _ROLE_SIGNED.search(text[-INTRO_CHARS:])
        found = signed.group(1) if signed else None
    if found is None or fold(found) in NOT_SIGNERS or fold(found) in NOT_NAMES:
        return None
    return found if is_personal(found) else None
