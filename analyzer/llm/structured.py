"""Structured output with automatic fallback between methods, remembered per endpoint.

Strict JSON schema is tried first; servers that reject it (some local servers answer a
`json_schema` request with an HTTP error) get function calling, then JSON mode. The
method that worked is remembered for that endpoint and model in the cache directory, so
the rejected attempt is not repeated; `IMPASSE_STRUCTURED_METHOD` forces one method.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai
from langchain_core.messages import AIMessage, BaseMessage
from langchain_openai import ChatOpenAI
from openai.types.chat import ChatCompletion
from pydantic import BaseModel

from analyzer.errors import LLMUnavailable
from analyzer.llm.cache import cache_dir
from analyzer.llm.faults import Deadline, EndpointFault, FaultKind, RequestRejected, with_retries
from analyzer.llm.runnables import structured_runnable
from analyzer.llm.schema import AnswerUnusable, parse_json_object
from analyzer.llm.settings import LLMSettings, StructuredMethod

log = logging.getLogger(__name__)

ORDER = (
    StructuredMethod.JSON_SCHEMA,
    StructuredMethod.FUNCTION_CALLING,
    StructuredMethod.JSON_MODE,
)


@dataclass(frozen=True, slots=True)
class Reply:
    """One answered call: the JSON object if one could be read, and what it cost."""

    data: dict[str, Any] | None
    problem: str  # why `data` is None ("" when it is not)
    raw: str
    method: StructuredMethod
    input_tokens: int
    output_tokens: int


class MethodMemory:
    """Which structured-output method each endpoint accepted (a small JSON file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "structured-methods.json"

    def get(self, endpoint: str) -> StructuredMethod | None:
        """The remembered method for an endpoint, if any."""
        value = self._read().get(endpoint)
        return StructuredMethod(value) if value in set(StructuredMethod) else None

    def put(self, endpoint: str, method: StructuredMethod) -> None:
        """Remember the method that worked."""
        known = self._read()
        if known.get(endpoint) == method.value:
            return
        known[endpoint] = method.value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A unique temporary name: concurrent analyses may remember at the same time.
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)

    def _read(self) -> dict[str, str]:
        try:
            value = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def methods_to_try(settings: LLMSettings, memory: MethodMemory) -> list[StructuredMethod]:
    """The forced method alone, or the remembered one first, then the rest in order."""
    if settings.structured_method is not None:
        return [settings.structured_method]
    known = memory.get(settings.endpoint)
    if known is None:
        return list(ORDER)
    return [known, *(m for m in ORDER if m is not known)]


_MALFORMED = (AttributeError, TypeError, IndexError, KeyError, ValueError)

MessagesFor = Callable[[StructuredMethod], list[BaseMessage]]
# A chat model whose per-request timeout is at most the given seconds.
ModelFor = Callable[[float], ChatOpenAI]
# Rebuilding the model for a shorter timeout is only worth it below this margin.
_TIMEOUT_SLACK_S = 1.0


