"""A shared inbox's messages between people: a bare name it is signed with that is someone
else's ("Thanks, Rick" from info@ to Richard Shapiro) is kept apart from them, and an
unsigned inbox that is the only other party of a thread stays that party (`crediting`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analyzer.parsers.mailboxes import normalise_address
from analyzer.parsers.names import goes_by, tokens

if TYPE_CHECKING:
    from analyzer.parsers.emails.assemble import Part


def _domain(address: str | None) -> str:
    cleaned = normalise_address(address)
    return cleaned.rsplit("@", 1)[1] if cleaned else ""


def kept_apart(
    part: Part, signer: str | None, inbox: str | None, people: list[tuple[str, str | None]]
) -> str | None:
    """The inbox's address, kept with a bare name a shared inbox is signed with ("Thanks,
    Rick" from info@harbor-supply.com) when that name fits the message's own recipient or
    someone at another domain (Richard Shapiro at coastal-builders.com): the signer is
    not them, and the address keeps the name from being read as theirs."""
    words = tokens(signer or "")
    if len(words) != 1 or not inbox or not _domain(inbox):
        return None
    own = {tokens(name) for name, _ in part.meta.people() if name}
    for name, address in [*people, *part.meta.people()]:
        full = tokens(name or "")
        if len(full) < 2 or not goes_by(words[0], full):
            continue
        if full in own or (address and _domain(address) != _domain(inbox)):
            return inbox.strip(" <>")
    return None


def two_party(parts: list[Part], inboxes: set[str]) -> bool:
    """Whether the thread's messages pass between one inbox and one other party only (by
    address, a name without one counting when no address goes with that name: a person
    who signed for an inbox is a party of their own)."""
    addresses = {a for a in map(normalise_address, inboxes) if a}
    named: dict[tuple[str, ...], bool] = {}  # name -> whether an address goes with it
    for part in parts:
        meta = part.meta
        for name, address in [(meta.name, meta.address), *meta.people()]:
            if cleaned := normalise_address(address):
                addresses.add(cleaned)
            if name and tokens(name):
                named[tokens(name)] = named.get(tokens(name), False) or bool(address)
    return len(addresses) + sum(not has for has in named.values()) <= 2
