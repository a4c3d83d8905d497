"""Who signed a message: the name its closing lines give.

"Thanks, Phillip", "love Mae", "Cheers\\nKirk", "Thanks , Buck" (the tokenised text some
corpus exports produce), "-Phillip", a closing formula then a full name on its own
line, or a name alone in the last paragraph ("...haul off.\\n\\nJohn Smith"). Only the last
few non-blank lines are read, so a greeting ("Phillip,") at the top of a message is
never taken for the writer. `crediting.credit_signers` decides whom each message is
credited to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from analyzer.parsers.emails.patterns import VALEDICTION_SET
from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import strip_delegation

if TYPE_CHECKING:
    from analyzer.parsers.emails.assemble import Part

_WINDOW = 5
_BEFORE_PUNCTUATION = re.compile(r"\s+([,.!])")
_SPACES = re.compile(r"\s+")
_UPPER = "A-ZÀ-ÖØ-ÞŁŃŚŹŻČŠŽ"
# A capitalised word (hyphenated or with a capital inside: "Jean-Pierre", "McKenzie"), then
# up to three more, particles between them ("María del Carmen Ortega").
_NAME = re.compile(
    rf"^[{_UPPER}][a-zß-ÿ'’-]+(?:[{_UPPER}][a-zß-ÿ'’-]+)*(?:\s+(?:(?:de|del|la|las|los|da|das|do|dos|van|von|der|di|du|le)"
    rf"\s+){{0,2}}[{_UPPER}][\w'’.-]*){{0,3}}$"
)
_DASH = re.compile(r"^(?:-|--|—|–)\s?([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][\w'’.-]*){0,2})$")
_VALEDICTIONS = sorted(VALEDICTION_SET, key=len, reverse=True)
_NOT_NAMES = frozenset(
    {"All", "Team", "Everyone", "You", "Again", "Regards", "Best", "Thanks", "Sir", "Madam"}
)
_TEXT_WINDOW = 5
TAIL_CHARS = 1200
_DASHES = frozenset("-—–")


@lru_cache(maxsize=16384)
def tidy(line: str) -> str:
    """Spaces around punctuation closed up ("Thanks , Buck" -> "Thanks, Buck")."""
    return _SPACES.sub(" ", _BEFORE_PUNCTUATION.sub(r"\1", line.strip()))


_DELEGATION_STARTS = frozenset("iIpP")  # "i. A.", "i.V.", "ppa.", "p.p.", "per pro"


# "Bev in Facilities", "Tom from Accounts", "Sam at Harlow Freight", "Jonas aus dem
# Einkauf": a name, then where the writer sits.
_PLACED = re.compile(
    rf"^(?P<name>\S+(?:\s\S+)?)\s+(?:in|from|at|aus\s+de[mr])\s+(?:the\s+)?[{_UPPER}]\S*"
    rf"(?:\s+\S+){{0,2}}$"
)


# "Alison (on behalf of Estates)", "Tom [Accounts]", "Ana (Secretaría)": a name, then a
# note in brackets on who or where the writer is.
_NOTE = re.compile(r"^(?P<name>[^()\[\]]+?)\s*[(\[][^()\[\]]{1,60}[)\]]$")
# "Tom - Ops Manager", "Ana – Harborline Realty", "Marisa | Secretaría": a name, a dash or
# a bar, then where the writer sits (four words at most).
_DASHED_NOTE = re.compile(r"^(?P<name>\S+(?:\s\S+){0,3}?)\s+[-–—|]\s+(?:\S+\s?){1,4}$")


def without_note(line: str) -> str:
    """A closing line without the note after a name ("Alison (on behalf of Estates)",
    "Tom - Ops Manager" -> the name)."""
    found = _NOTE.match(line) if line.endswith((")", "]")) else None
    if found is None and (" - " in line or " – " in line or " | " in line or " — " in line):
        found = _DASHED_NOTE.match(line)
    return found.group("name") if found else line


def read_name(candidate: str) -> str | None:
    # "i. A. Anja Weber": a delegate signs in her own name, under the prefix.
    candidate = without_note(candidate.strip(" ,!")).strip(" ,!")
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
            return read_name(rest)
    return None


def is_formula(line: str) -> bool:
    return line.strip().rstrip(",.! ").lower() in VALEDICTION_SET


def signoff_name(lines: list[str], window: int = _WINDOW, *, own_line: bool = False) -> str | None:
    """The name a message is signed with, read from its last `window` non-blank lines.

    With `own_line`, "Thanks, Dana" on one line does not count: a short reply thanking
    its recipient reads the same. A formula that only signs ("love Mae", "Best, Kirk")
    still does.
    """
    tail = [tidy(x) for x in lines if x.strip()][-window:]
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k]
        if len(line) > 40:
            continue
        found = _after_valediction(line, signing_only=own_line)
        if found:
            return found
        dash = _DASH.match(line)
        if dash and k == len(tail) - 1:
            return read_name(dash.group(1))
        if k > 0 and is_formula(tail[k - 1]):
            named = read_name(line)
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
    raw = without_note(lines[last].strip())
    line = tidy(raw).strip(" .!-—")
    words = line.split()
    if not 1 <= len(words) <= 3 or len(line) > 30:
        return None
    if len(words) == 1 and raw.endswith((".", "!", "?", ":")):
        return None  # "Understood." closes a message; a name does not end a sentence
    if any(w.lower().strip(",") in NOT_SIGNERS for w in words):
        return None
    return read_name(line)


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
    found = read_name(tidy(name))
    return found if found and len(found.split()) >= 2 else None


def signed_by(part: Part, *, own_line: bool, strong_only: bool = False) -> tuple[str | None, bool]:
    """The name a message is signed with, and whether a closing formula introduces it
    (weaker evidence: a name alone in the last paragraph, or opening the signature).

    Only the end of the text and the start of the signature are read; with
    `strong_only` (a header names the sender, so only a closing formula could
    override it) a message without one is passed over at once.
    """
    tail = part.text[-TAIL_CHARS:].split("\n")[-12:]
    filled = [x for x in tail if x.strip()][-_TEXT_WINDOW:]
    head = (part.signature or "")[:TAIL_CHARS].split("\n", 2 * _TEXT_WINDOW)
    signature = [x for x in head[: 2 * _TEXT_WINDOW] if x.strip()][:_TEXT_WINDOW]
    if strong_only:
        return _formula_signed([*filled, *signature]), True
    return _signed_lines(tuple(filled), tuple(tail), tuple(signature), own_line)


def _formula_signed(lines: list[str]) -> str | None:
    """The name on the line under a closing formula ("Thank you,\nJenna Ruiz"), or a
    "-Name" last line: `signoff_name` with `own_line`, without reading every line."""
    if lines and lines[-1].lstrip()[:1] in _DASHES:
        dash = _DASH.match(tidy(lines[-1]))
        if dash:
            found = read_name(dash.group(1))
            return found if found and is_personal(found) else None
    for k in range(len(lines) - 2, -1, -1):
        line = lines[k + 1]
        if len(line) <= 40 and len(lines[k]) < 40 and is_formula(lines[k]):
            found = read_name(tidy(line))
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
    return _weak_lines(tail, signature), False


def weak_signed(part: Part) -> str | None:
    """The name a message closes with or its signature opens with, without a closing
    formula (a name over a title, "Dario | Operations"): what a header naming someone
    else is checked against once no formula signed the message."""
    tail = part.text[-TAIL_CHARS:].split("\n")[-12:]
    head = (part.signature or "")[:TAIL_CHARS].split("\n", 2 * _TEXT_WINDOW)
    signature = [x for x in head[: 2 * _TEXT_WINDOW] if x.strip()][:_TEXT_WINDOW]
    return _weak_lines(tuple(tail), tuple(signature))


@lru_cache(maxsize=8192)  # quoted history repeats the same messages many times
def _weak_lines(tail: tuple[str, ...], signature: tuple[str, ...]) -> str | None:
    weak = closing_name(list(tail))
    if weak is None and signature:
        # A signature opening with a name ("Dario", "-- Dario", "Dario | Operations").
        weak = read_name(tidy(signature[0].split("|")[0]).lstrip("-—– "))
        # "Aisha" then "Aisha Rahman" in the block below: the full name.
        fuller = (read_name(tidy(x.split("|")[0])) for x in signature[1:3])
        weak = next((f for f in fuller if weak and f and f.split()[0] == weak), weak)
    return weak if weak and is_personal(weak) else None
