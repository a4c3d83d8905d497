"""Chat exports that stamp each message with a date and a time (WhatsApp and the like).

    12.03.26, 14:05 - Dana: no deal              (Android)
    12/03/2026 à 14:05 - Dana: no deal           (Android, French)
    [12/03/26, 14:05:10] Dana: no deal           (iOS)
    3/12/26, 2:05 PM - Dana: no deal             (US locale)

The stamp is read off the line so the label after it is found, and kept so each turn gets
its date-time: days of silence between messages are evidence (unanswered follow-ups).
Whether "03/04" is the 3rd of April or March 4th depends on the exporting phone's
locale, so the order is decided once per file, from any day above 12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from analyzer.parsers.emails.attribution import DATE_FILLERS
from analyzer.parsers.emails.dates import find_date

# An optional left-to-right mark, the date, the time, an optional AM/PM (newer iOS puts a
# narrow no-break space before it), then " - " (Android) or "] " (iOS).
_STAMP = re.compile(
    r"\u200e?[ \t]*(\[)?(\d{1,2})([./-])(\d{1,2})\3(\d{2}|\d{4}),?[ \t]+(?:(?:à|a las|um|om)[ \t]+)?"
    r"(\d{1,2}):(\d{2})"
    r"(?::(\d{2}))?(?:[ \t\u202f\u00a0]?([AaPp])\.?[Mm]\.?)?(?(1)\]|[ \t]+[-–])[ \t]+"
)


@dataclass(frozen=True, slots=True)
class ChatStamp:
    """The date and time fields of one stamp, before the day/month order is known."""

    first: int
    second: int
    year: int
    hour: int
    minute: int
    second_of_minute: int


def match_stamp(line: str) -> tuple[ChatStamp, int] | None:
    """The stamp at the start of a line and where the rest of the line begins."""
    found = _STAMP.match(line)
    if found is None:
        return None
    year = int(found.group(5))
    hour = int(found.group(6))
    meridiem = (found.group(9) or "").lower()
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour != 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    stamp = ChatStamp(
        first=int(found.group(2)),
        second=int(found.group(4)),
        year=year + 2000 if year < 100 else year,
        hour=hour,
        minute=int(found.group(7)),
        second_of_minute=int(found.group(8) or 0),
    )
    return stamp, found.end()


# What the app writes in place of a message ("<Media omitted>", iOS "image omitted"): the
# sender did send something (a photo of the signed delivery slip answers a request), so
# the line is a message of theirs, read as written.
_PLACEHOLDERS = frozenset(
    {
        "<media omitted>", "<médias omis>", "<medien ausgeschlossen>", "<multimedia omitido>",
        "<archivo omitido>", "<media weggelaten>", "<media omessi>",
        "this message was deleted", "you deleted this message", "ce message a été supprimé",
        "vous avez supprimé ce message", "diese nachricht wurde gelöscht",
        "du hast diese nachricht gelöscht", "se eliminó este mensaje", "eliminaste este mensaje",
        "este mensaje fue eliminado", "null", "missed voice call", "missed video call",
        "waiting for this message. this may take a while",
    }
)  # fmt: skip
# iOS names what it left out in the phone's language: "image omitted", "imagen omitida",
# "Bild weggelassen", "vidéo absente", "documento omitido".
_OMITTED = re.compile(
    r"^(?:image|imagen|bild|photo|foto|video|vidéo|vídeo|audio|sticker|autocollant|gif|"
    r"document|documento|dokument|contact card|tarjeta de contacto|kontaktkarte|"
    r"carte de contact|fiche contact)[ \u00a0]+(?:omitted|omitida|omitido|omis|omise|"
    r"absente?|weggelassen|ausgelassen)$"
)

# A shared location: "location: https://maps.google.com/?q=...", iOS "Location: https://...".
_LOCATION = re.compile(
    r"^(?:location|ubicación|ubicacion|standort|position|localisation)\s?:\s*https?://\S+$"
)


def is_placeholder(text: str) -> bool:
    """Whether a message is the app's stand-in for media or a deleted message."""
    said = text.strip().strip("\u200e").strip().lower().rstrip(".")
    if said in _PLACEHOLDERS or _OMITTED.match(said) or _LOCATION.match(said):
        return True
    return said.startswith("<attached:") and said.endswith(">")


# A chat's day separator: "[lundi 16 novembre 2026]", "--- Tuesday, 3 March 2026 ---".
# Besides the words a mail header puts around a date, the short forms chats use.
_DAY_WORDS = DATE_FILLERS | {"tues", "thur", "thurs", "fr", "sa", "so", "miercoles", "sabado"}
_FRAME = re.compile(r"^[\s\[\](){}<>*_=~\-–—|,.]*|[\s\[\](){}<>*_=~\-–—|,.]*$")
_FIRST_OF = re.compile(r"\b(1)(?:er|º|°|st)\b", re.IGNORECASE)


def day_marker(line: str) -> date | None:
    """The date of a line that holds only a date (and a weekday), else None."""
    inner = _FRAME.sub("", line)
    if not inner or len(inner) > 60 or ":" in inner:
        return None
    if re.fullmatch(r"[\d./-]+", inner) and inner == line.strip():
        return None  # a bare "12.03.2026" may be part of a message; separators are framed
    inner = _FIRST_OF.sub(r"\1", inner)
    found = find_date(inner)
    if found is None:
        return None
    day, (a, b) = found
    rest = (inner[:a] + " " + inner[b:]).lower()
    words = re.findall(r"[^\W\d_]+", rest)
    return day if all(w in _DAY_WORDS for w in words) else None


def to_iso(stamps: list[ChatStamp | datetime | None]) -> list[str | None]:
    """ISO date-times (no time zone: exports carry none), the day/month order decided once.

    Day first, unless a second field above 12 shows the file is month first. A stamp that
    is no real date under that order gives None rather than a guess.
    """
    real = [s for s in stamps if isinstance(s, ChatStamp)]
    month_first = any(s.second > 12 for s in real) and not any(s.first > 12 for s in real)
    out: list[str | None] = []
    for s in stamps:
        if s is None or isinstance(s, datetime):
            out.append(None if s is None else s.isoformat())
            continue
        day, month = (s.second, s.first) if month_first else (s.first, s.second)
        try:
            when = datetime(s.year, month, day, s.hour, s.minute, s.second_of_minute)
        except ValueError:
            out.append(None)
            continue
        out.append(when.isoformat())
    return out
