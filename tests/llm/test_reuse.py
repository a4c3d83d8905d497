"""What the LLM path builds once and reuses: the chat model, its structured-output
runnables, the prompts' token counts and the offline candidate evidence; and a call
starts no thread. (Counted here, so a regression fails a test rather than a benchmark.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from analyzer.detect.patterns import PhraseDetector
from analyzer.llm import chain, client, render, runnables
from analyzer.llm.schema import Diagnosis
from analyzer.llm.settings import LLMSettings, StructuredMethod
from tests.llm.conversations import load_case
from tests.llm.fakes import analyze_llm
from tests.llm.mock_endpoint import Endpoint, completion, diagnosis_json

SETTINGS = LLMSettings(base_url="http://llm.test/v1", model="test-model", max_retries=0)
ULTIMATUM = {
    "type": "ultimatum",
    "speaker": "Daniel Reed",
    "turn": 2,
    "quote": "This is our final offer: $45 per unit, take it or leave it.",
    "explanation": "final offer",
}


pytestmark = pytest.mark.usefixtures("fresh_llm_models")


def _analyze_twice(monkeypatch: pytest.MonkeyPatch, counted: str) -> int:
    """Two analyses of the same conversation through one HTTP client; how many times
    `counted` (a function of `runnables` or `client`) was entered."""
    module, name = counted.split(".")
    target = {"runnables": runnables, "client": client}[module]
    original = getattr(target, name)
    calls = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, counting)
    case = load_case("injection")
    answer = completion(diagnosis_json(signals=[ULTIMATUM], stage="end", end_type="firm"))
    endpoint = Endpoint([answer, answer])
    http = endpoint.client()
    options = case.options.model_copy(update={"drafts": False, "use_cache": False})
    for _ in range(2):
        analyze_llm(
            case.conversation, options, "injection.txt", settings=SETTINGS, rules=None,
            http_client=http, sleep=lambda _: None,
        )  # fmt: skip
    assert len(endpoint.requests) == 2
    return len(calls)


def test_when_two_analyses_use_one_endpoint_then_the_chat_model_is_built_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _analyze_twice(monkeypatch, "client.chat_model") == 1


def test_when_two_analyses_use_one_endpoint_then_the_structured_runnable_is_built_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _analyze_twice(monkeypatch, "runnables.build_structured") == 1


def test_when_the_method_or_the_model_differs_then_another_runnable_is_built() -> None:
    model = client.shared_chat_model(SETTINGS, max_tokens=100)
    other = client.chat_model(SETTINGS, max_tokens=100, timeout_s=5.0)
    schema = Diagnosis
    first = runnables.structured_runnable(model, schema, StructuredMethod.JSON_SCHEMA)
    assert runnables.structured_runnable(model, schema, StructuredMethod.JSON_SCHEMA) is first
    assert runnables.structured_runnable(model, schema, StructuredMethod.JSON_MODE) is not first
    assert runnables.structured_runnable(other, schema, StructuredMethod.JSON_SCHEMA) is not first


def test_when_a_structured_call_is_made_then_no_thread_is_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []
    original = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        started.append(thread.name)
        original(thread)

    case = load_case("injection")
    answer = completion(diagnosis_json(signals=[ULTIMATUM], stage="end", end_type="firm"))
    endpoint = Endpoint([answer])
    monkeypatch.setattr(threading.Thread, "start", start)
    result = analyze_llm(
        case.conversation, case.options.model_copy(update={"drafts": False}), "injection.txt",
        settings=SETTINGS, rules=None, http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    assert result.signals and started == []


def test_when_the_llm_verdict_is_cross_checked_then_the_phrase_detectors_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The model misses the ultimatum: the candidates and the cross-check both need the
    # offline evidence, and it is found once.
    runs: list[str] = []
    original = PhraseDetector.detect

    def detect(self: PhraseDetector, reading: Any) -> Any:
        runs.append(self.name)
        return original(self, reading)

    monkeypatch.setattr(PhraseDetector, "detect", detect)
    case = load_case("injection")
    endpoint = Endpoint([completion(diagnosis_json(signals=[], stage="none", end_type=None))])
    result = analyze_llm(
        case.conversation, case.options.model_copy(update={"drafts": False}), "injection.txt",
        settings=SETTINGS, rules=None, http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    assert [c for c in result.checks if c.rule == "LLM.offline_evidence"]  # cross-checked
    assert runs and len(runs) == len(set(runs))


def test_when_prompts_are_planned_again_then_their_tokens_are_not_counted_again() -> None:
    chain._prompt_tokens.cache_clear()
    for _ in range(3):
        chain._prompt_tokens("a system prompt", "a repair prompt")
    info = chain._prompt_tokens.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_when_a_conversation_is_analysed_then_each_turn_is_rendered_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rendered for the plan's token counts and joined into the prompt, not rendered again.
    rendered: list[int] = []
    original = render.render_turn

    def counting(turn: Any) -> str:
        rendered.append(turn.index)
        return original(turn)

    monkeypatch.setattr(render, "render_turn", counting)
    case = load_case("injection")
    endpoint = Endpoint([completion(diagnosis_json(signals=[ULTIMATUM], stage="end"))])
    analyze_llm(
        case.conversation, case.options.model_copy(update={"drafts": False}), "injection.txt",
        settings=SETTINGS, rules=None, http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    assert sorted(rendered) == [t.index for t in case.conversation.turns]
    assert endpoint.prompt(0).count("[0] ") == 1  # the conversation is in the prompt
