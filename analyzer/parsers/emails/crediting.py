"""Whom each message is credited to: `credit_signers` reads the name a message is
signed with (`signoff`) against the header that names its sender.

The sign-off names a sender no header names, completes a sender known only by address,
and overrides the header when it clearly names someone else: an assistant writing under
her boss's `From:` and signing in her own name, a delegate "On Behalf Of" someone who
signs, a shared mailbox signed by the person who wrote from it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from analyzer.parsers.emails.address_signers import address_signer, introduces
from analyzer.parsers.emails.shared_inboxes import kept_apart, two_party
from analyzer.parsers.emails.signatures import is_bare_signoff, signature_start
from analyzer.parsers.emails.signoff import (
    TAIL_CHARS,
    read_name,
    signed_by,
    tidy,
    weak_signed,
)
from analyzer.parsers.mailboxes import is_mailbox_address, is_personal
from analyzer.parsers.names import (
    canonical_name,
    could_be,
    fold,
    goes_by,
    may_be_same,
    tokens,
)

if TYPE_CHECKING:
    from analyzer.parsers.emails.addresses import HeaderMeta
    from analyzer.parsers.emails.assemble import Part


def credit_signers(parts: list[Part]) -> None:
    """Credit each message to whoever signed it (see the module docstring).

    Under a header that names the sender, a closing formula overrides it only with a
    full name that is clearly someone else's ("Thank you,\nJenna Ruiz"), or with a first
    name that fits exactly one other person the thread names ("Thanks,\nMaureen" with
    Maureen McVicker in a Cc line): "Cheers,\nDaz" under Darren Whitfield's header is a
    nickname, not another writer.
    """
    people: list[tuple[str, str | None]] | None = None
    unsigned: list[tuple[HeaderMeta, str | None, str]] = []  # (meta, team name, inbox)
    for part in parts:
        if not part.text.strip():
            continue
        meta = part.meta
        if not (meta.name or meta.address):
            meta.name = signed_by(part, own_line=False)[0]
            continue
        if not meta.name and meta.address and is_mailbox_address(meta.address):
            # "store114@", "info@": a shared inbox is whoever signs it, else no one known
            # (between two parties, the inbox itself: the other side; see below).
            inbox = meta.address
            meta.name, meta.address, meta.alias = signed_by(part, own_line=False)[0], None, None
            if meta.name is None:
                unsigned.append((meta, None, inbox))
                continue
            people = _people(parts) if people is None else people
            meta.alias = kept_apart(part, meta.name, inbox, people)
            continue
        if not meta.name and meta.address:
            # "Tom Raskin" closing the text of ptraskin@: the address spells the name,
            # however little room the writer left above it.
            meta.name = address_signer(part, meta.address)
        if meta.name and _is_team(meta.name):
            # A shared mailbox ("Brisa Ops", "Comptabilité fournisseurs") is nobody: the
            # person who signs wrote it; unsigned, or signed by the team, no one known
            # (between two parties, the mailbox itself: the other side; see below).
            team, inbox = meta.name, meta.address or ""
            person = signed_by(part, own_line=False)[0]
            meta.name, meta.address, meta.alias = person, None, None
            if person is None:
                unsigned.append((meta, team, inbox))
                continue
            people = _people(parts) if people is None else people
            meta.alias = kept_apart(part, person, inbox, people)
            continue
        assistant = _assistant_signer(part) if meta.name else None
        if assistant is not None and not may_be_same(assistant, meta.name or ""):
            # "Kim Hillis / Assistant to John Lavorato" under "From: Lavorato, John".
            _credit_to(meta, assistant)
            continue
        signed, strong = signed_by(
            part, own_line=not meta.inferred, strong_only=bool(meta.name and not meta.inferred)
        )
        if meta.name and not meta.inferred:
            # "Thomas J. Brennan" in the signature under "From: Brennan, Tom".
            _note_fuller(meta, _fuller_signed(part, meta.name) or "")
        if signed is None and meta.name and not meta.inferred:
            signed = _other_full_signer(part, meta)
            strong = signed is not None
        if signed is None:
            continue
        if not meta.name:
            # Known by address only: the signature names them, when it fits the address
            # or a closing formula introduces it.
            if strong or may_be_same(signed, meta.address or ""):
                meta.name = signed
            elif meta.inferred:
                meta.name, meta.address = signed, None  # a guessed address gives way
            continue
        clearly_other = not may_be_same(signed, meta.name) and not (
            meta.address and may_be_same(signed, meta.address)
        )
        if not clearly_other:
            _note_fuller(meta, signed)
            continue
        if not (strong or meta.inferred):
            continue  # a guessed sender gives way to any name the message closes with
        if _signs_too(part, meta.name):
            continue  # "Cheers,\nDaz" above "Darren Whitfield | Business Development"
        if meta.inferred or len(signed.split()) >= 2:
            _credit_to(meta, signed)
            continue
        people = _people(parts) if people is None else people
        fits = {
            (name, address)
            for name, address in people
            if goes_by(fold(signed), tokens(name)) and not may_be_same(name, meta.name)
        }
        if len({name for name, _ in fits}) == 1:
            meta.name, meta.address = next(iter(fits))
            meta.alias = None
    for part in parts:
        _recut(part)
    if unsigned and two_party(parts, {inbox for _, _, inbox in unsigned}):
        # Between two parties, an inbox no person signs for anywhere in the thread is the
        # other side: it stays an identity, under its name or address, so the analysis
        # keeps a counterpart and `--them sales@...` matches. (With a third party, or a
        # person signing for it elsewhere, its unsigned messages are by no one known.)
        for kept, name, address in unsigned:
            kept.name, kept.address = name, address or None


def _recut(part: Part) -> None:
    """Split the signature off again once the sender is known: a block that names them
    ("Kim Hillis / Assistant to John Lavorato") was text while nobody knew who wrote."""
    name = part.meta.name
    if not name or (part.cut_for and set(tokens(name)) <= set(tokens(part.cut_for))):
        return  # almost every message: the signature was split with this sender
    lines = part.text.split("\n")
    if len(lines) != len(part.spans):
        return  # a text rebuilt elsewhere: its lines no longer match its spans
    cut = signature_start(lines, name, part.meta.address)
    end = cut
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    if cut >= len(lines) or end == 0:
        return  # nothing to split, or nothing would be left: the sign-off is all they said
    if not part.header and is_bare_signoff(lines[cut:]):
        return  # no header names them: the sign-off ("Michael Scott") is all that does
    wanted = set(tokens(name))
    if len(wanted) < 2 or not any(len(wanted & set(tokens(x))) >= 2 for x in lines[cut:]):
        return  # a bare "Thanks,\nAlex" stays the words it was: only a name block moves
    moved = "\n".join(lines[cut:]).strip("\n")
    part.signature = f"{moved}\n{part.signature}" if part.signature else moved
    part.text, part.spans = "\n".join(lines[:end]), part.spans[:end]
    part.cut_for = name


def _credit_to(meta: HeaderMeta, signed: str) -> None:
    """The message is `signed`'s: the header's address and X-From name are someone
    else's, except a delegate's own ("Ortega, Nina <nina.ortega@...> On Behalf Of
    Whitaker, James", signed by Nina), which stay hers."""
    delegate = meta.delegate if meta.delegate and may_be_same(signed, meta.delegate) else None
    meta.name, meta.alias = signed, None
    meta.address = meta.delegate_address if delegate else None
    if delegate and delegate != signed and delegate not in meta.also:
        meta.also.append(delegate)


# A line opening with two capitalised words ("Ines Carvalho", "María del Carmen" aside):
# where a full name closing a message could stand.
_FULL_NAME_LINE = re.compile(r"(?m)^[ \t]*[A-ZÀ-ÖØ-Þ][^\s\d]*[ \t]+(?:\w+[ \t]+){0,2}[A-ZÀ-ÖØ-Þ]")
_CLOSING_CHARS = 300


def _other_full_signer(part: Part, meta: HeaderMeta) -> str | None:
    """A full name closing the message, or opening its signature, that is clearly not
    the header's sender: the person who wrote from a shared or someone else's mailbox
    ("Scolarité Master" signed "Gwénaëlle Le Bihan"), or the delegate the header names
    ("Simone Achterberg <...> On Behalf Of Hartley Docket") signing in her own name."""
    if not (
        _FULL_NAME_LINE.search(part.text, max(0, len(part.text) - _CLOSING_CHARS))
        or _FULL_NAME_LINE.match(part.signature or "")
    ):
        return None  # no closing line holds two capitalised words: most messages
    weak = weak_signed(part)
    if weak is None or not meta.name or introduces(part, weak):
        return None
    if meta.delegate and may_be_same(weak, meta.delegate):
        return meta.delegate if len(tokens(weak)) < 2 else weak
    if len(tokens(weak)) < 2 or may_be_same(weak, meta.name):
        return None
    if meta.address and may_be_same(weak, meta.address):
        return None
    # "Dana" on a line of her own above someone's name block: the sender signed, and the
    # block is a contact she passes on.
    return None if _signs_given_name(part, meta.name) or _signs_too(part, meta.name) else weak


def _signs_given_name(part: Part, sender: str) -> bool:
    """Whether the sender's given name (or a short form of it) stands alone on one of
    the closing lines of the message."""
    wanted = tokens(sender)
    if not wanted:
        return False
    lines = [x for x in part.text[-TAIL_CHARS:].split("\n")[-10:] if 0 < len(x.strip()) <= 30]
    for line in lines:
        words = tokens(line.strip(" -—–,.!"))
        if len(words) == 1 and goes_by(words[0], wanted):
            return True
    return False


_ASSISTANT = re.compile(
    r"^(?:(?:executive|personal|administrative)\s+)?(?:assistant|secretary|assistent(?:in)?|"
    r"assistante|asistente|secretaria|sekretärin|sekretär|secrétaire)\b.{0,20}?"
    r"\b(?:to|for|of|von|für|de|del|de la)\s+\S",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _is_team(name: str) -> bool:
    """Whether a sender's display name is a shared mailbox's ("Brisa Ops")."""
    return not is_personal(canonical_name(name) or name)


_ASSISTANT_HINT = re.compile(r"ssist|ecretar|ekretär|ecrétaire|SSIST|ECRETAR")
_HINT_CHARS = 400  # the closing lines an assistant's title sits in


def _assistant_signer(part: Part) -> str | None:
    """The full name signed above "Assistant to <boss>" (in four languages): an
    assistant writing from the boss's account, who wrote the message."""
    tail, head = part.text[-TAIL_CHARS:], (part.signature or "")[:TAIL_CHARS]
    if not (
        _ASSISTANT_HINT.search(tail, len(tail) - _HINT_CHARS)
        or _ASSISTANT_HINT.search(head, 0, _HINT_CHARS)
    ):
        return None  # almost every message: no assistant line at all
    lines = [x.strip() for x in tail.split("\n")[-8:] if x.strip()]
    lines += [x.strip() for x in head.split("\n")[:6] if x.strip()]
    for k in range(1, len(lines)):
        if len(lines[k]) <= 80 and _ASSISTANT.match(lines[k]):
            found = read_name(tidy(lines[k - 1]))
            if found and len(found.split()) >= 2:
                return found
    return None


def _fuller_signed(part: Part, sender: str) -> str | None:
    """A name line at the end of the message or the start of its signature that spells
    the sender's name more fully ("María del Carmen Ortega" for "Mari Carmen Ortega")."""
    tail, head = part.text[-TAIL_CHARS:], (part.signature or "")[:TAIL_CHARS]
    surname = _surname(sender)
    if not surname or (surname not in tail and surname not in head):
        if not surname or surname.isascii() == (tail + head).isascii():
            # The fuller name would repeat the surname: most messages have none. Only
            # an accented spelling of an ASCII one ("Estévez") can hide it.
            return None
        if fold(surname) not in fold(tail + head):
            return None  # "Estévez" signed under "Estevez, Raul" is the same surname
    lines = (*tail.split("\n")[-4:], *head.split("\n")[:6])
    return _fuller_among(lines, sender)


@lru_cache(maxsize=4096)
def _surname(sender: str) -> str:
    words = (canonical_name(sender) or sender).split()
    return words[-1] if len(words) >= 2 else ""


@lru_cache(maxsize=8192)  # quoted history repeats the same messages many times
def _fuller_among(lines: tuple[str, ...], sender: str) -> str | None:
    short = tokens(sender)
    for line in lines:
        text = line.strip()
        if not text or len(text) > 50:
            continue
        found = read_name(tidy(text.split("|")[0]))
        if found and len(found.split()) >= 2 and _spells_better(short, sender, found):
            return found
    return None


def _spells_better(short: tuple[str, ...], sender: str, found: str) -> bool:
    """Whether `found` spells the sender's name more fully ("Javier Ortega Ruiz" for
    "Javier Ortega") or with the accents a system dropped ("Raúl Estévez" for "Estevez,
    Raul")."""
    full = tokens(found)
    if could_be(short, full):
        return True
    return full == short and _accents(found) > _accents(sender)


def _accents(name: str) -> int:
    return sum(1 for c in name if c.isalpha() and not c.isascii())


def _note_fuller(meta: HeaderMeta, signed: str) -> None:
    """A signature that spells the sender's name in full ("Javier Ortega Salinas" under
    "From: Javier Ortega") is one more name of theirs: the fullest becomes canonical."""
    if not signed or signed in meta.also or not meta.name:
        return
    own = tokens(meta.name)
    if len(own) == 2 and tokens(signed) == own[::-1] and "," not in meta.name:
        meta.signed_as = signed  # "Lefèvre Camille" signing "Camille Lefèvre"
    elif _spells_better(own, meta.name, signed):
        meta.also.append(signed)


def _signs_too(part: Part, sender: str) -> bool:
    """Whether the sender's full name stands on a line of its own at the end of the
    message or the start of its signature."""
    wanted = tokens(sender)
    if len(wanted) < 2:
        return False
    lines = [*part.text[-TAIL_CHARS:].split("\n")[-6:], *(part.signature or "").split("\n")[:8]]
    for line in lines:
        words = tokens(line.split("|")[0]) if len(line) <= 60 else ()
        if words and wanted[0] in words and wanted[-1] in words and set(words) <= set(wanted):
            return True
    return False


def _people(parts: list[Part]) -> list[tuple[str, str | None]]:
    """Everyone the thread names in full: senders, X-From names and recipients."""
    out: list[tuple[str, str | None]] = []
    for part in parts:
        meta = part.meta
        pairs = [(meta.name, meta.address), (meta.alias, meta.address), *meta.people()]
        out += [(name, address) for name, address in pairs if name and len(tokens(name)) >= 2]
    return out
