"""The writer's name from a message's sign-off, when no header names them.

"Thanks, Phillip", "love Mae", "Cheers\\nKirk", "Thanks , Buck" (the tokenised text some
corpus exports produce), "-Phillip", or a closing formula then a full name on its own
line. Only the last few non-blank lines are read, so a greeting ("Phillip,") at the top
of a message is never taken for the writer.
"""

from __future__ import annotations

import re

from analyzer.parsers.emails.patterns import VALEDICTION_SET

_WINDOW = 5
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][\w'’.-]*){0,2}$")
_DASH = re.compile(r"^(?:-|--|—|–)\s?([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][\w'’.-]*){0,2})$")
_VALEDICTIONS = sorted(VALEDICTION_SET, key=len, reverse=True)
_NOT_NAMES = frozenset(
    {"All", "Team", "Everyone", "You", "Again", "Regards", "Best", "Thanks", "Sir", "Madam"}
)


def _tidy(line: str) -> str:
    """Spaces around punctuation closed up ("Thanks , Buck" -> "Thanks, Buck")."""
    line = re.sub(r"\s+([,.!])", r"\1", line.strip())
    return re.sub(r"\s+", " ", line)


def _name(candidate: str) -> str | None:
    candidate = candidate.strip(" ,.!")
    if not _NAME.match(candidate) or candidate.split()[0] in _NOT_NAMES:
        return None
    return candidate


def _after_valediction(line: str) -> str | None:
    """'Phillip' from 'Thanks, Phillip' or 'love Mae'; None for a formula alone."""
    low = line.lower()
    for formula in _VALEDICTIONS:
        if low.startswith(formula) and len(line) > len(formula):
            rest = line[len(formula) :]
            if rest[:1] not in {",", " ", "!", "."}:
                continue
            return _name(rest)
    return None


def _is_formula(line: str) -> bool:
    return line.rstrip(",.! ").lower() in VALEDICTION_SET


def signoff_name(lines: list[str], window: int = _WINDOW) -> str | None:
    """The name a message is signed with, read from its last `window` non-blank lines."""
    tail = [_tidy(x) for x in lines if x.strip()][-window:]
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k]
        if len(line) > 40:
            continue
        found = _after_valediction(line)
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
