"""How much one interactive analysis may take, and what to do with a larger input.

The web app answers while the user waits and shares its server with other users, so it
reads inputs of at most `max_bytes` and analyses at most `max_turns` turns and `max_chars`
characters of turn text (about ten seconds of work on a two-core machine; the figures are
in the README). A larger input gets
a message that says what to do: analyse only its last turns, which the app offers, or run
the command line, which has no such budget and shows its progress. The CLI and batch runs
never use this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from analyzer.errors import InputRejected
from analyzer.models import Conversation, Participant
from analyzer.parsers.build import UNKNOWN_SPEAKER

MAX_TURNS_ENV = "IMPASSE_APP_MAX_TURNS"
MAX_CHARS_ENV = "IMPASSE_APP_MAX_CHARS"
MAX_BYTES_ENV = "IMPASSE_APP_MAX_BYTES"
DEFAULT_MAX_TURNS = 5_000
DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Budget:
    """The largest conversation one interactive analysis takes."""

    max_turns: int = DEFAULT_MAX_TURNS
    max_chars: int = DEFAULT_MAX_CHARS
    max_bytes: int = DEFAULT_MAX_BYTES

    def too_large(self, size: int, source: str = "FILE") -> str | None:
        """What to do with an input of `size` bytes, if it is too large to read here."""
        if size <= self.max_bytes:
            return None
        return (
            f"This input is {size / 1_000_000:.1f} MB; the web app reads at most "
            f"{self.max_bytes / 1_000_000:.1f} MB. Use `impasse analyze {source}` on the "
            "command line (no limit there, with progress), or paste only the latest messages."
        )

    def fits(self, conversation: Conversation) -> bool:
        """Whether the whole conversation is within the budget."""
        return (
            len(conversation.turns) <= self.max_turns and text_size(conversation) <= self.max_chars
        )

    def last_fitting(self, conversation: Conversation) -> int:
        """How many of the newest turns fit the budget together (0: not even the last)."""
        total = 0
        count = 0
        for turn in reversed(conversation.turns):
            total += len(turn.text)
            if count == self.max_turns or total > self.max_chars:
                break
            count += 1
        return count

    def advice(self, conversation: Conversation, source: str = "FILE") -> str:
        """What to do with a conversation over the budget (say it before analysing)."""
        turns, chars = len(conversation.turns), text_size(conversation)
        size = f"{turns:,} turns and {chars / 1_000_000:.1f} million characters"
        limit = f"{self.max_turns:,} turns and {self.max_chars / 1_000_000:.1f} million characters"
        cli = f"`impasse analyze {source}` on the command line (no limit there, with progress)"
        fitting = self.last_fitting(conversation)
        if fitting >= 2:
            return (
                f"This conversation has {size}; the web app analyses at most {limit}. "
                f"Analyse its last {fitting:,} turns here, or the whole of it with {cli}."
            )
        return (
            f"This conversation has {size}; the web app analyses at most {limit}, and its "
            f"turns are too long to analyse only the last ones. Use {cli}."
        )


def text_size(conversation: Conversation) -> int:
    """Characters of turn text: what the analysis reads."""
    return sum(len(t.text) for t in conversation.turns)


def app_budget() -> Budget:
    """The web app's budget: the defaults, or `IMPASSE_APP_MAX_TURNS`, `_MAX_CHARS` and
    `_MAX_BYTES`."""
    return Budget(
        max_turns=_positive(MAX_TURNS_ENV, DEFAULT_MAX_TURNS),
        max_chars=_positive(MAX_CHARS_ENV, DEFAULT_MAX_CHARS),
        max_bytes=_positive(MAX_BYTES_ENV, DEFAULT_MAX_BYTES),
    )


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip().replace("_", "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) == 0:
        raise InputRejected(
            f"{name}={raw!r} is not a positive whole number; set it to e.g. {default}."
        )
    return int(raw)


def last_turns(conversation: Conversation, count: int) -> Conversation:
    """The conversation's newest `count` turns, renumbered from 0, with their participants.

    The source and the spans stay as they are, so quotes still point into the input.
    """
    if count >= len(conversation.turns):
        return conversation
    kept = conversation.turns[len(conversation.turns) - max(count, 0) :]
    turns = [t.model_copy(update={"index": i}) for i, t in enumerate(kept)]
    counts: dict[str, int] = {}
    for turn in turns:
        if turn.speaker != UNKNOWN_SPEAKER:  # no identity (see `parsers.identity`)
            counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    known = {p.name: p for p in conversation.participants}
    participants = [
        Participant(name=name, address=known[name].address if name in known else None, turns=n)
        for name, n in counts.items()
    ]
    dropped = len(conversation.turns) - len(turns)
    note = f"only the last {len(turns):,} turns were analysed ({dropped:,} earlier ones left out)."
    return conversation.model_copy(
        update={
            "turns": turns,
            "participants": participants,
            "warnings": [*conversation.warnings, note],
        }
    )
