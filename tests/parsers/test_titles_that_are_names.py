"""A title that folds into a given name is read as a title only as written: "Doña Carmen"
loses "Doña", "Dona Smith" keeps her name."""

from __future__ import annotations

from analyzer.parsers import parse_text
from analyzer.parsers.titles import is_title

THREAD = """\
From: Dona Smith <dona.smith@harbourfreight.com>
Sent: Tuesday, March 3, 2026 10:15 AM
To: Mark Smith <mark.smith@smithbuild.com>
Subject: RE: Storage rates

Mark, we can hold 5.20 per pallet for twelve months, not longer.

Dona

From: Mark Smith <mark.smith@smithbuild.com>
Sent: Monday, March 2, 2026 4:02 PM
To: Dona Smith <dona.smith@harbourfreight.com>
Subject: Storage rates

Dona, can you fix 5.20 per pallet for 24 months?

Mark
"""


def test_when_dona_is_written_with_its_accent_then_it_is_a_title() -> None:
    assert is_title("Doña")
    assert is_title("doña")
    assert not is_title("Dona")


def test_when_someone_is_called_dona_then_her_name_is_kept() -> None:
    conversation = parse_text(THREAD)

    assert [t.speaker for t in conversation.turns] == ["Mark Smith", "Dona Smith"]
