"""The chain with the real framework engine and draft rules (not stand-ins): whatever the
model proposes, the same deterministic rules as the offline engine decide."""

from __future__ import annotations

import json

from analyzer.analysis import CheckStatus, EngineName
from analyzer.llm.settings import LLMSettings
from analyzer.taxonomy import EndType, Stage, Strategy
from tests.llm.conversations import load_case
from tests.llm.fakes import analyze_llm
from tests.llm.mock_endpoint import Endpoint, completion, diagnosis_json, drafts_json

SETTINGS = LLMSettings(base_url="http://llm.test/v1", model="test-model", max_retries=0)

INVENTED = {
    "type": "ultimatum",
    "speaker": "Daniel Reed",
    "turn": 3,
    "quote": "this is our final offer, take it or leave it",
    "explanation": "a made-up ultimatum",
}
SWAPPED = {
    "type": "weasel_words",
    "speaker": "Maya Lopez",  # the quote is Daniel's
    "turn": 3,
    "quote": "we cannot go above $46 at this time",
    "explanation": "hedged finality on time",
}
BAD = diagnosis_json(
    signals=[INVENTED, SWAPPED],
    end_type="firm",
    strategies=[
        {"id": "call_the_question", "why": "test the bluff"},
        {"id": "ask_timing", "why": "they named the committee"},
    ],
)


def run(steps: list) -> tuple:  # type: ignore[type-arg]
    case = load_case("end_soft")
    endpoint = Endpoint(list(steps))
    result = analyze_llm(
        case.conversation, case.options, "end_soft.txt", language="en",
        settings=SETTINGS, rules=None, http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    return result, endpoint


def test_when_model_invents_and_misattributes_then_real_rules_drop_fix_and_reask() -> None:
    # The model repeats its mistakes after the re-ask; the rules have the last word.
    result, endpoint = run([completion(BAD), completion(BAD), completion(drafts_json())])
    assert result.engine is EngineName.LLM
    assert [(s.type.value, s.speaker) for s in result.signals] == [("weasel_words", "Daniel Reed")]
    statuses = {(c.rule, c.status) for c in result.checks}
    assert ("R1.grounded_evidence", CheckStatus.DROPPED) in statuses
    # The quote is Daniel's whoever the model named: rule 2 (or the merge with the
    # offline candidates) attributes it to the speaker of its turn.
    # A hedge on time makes the end soft, and a soft end forbids calling the question.
    assert result.stage is Stage.END and result.end_type is EndType.SOFT
    assert Strategy.CALL_THE_QUESTION not in {s.id for s in result.strategies}
    # The re-ask carried the rules' findings to the model.
    assert len(endpoint.requests) == 3
    assert "not in the conversation" in endpoint.prompt(1)
    # The drafts went through the real draft rules too.
    assert {c.rule for c in result.checks} >= {"R6.drafts_fit_strategy", "R7.information_control"}
    assert result.usage is not None and result.usage.calls == 3


def test_when_model_finds_nothing_grounded_then_no_impasse_is_reported() -> None:
    empty = json.dumps({"signals": [INVENTED], "stage": "end", "end_type": "firm",
                        "confidence": 0.9, "causes": [], "strategies": [], "summary": "x"})  # fmt: skip
    result, _ = run([completion(empty), completion(empty)])
    assert result.engine is EngineName.LLM
    assert result.signals == [] and result.impasse is False and result.stage is Stage.NONE
    assert result.strategies == [] and result.drafts == []


def test_when_the_reask_repeats_a_signal_in_other_words_then_it_is_kept_once() -> None:
    # The first answer has the hedge right and one invented quote (so it is re-asked);
    # the second repeats the hedge re-typed, at the wrong turn, by first name.
    good = {**SWAPPED, "speaker": "Daniel Reed"}
    retyped = {
        **good,
        "speaker": "Daniel",
        "turn": 2,
        "quote": "We cannot go above  $46 at this time",
    }
    first = diagnosis_json(signals=[good, INVENTED])
    second = diagnosis_json(signals=[retyped])
    endpoint = Endpoint([completion(first), completion(second)])
    case = load_case("end_soft", drafts=False)
    result = analyze_llm(
        case.conversation, case.options, "end_soft.txt", settings=SETTINGS, rules=None,
        http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    assert len(endpoint.requests) == 2
    weasels = [s for s in result.signals if s.type.value == "weasel_words"]
    assert [(s.turn, s.quote, s.speaker) for s in weasels] == [
        (3, "we cannot go above $46 at this time", "Daniel Reed")
    ]
