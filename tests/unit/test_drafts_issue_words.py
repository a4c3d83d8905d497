"""Drafts name the disputed point in the conversation's own words, mark it as a gap when
they cannot, and are signed only as the user."""

from __future__ import annotations

from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.pipeline import analyze_text

UPTIME = (
    "Dana Reyes: Our renewal stays at $48 per seat, and we can add a 99.5% uptime target.\n"
    "Tom Okafor: The rate is fine by us, agreed. But we cannot sign anything with uptime "
    "below 99.9%, that is our final position.\n"
)
VAGUE = (
    "Dana Reyes: Following up on where we landed last week.\n"
    "Tom Okafor: This is as far as we go: take it as it stood in March, or we walk away.\n"
)
EMAIL = """From: Tom Okafor <tom@northwind.example>
Sent: Tuesday, March 3, 2026 9:12 AM
To: Dana Reyes <dana@caldera.example>
Subject: RE: Renewal

The rate is fine by us, agreed. But we cannot sign anything with uptime below 99.9%, that \
is our final position.

Tom

From: Dana Reyes <dana@caldera.example>
Sent: Monday, March 2, 2026 4:40 PM
To: Tom Okafor <tom@northwind.example>
Subject: Renewal

Hi Tom, our renewal stays at $48 per seat, and we can add a 99.5% uptime target.

Dana
"""


def _drafts(text: str, **options: object) -> list[tuple[str, list[str]]]:
    opts = AnalyzeOptions(engine=EngineChoice.OFFLINE, **options)  # type: ignore[arg-type]
    result = analyze_text(text, opts)
    assert result.impasse, result.summary
    return [(d.text, d.gaps) for d in result.drafts]


def test_when_the_dispute_is_named_then_drafts_use_the_threads_words() -> None:
    drafts = _drafts(UPTIME, me=["Dana Reyes"])
    # The template data's label ("the service-level commitment") is not what they said.
    assert not any("service-level" in text for text, _ in drafts)
    assert any("uptime" in text for text, _ in drafts)
    assert all(gaps == [] for _, gaps in drafts)


def test_when_the_dispute_cannot_be_named_then_the_draft_says_this_point_and_marks_a_gap() -> None:
    drafts = _drafts(VAGUE, me=["Dana Reyes"])
    with_gap = [text for text, gaps in drafts if gaps == ["issue"]]
    assert with_gap and all("this point" in text for text in with_gap)


def test_when_the_users_side_is_unknown_then_drafts_are_not_signed_as_a_guess() -> None:
    neutral = _drafts(EMAIL)
    assert not any(text.rstrip().endswith("Dana") for text, _ in neutral)
    mine = _drafts(EMAIL, me=["Dana Reyes"])
    assert any(text.rstrip().endswith("Dana") for text, _ in mine)
