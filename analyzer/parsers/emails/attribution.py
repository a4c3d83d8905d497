"""Attribution lines: "On <date>, <name> wrote:" and its kin, in every language of
`patterns.py`, possibly wrapped over up to four lines ("Am <date> schrieb <name>:",
"<date> <name> <addr>:"). Each check looks at a bounded number of short lines, so the
whole scan stays linear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzer.parsers.emails.addresses import (
    EMAIL,
    MAX_HEADER_CHARS,
    SPACES,
    HeaderMeta,
    parse_address,
    relayed,
    unhide_addresses,
)
from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.patterns import ALL_WROTE_SUFFIXES, MONTHS, PREFIX_START

_WROTE_INFIX = re.compile(
    r"\s(schrieb|skrev|schreef|wrote|escribió|escreveu|napisał|a écrit|ha scritto)\s+(.+?):$",
    re.IGNORECASE,
)
_QUOTED_NAME = re.compile(r'"([^"]{1,80})"\s*$')
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


def _compact(text: str) -> str:
    return SPACES.sub("", text).lower().replace("：", ":")


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
    text = unhide_addresses(text)
    address_match = EMAIL.search(text)
    address = address_match.group(0) if address_match else None
    infix = _WROTE_INFIX.search(text)
    # "Jonas Becker <j@x.de> schrieb am Do., 15. Mai 2025, 10:14:" (Gmail on Android)
    # and Lotus Notes' "Jane Doe/ACME wrote on <date>:" put the date after the verb.
    dated_after = infix is not None and (
        infix.group(2).lower().startswith(("on ", "am ", "le ", "el "))
        or any(ch.isdigit() for ch in infix.group(2))
    )
    if infix and not dated_after:
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
        if address and relayed(head):
            address = None  # the list's address, shared by all who post through it
    day_first = not text.lower().startswith(("on ", "in a message dated"))  # US clients
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
