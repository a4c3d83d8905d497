"""Recognising the header of a quoted or forwarded message, and reading who sent it when.

Three shapes, in every language of `patterns.py`:
- an attribution line, possibly wrapped over up to four lines: "On <date>, <name> wrote:",
  "Am <date> schrieb <name>:", "<date> <name> <addr>:";
- a block of header fields: "From:/Sent:/To:/Subject:" (Outlook, Apple Mail, forwards, RFC
  822 headers pasted as text, corpus exports with their X-From/X-To names, Lotus Notes'
  "To:/cc:/Subject:" under a name and a date, or under "Name/ORG on 11/27/2001 09:09 AM");
- a separator line: "-----Original Message-----", "---------- Forwarded message ---------",
  "----- Forwarded by <name> on <date> -----" (also wrapped over two lines).
Header values are repaired before they are read: `< Dana. Davis@ENRON.com >` is an
address, "Tim Belden <Tim Belden/Enron@EnronXGate>" a name.
Each check looks at a bounded number of short lines, so the whole scan stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.patterns import (
    ALL_WROTE_SUFFIXES,
    FIELD_ROLE,
    MONTHS,
    PREFIX_START,
    SEPARATOR_SET,
)

MAX_HEADER_CHARS = 400
MAX_BLOCK_LINES = 24  # a corpus export's full header (Message-ID ... X-FileName) fits
_EMAIL = re.compile(r"[\w.+'=-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"\s+")
_WROTE_INFIX = re.compile(
    r"\s(schrieb|skrev|schreef|wrote|escribió|escreveu|napisał|a écrit|ha scritto)\s+(.+?):$",
    re.IGNORECASE,
)
_LOTUS_FORWARD = re.compile(r"^-*\s*forwarded by\s+(.{1,120}?)\s+on\s+(.{4,60}?)\s*-*$", re.I)
# Words that stand around a date in a header (weekdays, "on", "am", "gmt"...): not part
# of a name. Chat day separators (transcripts.chat_export) read the same list.
DATE_FILLERS = frozenset(
    {
        "on",
        "am",
        "le",
        "el",
        "op",
        "il",
        "em",
        "no",
        "w",
        "dniu",
        "dnia",
        "den",
        "på",
        "в",
        "在",
        "at",
        "um",
        "à",
        "a",
        "las",
        "alle",
        "às",
        "o",
        "kl",
        "kl.",
        "om",
        "р.",
        "de",
        "użytkownik",
        "ha",
        "the",
        "gmt",
        "utc",
        "pm",
        "am.",
        "p.m.",
        "a.m.",
        "오후",
        "오전",
        "下午",
        "上午",
        "午後",
        "午前",
        "-",
        "—",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "tir.",
        "man.",
        "ons.",
        "tor.",
        "fre.",
        "lør.",
        "søn.",
        "giorno",
        "ore",
        "lun",
        "mer",
        "gio",
        "ven",
        "sab",
        "dom",
        "lu",
        "ma",
        "mi",
        "ju",
        "vi",
        "sá",
        "do",
        "seg",
        "ter",
        "qua",
        "qui",
        "sex",
        "dia",
        "horas",
        "uhr",
        "di",
        "mo",
        "do.",
    }
)
_BRACKETED = re.compile(r"<([^<>@]{0,80}@[^<>]{1,120})>")
_NOTES_DATE_TAIL = re.compile(
    r"\s+on\s+\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*$", re.I
)
_QUOTED_NAME = re.compile(r'"([^"]{1,80})"\s*$')
_NOT_NAMES = frozenset({"you", "vous", "du", "sie", "usted", "tu", "jij", "u"})


@dataclass(slots=True)
class HeaderMeta:
    """What a header says about its message."""

    name: str | None = None
    address: str | None = None
    date: str | None = None
    subject: str | None = None
    recipient: str | None = None  # the "To:" field, when it names exactly one person
    alias: str | None = None  # the sender's display name from "X-From:"
    recipient_alias: str | None = None  # the recipient's display name from "X-To:"
    known: list[tuple[str | None, str | None]] = field(default_factory=list)

    def people(self) -> list[tuple[str | None, str | None]]:
        """(name, address) pairs this header states about people other than the sender
        (the address may be unknown: Lotus Notes and Outlook often give names only)."""
        if not self.recipient:
            return list(self.known)
        name, address = parse_address(self.recipient)
        if self.recipient_alias:
            name = parse_address(self.recipient_alias)[0] or name
        return [*self.known, *([(name, address)] if name else [])]


@lru_cache(maxsize=4096)
def parse_address(value: str) -> tuple[str | None, str | None]:
    """("Dana Reyes", "dana@acme.com") from 'Dana Reyes <dana@acme.com>' and its variants.

    Handles "[mailto:addr]", "<mailto:addr>", a bare address, quoted names and Lotus
    Notes' "Name/ORG@ORG" (not an address: its domain has no dot).
    """
    text = _repair(value.strip().strip("*").strip())
    match = _EMAIL.search(text)
    address = match.group(0).strip(".'") if match else None
    name = text
    if match:
        name = text[: match.start()] + text[match.end() :]
    name = name.replace("mailto:", "").replace("<>", "").replace("[]", "")
    bracket = name.find("<")
    if bracket > 0 and name[:bracket].strip(" \"'"):
        name = name[:bracket]  # 'Tim Belden <Tim Belden/Enron@EnronXGate>': a Notes route
    name = name.strip(" \t<>[]()\"'*,;:")
    head, slash, org = name.partition("/")
    if slash and head.strip() and org and " " not in org.strip():
        name = head  # Lotus Notes "Jane Doe/ACME" or "Jane Doe/ACME@ACME"
    name = _SPACES.sub(" ", name).strip(" \"'")
    if not name or "@" in name or name.lower() in _NOT_NAMES:
        return None, address
    return name, address


def _repair(text: str) -> str:
    """Undo the damage exports do to a header value before it is read.

    Spaces inside an address (`< Dana. Davis@ENRON.com >`) are removed, and Lotus
    Notes' " on 11/27/2001 09:09 AM" after a sender is dropped.
    """
    if "<" in text and " " in text:
        text = _BRACKETED.sub(lambda m: "<" + "".join(m.group(1).split()) + ">", text)
    return _NOTES_DATE_TAIL.sub("", text)


def _compact(text: str) -> str:
    return _SPACES.sub("", text).lower().replace("：", ":")


def _drop_date_words(tokens: list[str]) -> list[str]:
    """Tokens left once the leading date, time and filler words are gone."""
    tokens = list(tokens)
    while tokens:
        token = tokens[0].lower().strip(",.")
        # A month name only goes when a date follows it: "Jan Novak" keeps "Jan".
        dated_month = token in MONTHS and len(tokens) > 1 and tokens[1][:1].isdigit()
        if (
            any(ch.isdigit() for ch in token)
            or token in DATE_FILLERS
            or tokens[0].lower() in DATE_FILLERS
            or dated_month
        ):
            tokens.pop(0)
            continue
        break
    return tokens


def _name_from_chunk(chunk: str) -> str | None:
    """The name in what precedes the address or "wrote": drop leading date words."""
    quoted = _QUOTED_NAME.search(chunk)
    if quoted:  # '"Watson, Dan"' keeps its comma
        return parse_address(quoted.group(1))[0]
    chunks = chunk.replace("，", ",").replace("、", ",").split(",")
    tokens = chunks[-1].split()
    while tokens and tokens[-1].lower() in {"a", "ha", "has", "hat"}:
        tokens.pop()  # French "a écrit", Italian "ha scritto"
    tokens = _drop_date_words(tokens)
    if len(tokens) == 1 and len(chunks) >= 2:
        # "..., Tremblay, Geneviève <addr>": an unquoted "Last, First" name.
        last = _drop_date_words(chunks[-2].split())
        if 1 <= len(last) <= 3 and not any(ch.isdigit() for ch in "".join(last)):
            tokens = [*last[:-1], last[-1] + ",", *tokens]
    name, _ = parse_address(" ".join(tokens))
    return name


def _attribution_meta(text: str) -> HeaderMeta:
    # A fresh object each time: callers complete it in place.
    return HeaderMeta(*_attribution_fields(text))


@lru_cache(maxsize=4096)  # a thread repeats the same quoted headers many times
def _attribution_fields(text: str) -> tuple[str | None, str | None, str | None]:
    meta = _read_attribution(text)
    return meta.name, meta.address, meta.date


def _read_attribution(text: str) -> HeaderMeta:
    address_match = _EMAIL.search(text)
    address = address_match.group(0) if address_match else None
    infix = _WROTE_INFIX.search(text)
    if infix and not infix.group(2).lower().startswith("on "):
        head, name_part = text[: infix.start()], infix.group(2)
        name, addr2 = parse_address(name_part)
        address = address or addr2
    else:
        if infix:  # Lotus Notes: "Jane Doe/ACME wrote on <date>:"
            head, name = text[: infix.start()], None
            name, _ = parse_address(head)
            return HeaderMeta(name=name, address=address, date=parse_date(infix.group(2)))
        head = text[: address_match.start()] if address_match else text
        if not address_match:
            lowered = head.lower()
            for suffix in ("wrote", "schrieb", "écrit", "escribió", "ha scritto", "escreveu"):
                cut = lowered.rfind(suffix)
                if cut > 0:
                    head = head[:cut]
                    break
        name = _name_from_chunk(head.rstrip(" <\"'"))
    day_first = not text.lower().startswith("on ")
    return HeaderMeta(name=name, address=address, date=parse_date(head, day_first=day_first))


def match_attribution(lines: list[str]) -> tuple[int, HeaderMeta] | None:
    """An attribution header at the start of `lines` (up to four non-blank lines).

    Returns how many lines it spans and what it says. "Something wrote:" alone is not a
    header: a date (a digit) or an address is required.
    """
    joined = ""
    for count, line in enumerate(lines[:4], start=1):
        stripped = line.strip()
        if not stripped:
            return None
        joined = f"{joined} {stripped}" if joined else stripped
        if len(joined) > MAX_HEADER_CHARS:
            return None
        if count == 1:
            lead = stripped.lstrip("-—* ").strip()
            starts_well = (
                bool(PREFIX_START.match(lead))
                or lead[:1].isdigit()
                or ("@" in lead and any(ch.isdigit() for ch in lead))
            )
        if not (stripped.endswith((":", "：")) or _compact(stripped).endswith("wrote")):
            if count > 1 and not starts_well:
                return None
            continue
        text = joined.lstrip("-—* ").strip()
        compact = _compact(text)
        has_evidence = any(ch.isdigit() for ch in text) or "@" in text
        if not has_evidence or (count > 1 and not starts_well):
            continue
        if compact.endswith(ALL_WROTE_SUFFIXES):
            return count, _attribution_meta(text)
        # "<date> <name> <addr>:" and "<date> skrev <name> <addr>:" need an address and
        # a date where the line starts, or a readable date-time anywhere.
        dated = starts_well or (count == 1 and parse_date(text) is not None)
        if compact.endswith(">:") and "@" in text and dated:
            return count, _attribution_meta(text)
        if _WROTE_INFIX.search(text) and (starts_well or ("@" in text and dated)):
            return count, _attribution_meta(text)
    return None


def field_role(line: str) -> tuple[str, str] | None:
    """("from", "Dana <d@x>") when `line` is a header field such as "*From:* Dana <d@x>"."""
    colon = line.find(":", 0, 40)
    if colon < 0:
        colon = line.find("：", 0, 40)
        if colon < 0:
            return None
    if len(line) > MAX_HEADER_CHARS:
        return None
    role = FIELD_ROLE.get(line[:colon].strip(" \t*").lower())
    return (role, line[colon + 1 :].strip(" \t*")) if role else None


def match_field_block(lines: list[str]) -> tuple[int, HeaderMeta, bool] | None:
    """A block of header fields at the start of `lines`.

    Returns (lines spanned, meta, has_from). A block needs two fields, one of them a
    sender or a date, or a single "From:" field naming an address; folded continuation
    lines and single blank lines between fields are allowed.
    """
    found = _field_block(tuple(lines))
    if found is None:
        return None
    used, name, address, date, subject, recipient, has_from, alias, recipient_alias = found
    meta = HeaderMeta(name, address, date, subject, recipient, alias, recipient_alias)
    return used, meta, has_from


@lru_cache(maxsize=4096)  # a thread repeats the same quoted header blocks many times
def _field_block(
    lines: tuple[str, ...],
) -> (
    tuple[
        int,
        str | None,
        str | None,
        str | None,
        str | None,
        str | None,
        bool,
        str | None,
        str | None,
    ]
    | None
):
    found = _read_field_block(lines)
    if found is None:
        return None
    used, m, has_from = found
    return (
        used,
        m.name,
        m.address,
        m.date,
        m.subject,
        m.recipient,
        has_from,
        m.alias,
        m.recipient_alias,
    )


def _read_field_block(lines: tuple[str, ...]) -> tuple[int, HeaderMeta, bool] | None:
    meta = HeaderMeta()
    roles: list[str] = []
    used = 0
    pos = 0
    while pos < len(lines) and pos < MAX_BLOCK_LINES:
        line = lines[pos]
        found = field_role(line)
        if found is None:
            if roles and line[:1] in (" ", "\t") and line.strip() and roles[-1] != "subject":
                pos += 1
                used = pos
                continue
            if not line.strip() and roles and pos + 1 < len(lines) and field_role(lines[pos + 1]):
                pos += 1
                continue
            break
        role, value = found
        if role in roles and role != "other":
            break
        roles.append(role)
        if role == "from":
            meta.name, meta.address = parse_address(value)
            tail = _NOTES_DATE_TAIL.search(value)  # "From: Jane Doe/ACME on 11/27/2001 ..."
            if tail is not None and meta.date is None:
                meta.date = parse_date(tail.group(0))
        elif role == "sent":
            meta.date = parse_date(value, day_first=True) if meta.date is None else meta.date
        elif role == "subject":
            meta.subject = value.strip("* ") or None
        elif role == "to" and value.count("@") <= 1 and ";" not in value:
            meta.recipient = value or None
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
    if not (name or address):
        return None
    return HeaderMeta(name=name, address=address, date=parse_date(match.group(2)))
