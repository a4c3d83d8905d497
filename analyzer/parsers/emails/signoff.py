"""Who signed a message, and whom each message is credited to.

"Thanks, Phillip", "love Mae", "Cheers\\nKirk", "Thanks , Buck" (the tokenised text some
corpus exports produce), "-Phillip", a closing formula then a full name on its own
line, or a name alone in the last paragraph ("...haul off.\\n\\nJohn Smith"). Only the last
few non-blank lines are read, so a greeting ("Phillip,") at the top of a message is
never taken for the writer.

`credit_signers` then credits each message to whoever signed it: the sign-off names a
sender no header names, completes a sender known only by address, and overrides the
header when it clearly names someone else (an assistant writing under her boss's
`From:` and signing in her own name, a delegate "On Behalf Of" someone who signs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from analyzer.parsers.emails.patterns import VALEDICTION_SET
from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.names import (
    canonical_name,
    could_be,
    fold,
    goes_by,
    is_personal,
    may_be_same,
    same_person,
    strip_delegation,
    tokens,
)

if TYPE_CHECKING:
    from analyzer.parsers.emails.addresses import HeaderMeta
    from analyzer.parsers.emails.assemble import Part

_WINDOW = 5
_BEFORE_PUNCTUATION = re.compile(r"\s+([,.!])")
_SPACES = re.compile(r"\s+")
_UPPER = "A-ZÀ-ÖØ-ÞŁŃŚŹŻČŠŽ"
# A capitalised word, then up to three more, particles between them ("María del Carmen Ortega").
_NAME = re.compile(
    rf"^[{_UPPER}][a-zß-ÿ'’-]+(?:\s+(?:(?:de|del|la|las|los|da|das|do|dos|van|von|der|di|du|le)"
    rf"\s+){{0,2}}[{_UPPER}][\w'’.-]*){{0,3}}$"
)
_DASH = re.compile(r"^(?:-|--|—|–)\s?([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][\w'’.-]*){0,2})$")
_VALEDICTIONS = sorted(VALEDICTION_SET, key=len, reverse=True)
_NOT_NAMES = frozenset(
    {"All", "Team", "Everyone", "You", "Again", "Regards", "Best", "Thanks", "Sir", "Madam"}
)
_TEXT_WINDOW = 5
_TAIL_CHARS = 1200
_DASHES = frozenset("-—–")
_BEFORE_PUNCTUATION = re.compile(r"\s+([,.!])")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def _tidy(line: str) -> str:
    """Spaces around punctuation closed up ("Thanks , Buck" -> "Thanks, Buck")."""
    return _SPACES.sub(" ", _BEFORE_PUNCTUATION.sub(r"\1", line.strip()))


_DELEGATION_STARTS = frozenset("iIpP")  # "i. A.", "i.V.", "ppa.", "p.p.", "per pro"


# "Bev in Facilities", "Tom from Accounts", "Sam at Harlow Freight", "Jonas aus dem
# Einkauf": a name, then where the writer sits.
_PLACED = re.compile(
    rf"^(?P<name>\S+(?:\s\S+)?)\s+(?:in|from|at|aus\s+de[mr])\s+(?:the\s+)?[{_UPPER}]\S*"
    rf"(?:\s+\S+){{0,2}}$"
)


def _name(candidate: str) -> str | None:
    # "i. A. Anja Weber": a delegate signs in her own name, under the prefix.
    candidate = candidate.strip(" ,!")
    if candidate[:1] in _DELEGATION_STARTS:
        candidate = strip_delegation(candidate)
    candidate = candidate.strip(" ,.!")
    placed = _PLACED.match(candidate) if " " in candidate else None
    if placed is not None:
        # "Greetings from Denver" is no writer sitting somewhere.
        if any(w.lower() in NOT_SIGNERS for w in placed.group("name").split()):
            return None
        candidate = placed.group("name")
    if not _NAME.match(candidate) or candidate.split()[0] in _NOT_NAMES:
        return None
    if candidate.lower() in VALEDICTION_SET:
        return None  # "Cordialement" closes a message; nobody is called that
    return candidate if is_personal(candidate) else None  # not "Brightline Components GmbH"


# Formulas that may thank the reader by name ("Thanks, Dana" to Dana) rather than sign.
_THANKS = ("thank", "thx", "ty", "cheers", "merci", "danke", "gracias", "grazie", "obrigad")


def _after_valediction(line: str, *, signing_only: bool = False) -> str | None:
    """'Phillip' from 'Thanks, Phillip' or 'love Mae'; None for a formula alone. With
    `signing_only`, only formulas that sign ("love Mae", "Best, Kirk"), not thanks."""
    low = line.lower()
    if signing_only and low.startswith(_THANKS):
        return None
    for formula in _VALEDICTIONS:
        if low.startswith(formula) and len(line) > len(formula):
            rest = line[len(formula) :]
            if rest[:1] not in {",", " ", "!", "."}:
                continue
            return _name(rest)
    return None


def _is_formula(line: str) -> bool:
    return line.strip().rstrip(",.! ").lower() in VALEDICTION_SET


def signoff_name(lines: list[str], window: int = _WINDOW, *, own_line: bool = False) -> str | None:
    """The name a message is signed with, read from its last `window` non-blank lines.

    With `own_line`, "Thanks, Dana" on one line does not count: a short reply thanking
    its recipient reads the same. A formula that only signs ("love Mae", "Best, Kirk")
    still does.
    """
    tail = [_tidy(x) for x in lines if x.strip()][-window:]
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k]
        if len(line) > 40:
            continue
        found = _after_valediction(line, signing_only=own_line)
        if found:
            return found
        dash = _DASH.match(line)
        if dash and k == len(tail) - 1:
            return _name(dash.group(1))
        if k > 0 and _is_formula(tail[k - 1]):
            named = _name(line)
            if named:
                return named
    return None


def closing_name(lines: list[str]) -> str | None:
    """A name alone in the last paragraph ("Mae", "John Smith"), read from `lines` with
    their blank lines: the paragraph above it must be text, not the name's own block."""
    filled = [k for k, x in enumerate(lines) if x.strip()]
    if len(filled) < 2:
        return None
    last = filled[-1]
    if filled[-2] == last - 1:
        # A name over a title line ("Bhavesh Patel\nSecurity Operations, Vantrell HQ").
        return _name_over_title(lines, filled)
    raw = lines[last].strip()
    line = _tidy(raw).strip(" .!-—")
    words = line.split()
    if not 1 <= len(words) <= 3 or len(line) > 30:
        return None
    if len(words) == 1 and raw.endswith((".", "!", "?", ":")):
        return None  # "Understood." closes a message; a name does not end a sentence
    if any(w.lower().strip(",") in NOT_SIGNERS for w in words):
        return None
    return _name(line)


