"""Labels name people as their writers wrote them ("Dr Elspeth Munro", "Reyes, Dana");
the parser names each participant once, by its canonical name, and keeps the others as
aliases. A label's name is read the way `--me` reads one: through every alias."""

from __future__ import annotations

from analyzer.framework.side import match_participants
from analyzer.models import Conversation


def canonical(conversation: Conversation, names: list[str]) -> set[str]:
    """The canonical names of the participants `names` name (each name, one participant)."""
    out: set[str] = set()
    for name in names:
        found = match_participants(name, conversation.participants)
        out |= {p.name for p in found} if len(found) == 1 else {name}
    return out
