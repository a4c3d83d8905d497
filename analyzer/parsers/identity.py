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
- a first name alone (a sign-off, "Phillip", or its short form "Phil") names exactly
  one person with a full name;
- one full name is a shorter spelling of exactly one other ("Javier Ortega" of "Javier
  Ortega Ruiz", "Dana Davis" of "Mark Dana Davis"), unless one writes to the other or
  each writes from an address of their own at another organisation ("Terry Boyle" at
  boyle-motors.ie and "Teresa Boyle" at boyle-lettings.ie; a private address, gmail.com,
  may be a second one of someone's).

Two people who share only a first name are never merged, and a bare first name that
fits two people stays on its own. The `directory` (names and addresses seen in To/X-To
headers) names a sender known only by address. The canonical name is the fullest
properly written name (`names.canonical_name`: "Taylor, Mark E (Legal)" is Mark Taylor),
else the name the address's local part spells; the others become aliases.

A turn's `Claim` is defined in `claims`; the participant a merged group of claims makes
(its canonical name, aliases, addresses) is built in `participants`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analyzer.models import Participant
from analyzer.parsers.claims import UNKNOWN, Claim, claim_names
from analyzer.parsers.mailboxes import normalise_address
from analyzer.parsers.name_index import Groups, NameIndex
from analyzer.parsers.names import plain_umlauts, tokens
from analyzer.parsers.participants import (
    combine_same_names,
    participant_of,
    recased_participant,
    shown_name,
)
from analyzer.parsers.people_apart import Apart, apart, kept_apart


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's word tokens in reading order ("Davis, Dana" -> ("dana", "davis"))."""
    return tokens(name)


def _full_key(tokens: tuple[str, ...]) -> frozenset[str] | None:
    if len(tokens) < 2:
        return None
    return frozenset({tokens[0], tokens[-1]})


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
            known.setdefault(key, set()).add(shown_name(name))
    claims = [_with_directory(c, known) for c in claims]
    groups = Groups(len(claims))
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
    listed = _directory_people(directory or []) if merge else {}
    for root in sorted(members, key=lambda r: members[r][0]):
        indices = members[root]
        person = recased_participant(
            participant_of([claims[i] for i in indices], aliases=merge), listed
        )
        for i in indices:
            speakers[i] = person.name
        if person.name != UNKNOWN:
            # "Unknown" is no identity: it may stand for several people, and nobody can
            # be on its side; its turns keep the speaker, the participant list skips it.
            participants.append(person)
    return Resolution(speakers=speakers, participants=combine_same_names(participants))


def _claim_label(claim: Claim) -> str:
    if claim.name and claim.name.strip():
        return " ".join(claim.name.split())  # transcripts: labels are kept as written
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
            out.setdefault((tokens[0], tokens[-1]), shown_name(name))
    return out


def _with_directory(claim: Claim, known: dict[str, set[str]]) -> Claim:
    """A claim known only by address gets the name the To/X-To headers gave it."""
    if claim.name or not claim.address:
        return claim
    names = known.get(normalise_address(claim.address) or "", set())
    if len(names) == 1:
        extra = [*claim.extra_names, *names]
        return Claim(claim.name, claim.address, extra, claim.signed_as, claim.recipients)
    return claim


def _merge(claims: list[Claim], groups: Groups, directory: dict[tuple[str, str], str]) -> None:
    by_address: dict[str, int] = {}
    by_full: dict[frozenset[str], int] = {}
    singles: list[tuple[int, str]] = []  # (claim, lone token) to resolve once groups exist
    locals_: list[tuple[int, str]] = []  # (claim, local part with one token)
    for i, claim in enumerate(claims):
        address = normalise_address(claim.address)
        if address:
            groups.union(by_address.setdefault(address, i), i)
        for name in [*claim_names(claim), *([address] if address else [])]:
            tokens = name_tokens(name)
            key = _full_key(tokens)
            if key is not None:
                groups.union(by_full.setdefault(key, i), i)
                plain = _umlaut_key(tokens)
                if plain is not None:
                    groups.union(by_full.setdefault(plain, i), i)
            elif len(tokens) == 1 and "@" not in name and not address and not _inbox(claim):
                singles.append((i, tokens[0]))
            elif len(tokens) == 1 and "@" in name:
                locals_.append((i, tokens[0]))
    fulls = [_fulls_of(claim) for claim in claims]
    _merge_shorter_spellings(fulls, groups, apart(claims, fulls, groups))
    by_initial: dict[str, set[int]] = {}
    for root, keys in _full_names(fulls, groups).items():
        for full in keys:
            for given in {full[0], *full[1:-1]}:
                by_initial.setdefault(given[0] + full[-1], set()).add(root)
    # "rdiaz@" with "Ramon Diaz (E-mail)" in a Cc line: the headers name him.
    named: dict[str, set[str]] = {}
    for (first, last), shown in directory.items():
        named.setdefault(first[0] + last, set()).add(shown)
    for i, local in locals_:
        fits = by_initial.get(local, set()) if len(local) > 3 else set()
        if len(fits) == 1:
            groups.union(next(iter(fits)), i)
        elif not fits and len(local) > 3 and len(named.get(local, ())) == 1:
            claims[i].extra_names.append(next(iter(named[local])))
            fulls[i] = _fulls_of(claims[i])
    _resolve_first_names(claims, fulls, groups, singles, directory)
    _resolve_initialled(claims, fulls, groups)


def _inbox(claim: Claim) -> bool:
    """A bare name that signs a shared inbox kept with the inbox's address (crediting's
    `_kept_apart`): it names someone else in the thread, so it joins no one by itself."""
    return any("@" in n for n in claim.extra_names)


@lru_cache(maxsize=65536)
def _umlaut_key(tokens: tuple[str, ...]) -> frozenset[str] | None:
    """ "Joerg Albers" is "Jörg Albers": the key with German umlauts' ASCII spelling
    undone, when it differs from the name's own."""
    plain = tuple(map(plain_umlauts, tokens))
    return _full_key(plain) if plain != tokens else None


@lru_cache(maxsize=65536)
def _initialled(name: str) -> tuple[str, str] | None:
    """("sam", "o") for "Sam O" or "Sam O.": a given name and the surname's initial, as
    some accounts show a person (a private address, a chat profile)."""
    words = name.split()
    if len(words) != 2 or len(words[1].rstrip(".")) != 1 or not words[1][:1].isalpha():
        return None
    given = name_tokens(words[0])
    return (given[0], words[1][0].lower()) if len(given) == 1 else None


def _resolve_initialled(
    claims: list[Claim], fulls: list[list[tuple[str, ...]]], groups: Groups
) -> None:
    """ "Sam O" <samokafor77@gmail.com> joins the one person whose given name Sam fits and
    whose surname starts with O, even with an address of its own."""
    found = [
        (i, pair) for i, c in enumerate(claims) for pair in map(_initialled, claim_names(c)) if pair
    ]
    if not found:
        return
    index = NameIndex()
    for root, keys in _full_names(fulls, groups).items():
        for full in keys:
            index.add(full, groups.find(root))
    for i, (given, initial) in found:
        fits = {groups.find(owner) for owner in index.single(given, initial)}
        fits -= {groups.find(i)}
        if len(fits) == 1:
            groups.union(next(iter(fits)), i)


def _merge_shorter_spellings(
    fulls: list[list[tuple[str, ...]]],
    groups: Groups,
    apart: Apart,
) -> None:
    """ "Javier Ortega" joins "Javier Ortega Ruiz" when exactly one person fits, unless
    the two are `apart`."""
    names = _full_names(fulls, groups)
    index = NameIndex()
    for root, keys in names.items():
        for full in keys:
            index.add(full, root)
    for root, keys in names.items():
        for short in keys:
            longer = index.longer(short) - {root}
            fits = {groups.find(r) for r in longer} - {groups.find(root)}
            if len(fits) == 1 and not any(kept_apart(root, r, apart) for r in longer):
                groups.union(next(iter(fits)), root)


def _resolve_first_names(
    claims: list[Claim],
    fulls: list[list[tuple[str, ...]]],
    groups: Groups,
    singles: list[tuple[int, str]],
    directory: dict[tuple[str, str], str],
) -> None:
    """A bare first name joins the one person who has it: a speaker, or someone the
    To/X-To headers name (then the claim takes that full name). Two candidates: none."""
    speakers = NameIndex()
    keys_of_groups: set[tuple[str, str]] = set()
    for root, keys in _full_names(fulls, groups).items():
        for full in keys:
            speakers.add(full, groups.find(root))
            keys_of_groups.add((full[0], full[-1]))
    named = NameIndex()
    directory_keys = [key for key in directory if key not in keys_of_groups]
    for k, key in enumerate(directory_keys):
        named.add(name_tokens(directory[key]) or key, k)
    first_claim: dict[int, int] = {}
    for i, token in singles:
        found, others = speakers.single(token), named.single(token)
        if len(found) + len(others) != 1:
            continue
        if found:
            groups.union(next(iter(found)), i)
            continue
        k = next(iter(others))
        claims[i].extra_names.append(directory[directory_keys[k]])
        fulls[i] = _fulls_of(claims[i])
        groups.union(first_claim.setdefault(k, i), i)
    # A speaker's shorter spelling of someone the headers name in full ("Mari Carmen"
    # signing, "Santos López, María del Carmen" in Cc) takes the full name.
    for root, keys in _full_names(fulls, groups).items():
        fits = {k for full in keys for k in named.longer(full)}
        if len(fits) == 1 and not any(speakers.longer(full) - {groups.find(root)} for full in keys):
            claims[root].extra_names.append(directory[directory_keys[next(iter(fits))]])


def _fulls_of(claim: Claim) -> list[tuple[str, ...]]:
    """A claim's full names (two words or more) as token tuples, its address included."""
    out: list[tuple[str, ...]] = []
    for name in [*claim_names(claim), *([claim.address] if claim.address else [])]:
        found = name_tokens(name)
        if len(found) >= 2:
            out.append(found)
    return out


def _full_names(
    fulls: list[list[tuple[str, ...]]], groups: Groups
) -> dict[int, set[tuple[str, ...]]]:
    """Each group's full names, from each claim's (`fulls`, computed once)."""
    out: dict[int, set[tuple[str, ...]]] = {}
    for i, names in enumerate(fulls):
        if names:
            out.setdefault(groups.find(i), set()).update(names)
    return out
