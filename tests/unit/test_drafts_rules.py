"""Rule 6: drafts fit their strategy; a failing draft is repaired once or withheld."""

from __future__ import annotations

import re

import pytest
from _drafts_threads import (
    MSA_CAP,
    Case,
    add_drafts,
    analysis,
    apply_draft_rules,
    check_drafts,
    conversation,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.analysis import Analysis, CheckStatus, Draft, DraftStatus
from analyzer.drafting.rules import DraftsFitStrategy, fit_problems
from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions, Tone
from analyzer.taxonomy import EndType, SignalType, Stage, Strategy

S = Strategy
GOOD_EMPATHY = "Hi Tom,\n\nI can tell the price is hard for you. Could you help me understand why?\n\nBest,\nDana"


@pytest.mark.parametrize(
    ("strategy", "text", "language", "fits"),
    [
        (
            S.TRIAL_BALLOON,
            "We might move on the start date if you would be open to a similar move on price.",
            "en",
            True,
        ),
        (S.TRIAL_BALLOON, "We will lower the price to 110 per seat.", "en", False),
        (S.TRIAL_BALLOON, "We can offer you a 5% discount on the renewal.", "en", False),
        (S.TRIAL_BALLOON, "Happy to drop the setup fee. Let me know.", "en", False),
        (
            S.TRIAL_BALLOON,
            "We are willing to consider the term.",
            "en",
            False,
        ),  # no move asked of them
        (S.EMPATHY_STATEMENT, GOOD_EMPATHY, "en", True),
        (
            S.EMPATHY_STATEMENT,
            "Hi Tom,\n\nI can tell the price is hard for you.\n\nBest,\nDana",
            "en",
            False,
        ),
        (S.EMPATHY_STATEMENT, "Hi Tom,\n\nWhy is the price so hard?\n\nBest,\nDana", "en", False),
        (
            S.CALL_THE_QUESTION,
            "To be clear: if we gave you everything else but not the cap, the deal is over. Is that correct?",
            "en",
            True,
        ),
        (S.CALL_THE_QUESTION, "Is the deal over if we do not agree on the cap?", "en", False),
        (
            S.CALL_THE_QUESTION,
            "If we gave you everything else but not the cap, is the deal over? Please advise.",
            "en",
            False,
        ),
        (
            S.ASK_TIMING,
            "I hear the cap is not possible now. When would be a better time to revisit it?",
            "en",
            True,
        ),
        (
            S.ASK_TIMING,
            "When would be a better time? We will accept your cap in the meantime.",
            "en",
            False,
        ),
        (S.ASK_TIMING, "I hear you. Let's talk later.", "en", False),
        (S.ASK_AUTHORITY, "Who on your side decides on the cap?", "en", True),
        (S.ASK_AUTHORITY, "Could you check with legal?", "en", False),
        (S.PROPOSE_BREAK, "Let's pause here and regroup next week.", "en", True),
        (S.PROPOSE_BREAK, "Let's pause here. We will drop the deposit.", "en", False),
        (
            S.TRIAL_BALLOON,
            "Wir könnten uns beim Zahlungsziel bewegen, wenn Sie im Gegenzug bei der Laufzeit offen wären.",
            "de",
            True,
        ),
        (S.TRIAL_BALLOON, "Wir werden den Preis um 5 % senken.", "de", False),
        (
            S.TRIAL_BALLOON,
            "Nous pourrions bouger sur les délais si vous étiez prêt à revoir le prix.",
            "fr",
            True,
        ),
        (S.TRIAL_BALLOON, "Nous allons baisser le prix de 5 %.", "fr", False),
        (
            S.TRIAL_BALLOON,
            "Podríamos movernos en el plazo si ustedes estuvieran dispuestos a revisar el precio.",
            "es",
            True,
        ),
        (S.TRIAL_BALLOON, "Vamos a bajar el precio un 5 %.", "es", False),
        (S.EMPATHY_STATEMENT, "Je comprends que le prix est difficile. Pourquoi ?", "fr", True),
        (S.ASK_AUTHORITY, "Entiendo. ¿Con quién deberíamos tratarlo?", "es", True),
    ],
)
def test_when_draft_is_checked_then_rule_6_finds_what_it_lacks(
    strategy: Strategy, text: str, language: str, fits: bool
) -> None:
    assert (fit_problems(strategy, text, language) == []) is fits


def _with_drafts(drafts: list[Draft]) -> Analysis:
    return analysis(MSA_CAP).model_copy(update={"drafts": drafts})


def test_when_model_draft_makes_an_unconditional_offer_then_it_is_withheld_with_a_check() -> None:
    bad = Draft(
        strategy=S.TRIAL_BALLOON,
        text="Hi Chidi,\n\nWe will drop the cap to 1x fees.\n\nBest,\nJordan",
    )
    result = check_drafts(_with_drafts([bad]), conversation(MSA_CAP), AnalyzeOptions())
    (draft,) = result.drafts
    assert draft.status is DraftStatus.WITHHELD
    assert "drop the cap" not in draft.text.split("(")[0]  # says why, offers no text to send
    (check,) = [c for c in result.checks if c.rule == "R6.drafts_fit_strategy"]
    assert check.status is CheckStatus.DROPPED
    assert "trial_balloon" in check.detail and "unconditional concession" in check.detail


def test_when_a_repair_is_available_then_the_draft_gets_another_phrasing() -> None:
    bad = Draft(
        strategy=S.EMPATHY_STATEMENT, text="Hi Tom,\n\nThe price is the price.\n\nBest,\nDana"
    )

    def repair(draft: Draft, accept: object) -> Draft | None:
        assert callable(accept)
        return draft.model_copy(update={"text": GOOD_EMPATHY}) if accept(GOOD_EMPATHY) else None

    rules = (DraftsFitStrategy(repair=repair),)
    result = apply_draft_rules(_with_drafts([bad]), conversation(MSA_CAP), rules)
    assert result.drafts[0].text == GOOD_EMPATHY
    assert result.drafts[0].status is DraftStatus.READY
    assert [c.status for c in result.checks if c.rule.startswith("R6")] == [CheckStatus.FIXED]


def test_when_repair_finds_nothing_better_then_the_draft_is_withheld() -> None:
    bad = Draft(
        strategy=S.EMPATHY_STATEMENT, text="Hi Tom,\n\nThe price is the price.\n\nBest,\nDana"
    )
    rules = (DraftsFitStrategy(repair=lambda draft, accept: None),)
    result = apply_draft_rules(_with_drafts([bad]), conversation(MSA_CAP), rules)
    assert result.drafts[0].status is DraftStatus.WITHHELD


def test_when_no_impasse_then_model_drafts_other_than_a_note_are_removed() -> None:
    note = Draft(
        strategy=S.CONTROL_INFORMATION, text="Note to self (not to send):\n- Confirm the dates."
    )
    reply = Draft(strategy=S.EMPATHY_STATEMENT, text=GOOD_EMPATHY)
    none = _with_drafts([reply, note]).model_copy(
        update={"impasse": False, "stage": Stage.NONE, "signals": [], "strategies": []}
    )
    result = check_drafts(none, conversation(MSA_CAP), AnalyzeOptions())
    assert [d.strategy for d in result.drafts] == [S.CONTROL_INFORMATION]


ISSUES = ["the liability cap", "exclusivity", "the price", "the escrow", "payment terms", "the pension",
          "the notice period", "the royalty", "volume", "nothing in particular"]  # fmt: skip
CONDITIONAL = re.compile(r"\b(?:might|could|would|if|were)\b", re.IGNORECASE)
LINK = re.compile(r"\b(?:if you|open to|willing to|prepared to|in return)\b", re.IGNORECASE)
PROMISE = re.compile(
    r"\b(?:we|i)(?:'ll| will| can)\s+(?:\w+\s+)?(?:offer|give|drop|lower|accept|waive|reduce)\b",
    re.IGNORECASE,
)
TEMPLATE_WORDS = [
    "flexibility",
    "movement",
    "explore",
    "exploring",
    "internally",
    "direction",
    "room",
    "offer",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    issue=st.sampled_from(ISSUES),
    name=st.sampled_from(
        ["Chidi Okonkwo", "Ana María Ruiz", "Li Wei", "o'brien@example.com", "Unknown"]
    ),
    tone=st.sampled_from(list(Tone)),
    transcript=st.booleans(),
    private=st.lists(st.sampled_from(TEMPLATE_WORDS), max_size=2),
)
def test_when_anything_varies_then_a_trial_balloon_never_becomes_an_unconditional_offer(
    issue: str, name: str, tone: Tone, transcript: bool, private: list[str]
) -> None:
    case = Case(
        "generated", "en", InputFormat.VTT if transcript else InputFormat.EMAIL_TEXT, "Dana Reyes", name,
        (
            ("Dana Reyes", f"Can we settle {issue} today?"),
            (name, f"We never agree to that on {issue}, it is company policy."),
        ),
        Stage.MIDDLE, None,
        ((SignalType.PRECEDENT_OR_POLICY, 1, "it is company policy."),),
    )  # fmt: skip
    result = add_drafts(
        analysis(case), conversation(case), AnalyzeOptions(tone=tone, private=private)
    )
    (balloon,) = [d for d in result.drafts if d.strategy is S.TRIAL_BALLOON]
    if balloon.status is DraftStatus.WITHHELD:
        return
    assert CONDITIONAL.search(balloon.text) and LINK.search(balloon.text), balloon.text
    for sentence in re.split(r"(?<=[.?!])\s+", balloon.text):
        assert not (PROMISE.search(sentence) and not CONDITIONAL.search(sentence)), sentence


def test_when_end_is_firm_then_call_the_question_restates_and_asks_to_confirm() -> None:
    case = Case(
        "firm", "en", InputFormat.EMAIL_TEXT, "Dana Reyes", "Tom Okafor",
        (("Dana Reyes", "We are at 131 per seat."), ("Tom Okafor", "If it's not 118 a seat, we're not renewing.")),
        Stage.END, EndType.FIRM, ((SignalType.ULTIMATUM, 1, "If it's not 118 a seat, we're not renewing."),),
    )  # fmt: skip
    for tone in Tone:
        result = add_drafts(analysis(case), conversation(case), AnalyzeOptions(tone=tone))
        text = next(d.text for d in result.drafts if d.strategy is S.CALL_THE_QUESTION)
        body = [line for line in text.splitlines() if line.strip()][:-2]  # without sign-off
        assert re.search(r"everything else|every other", text)
        assert body[-1].rstrip().endswith("?")
