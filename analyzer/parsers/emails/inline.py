"""Answers written inside the message they answer, marked with the replier's initials.

    1. Can you hold the 2025 price for another year?
    [NK] Yes, if you sign before March 31.

Outlook users answer a list of questions in place, each answer tagged "[NK]" (or "NK:",
"<<NK>>") and the reply itself says "answers inline in [NK]". Those lines are the
replier's words, not the quoted writer's: they move to the reply's turn (their spans
still index the pasted text), tag left out, and the quoted message keeps its own lines.
"""

from __future__ import annotations

import re

from analyzer.parsers.emails.assemble import Part
from analyzer.parsers.names import fold, tokens

_TAG = re.compile(r"^\s*(?:\[([A-Z]{2,3})\]|<<([A-Z]{2,3})>>|([A-Z]{2,3}):)\s+(?=\S)")
_ANY_TAG = re.compile(_TAG.pattern, re.MULTILINE)  # one scan rules out most messages


def _initials(part: Part) -> set[str]:
    """The initials the replier may tag answers with: from the sender's name, and any
    tag the reply's own text names ("answers inline in [NK]")."""
    out: set[str] = set()
    if part.meta.name:
        words = tokens(part.meta.name)
        if len(words) >= 2:
            out.add((words[0][0] + words[-1][0]).upper())
            out.add("".join(w[0] for w in words).upper())
    for found in re.finditer(r"\[([A-Z]{2,3})\]|<<([A-Z]{2,3})>>", part.text[:2000]):
        out.add(found.group(1) or found.group(2))
    return {fold(x).upper() for x in out}


def move_inline_answers(source: str, parts: list[Part]) -> None:
    """Move tagged answer lines from each quoted message to the reply above it."""
    for k in range(1, len(parts)):
        reply, quoted = parts[k - 1], parts[k]
        if "\n" not in quoted.text or not _ANY_TAG.search(quoted.text) or not reply.text.strip():
            continue
        lines = quoted.text.split("\n")
        if len(lines) != len(quoted.spans):
            continue  # a text rebuilt elsewhere: its lines no longer match its spans
        tags = [_TAG.match(line) for line in lines]
        if not any(tags):
            continue
        owners = _initials(reply)
        moved: list[tuple[int, int]] = []
        kept: list[tuple[int, int]] = []
        for (a, b), tag in zip(quoted.spans, tags, strict=True):
            label = tag and next(g for g in tag.groups() if g)
            if tag is not None and label in owners:
                moved.append((a + tag.end(), b))
            else:
                kept.append((a, b))
        if not moved:
            continue
        quoted.spans = kept
        quoted.text = "\n".join(source[a:b] for a, b in kept)
        end = reply.spans[-1][1] if reply.spans else 0
        reply.spans = [*reply.spans, (end, end), *moved]
        reply.text = "\n".join(source[a:b] for a, b in reply.spans)
