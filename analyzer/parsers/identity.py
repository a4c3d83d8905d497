"""One identity per person: the names and addresses a thread gives one sender, merged.

Mail systems name the same person many ways: `heather.dunton@acme.com` in one message,
"Heather Dunton" in the next, "Dunton, Heather" in a quote header, "Heather" under a
sign-off, `hdunton@` in another export. Each turn makes a *claim* (the name and address
its header or sign-off gave); claims are merged when

- they share an address (case and stray spaces ignored);
- their names are the same first and last name in either order ("Davis, Dana" =
  "Dana Davis" = "DAVIS Dana"; middle initials ignored), an address local part
  counting as a name ("dana.davis", "dana_davis");
- an address local part is the first initial and last name of exactly one person
  ("pallen" = "Phillip Allen");
- a first name alone (a sign-off, "Phillip") names exactly one person with a full name.

Two people who share only a first name are never merged, and a bare first name that
fits two people stays on its own. The `directory` (names and addresses seen in To/X-To
headers) names a sender known only by address. The canonical name is the most common
properly written full name; the others become aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from analyzer.models import Participant

UNKNOWN = "Unknown"
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LAST_FIRST = re.compile(r"^\s*([^\s,][^,]*?)\s*,\s*([^,]+?)\s*$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mr", "mrs", "ms", "dr"})
_COMPANY = frozenset({"inc", "ltd", "llc", "gmbh", "sa", "corp", "co", "plc", "ag", "bv"})


@dataclass(slots=True)
class Claim:
    """What one turn says about its speaker."""

    name: str | None
    address: str | None
    extra_names: list[str] = field(default_factory=list)


def normalise_address(address: str | None) -> str | None:
    """Lower case, spaces removed: `< Dana. Davis@ENRON.com >` -> `dana.davis@enron.com`."""
    if not address:
        return None
    cleaned = "".join(address.split()).strip("<>[]()\"'.,;:").lower()
    return cleaned if "@" in cleaned else None


@lru_cache(maxsize=65536)  # a thread repeats the same few names many times
def name_tokens(name: str) -> tuple[str, ...]:
    """A name's word tokens in reading order ("Davis, Dana" -> ["dana", "davis"]).

    Initials, titles and suffixes are dropped; an address or a local part such as
    "dana.davis" is read as the words it is made of.
    """
    text = name.strip().strip("\"'").strip()
    if "@" in text:
        text = text.split("@", 1)[0]
    match = _LAST_FIRST.match(text)
    if match and not any(ch.isdigit() for ch in text):
        last, first = match.groups()
        if first.lower().strip(". ") not in _COMPANY:
            text = f"{first} {last}"
    words = [w.lower() for w in _TOKEN.findall(text.replace(".", " ").replace("_", " "))]
    return tuple(w for w in words if len(w) > 1 and w not in _SUFFIXES)


def _full_key(tokens: tuple[str, ...]) -> frozenset[str] | None:
    if len(tokens) < 2:
        return None
    return frozenset({tokens[0], tokens[-1]})


def _is_proper(name: str) -> bool:
    """Written as people write names: not all lower case, not all capitals, no address."""
    letters = [c for c in name if c.isalpha()]
    return (
        "@" not in name
        and bool(letters)
        and not all(c.islower() for c in letters)
        and not all(c.isupper() for c in letters)
    )


@lru_cache(maxsize=65536)
def _shown(name: str) -> str:
    """A display form: "Last, First" reordered, spaces collapsed, quotes trimmed."""
    text = " ".join(name.strip().strip("\"'").split())
    match = _LAST_FIRST.match(text)
    if match and "@" not in text and not any(ch.isdigit() for ch in text):
        last, first = match.groups()
        if first.lower().strip(". ") not in _COMPANY | _SUFFIXES:
            return f"{first} {last}"
    return text


class _Groups:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True)
class Resolution:
    """The canonical speaker of each claim, and the participants in order of appearance."""

    speakers: list[str]
    participants: list[Participant]


def resolve(
    claims: list[Claim],
    directory: list[tuple[str | None, str | None]] | None = None,
    *,
    merge: bool = True,
) -> Resolution:
    """Merge the claims into people (see the module docstring).

    With `merge=False` (transcripts: labels are names already) only identical names are
    one person; aliases stay empty.
    """
    known: dict[str, set[str]] = {}
    for name, address in directory or []:
        key = normalise_address(address)
        if name and key and "@" not in name:
            known.setdefault(key, set()).add(_shown(name))
    claims = [_with_directory(c, known) for c in claims]
    groups = _Groups(len(claims))
    if merge:
        _merge(claims, groups, _directory_people(directory or []))
    else:
        first_by_name: dict[str, int] = {}
        for i, claim in enumerate(claims):
            key = _claim_label(claim)
            if key != UNKNOWN:
                groups.union(first_by_name.setdefault(key, i), i)
    members: dict[int, list[int]] = {}
    for i in range(len(claims)):
        members.setdefault(groups.find(i), []).append(i)
    speakers = [UNKNOWN] * len(claims)
    participants: list[Participant] = []
    for root in sorted(members, key=lambda r: members[r][0]):
        indices = members[root]
        person = _participant([claims[i] for i in indices], aliases=merge)
        for i in indices:
            speakers[i] = person.name
        participants.append(person)
    return Resolution(speakers=speakers, participants=_combine_same_names(participants))


def _combine_same_names(people: list[Participant]) -> list[Participant]:
    """Groups that ended with the same display name are one participant (e.g. "Unknown")."""
    out: dict[str, Participant] = {}
    for p in people:
        known = out.get(p.name)
        if known is None:
            out[p.name] = p
            continue
        out[p.name] = known.model_copy(
            update={
                "turns": known.turns + p.turns,
                "aliases": _unique([*known.aliases, *p.aliases]),
                "addresses": _unique([*known.addresses, *p.addresses]),
                "address": known.address or p.address,
            }
        )
    return list(out.values())


def _claim_label(claim: Claim) -> str:
    if claim.name and claim.name.strip():
        return _shown(claim.name)
    return claim.address.strip() if claim.address else UNKNOWN


def _directory_people(
    directory: list[tuple[str | None, str | None]],
) -> dict[tuple[str, str], str]:
    """(first, last) -> display name of each full name the To/X-To headers give."""
    out: dict[tuple[str, str], str] = {}
    for name, _ in directory:
        if not name or "@" in name:
            continue
        tokens = name_tokens(name)
        if len(tokens) >= 2:
            out.setdefault((tokens[0], tokens[-1]), _shown(name))
    return out


def _with_directory(claim: Claim, known: dict[str, set[str]]) -> Claim:
    """A claim known only by address gets the name the To/X-To headers gave it."""
    if claim.name or not claim.address:
        return claim
    names = known.get(normalise_address(claim.address) or "", set())
    if len(names) == 1:
        return Claim(claim.name, claim.address, [*claim.extra_names, *names])
    return claim


def _names(claim: Claim) -> list[str]:
    return [n for n in (claim.name, *claim.extra_names) if n and n.strip() and n != UNKNOWN]


def _merge(claims: list[Claim], groups: _Groups, directory: dict[tuple[str, str], str]) -> None:
    by_address: dict[str, int] = {}
    by_full: dict[frozenset[str], int] = {}
    singles: list[tuple[int, str]] = []  # (claim, lone token) to resolve once groups exist
    locals_: list[tuple[int, str]] = []  # (claim, local part with one token)
    for i, claim in enumerate(claims):
        address = normalise_address(claim.address)
        if address:
            groups.union(by_address.setdefault(address, i), i)
        for name in [*_names(claim), *([address] if address else [])]:
            tokens = name_tokens(name)
            key = _full_key(tokens)
            if key is not None:
                groups.union(by_full.setdefault(key, i), i)
            elif len(tokens) == 1 and "@" not in name and not address:
                singles.append((i, tokens[0]))
            elif len(tokens) == 1 and "@" in name:
                locals_.append((i, tokens[0]))
    by_initial: dict[str, set[int]] = {}
    for root, keys in _full_names(claims, groups).items():
        for first, last in keys:
            by_initial.setdefault(first[0] + last, set()).add(root)
    for i, local in locals_:
        fits = by_initial.get(local, set()) if len(local) > 3 else set()
        if len(fits) == 1:
            groups.union(next(iter(fits)), i)
    _resolve_first_names(claims, groups, singles, directory)


def _resolve_first_names(
    claims: list[Claim],
    groups: _Groups,
    singles: list[tuple[int, str]],
    directory: dict[tuple[str, str], str],
) -> None:
    """A bare first name joins the one person who has it: a speaker, or someone the
    To/X-To headers name (then the claim takes that full name). Two candidates: none."""
    by_first: dict[str, set[int]] = {}
    keys_of_groups: set[tuple[str, str]] = set()
    for root, keys in _full_names(claims, groups).items():
        for key in keys:
            by_first.setdefault(key[0], set()).add(root)
            keys_of_groups.add(key)
    named: dict[str, set[tuple[str, str]]] = {}
    for key in directory:
        if key not in keys_of_groups:
            named.setdefault(key[0], set()).add(key)
    first_claim: dict[tuple[str, str], int] = {}
    for i, token in singles:
        speakers, others = by_first.get(token, set()), named.get(token, set())
        if len(speakers) + len(others) != 1:
            continue
        if speakers:
            groups.union(next(iter(speakers)), i)
            continue
        key = next(iter(others))
        claims[i].extra_names.append(directory[key])
        groups.union(first_claim.setdefault(key, i), i)


def _full_names(claims: list[Claim], groups: _Groups) -> dict[int, set[tuple[str, str]]]:
    """Each group's (first, last) name pairs."""
    out: dict[int, set[tuple[str, str]]] = {}
    for i, claim in enumerate(claims):
        for name in [*_names(claim), *([claim.address] if claim.address else [])]:
            tokens = name_tokens(name)
            if len(tokens) >= 2:
                out.setdefault(groups.find(i), set()).add((tokens[0], tokens[-1]))
    return out


