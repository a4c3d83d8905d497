"""Cue text cleaning that keeps a map back to the source.

Caption text carries markup: WebVTT tags (`<i>`, `<c.color>`, `<00:17.500>`, voice tags
`<v Name>`), SRT `<font>` tags and HTML entities (`&gt;`, `&amp;`). The turn text drops the
tags and decodes the entities, but the spans must still point at the source, so the
cleaned text remembers, for each character, where it came from (-1 for a character that
an entity produced: it is not a slice of the source).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# One alternative per markup kind. `[^<>\n]*` stops at the next "<", so a "<" that opens
# no tag costs only the scan to the next "<": matching stays linear.
_MARKUP = re.compile(
    r"<(/?)([^<>\n]*)>|&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|<(v(?:\.[\w.\-]*)?[ \t]+<[^<>\n]{1,40}>)>"  # a voice name in brackets: <v <Ben>>
)
# What follows a voice tag when the name itself held a ">" ("<v Dana>Lee>"): a short
# run with a letter, no sentence punctuation, closed by a single ">".
_NAME_TAIL = re.compile(r"([^<>\n.?!,:;]{0,40}[^\W\d_][^<>\n.?!,:;]{0,40})>(?!>)")
_TIMESTAMP_TAG = re.compile(r"\d[\d:.]*")
_VOICE_TAG = re.compile(r"v(?:\.[\w.\-]*)?[ \t]+(\S.*)")

Token = tuple[int, int] | str
"""A piece of turn text: a source range, or one character that is not in the source."""


@dataclass(slots=True)
class CleanText:
    """One line with tags removed and entities decoded, mapped back to the source."""

    text: str
    base: int
    positions: list[int] | None = None  # None: character i is source[base + i]
    voices: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, name)

    def tokens(self, start: int, end: int) -> list[Token]:
        """The source ranges (and decoded characters) that make up `text[start:end]`."""
        if start >= end:
            return []
        if self.positions is None:
            return [(self.base + start, self.base + end)]
        out: list[Token] = []
        run_start = -1
        run_end = -1
        for i in range(start, end):
            pos = self.positions[i]
            if pos >= 0 and pos == run_end:
                run_end += 1
                continue
            if run_start >= 0:
                out.append((run_start, run_end))
                run_start = -1
            if pos < 0:
                out.append(self.text[i])
            else:
                run_start, run_end = pos, pos + 1
        if run_start >= 0:
            out.append((run_start, run_end))
        return out


def _is_tag(body: str) -> bool:
    """Whether the inside of "<...>" is markup (a tag name or a cue timestamp)."""
    if not body:
        return False
    return body[0].isalpha() or _TIMESTAMP_TAG.fullmatch(body) is not None


def clean_line(source: str, start: int, end: int, *, markup: bool = True) -> CleanText:
    """Clean `source[start:end]` (one line). With `markup=False` the line is taken as is."""
    line = source[start:end]
    if not markup or ("<" not in line and "&" not in line):
        return CleanText(line, start)
    chars: list[str] = []
    positions: list[int] = []
    voices: list[tuple[int, str]] = []
    cursor = 0
    length = 0  # len("".join(chars)), kept up to date
    search_from = 0
    while (match := _MARKUP.search(line, search_from)) is not None:
        search_from = match.end()
        closing, body, entity, nested = match.groups()
        if nested is not None:
            closing, body = "", nested.replace("<", "").replace(">", "")
        if entity is None and not _is_tag(body):
            # "2 < 3 &amp; 4 >" is text, not a tag: look again just after the "<".
            search_from = match.start() + 1
            continue
        decoded = ""
        if entity is not None:
            decoded = html.unescape(match.group(0))
            if decoded == match.group(0):
                continue  # an unknown entity stays as written
            decoded = decoded.replace("\xa0", " ")
        chars.append(line[cursor : match.start()])
        positions.extend(range(start + cursor, start + match.start()))
        length += match.start() - cursor
        cursor = match.end()
        if entity is None:
            voice = _VOICE_TAG.fullmatch(body) if not closing else None
            if voice:
                name = voice.group(1)
                tail = _NAME_TAIL.match(line, match.end()) if nested is None else None
                if tail is not None and tail.end() < len(line):
                    name = f"{name}>{tail.group(1)}"
                    cursor = search_from = tail.end()
                voices.append((length, html.unescape(name).strip()))
            continue
        chars.append(decoded)
        positions.extend([-1] * len(decoded))
        length += len(decoded)
    if cursor == 0 and not chars:
        return CleanText(line, start)
    chars.append(line[cursor:])
    positions.extend(range(start + cursor, end))
    return CleanText("".join(chars), start, positions, voices)