def _name_over_title(lines: list[str], filled: list[int]) -> str | None:
    """The name opening a last paragraph of two to four lines, the others a job title,
    a department or a company (short, capitalised, not sentences), under text."""
    size = 1
    while size < len(filled) and filled[-size - 1] == filled[-size] - 1:
        size += 1
    if not 2 <= size <= 4 or size >= len(filled):
        return None
    block = [lines[k].strip() for k in filled[-size:]]
    name, titles = block[0], block[1:]
    for title in titles:
        if len(title) > 60 or not title[:1].isupper() or title.endswith((".", "!", "?", ":")):
            return None
    if len(name.split()) < 2 or name.endswith((".", "!", "?", ":", ",")):
        return None
    found = _name(_tidy(name))
    return found if found and len(found.split()) >= 2 else None


def _signed(part: Part, *, own_line: bool, strong_only: bool = False) -> tuple[str | None, bool]:
    """The name a message is signed with, and whether a closing formula introduces it
    (weaker evidence: a name alone in the last paragraph, or opening the signature).

    Only the end of the text and the start of the signature are read; with
    `strong_only` (a header names the sender, so only a closing formula could
    override it) a message without one is passed over at once.
    """
    tail = part.text[-_TAIL_CHARS:].split("\n")[-12:]
    filled = [x for x in tail if x.strip()][-_TEXT_WINDOW:]
    head = (part.signature or "")[:_TAIL_CHARS].split("\n", 2 * _TEXT_WINDOW)
    signature = [x for x in head[: 2 * _TEXT_WINDOW] if x.strip()][:_TEXT_WINDOW]
    if strong_only:
        return _formula_signed([*filled, *signature]), True
    return _signed_lines(tuple(filled), tuple(tail), tuple(signature), own_line)