def _initial_last(pair: tuple[str, str], local: str) -> bool:
    first, last = pair
    return len(local) > 3 and local == first[0] + last


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.lower(), value)
    return list(seen.values())


def _participant(claims: list[Claim], *, aliases: bool) -> Participant:
    written: list[str] = []
    addresses: list[str] = []
    for claim in claims:
        written += [n.strip() for n in _names(claim)]
        if claim.address and claim.address.strip():
            addresses.append("".join(claim.address.split()))
    addresses = _unique(addresses)
    shown = [_shown(n) for n in written if "@" not in n]
    fallback = addresses[0] if addresses else (written[0] if written else UNKNOWN)
    name = _canonical(shown) or fallback
    others = (
        _unique([n for n in [*written, *shown] if n.lower() != name.lower()]) if aliases else []
    )
    others = [n for n in others if n.lower() not in {a.lower() for a in addresses}]
    return Participant(
        name=name,
        address=addresses[0] if addresses else None,
        turns=len(claims),
        aliases=others,
        addresses=addresses,
    )


def _canonical(names: list[str]) -> str | None:
    """The most common properly written full name, else the most common name."""
    if not names:
        return None
    counts = Counter(names)
    first_seen = {n: k for k, n in reversed(list(enumerate(names)))}

    def rank(n: str) -> tuple[int, int, int, int]:
        full = len(name_tokens(n)) >= 2
        return (int(full), int(_is_proper(n)), counts[n], -first_seen[n])

    return max(counts, key=rank)
