"""The chat model sends a JSON response format with the SDK's `create` rather than the
`parse` LangChain uses: the requests must stay byte for byte those of LangChain's own
`ChatOpenAI` (the recorded cassettes match on the body), and the answers must read the
same, a cut-off or filtered one included."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_openai import ChatOpenAI

from analyzer.analysis import Analysis
from analyzer.llm import client, runnables
from analyzer.llm.settings import LLMSettings, StructuredMethod
from tests.llm.conversations import load_case
from tests.llm.fakes import analyze_llm
from tests.llm.mock_endpoint import Endpoint, Step, completion, diagnosis_json

OURS = client.JSONFormatChatOpenAI

ULTIMATUM = {
    "type": "ultimatum",
    "speaker": "Daniel Reed",
    "turn": 2,
    "quote": "This is our final offer: $45 per unit, take it or leave it.",
    "explanation": "final offer",
}
# A quote the conversation does not hold: the rules drop it and the chain re-asks.
INVENTED = {**ULTIMATUM, "quote": "We will never pay more than forty dollars."}


pytestmark = pytest.mark.usefixtures("fresh_llm_models")


def _answer(method: StructuredMethod, signal: dict[str, Any], finish: str = "stop") -> Step:
    text = diagnosis_json(signals=[signal], stage="end", end_type="firm")
    if method is StructuredMethod.FUNCTION_CALLING:
        return completion(tool_args=text, finish=finish)
    return completion(text, finish=finish)


def _run(
    monkeypatch: pytest.MonkeyPatch,
    model_class: type[ChatOpenAI],
    settings: LLMSettings,
    steps: list[Step],
) -> tuple[list[bytes], Analysis]:
    """The request bodies sent and the analysis, with `model_class` as the chat model."""
    client.shared_chat_model.cache_clear()
    runnables._BUILT.clear()
    monkeypatch.setattr(client, "JSONFormatChatOpenAI", model_class)
    case = load_case("injection")
    endpoint = Endpoint(list(steps))
    result = analyze_llm(
        case.conversation, case.options.model_copy(update={"drafts": False, "use_cache": False}), "injection.txt",
        settings=settings, rules=None, http_client=endpoint.client(), sleep=lambda _: None,
    )  # fmt: skip
    return [request.content for request in endpoint.requests], result


def _settings(method: StructuredMethod, base_url: str | None) -> LLMSettings:
    # No base URL: OpenAI itself, where the output limit is `max_completion_tokens`; a
    # base URL: a compatible server, where it goes out as `max_tokens` in the extra body.
    return LLMSettings(
        base_url=base_url, api_key="test-key", model="test-model", max_retries=0,
        structured_method=method,
    )  # fmt: skip


SCRIPTS = {
    "answered": lambda m: [_answer(m, ULTIMATUM)],
    "re-asked after an invented quote": lambda m: [_answer(m, INVENTED), _answer(m, ULTIMATUM)],
    "re-asked after a cut-off answer": lambda m: [
        _answer(m, ULTIMATUM, finish="length"),
        _answer(m, ULTIMATUM),
    ],
    "stopped by the content filter": lambda m: [_answer(m, ULTIMATUM, finish="content_filter")],
}


@pytest.mark.parametrize("base_url", [None, "http://llm.test/v1"])
@pytest.mark.parametrize("method", list(StructuredMethod))
@pytest.mark.parametrize("script", list(SCRIPTS))
def test_when_a_structured_call_is_made_then_body_and_analysis_are_langchains_own(
    monkeypatch: pytest.MonkeyPatch, method: StructuredMethod, base_url: str | None, script: str
) -> None:
    settings = _settings(method, base_url)
    steps = SCRIPTS[script](method)
    stock_bodies, stock = _run(monkeypatch, ChatOpenAI, settings, steps)
    ours_bodies, ours = _run(monkeypatch, OURS, settings, steps)
    assert ours_bodies == stock_bodies
    assert len(stock_bodies) == len(steps)
    assert ours.model_dump(exclude={"created_at"}) == stock.model_dump(exclude={"created_at"})


def test_when_a_json_format_is_asked_then_the_sdk_create_path_is_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The point of the subclass: the SDK's `parse` (which rebuilds every answer as a
    # generic parsed completion) is not entered for a JSON response format.
    entered: list[str] = []
    completions = type(ChatOpenAI(api_key="k", model="m").root_client.chat.completions)
    original = completions.parse

    def parse(self: Any, **kwargs: Any) -> Any:
        entered.append("parse")
        return original(self, **kwargs)

    monkeypatch.setattr(completions, "parse", parse)
    method = StructuredMethod.JSON_SCHEMA
    settings = _settings(method, "http://llm.test/v1")
    _, ours = _run(monkeypatch, OURS, settings, SCRIPTS["answered"](method))
    assert ours.signals and entered == []
    _, stock = _run(monkeypatch, ChatOpenAI, settings, SCRIPTS["answered"](method))
    assert stock.signals and entered == ["parse"]
