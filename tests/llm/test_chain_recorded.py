"""The chain against a real (small) model, replayed from cassettes.

The cassettes were recorded from llama-cpp-python's server running SmolLM2-135M-Instruct
(`scripts/record_cassettes.sh`). A 135M-parameter model answers poorly, which is the
point: whatever it proposes, only grounded, attributed evidence reaches the result, the
re-ask path runs on real bad output, and the output contract is filled.
"""

from __future__ import annotations

from typing import Any

import pytest

from analyzer.analysis import Analysis, EngineName, StrategyItem
from analyzer.llm.cache import AnalysisCache
from analyzer.llm.prompts import prompt_version
from analyzer.llm.settings import StructuredMethod
from analyzer.llm.structured import MethodMemory
from analyzer.taxonomy import Stage, allowed_strategies
from tests.llm.conversations import Case, load_case, long_case
from tests.llm.fakes import RULES, analyze_llm, draft_replies
from tests.llm.fakes import analyze_offline as fake_offline
from tests.llm.recording import recorded_settings, replay

PRIVATE = ["our floor is $47"]
# Settings per recorded run; the request bodies depend on them.
LONG = {"context_tokens": 3500, "max_output_tokens": 300}
JSON_MODE = {"structured_method": StructuredMethod.JSON_MODE}


def run(case: Case, **settings: Any) -> Analysis:
    return analyze_llm(
        case.conversation,
        case.options,
        case.name,
        settings=recorded_settings(**settings),
        rules=RULES,
        sleep=lambda _: None,
    )


def assert_grounded(result: Analysis, case: Case) -> None:
    """Whoever answered, every signal quotes its turn and names its speaker."""
    turns = case.conversation.turns
    for signal in result.signals:
        turn = turns[signal.turn]
        assert " ".join(signal.quote.split()) in " ".join(turn.text.split())
        assert signal.speaker == turn.speaker
        assert signal.speaker not in case.options.me
    allowed = set(allowed_strategies(result.stage, result.end_type))
    assert {s.id for s in result.strategies} <= allowed
    if not result.signals:
        assert result.stage is Stage.NONE and not result.impasse and not result.drafts


def assert_contract(result: Analysis, case: Case) -> None:
    """What every LLM result promises, whatever the model said."""
    assert result.engine is EngineName.LLM, result.notices
    assert result.model == "smollm2-135m-instruct"
    assert result.prompt_version == prompt_version()
    assert result.usage is not None and result.usage.calls >= 1
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    assert result.processing is not None
    assert result.processing.turns == len(case.conversation.turns)
    assert_grounded(result, case)


def assert_contract_or_fallback(result: Analysis, case: Case) -> None:
    """An LLM result that keeps the contract, or the offline one that says why."""
    if result.engine is EngineName.LLM:
        assert_contract(result, case)
        return
    notices = [n for n in result.notices if "LLM engine failed" in n]
    assert notices and "smollm2-135m-instruct" in notices[0]
    assert result.usage is not None and result.usage.calls >= 1  # the spend is reported
    assert_grounded(result, case)


@pytest.mark.parametrize("name", ["end_soft", "beginning_silence", "middle_topic"])
def test_when_model_answers_then_only_checked_evidence_reaches_the_result(name: str) -> None:
    case = load_case(name, private=PRIVATE)
    with replay(name):
        result = run(case)
    assert_contract_or_fallback(result, case)
    # Extraction and drafting, plus at most one re-ask and one draft rewrite.
    assert result.usage is not None and result.usage.calls <= 4
    for draft in result.drafts:
        assert "$47" not in draft.text or draft.status.value == "withheld"


def test_when_json_schema_is_rejected_then_function_calling_is_used_and_remembered() -> None:
    case = load_case("end_soft", private=PRIVATE)
    with replay("end_soft") as cassette:
        result = run(case)
    assert_contract_or_fallback(result, case)
    codes = [response["status"]["code"] for response in cassette.responses]
    assert codes[0] == 500  # llama.cpp's answer to response_format json_schema
    assert set(codes[1:]) == {200}
    first, second = (request.body for request in cassette.requests[:2])
    assert b'"json_schema"' in first and b'"tools"' in second
    endpoint = recorded_settings().endpoint
    assert MethodMemory().get(endpoint) is StructuredMethod.FUNCTION_CALLING


