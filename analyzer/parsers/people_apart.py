"""Which groups of a thread's claims are two people however alike their names ("Terry
Boyle" and "Teresa Boyle", "Fred Meyer" and "Alfred Meyer"): one writes to the other, or
each writes from an address of their own at another organisation. `identity` never joins
such groups as spellings of one name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analyzer.parsers.mailboxes import is_mailbox_address, normalise_address
from analyzer.parsers.names import tokens

if TYPE_CHECKING:
    from analyzer.parsers.claims import Claim
    from analyzer.parsers.name_index import Groups

# The pairs of roots that write to each other, and each root's organisations' domains.
Apart = tuple[set[frozenset[int]], dict[int, set[str]]]

# Mail providers people write from privately ("replying from my personal account"): an
# address there may be a second one of someone who writes from work too.
_PRIVATE_MAIL = frozenset(
    {
        "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "icloud",
        "me", "mac", "aol", "gmx", "web", "t-online", "freenet", "orange", "free", "wanadoo",
        "laposte", "sfr", "proton", "protonmail", "pm", "mail", "yandex", "telefonica",
        "movistar", "terra", "btinternet", "sky", "comcast", "verizon", "att", "sbcglobal",
    }
)  # fmt: skip


def apart(claims: list[Claim], fulls: list[list[tuple[str, ...]]], groups: Groups) -> Apart:
    """Pairs of groups (by their current roots) that are two people however alike their
    names: one writes to the other ("Terry Boyle <terry@boyle-motors.ie>" to "Teresa
    Boyle <teresa.boyle@boyle-lettings.ie>"); and the organisations' domains of each
    root's personal addresses (two roots at different organisations are two people)."""
    own: dict[int, set[str]] = {}
    by_address: dict[str, int] = {}
    by_full: dict[tuple[str, ...], int] = {}
    for i, claim in enumerate(claims):
        root = groups.find(i)
        address = normalise_address(claim.address)
        if address:
            by_address[address] = root
            domain = address.rsplit("@", 1)[1]
            if not is_mailbox_address(address) and domain.split(".")[0] not in _PRIVATE_MAIL:
                own.setdefault(root, set()).add(domain)
        for full in fulls[i]:
            by_full.setdefault(full, root)
    out: set[frozenset[int]] = set()
    for i, claim in enumerate(claims):
        for name, address in claim.recipients:
            key = normalise_address(address)
            other = by_address.get(key) if key else by_full.get(tokens(name or ""))
            if other is not None and other != groups.find(i):
                out.add(frozenset({groups.find(i), other}))
    return out, own


def kept_apart(one: int, other: int, apart: Apart) -> bool:
    """Whether two roots are two people: one writes to the other, or each writes from an
    address of their own at another organisation (not a private one)."""
    talking, domains = apart
    if frozenset({one, other}) in talking:
        return True
    mine, theirs = domains.get(one), domains.get(other)
    return bool(mine and theirs and not mine & theirs)
