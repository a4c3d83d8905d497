"""The one place a chat model is constructed."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import httpx2
import openai
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult
from langchain_openai import ChatOpenAI
from langchain_openai.chat_models.base import (
    _handle_openai_api_error,
    _handle_openai_bad_request,
)
from openai.types.chat import ChatCompletion
from pydantic import SecretStr

from analyzer.errors import LLMUnavailable
from analyzer.llm.settings import LLMSettings

# Local servers (llama.cpp, Ollama, vLLM) ignore the key, but the SDK insists on one.
_LOCAL_PLACEHOLDER_KEY = "not-needed"


def chat_model(
    settings: LLMSettings,
    *,
    max_tokens: int,
    http_client: httpx2.Client | None = None,
    timeout_s: float | None = None,
) -> ChatOpenAI:
    """A deterministic chat model for the configured endpoint.

    Retries are off here: `faults.with_retries` retries instead, so it can tell an
    endpoint that rejects a structured-output method from one that is overloaded.
    `http_client` lets tests inject an httpx2 mock transport; `timeout_s` (default: the
    settings') is cut to what is left of an analysis's budget.
    """
    if not settings.configured:
        raise LLMUnavailable(
            "no LLM endpoint configured: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL "
            "(any OpenAI-compatible server), or use --engine offline."
        )
    key = settings.api_key or SecretStr(_LOCAL_PLACEHOLDER_KEY)
    # OpenAI takes the output limit as `max_completion_tokens`; many compatible servers
    # (llama.cpp, older vLLM and Ollama) only know the older `max_tokens` and silently
    # ignore the new name, generating until their context is full.
    limit: dict[str, object] = (
        {"extra_body": {"max_tokens": max_tokens}}
        if settings.base_url
        else {"max_tokens": max_tokens}
    )
    return JSONFormatChatOpenAI(
        model=settings.model,
        api_key=key,
        base_url=settings.base_url,
        temperature=0,
        timeout=timeout_s if timeout_s is not None else settings.timeout_s,
        max_retries=0,
        http_client=http_client,
        use_responses_api=False,
        **limit,
    )


@lru_cache(maxsize=16)
def shared_chat_model(
    settings: LLMSettings, *, max_tokens: int, http_client: httpx2.Client | None = None
) -> ChatOpenAI:
    """`chat_model` with the settings' timeout, built once per settings, limit and HTTP
    client and shared by every analysis (and thread) that uses them.

    A chat model keeps no state between calls, and building one (the SDK client, its
    validation) costs more CPU than the rest of a call's preparation.
    """
    return chat_model(settings, max_tokens=max_tokens, http_client=http_client)


class JSONFormatChatOpenAI(ChatOpenAI):
    """`ChatOpenAI` that sends a response format given as a plain JSON dict through the
    OpenAI SDK's `chat.completions.create`.

    LangChain sends any `response_format` through the SDK's `parse`, which sends the same
    request body as `create` (the same fields in the same order; only the SDK's own
    `X-Stainless-*` helper headers differ) but then rebuilds the answer as a generic
    `ParsedChatCompletion`, to parse it into a pydantic model the SDK is not given here
    (the schema goes out as a dict and `structured.py` reads the answer): about half a
    millisecond of CPU per call for nothing. The answer is checked
    as `parse` checks it, so a cut-off or filtered answer raises the same errors.
    Everything else (tools, streaming, async calls) is LangChain's own path.
    """

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        payload = self._get_request_payload(messages, stop=stop, **kwargs)
        if (
            not isinstance(payload.get("response_format"), dict)
            or payload.get("stream")
            or self.include_response_headers
            or self._use_responses_api(payload)
            or self.client is None
        ):
            return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
        # `parse` sends `"stream": false` whatever the payload says; so does this.
        payload["stream"] = False
        try:
            response = self.client.create(**payload)
        except openai.BadRequestError as exc:
            _handle_openai_bad_request(exc)
            raise
        except openai.APIError as exc:
            _handle_openai_api_error(exc)
            raise
        _check_finish(response)
        return self._create_chat_result(response, {})


def _check_finish(completion: ChatCompletion) -> None:
    """What the SDK's `parse` raises on an answer it will not parse (an answer that is
    not a chat completion fails here the same way, on `choices`)."""
    for choice in completion.choices:
        if choice.finish_reason == "length":
            raise openai.LengthFinishReasonError(completion=completion)
        if choice.finish_reason == "content_filter":
            raise openai.ContentFilterFinishReasonError(completion=completion)