def test_when_same_input_again_then_no_call_is_made() -> None:
    case = load_case("middle_topic", private=PRIVATE)
    with replay("middle_topic") as cassette:
        first = run(case)
        plays = cassette.play_count
        second = run(case)
        assert cassette.play_count == plays  # nothing went over the wire
    assert second.usage is not None and second.usage.calls == 0
    assert first.usage is not None and second.usage.cached_calls == first.usage.calls
    assert (second.signals, second.stage) == (first.signals, first.stage)
    assert AnalysisCache().path.exists()


def test_when_injected_instruction_then_rules_still_ground_and_drop() -> None:
    case = load_case("injection")
    with replay("injection"):
        result = run(case)
    assert_contract_or_fallback(result, case)
    # Nothing the model says about the injected line survives unless it quotes it.
    assert all(s.turn != 1 or s.quote in case.conversation.turns[1].text for s in result.signals)


def test_when_conversation_exceeds_budget_then_windows_keep_every_turn() -> None:
    case = long_case()
    with replay("long_call") as cassette:
        result = run(case, **LONG)
    assert_contract(result, case)
    assert result.processing is not None and result.processing.windows >= 2
    assert any("overlapping windows" in n for n in result.notices)
    # Each window's prompt numbers its turns globally; together they hold every turn.
    seen: set[int] = set()
    for request in cassette.requests:
        body = request.body.decode("utf-8")
        seen |= {t.index for t in case.conversation.turns if f"[{t.index}] " in body}
    assert seen == {t.index for t in case.conversation.turns}


def test_when_json_mode_answer_fails_the_checks_then_one_reask_runs_on_it() -> None:
    case = load_case("end_soft", private=PRIVATE)
    with replay("end_soft_json_mode") as cassette:
        result = run(case, **JSON_MODE)
    bodies = [request.body.decode("utf-8") for request in cassette.requests]
    assert all('"json_object"' in body for body in bodies)
    assert "follows this JSON schema" in bodies[0]
    reasked = any(c.rule == "LLM.reask" for c in result.checks) or any(
        "unusable twice" in n for n in result.notices
    )
    assert reasked == (len(bodies) >= 2 and "What the checks found" in bodies[1])
    assert_contract_or_fallback(result, case)


def offline_end_analysis(case: Case) -> Analysis:
    """The stand-in offline engine's analysis, with the moves that fit its stage."""
    analysis = fake_offline(case.conversation, case.options, case.name)
    moves = allowed_strategies(analysis.stage, analysis.end_type)[:2]
    strategies = [StrategyItem(id=m, why="fits the stage") for m in moves]
    return analysis.model_copy(update={"strategies": strategies})


def test_when_an_offline_analysis_gets_llm_drafts_then_the_draft_rules_check_them() -> None:
    case = load_case("injection", private=["our floor is $47"])
    analysis = offline_end_analysis(case)
    assert analysis.impasse and analysis.strategies
    with replay("drafts_injection") as cassette:
        result = draft_replies(
            analysis,
            case.conversation,
            case.options,
            settings=recorded_settings(),
            rules=RULES,
            sleep=lambda _: None,
        )
    assert result.engine is EngineName.OFFLINE and result.signals == analysis.signals
    assert result.usage is not None and result.usage.calls == len(
        [r for r in cassette.responses if r["status"]["code"] == 200]
    )
    requested = {s.id for s in analysis.strategies}
    assert {d.strategy for d in result.drafts} <= requested
    for draft in result.drafts:
        assert "$47" not in draft.text or draft.status.value == "withheld"
    written = bool(result.drafts)
    failed = any("Reply drafts could not be written" in n for n in result.notices)
    assert written != failed  # drafts, or a notice saying why there are none
