"""Dates written by mail clients -> ISO 8601.

A quote header's date comes in many shapes ("Tue, Sep 25, 2012 at 8:59 AM",
"Friday, 23 March 2012 5:08 p.m.", "jeudi 15 décembre 2016 09:35", "2014-03-20 8:48
GMT+01:00", "2016年11月8日 下午2:23"). The result carries an offset only when the source
gives a time zone; a local time gives a naive date-time; a date without a time gives a
date. Nothing is guessed beyond that: an unreadable date is None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from analyzer.parsers.emails.patterns import MONTHS, TZ_ABBREVIATIONS

_CTIME = re.compile(r"^[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d{1,2}:\d{2}(?::\d{2})?) (\d{4})$")
_RFC2822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_OFFSET = re.compile(r"(?:\b(?:GMT|UTC))?\s?([+-])(\d{1,2}):?(\d{2})\b")
_TZ_WORD = re.compile(r"\b([A-Za-z]{1,4})\b")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([aApP])\.?\s?[mM]\.?)?")
_TIME_DOTTED = re.compile(r"\bkl\.\s?(\d{1,2})[.:](\d{2})\b")
_PM_BEFORE = ("下午", "오후", "午後")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})")
_YMD = re.compile(r"\b(\d{4})\s?[/.]\s?(\d{1,2})\s?[/.]\s?(\d{1,2})\b")
_CJK = re.compile(r"(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
_NUMERIC = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})\.?\s{1,3}(?:de\s)?([^\W\d_]{3,12})\.?,?\s{1,3}(?:de\s)?(\d{4})"
)
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,12})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(\d{4})")


def _year(value: str) -> int:
    year = int(value)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def find_date(text: str, day_first: bool = True) -> tuple[date, tuple[int, int]] | None:
    """The first date written in `text` and where it stands (month names in the lexicon
    languages; numeric dates settled by `day_first` unless a part over 12 decides)."""
    return _find_date(text, day_first)


def _find_date(text: str, day_first: bool) -> tuple[date, tuple[int, int]] | None:
    for pattern in (_ISO, _YMD, _CJK):
        m = pattern.search(text)
        if m:
            return _safe_date(int(m[1]), int(m[2]), int(m[3])), m.span()
    m = _DAY_MONTH.search(text)
    if m and m[2].lower() in MONTHS:
        return _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])), m.span()
    m = _MONTH_DAY.search(text)
    if m and m[1].lower() in MONTHS:
        return _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])), m.span()
    m = _NUMERIC.search(text)
    if m:
        first, second, year = int(m[1]), int(m[3]), _year(m[4])
        # Dots are always day first; slashes follow the writer's locale unless a part
        # over 12 settles it.
        dmy = m[2] == "." or first > 12 or (day_first and second <= 12)
        if second > 12:
            dmy = False
        day, month = (first, second) if dmy else (second, first)
        return _safe_date(year, month, day), m.span()
    return None


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date.min


def _find_offset(text: str) -> timezone | None:
    m = _OFFSET.search(text)
    if m:
        hours, minutes = int(m[2]), int(m[3])
        if hours <= 14 and minutes < 60:
            delta = timedelta(hours=hours, minutes=minutes)
            return timezone(-delta if m[1] == "-" else delta)
    for word in _TZ_WORD.findall(text):
        # Only upper-case abbreviations: "est" or "cet" in a name are not zones.
        minutes_off = TZ_ABBREVIATIONS.get(word.lower()) if word.isupper() else None
        if minutes_off is not None and len(word) > 1:
            return timezone(timedelta(minutes=minutes_off))
    return None


def _find_time(text: str) -> tuple[int, int, int] | None:
    m = _TIME.search(text)
    if m is None:
        dotted = _TIME_DOTTED.search(text)
        if dotted is None:
            return None
        return int(dotted[1]), int(dotted[2]), 0
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    marker = (m[4] or "").lower()
    before = text[max(0, m.start() - 3) : m.start()]
    if marker == "p" or any(p in before for p in _PM_BEFORE):
        if hour < 12:
            hour += 12
    elif marker == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


@lru_cache(maxsize=4096)  # a thread repeats the same quoted headers many times
def parse_date(text: str | None, *, day_first: bool = False) -> str | None:
    """An ISO 8601 rendering of the date in `text`, or None when none is readable.

    `day_first` settles numeric dates such as 01/03/11 (True outside the US).
    """
    if not text or len(text) > 300:
        return None
    ctime = _CTIME.match(text.strip())
    if ctime:  # BlackBerry's "Sent: Thu Nov 29 09:41:20 2001"
        text = f"{ctime.group(2)} {ctime.group(1)} {ctime.group(4)} {ctime.group(3)}"
    if _RFC2822.match(text):
        try:
            parsed = parsedate_to_datetime(text.strip())
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return parsed.isoformat()
    found = _find_date(text, day_first)
    if found is None or found[0] == date.min:
        return None
    day, (start, end) = found
    rest = text[:start] + " " + text[end:]
    clock = _find_time(rest)
    if clock is None:
        return day.isoformat()
    tz = _find_offset(rest[rest.find(":") :] if ":" in rest else rest)
    stamp = datetime(day.year, day.month, day.day, *clock, tzinfo=tz)
    return stamp.isoformat()
