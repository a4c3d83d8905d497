"""Structured-output runnables, built once per chat model, schema and method.

`ChatOpenAI.with_structured_output(..., include_raw=True)` wraps the model in LCEL
`RunnableParallel` steps that start a thread pool on every call, and building the runnable
converts the schema again each time: together several milliseconds of CPU per call. Here
the runnable LangChain builds without `include_raw` (the model bound to the schema, then
LangChain's refusal check and parser) is built once and its two halves are invoked in
turn, keeping the raw message as `include_raw` does. The request sent is the same: it is
the same bound model.
"""

from __future__ import annotations

import copy
import functools
import threading
from dataclasses import dataclass
from typing import Any

from langchain_core.exceptions import LangChainException
from langchain_core.messages import BaseMessage
from langchain_core.output_parsers import BaseOutputParser
from langchain_core.outputs import ChatGeneration
from langchain_core.runnables import Runnable, RunnableSequence
from langchain_core.utils.function_calling import convert_to_openai_function
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from analyzer.llm.settings import StructuredMethod

# What LangChain's output parsers raise on an answer they cannot read (its own errors,
# a refusal among them, and JSON or shape errors).
_UNPARSED = (LangChainException, AttributeError, TypeError, IndexError, KeyError, ValueError)
# Chat models whose runnables are kept (a process uses one or two endpoints; a model cut
# to a shorter timeout near the end of a budget is used once).
_MAX_MODELS = 16


@dataclass(frozen=True, slots=True)
class StructuredRunnable:
    """A chat model bound to one output schema, and the parser of its answers."""

    bound: Runnable[Any, Any]
    parser: tuple[Runnable[Any, Any], ...]

    def invoke(self, messages: list[BaseMessage]) -> dict[str, Any]:
        """`{"raw": AIMessage, "parsed": dict | None}`, as `include_raw=True` returns it:
        an answer the parser cannot read leaves `parsed` empty (the raw message is read
        after the call), while a failed request raises."""
        raw = self.bound.invoke(messages)
        parsed: Any = raw
        try:
            for step in self.parser:
                if isinstance(step, BaseOutputParser) and isinstance(parsed, BaseMessage):
                    # What the parser's `invoke` does with a message, without setting up
                    # a traced run for a few microseconds of parsing.
                    parsed = step.parse_result([ChatGeneration(message=parsed)])
                else:
                    parsed = step.invoke(parsed)
        except _UNPARSED:
            parsed = None
        return {"raw": raw, "parsed": parsed}


class _Built:
    """The runnables built for one model (kept with the model, so its id stays its own)."""

    def __init__(self, model: ChatOpenAI) -> None:
        self.model = model
        self.by_schema: dict[tuple[type[BaseModel], StructuredMethod], StructuredRunnable] = {}


_BUILT: dict[int, _Built] = {}
_LOCK = threading.Lock()


def structured_runnable(
    model: ChatOpenAI, schema: type[BaseModel], method: StructuredMethod
) -> StructuredRunnable:
    """The runnable that asks `model` for `schema` with `method`, built on first use."""
    with _LOCK:
        built = _BUILT.get(id(model))
        if built is None or built.model is not model:
            if len(_BUILT) >= _MAX_MODELS:
                _BUILT.clear()
            built = _BUILT[id(model)] = _Built(model)
        runnable = built.by_schema.get((schema, method))
        if runnable is None:
            runnable = built.by_schema[(schema, method)] = build_structured(model, schema, method)
        return runnable


def build_structured(
    model: ChatOpenAI, schema: type[BaseModel], method: StructuredMethod
) -> StructuredRunnable:
    """Build the runnable (`structured_runnable` keeps it)."""
    # The schema goes out as a plain JSON schema, so the answer is parsed after the call
    # (a parse failure is then a finding to re-ask about, not a failed call).
    function = copy.deepcopy(_openai_function(schema))
    if method is StructuredMethod.JSON_MODE:
        chain = model.with_structured_output(function, method="json_mode")
    elif method is StructuredMethod.FUNCTION_CALLING:
        chain = model.with_structured_output(function, method="function_calling", strict=True)
    else:
        titled = {
            "title": function["name"],
            "description": function.get("description", ""),
            **function["parameters"],
        }
        chain = model.with_structured_output(titled, method="json_schema", strict=True)
    if not isinstance(chain, RunnableSequence):
        raise TypeError(f"unexpected structured-output runnable: {type(chain).__name__}")
    return StructuredRunnable(bound=chain.first, parser=tuple(chain.steps[1:]))


@functools.cache
def _openai_function(schema: type[BaseModel]) -> dict[str, Any]:
    """The schema as an OpenAI function, built once per schema (LangChain's conversion
    walks the whole pydantic schema and costs milliseconds a call)."""
    return convert_to_openai_function(schema, strict=True)
