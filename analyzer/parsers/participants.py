"""The participant one person's merged claims make: the canonical name (the fullest
properly written name, else the name the address spells, a first name alone completed by
an initial-and-surname address), the aliases and the addresses; recased to the spelling
the To/X-To headers give, and combined with any other group that ended with the same
name. `identity.resolve` decides which claims are one person; this module names them.
"""

from __future__ import annotations

from analyzer.models import Participant
from analyzer.parsers.canonical import (
    canonical,
    person_parts,
    reading_order,
    recased,
    unique,
)
from analyzer.parsers.claims import UNKNOWN, Claim, claim_names
from analyzer.parsers.mailboxes import is_mailbox_address
from analyzer.parsers.names import canonical_name, initial_and_surname, local_part_name
from analyzer.parsers.names import tokens as name_tokens


def shown_name(name: str) -> str:
    """A display form: the canonical name, else the text as written."""
    return canonical_name(name) or " ".join(name.split())


def combine_same_names(people: list[Participant]) -> list[Participant]:
    """Groups that ended with the same display name are one participant."""
    out: dict[str, Participant] = {}
    for p in people:
        known = out.get(p.name)
        if known is None:
            out[p.name] = p
            continue
        out[p.name] = known.model_copy(
            update={
                "turns": known.turns + p.turns,
                "aliases": unique([*known.aliases, *p.aliases]),
                "addresses": unique([*known.addresses, *p.addresses]),
                "address": known.address or p.address,
            }
        )
    return list(out.values())


def recased_participant(person: Participant, listed: dict[tuple[str, str], str]) -> Participant:
    """The participant under the spelling the To/X-To headers give its name (`listed`),
    the name it had kept as an alias."""
    name = recased(person.name, listed)
    if name == person.name:
        return person
    return person.model_copy(
        update={"name": name, "aliases": unique([person.name, *person.aliases])}
    )


def _with_surname(given: str, addresses: list[str]) -> str:
    """ "Doug" signing from dkinney@...: Doug Kinney. An address made of the given name's
    initial and a surname (`initial_and_surname`) completes a first name alone."""
    first = name_tokens(given)
    for address in addresses:
        local = address.split("@", 1)[0].lower()
        fits = first and initial_and_surname(local) and local[0] == first[0][0]
        if fits and not local.startswith(first[0]):
            return f"{given} {local[1:].capitalize()}"
    return given


def participant_of(claims: list[Claim], *, aliases: bool) -> Participant:
    """The participant one person's claims make (see the module docstring); with
    `aliases=False` (transcripts) the names are kept as written and no aliases gathered."""
    written: list[str] = []
    addresses: list[str] = []
    for claim in claims:
        written += [n.strip() for n in claim_names(claim)]
        if claim.address and claim.address.strip():
            addresses.append("".join(claim.address.split()))
    addresses = unique(addresses)
    # Transcript labels are names already ("Mr. Halvorsen" says who spoke): kept as is.
    pairs = [
        (shown_name(n) if aliases else " ".join(n.split()), n) for n in written if "@" not in n
    ]
    pairs = [(shown, n) for shown, n in pairs if shown]
    if aliases:
        pairs = person_parts(pairs, addresses)
        orders = {name_tokens(n) for n in map(local_part_name, addresses) if n}
        orders |= {name_tokens(c.signed_as) for c in claims if c.signed_as}
        if orders:  # each distinct name once: a long thread repeats the same few
            ordered = {shown: reading_order(shown, orders) for shown in {s for s, _ in pairs}}
            pairs = [(ordered[shown], n) for shown, n in pairs]
    shown = [p[0] for p in pairs]
    # The names the addresses spell ("brenda.huff" -> Brenda Huff) compete as names
    # written in lower case: below any properly written name that is as full.
    spelled = [
        (shown_name(n), n.lower()) for n in map(local_part_name, addresses) if n and shown_name(n)
    ]
    spelled = [] if addresses and is_mailbox_address(addresses[0]) else spelled  # "sales@": as is
    spelled = spelled if aliases else []  # "Phillip.K.Allen@" spells Phillip Allen
    fallback = addresses[0] if addresses else (written[0] if written else UNKNOWN)
    name = canonical([*pairs, *spelled]) or fallback
    if aliases and pairs and len(name_tokens(name)) == 1:
        name = _with_surname(name, addresses)
    others = unique([n for n in [*written, *shown] if n.lower() != name.lower()]) if aliases else []
    others = [n for n in others if n.lower() not in {a.lower() for a in addresses}]
    return Participant(
        name=name,
        address=addresses[0] if addresses else None,
        turns=len(claims),
        aliases=others,
        addresses=addresses,
    )