class StructuredCaller:
    """Calls one chat model for one output schema, falling back between methods."""

    def __init__(
        self,
        model: ChatOpenAI,
        settings: LLMSettings,
        *,
        memory: MethodMemory | None = None,
        sleep: Callable[[float], None] = time.sleep,
        deadline: Deadline | None = None,
        model_for: ModelFor | None = None,
    ) -> None:
        self.model = model
        self.settings = settings
        self.memory = memory or MethodMemory()
        self.sleep = sleep
        self.deadline = deadline
        self.model_for = model_for
        self.rejected: list[str] = []  # methods the endpoint turned down, for the report

    def _model(self, left: float | None) -> ChatOpenAI:
        """The chat model, with its timeout cut to what is left of the budget."""
        if left is None or self.model_for is None:
            return self.model
        if left >= self.settings.timeout_s - _TIMEOUT_SLACK_S:
            return self.model
        return self.model_for(max(left, 0.1))

    def call(self, schema: type[BaseModel], messages_for: MessagesFor) -> Reply:
        """One answered call; raises `LLMUnavailable` when no method can be used."""
        reasons: list[str] = []
        for method in methods_to_try(self.settings, self.memory):
            # Rendered before the call, so a bug in a prompt builder stays loud.
            messages = messages_for(method)

            def invoke(
                left: float | None, method: StructuredMethod = method,
                messages: list[BaseMessage] = messages,
            ) -> Any:  # fmt: skip
                # LCEL: model | parser, raw kept; the model's timeout fits the budget.
                chain = structured_runnable(self._model(left), schema, method)
                try:
                    return chain.invoke(messages)
                except _MALFORMED as exc:
                    # The SDK and LangChain fail in assorted ways on a 200 whose body is
                    # not a chat completion (a proxy's HTML page, an empty choice list).
                    raise EndpointFault(
                        FaultKind.BAD_ANSWER,
                        f"the endpoint's answer is not a chat completion ({type(exc).__name__})",
                    ) from exc

            try:
                out = with_retries(
                    invoke, max_retries=self.settings.max_retries, sleep=self.sleep,
                    deadline=self.deadline,
                )  # fmt: skip
            except openai.LengthFinishReasonError as exc:
                # The SDK refuses to parse a cut-off JSON answer: hand it on as unreadable,
                # so the chain can re-ask once.
                self.memory.put(self.settings.endpoint, method)
                return _truncated(exc.completion, method)
            except openai.ContentFilterFinishReasonError as exc:
                raise EndpointFault(
                    FaultKind.REFUSAL, "the provider's content filter stopped the answer"
                ) from exc
            except RequestRejected as exc:
                if not exc.unsupported or self.settings.structured_method is not None:
                    raise
                log.info("endpoint rejected %s: %s", method.value, exc)
                self.rejected.append(method.value)
                reasons.append(f"{method.value}: {exc}")
                continue
            self.memory.put(self.settings.endpoint, method)
            return _reply(out, method, self.settings.max_output_tokens)
        raise LLMUnavailable(
            "the endpoint accepted no structured-output method (" + "; ".join(reasons) + ")"
        )


def _truncated(completion: ChatCompletion, method: StructuredMethod) -> Reply:
    text = completion.choices[0].message.content or "" if completion.choices else ""
    usage = completion.usage
    return Reply(
        data=None,
        problem="the answer was cut off at the output limit",
        raw=text,
        method=method,
        input_tokens=usage.prompt_tokens if usage else 0,
        output_tokens=usage.completion_tokens if usage else 0,
    )


def _reply(out: dict[str, Any], method: StructuredMethod, limit: int) -> Reply:
    raw = out.get("raw")
    if not isinstance(raw, AIMessage):
        raise LLMUnavailable("the chat model returned no message")
    usage = raw.usage_metadata or {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}
    raw_text = _raw_text(raw)
    refusal = raw.additional_kwargs.get("refusal")
    if refusal:
        raise EndpointFault(FaultKind.REFUSAL, " ".join(str(refusal).split())[:200])
    data: dict[str, Any] | None = None
    problem = ""
    parsed = out.get("parsed")
    if isinstance(parsed, dict) and parsed:
        data = parsed
    elif raw.tool_calls:
        data = dict(raw.tool_calls[0]["args"])
    elif raw.invalid_tool_calls:
        problem = "the tool-call arguments are not valid JSON"
    else:
        try:
            data = parse_json_object(raw_text)
        except AnswerUnusable as exc:
            problem = str(exc)
    finish = raw.response_metadata.get("finish_reason")
    if finish == "length":
        # A cut-off answer is never used, even when a lenient parser could close its
        # brackets: the missing part may be the verdict itself.
        data = None
    # Some servers (llama.cpp) report "tool_calls" even when the limit cut the call short.
    if data is None and (finish == "length" or int(usage["output_tokens"]) >= limit):
        problem = f"the answer was cut off at the output limit of {limit} tokens ({problem})"
    return Reply(
        data=data,
        problem=problem,
        raw=raw_text,
        method=method,
        input_tokens=int(usage["input_tokens"]),
        output_tokens=int(usage["output_tokens"]),
    )


def _raw_text(message: AIMessage) -> str:
    if message.tool_calls:
        return json.dumps(message.tool_calls[0]["args"], ensure_ascii=False)
    if message.invalid_tool_calls:
        return str(message.invalid_tool_calls[0].get("args") or "")
    content = message.content
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
