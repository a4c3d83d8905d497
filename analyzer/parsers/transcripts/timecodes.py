"""Timestamps of the transcript formats, parsed strictly (a broken time is an error).

Every pattern is anchored and has no nested quantifiers, so matching is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analyzer.errors import ParseError

# WebVTT: [hours:]minutes:seconds.fraction. Teams writes short fields ("0:0:0.210"), so
# every field may have fewer digits than the standard asks for.
_VTT_TIME = re.compile(r"(?:(\d{1,5}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})")
# SubRip: hours:minutes:seconds,milliseconds (a comma, by the format's definition).
_SRT_TIME = re.compile(r"(\d{1,5}):(\d{1,2}):(\d{1,2}),(\d{1,3})")
# YouTube SubViewer: h:mm:ss.mmm
_SBV_TIME = re.compile(r"(\d{1,5}):(\d{1,2}):(\d{1,2})\.(\d{1,3})")
# A clock position in a text transcript: [h:]mm:ss, with optional fraction.
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float | None:
    mins, secs = int(minutes), int(seconds)
    if mins > 59 or secs > 59:
        return None
    value = int(hours or 0) * 3600 + mins * 60 + secs
    if fraction:
        value += int(fraction) / 10 ** len(fraction)
    return round(value, 3)


def vtt_seconds(text: str) -> float | None:
    """Seconds of a WebVTT timestamp, or None when it is not one."""
    match = _VTT_TIME.fullmatch(text)
    return _seconds(*match.groups()) if match else None


def srt_seconds(text: str) -> float | None:
    """Seconds of a SubRip timestamp, or None when it is not one."""
    match = _SRT_TIME.fullmatch(text)
    return _seconds(*match.groups()) if match else None


def sbv_seconds(text: str) -> float | None:
    """Seconds of a SubViewer timestamp, or None when it is not one."""
    match = _SBV_TIME.fullmatch(text)
    return _seconds(*match.groups()) if match else None


def clock_seconds(text: str) -> float | None:
    """Seconds of a "[h:]mm:ss" clock position (Otter, "[00:12:03] Name:" lines)."""
    match = _CLOCK.fullmatch(text)
    return _seconds(*match.groups()) if match else None


def _fast_timing_pattern(fraction_mark: str) -> re.Pattern[str]:
    time = rf"(\d{{1,5}}):(\d{{2}}):(\d{{2}})\{fraction_mark}(\d{{3}})"
    return re.compile(rf"[ \t]*{time}[ \t]+-->[ \t]+{time}(?:[ \t][^\n]*)?")


# The shape nearly every timing line has ("00:01:02.500 --> 00:01:04.000"), read in one
# match; anything else goes through the careful path below, which names what is wrong.
_FAST_TIMING = {"WebVTT": _fast_timing_pattern("."), "SRT": _fast_timing_pattern(",")}


def _fast_timing(line: str, reader: str) -> tuple[float, float] | None:
    pattern = _FAST_TIMING.get(reader)
    match = pattern.fullmatch(line) if pattern else None
    if match is None:
        return None
    h1, m1, s1, f1, h2, m2, s2, f2 = map(int, match.groups())
    if m1 > 59 or s1 > 59 or m2 > 59 or s2 > 59:
        return None
    start = round(h1 * 3600 + m1 * 60 + s1 + f1 / 1000, 3)
    return start, round(h2 * 3600 + m2 * 60 + s2 + f2 / 1000, 3)


def parse_arrow_timing(
    line: str, line_no: int, reader: str, to_seconds: Callable[[str], float | None]
) -> tuple[float, float]:
    """Parse "START --> END [settings]" or raise ParseError naming the line.

    `to_seconds` is one of the `*_seconds` functions above; `reader` names the format in
    the message.
    """
    fast = _fast_timing(line, reader)
    if fast is not None:
        return fast
    left, _, right = line.partition("-->")
    start_text = left.strip()
    fields = right.split()
    end_text = fields[0] if fields else ""
    start = to_seconds(start_text)
    end = to_seconds(end_text)
    if start is None or end is None:
        bad = start_text if start is None else end_text
        hint = {
            "WebVTT": "hh:mm:ss.ttt",
            "SRT": "hh:mm:ss,mmm (a comma before the milliseconds)",
        }.get(reader, "h:mm:ss.mmm")
        raise ParseError(
            f"{reader} line {line_no}: {bad!r} is not a valid time in the timing line "
            f"{line.strip()[:80]!r}; times are written {hint}."
        )
    return start, end
