"""The chain's first call as a Batch API request line, and a downloaded answer as a `Reply`.

The OpenAI Batch API takes the body of a `/v1/chat/completions` request per line and
answers each with the body of a chat completion. The request is the one the chain's
strict JSON-schema method sends; the answer is read the way `structured.py` reads a live
one, so the chain cannot tell a downloaded answer from a fresh one.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.utils.function_calling import convert_to_openai_function
from pydantic import BaseModel

from analyzer.errors import LLMUnavailable
from analyzer.llm.schema import AnswerUnusable, parse_json_object
from analyzer.llm.settings import LLMSettings, StructuredMethod
from analyzer.llm.structured import Reply

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def request_body(
    messages: list[BaseMessage], schema: type[BaseModel], settings: LLMSettings
) -> dict[str, Any]:
    """The `/v1/chat/completions` body for one structured call (strict JSON schema)."""
    function = convert_to_openai_function(schema, strict=True)
    return {
        "model": settings.model,
        "temperature": 0,
        "max_completion_tokens": settings.max_output_tokens,
        "messages": [{"role": _ROLES[m.type], "content": m.content} for m in messages],
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "name": function["name"],
                "description": function.get("description", ""),
                "schema": function["parameters"],
                "strict": True,
            },
        },
    }


def reply_from_completion(body: dict[str, Any], limit: int) -> Reply:
    """A downloaded chat-completion body as the chain's `Reply`.

    Raises `LLMUnavailable` where a live call would have: no choice in the answer, a
    refusal, or the content filter; an unreadable or cut-off answer is a `Reply` without
    data, which the chain re-asks about once.
    """
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise LLMUnavailable("the batch answer holds no chat completion")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
    assert isinstance(message, dict)
    refusal = message.get("refusal")
    if refusal:
        raise LLMUnavailable(f"the model refused: {' '.join(str(refusal).split())[:200]}")
    finish = choice.get("finish_reason")
    if finish == "content_filter":
        raise LLMUnavailable("the provider's content filter stopped the answer")
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    assert isinstance(usage, dict)
    raw = message.get("content")
    raw_text = raw if isinstance(raw, str) else ""
    data: dict[str, Any] | None = None
    problem = ""
    try:
        data = parse_json_object(raw_text)
    except AnswerUnusable as exc:
        problem = str(exc)
    if data is None and finish == "length":
        problem = f"the answer was cut off at the output limit of {limit} tokens ({problem})"
    return Reply(
        data=data,
        problem=problem,
        raw=raw_text,
        method=StructuredMethod.JSON_SCHEMA,
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
    )
