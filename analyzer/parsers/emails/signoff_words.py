"""Words a sign-off reader must not take for a writer's name."""

from __future__ import annotations

# Words that close a message on their own line without being anyone's name.
NOT_SIGNERS = frozenset(
    {
        "thanks",
        "thank",
        "cheers",
        "regards",
        "best",
        "done",
        "agreed",
        "yes",
        "no",
        "ok",
        "okay",
        "sure",
        "noted",
        "confirmed",
        "great",
        "perfect",
        "fine",
        "deal",
        "sorry",
        "merci",
        "danke",
        "gracias",
        "hi",
        "hello",
        "dear",
        "attachment",
        "attachments",
        "thx",
        "tia",
        "understood",
        "correct",
        "absolutely",
        "definitely",
        "right",
        "cool",
        "nice",
        "good",
        "excellent",
        "tomorrow",
        "today",
    }
)
