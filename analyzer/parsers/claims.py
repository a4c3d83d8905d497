"""What one turn says about its speaker (a `Claim`: the name and address its header or
sign-off gave, the names it signs with, whom its header writes to), and the names a claim
gives. `identity` merges claims into people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN = "Unknown"


@dataclass(slots=True)
class Claim:
    """What one turn says about its speaker."""

    name: str | None
    address: str | None
    extra_names: list[str] = field(default_factory=list)
    signed_as: str | None = None  # the name as its owner signs it: the order it is read in
    # The (name, address) pairs the turn's header writes to: people who are not its sender.
    recipients: list[tuple[str | None, str | None]] = field(default_factory=list)


def claim_names(claim: Claim) -> list[str]:
    """The names a claim gives its speaker, blanks and "Unknown" left out."""
    return [n for n in (claim.name, *claim.extra_names) if n and n.strip() and n != UNKNOWN]
