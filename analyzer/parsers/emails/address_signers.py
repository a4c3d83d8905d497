"""The name a sender known only by an address signs with: a full name the address spells
("Tom Raskin" for ptraskin@), a given name typed in lower case that it starts with ("jim"
for jim.bell@), or, from a handle that spells no name ("JHTrustee@aol.com"), the full name
opening the signature, when the message closes with it rather than handing over to a
contact ("details below", "let me introduce", "please call our surveyor:").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analyzer.languages.shared import shared_words
from analyzer.parsers.emails.signoff import TAIL_CHARS, read_name, tidy
from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import fold, initial_and_surname, local_part_name, same_person, tokens

if TYPE_CHECKING:
    from analyzer.parsers.emails.assemble import Part

# "details below", "let me introduce", "ci-dessous": the packs' `[mail] handovers`.
_HANDOVER = shared_words().handover


def address_signer(part: Part, address: str) -> str | None:
    """The name a message from `address` (with no display name) signs with, if any."""
    return (
        _spelled_by_address(part, address)
        or _lower_signed(part, address)
        or _handle_signer(part, address)
    )


def _spelled_by_address(part: Part, address: str) -> str | None:
    """A full name on one of the last lines of a message (or the first of its
    signature) that the sender's address spells ("Tom Raskin" for ptraskin@)."""
    lines = [*part.text[-TAIL_CHARS:].split("\n")[-4:], *(part.signature or "").split("\n")[:3]]
    for line in lines:
        text = line.strip()
        if not text or len(text) > 40 or text[-1] in ".!?:,;":
            continue
        found = read_name(tidy(text.split("|")[0]))
        if found and len(tokens(found)) >= 2 and same_person(found, address):
            return found
    return None


def _handle_signer(part: Part, address: str) -> str | None:
    """The full name opening the signature of a message from a handle, an address that
    spells no name ("JHTrustee@aol.com" signed "Julian Thorne / Thorne & Beckwith LLP")."""
    local = address.split("@", 1)[0]
    if local_part_name(address) is None or any(c in local for c in "._-"):
        return None  # "j.thorne@", "julian_thorne@": spelled names, read elsewhere
    if _HANDOVER.search(part.text[-TAIL_CHARS:]):
        return None  # "... details below." / "Let me introduce": the block is someone else's
    first = next((x.strip() for x in (part.signature or "").split("\n") if x.strip()), "")
    found = read_name(tidy(first.split("|")[0])) if 0 < len(first) <= 40 else None
    if not found or len(tokens(found)) < 2 or not is_personal(found) or introduces(part, found):
        return None
    return found


def _lower_signed(part: Part, address: str) -> str | None:
    """A given name signed in lower case on the last line ("jim", "-rick", "xx sam"), as
    people type on a phone or webmail: read only when the sender's address spells it,
    as its start ("jim.bell@") or as its initial before a surname ("jbellweather@")."""
    last = part.text.rstrip()[-40:].rsplit("\n", 1)[-1].strip(" -—–~.!,")
    word = last.split()[-1] if last.split() else ""
    if not (2 <= len(word) <= 12 and word.isalpha() and word.islower()) or len(last.split()) > 2:
        return None
    if word in NOT_SIGNERS or fold(word) in NOT_SIGNERS:
        return None
    local = fold(address.split("@", 1)[0])
    spelled = local.startswith(word) or (initial_and_surname(local) and local[0] == word[0])
    return word.capitalize() if spelled else None


def introduces(part: Part, name: str) -> bool:
    """Whether the text hands over to the name ("Please call our broker:\n\nTom Lee"):
    a contact the sender gives, not a signature."""
    text = part.text[-TAIL_CHARS:]
    at = text.rfind(name.split(maxsplit=1)[0])
    before = (text[:at] if at >= 0 else text).rstrip()
    return before.endswith(":")