def _formula_signed(lines: list[str]) -> str | None:
    """The name on the line under a closing formula ("Thank you,\nJenna Ruiz"), or a
    "-Name" last line: `signoff_name` with `own_line`, without reading every line."""
    if lines and lines[-1].lstrip()[:1] in _DASHES:
        dash = _DASH.match(_tidy(lines[-1]))
        if dash:
            found = _name(dash.group(1))
            return found if found and is_personal(found) else None
    for k in range(len(lines) - 2, -1, -1):
        line = lines[k + 1]
        if len(line) <= 40 and len(lines[k]) < 40 and _is_formula(lines[k]):
            found = _name(_tidy(line))
            if found:
                return found if is_personal(found) else None
    return None


@lru_cache(maxsize=8192)  # quoted history repeats the same messages many times
def _signed_lines(
    filled: tuple[str, ...], tail: tuple[str, ...], signature: tuple[str, ...], own_line: bool
) -> tuple[str | None, bool]:
    found = signoff_name([*filled, *signature], window=2 * _TEXT_WINDOW, own_line=own_line)
    if found is not None:
        return (found if is_personal(found) else None), True
    weak = closing_name(list(tail))
    if weak is None and signature:
        # A signature opening with a name ("Dario", "-- Dario", "Dario | Operations").
        weak = _name(_tidy(signature[0].split("|")[0]).lstrip("-—– "))
        # "Aisha" then "Aisha Rahman" in the block below: the full name.
        fuller = (_name(_tidy(x.split("|")[0])) for x in signature[1:3])
        weak = next((f for f in fuller if weak and f and f.split()[0] == weak), weak)
    return (weak if weak and is_personal(weak) else None), False


