"""Recognising the header block or separator line of a quoted or forwarded message.

Besides attribution lines (`attribution.py`), two shapes, in every language of
`patterns.py`:
- a block of header fields: "From:/Sent:/To:/Subject:" (Outlook, Apple Mail, forwards, RFC
  822 headers pasted as text, corpus exports with their X-From/X-To names, Lotus Notes'
  "To:/cc:/Subject:" under a name and a date, or under "Name/ORG on 11/27/2001 09:09 AM");
- a separator line: "-----Original Message-----", "---------- Forwarded message ---------",
  "----- Forwarded by <name> on <date> -----" (also wrapped over two lines).
Who the header names is read by `addresses.py`. Each check looks at a bounded number of
short lines, so the whole scan stays linear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzer.parsers.emails.addresses import (
    MAX_HEADER_CHARS,
    NOTES_DATE_TAIL,
    HeaderMeta,
    delegate_of,
    parse_address,
    read_recipients,
    split_recipients,
)
from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.patterns import FIELD_ROLE, PREFIX_START, SEPARATOR_SET

MAX_BLOCK_LINES = 24  # a corpus export's full header (Message-ID ... X-FileName) fits
_LOTUS_FORWARD = re.compile(r"^-*\s*forwarded by\s+(.{1,120}?)\s+on\s+(.{4,60}?)\s*-*$", re.I)


def field_role(line: str) -> tuple[str, str] | None:
    """("from", "Dana <d@x>") when `line` is a header field such as "*From:* Dana <d@x>"."""
    colon = line.find(":", 0, 40)
    if colon < 0:
        colon = line.find("：", 0, 40)
        if colon < 0:
            return None
    if len(line) > MAX_HEADER_CHARS:
        return None
    # French clients put a no-break space before the colon ("De\u00a0: ...").
    role = FIELD_ROLE.get(line[:colon].strip(" \t*\u00a0\u202f").lower())
    return (role, line[colon + 1 :].strip(" \t*\u00a0\u202f")) if role else None


_DELEGATION_END = re.compile(
    r"(?:on behalf of|im auftrag von|de la part de|en nombre de)\s*$", re.IGNORECASE
)


def _continues_sender(sender: str, line: str) -> bool:
    """Whether `line` carries on a "From:" value wrapped over lines: the "[mailto:...]"
    or "<address>" part, or the principal after a line ending "On Behalf Of"."""
    text = line.strip()
    if not text or len(text) > 120 or field_role(line) is not None:
        return False
    if text.startswith(("[mailto:", "<")):
        return True
    return _DELEGATION_END.search(sender) is not None and len(text.split()) <= 5


def _read_sender(meta: HeaderMeta, value: str) -> None:
    meta.name, meta.address = parse_address(value)
    meta.delegate, meta.delegate_address = delegate_of(value)


def match_field_block(lines: list[str]) -> tuple[int, HeaderMeta, bool] | None:
    """A block of header fields at the start of `lines`.

    Returns (lines spanned, meta, has_from). A block needs two fields, one of them a
    sender or a date, or a single "From:" field naming an address; folded continuation
    lines and single blank lines between fields are allowed.
    """
    found = _field_block(tuple(lines))
    if found is None:
        return None
    used, meta, has_from = found
    # A fresh object each time: callers complete it in place.
    copy = HeaderMeta(
        meta.name,
        meta.address,
        meta.date,
        meta.subject,
        meta.recipient,
        meta.alias,
        meta.recipient_alias,
        list(meta.known),
        delegate=meta.delegate,
        delegate_address=meta.delegate_address,
    )
    return used, copy, has_from


@lru_cache(maxsize=4096)  # a thread repeats the same quoted header blocks many times
def _field_block(lines: tuple[str, ...]) -> tuple[int, HeaderMeta, bool] | None:
    return _read_field_block(lines)


def _read_field_block(lines: tuple[str, ...]) -> tuple[int, HeaderMeta, bool] | None:
    meta = HeaderMeta()
    roles: list[str] = []
    used = 0
    pos = 0
    sender = ""
    while pos < len(lines) and pos < MAX_BLOCK_LINES:
        line = lines[pos]
        found = field_role(line)
        if found is None:
            if roles and roles[-1] == "from" and _continues_sender(sender, line):
                # "From: list-bounces at x.org\n[mailto:...] On Behalf Of\nSam Okafor": a
                # sender wrapped as pasted is read whole.
                sender = f"{sender} {line.strip()}"
                _read_sender(meta, sender)
                pos += 1
                used = pos
                continue
            if roles and line[:1] in (" ", "\t") and line.strip() and roles[-1] != "subject":
                pos += 1
                used = pos
                continue
            following = lines[pos + 1] if pos + 1 < len(lines) else ""
            if roles and roles[-1] in {"to", "cc"} and _wrapped_recipients(line, following):
                pos += 1  # a long To/Cc list wrapped without indentation, as pasted
                used = pos
                continue
            if not line.strip() and roles:
                # One blank line between fields (two in Lotus Notes' "From: Name  date").
                gap = 2 if pos + 1 < len(lines) and not lines[pos + 1].strip() else 1
                if pos + gap < len(lines) and field_role(lines[pos + gap]):
                    pos += gap
                    continue
            break
        role, value = found
        if role == "sent_by" and not roles:
            return None  # under a Lotus Notes name: the block starts below (splitter)
        if role in roles and role != "other":
            break
        roles.append(role)
        if role == "from":
            sender = value
            _read_sender(meta, value)
            tail = NOTES_DATE_TAIL.search(value)  # "From: Jane Doe/ACME on 11/27/2001 ..."
            if tail is not None and meta.date is None:
                meta.date = parse_date(tail.group(0))
        elif role == "sent":
            meta.date = parse_date(value, day_first=True) if meta.date is None else meta.date
        elif role == "subject":
            meta.subject = value.strip("* ") or None
        elif role == "to":
            read_recipients(meta, value)
        elif role in {"cc", "sent_by"}:
            # Everyone else the header names: a sign-off may name one of them.
            meta.known += [pair for pair in map(parse_address, split_recipients(value)) if pair[0]]
        elif role == "alias":
            meta.alias = parse_address(value)[0]
        elif role == "recipient_alias" and value.count("<") <= 1 and ";" not in value:
            meta.recipient_alias = value or None
        pos += 1
        used = pos
    has_from = "from" in roles
    # "From: our side... / To: be clear..." in prose: sender and recipient lines alone
    # must name an address to count as a header.
    only_people = set(roles) <= {"from", "to", "cc"}
    if only_people and not any("@" in line for line in lines[:used]):
        return None
    if len(roles) >= 2 and (has_from or "sent" in roles or ("to" in roles and "subject" in roles)):
        return used, meta, has_from
    if roles == ["from"] and meta.address:
        return used, meta, True
    return None


def _wrapped_recipients(line: str, following: str) -> bool:
    """A To/Cc list's wrapped remainder: addresses ("<j@x.de>; Kovac, Ana <a@x.hr>"), or
    the end of a Lotus Notes route ("Beck/HOU/ECT@ECT") right above the next field."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADER_CHARS or " wrote" in stripped:
        return False
    if ("@" in stripped or ";" in stripped) and (
        stripped.endswith((">", ";", ",")) or ";" in stripped
    ):
        return True
    return "@" in stripped and "/" in stripped and field_role(following) is not None


