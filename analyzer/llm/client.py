"""The one place a chat model is constructed."""

from __future__ import annotations

from functools import lru_cache

import httpx2
from langchain_openai import ChatOpenAI
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
    return ChatOpenAI(
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
