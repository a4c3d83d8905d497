"""What settles an impasse: acceptance by the party who raised it, after the signal.

A goodbye, a past or refused approval, a hypothesis or a conditional "yes, but" settles
nothing; a plain acceptance still does.
"""

from __future__ import annotations

import pytest

from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.pipeline import analyze_text

OPTIONS = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice.OFFLINE, drafts=False)
OPENING = (
    "Dana Reyes: Our proposal stands at $48 per seat for 200 seats, with the 99.9% uptime clause.\n"
    "Tom Okafor: We can't go above $46 at this time, and I have no authority to go further.\n"
)

STILL_OPEN = {
    "same-speaker goodbye": "Dana Reyes: Understood, let me think about it.\n"
    "Tom Okafor: Sounds good, thanks, talk soon.\n",
    "approval recounted as history": "Dana Reyes: Could your board look at it again?\n"
    "Tom Okafor: Our board approved a bigger discount last year, and it went badly.\n",
    "approval refused": "Dana Reyes: Has the board looked at it?\n"
    "Tom Okafor: The board hasn't approved it.\n",
    "approval as a hypothesis": "Dana Reyes: Can you take it to the board?\n"
    "Tom Okafor: We'll see whether it gets approved.\n",
    "conditional acceptance": "Dana Reyes: What would it take?\n"
    "Tom Okafor: Happy to sign, but we need the price at $46.\n",
}


@pytest.mark.parametrize("ending", STILL_OPEN.values(), ids=list(STILL_OPEN))
def test_when_a_later_turn_only_seems_to_agree_then_the_impasse_stays(ending: str) -> None:
    result = analyze_text(OPENING + ending, OPTIONS)
    assert result.impasse, [c.detail for c in result.checks]
    assert not any("resolved later" in c.detail for c in result.checks)


def test_when_the_party_who_raised_it_accepts_after_an_answer_then_it_is_resolved() -> None:
    ending = (
        "Dana Reyes: We can do $46 if you sign for three years.\n"
        "Tom Okafor: OK, we can accept that. Send over the contract.\n"
    )
    result = analyze_text(OPENING + ending, OPTIONS)
    assert not result.impasse
    assert any("resolved later" in c.detail for c in result.checks)