def is_separator(line: str) -> bool:
    """ "-----Original Message-----" and its kin, in every language of the tables."""
    stripped = line.strip()
    if len(stripped) > 80 or not stripped:
        return False
    core = stripped.strip("-_=*>< ").lower()
    return core in SEPARATOR_SET


def match_lotus_forward(line: str) -> HeaderMeta | None:
    """Lotus Notes' "----- Forwarded by Jane Doe/ACME on 03/04/2024 10:15 AM -----"."""
    match = _LOTUS_FORWARD.match(line.strip())
    if match is None:
        return None
    name, address = parse_address(match.group(1))
    return HeaderMeta(name=name, address=address, date=parse_date(match.group(2)))


def is_rule(line: str) -> bool:
    """A line drawn with one repeated character ("_____", "-----", "=====")."""
    stripped = line.strip()
    return len(stripped) >= 5 and len(set(stripped)) == 1 and stripped[0] in "-_=*~"


_NOTES_SENDER = re.compile(
    r"^\s*(\S.{0,150}?)\s+on\s+(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)\s*$",
    re.IGNORECASE,
)


def match_notes_sender(line: str) -> HeaderMeta | None:
    """Lotus Notes' one-line sender above "To:/cc:/Subject:".

    "Kimberly Watson/ENRON@enronXgate on 11/27/2001 09:09 AM" or
    '"Buckner, Buck" <buck.buckner@honeywell.com> on 10/12/2000 01:12:21 PM'.
    """
    if len(line) > 200 or " on " not in line.lower():
        return None
    match = _NOTES_SENDER.match(line)
    if match is None:
        return None
    name, address = parse_address(match.group(1))
    if not (name or address) and match.group(1).strip(" \t\"'<>"):
        return None
    # '" " <> on 08/20/2001 01:02:11 PM': a sender the gateway lost is still a sender line.
    return HeaderMeta(name=name, address=address, date=parse_date(match.group(2)))


def maybe_header(line: str) -> bool:
    """A cheap filter: could a header start on this line?"""
    last = line[-1:]
    if last in {":", "："} or ":" in line[:40] or line.endswith("wrote"):
        return True
    if "@" in line and (last == ">" or ">\t" in line or ">  " in line):
        return True  # a Gmail card: "Dana Reyes <dana@acme.com>", the date beside or below
    lead = line.lstrip(" \t")
    first = lead[:1]
    if first in ("-", "—", "*", "_", "="):
        return True
    return first.isdigit() or bool(PREFIX_START.match(lead))


# "Dana Reyes wrote:", "Jonas Becker schrieb:", "Anne Roux a écrit :".
BARE_WROTE = re.compile(
    r"^([A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þa-z][\w'’.-]*){0,3})\s+"
    r"(?:wrote|schrieb|a écrit|escribió|ha scritto|escreveu)\s?:$"
)


def may_attribute(line: str) -> bool:
    """Could an attribution header ("On ... wrote:") start on this line?"""
    end = line.rstrip()[-1:]
    if end in (":", "：") or line.endswith("wrote"):
        return True
    lead = line.lstrip(" \t-—*")
    return lead[:1].isdigit() or "@" in line or bool(PREFIX_START.match(lead))