def credit_signers(parts: list[Part]) -> None:
    """Credit each message to whoever signed it (see the module docstring).

    Under a header that names the sender, a closing formula overrides it only with a
    full name that is clearly someone else's ("Thank you,\nJenna Ruiz"), or with a first
    name that fits exactly one other person the thread names ("Thanks,\nMaureen" with
    Maureen McVicker in a Cc line): "Cheers,\nDaz" under Darren Whitfield's header is a
    nickname, not another writer.
    """
    people: list[tuple[str, str | None]] | None = None
    for part in parts:
        if not part.text.strip():
            continue
        meta = part.meta
        if not (meta.name or meta.address):
            meta.name = _signed(part, own_line=False)[0]
            continue
        if not meta.name and meta.address:
            # "Tom Raskin" closing the text of ptraskin@: the address spells the name,
            # however little room the writer left above it.
            meta.name = _spelled_by_address(part, meta.address)
        if meta.name and _is_team(meta.name):
            # A shared mailbox ("Brisa Ops", "Comptabilité fournisseurs") is nobody: the
            # person who signs wrote it; signed by the department alone, no one known.
            person = _signed(part, own_line=False)[0]
            if person is not None or _signed_by_team(part):
                meta.name, meta.address, meta.alias = person, None, None
            continue
        assistant = _assistant_signer(part) if meta.name else None
        if assistant is not None and not may_be_same(assistant, meta.name or ""):
            # "Kim Hillis / Assistant to John Lavorato" under "From: Lavorato, John".
            meta.name, meta.address, meta.alias = assistant, None, None
            continue
        signed, strong = _signed(
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
            meta.name, meta.address, meta.alias = signed, None, None
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


def _other_full_signer(part: Part, meta: HeaderMeta) -> str | None:
    """A full name closing the message, or opening its signature, that is clearly not
    the header's sender: the person who wrote from a shared or someone else's mailbox
    ("Scolarité Master" signed "Gwénaëlle Le Bihan"), or the delegate the header names
    ("Simone Achterberg <...> On Behalf Of Hartley Docket") signing in her own name."""
    weak, _ = _signed(part, own_line=True)
    if weak is None or not meta.name or _introduces(part, weak):
        return None
    if meta.delegate and may_be_same(weak, meta.delegate):
        return meta.delegate if len(tokens(weak)) < 2 else weak
    if len(tokens(weak)) < 2 or may_be_same(weak, meta.name):
        return None
    return None if meta.address and may_be_same(weak, meta.address) else weak


def _spelled_by_address(part: Part, address: str) -> str | None:
    """A full name on one of the last lines of a message (or the first of its
    signature) that the sender's address spells ("Tom Raskin" for ptraskin@)."""
    lines = [*part.text[-_TAIL_CHARS:].split("\n")[-4:], *(part.signature or "").split("\n")[:3]]
    for line in lines:
        text = line.strip()
        if not text or len(text) > 40 or text[-1] in ".!?:,;":
            continue
        found = _name(_tidy(text.split("|")[0]))
        if found and len(tokens(found)) >= 2 and same_person(found, address):
            return found
    return None


def _introduces(part: Part, name: str) -> bool:
    """Whether the text hands over to the name ("Please call our broker:\n\nTom Lee"):
    a contact the sender gives, not a signature."""
    text = part.text[-_TAIL_CHARS:]
    at = text.rfind(name.split(maxsplit=1)[0])
    before = (text[:at] if at >= 0 else text).rstrip()
    return before.endswith(":")


def _signed_by_team(part: Part) -> bool:
    """Whether a closing formula is followed by a team, not a person ("Cordialement,\nLe
    service comptabilité fournisseurs", "Thanks,\nThe Billing Team")."""
    lines = [x.strip() for x in [*part.text[-_TAIL_CHARS:].split("\n")[-8:]] if x.strip()]
    lines += [x.strip() for x in (part.signature or "").split("\n")[:8] if x.strip()]
    return any(
        _is_formula(lines[k]) and len(lines[k + 1]) <= 60 and not is_personal(lines[k + 1])
        for k in range(len(lines) - 1)
    )


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
    tail, head = part.text[-_TAIL_CHARS:], (part.signature or "")[:_TAIL_CHARS]
    if not (
        _ASSISTANT_HINT.search(tail, len(tail) - _HINT_CHARS)
        or _ASSISTANT_HINT.search(head, 0, _HINT_CHARS)
    ):
        return None  # almost every message: no assistant line at all
    lines = [x.strip() for x in tail.split("\n")[-8:] if x.strip()]
    lines += [x.strip() for x in head.split("\n")[:6] if x.strip()]
    for k in range(1, len(lines)):
        if len(lines[k]) <= 80 and _ASSISTANT.match(lines[k]):
            found = _name(_tidy(lines[k - 1]))
            if found and len(found.split()) >= 2:
                return found
    return None


def _fuller_signed(part: Part, sender: str) -> str | None:
    """A name line at the end of the message or the start of its signature that spells
    the sender's name more fully ("María del Carmen Ortega" for "Mari Carmen Ortega")."""
    tail, head = part.text[-_TAIL_CHARS:], (part.signature or "")[:_TAIL_CHARS]
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
        found = _name(_tidy(text.split("|")[0]))
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
    if _spells_better(tokens(meta.name), meta.name, signed):
        meta.also.append(signed)


def _signs_too(part: Part, sender: str) -> bool:
    """Whether the sender's full name stands on a line of its own at the end of the
    message or the start of its signature."""
    wanted = tokens(sender)
    if len(wanted) < 2:
        return False
    lines = [*part.text[-_TAIL_CHARS:].split("\n")[-6:], *(part.signature or "").split("\n")[:8]]
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
