"""A scripted OpenAI-compatible endpoint on an httpx2 mock transport, for fault tests.

Each step answers one HTTP request: a chat-completion body, an HTTP error, or a raised
transport exception. Requests are kept so tests can look at what the chain sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx2

Step = Callable[[httpx2.Request], httpx2.Response]


def completion_body(
    content: str | None = None,
    *,
    tool_args: str | None = None,
    tool_name: str = "Diagnosis",
    finish: str = "stop",
    refusal: str | None = None,
) -> dict[str, Any]:
    """The JSON of a chat completion, as an OpenAI-compatible server returns it (shared by
    the mock transport here and the stand-in HTTP servers of other tests)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_args is not None:
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": tool_name, "arguments": tool_args},
            }
        ]
    if refusal is not None:
        message["refusal"] = refusal
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def completion(
    content: str | None = None,
    *,
    tool_args: str | None = None,
    tool_name: str = "Diagnosis",
    finish: str = "stop",
    refusal: str | None = None,
) -> Step:
    """A 200 chat completion."""
    body = completion_body(
        content, tool_args=tool_args, tool_name=tool_name, finish=finish, refusal=refusal
    )
    return lambda request: httpx2.Response(200, json=body)


def send_json(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
    """Write `body` as a JSON response from a stand-in HTTP server's request handler."""
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def error(status: int, message: str = "error", headers: dict[str, str] | None = None) -> Step:
    """An HTTP error in OpenAI's error shape."""
    body = {"error": {"message": message, "type": "error", "param": None, "code": None}}
    return lambda request: httpx2.Response(status, json=body, headers=headers or {})


def raises(exc: Exception) -> Step:
    """A transport failure (timeout, reset...)."""

    def step(request: httpx2.Request) -> httpx2.Response:
        raise exc

    return step


@dataclass
class Endpoint:
    """Answers requests with the scripted steps, in order."""

    steps: list[Step]
    requests: list[httpx2.Request] = field(default_factory=list)

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if not self.steps:
            raise AssertionError(f"unexpected request #{len(self.requests)}")
        return self.steps.pop(0)(request)

    def client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self.handle))

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]

    def prompt(self, n: int) -> str:
        """The user message of request n."""
        return str(self.bodies()[n]["messages"][-1]["content"])


def diagnosis_json(**changes: Any) -> str:
    """A well-formed diagnosis of tests/llm/data/end_soft.txt."""
    value: dict[str, Any] = {
        "signals": [
            {
                "type": "weasel_words",
                "speaker": "Daniel Reed",
                "turn": 3,
                "quote": "we cannot go above $46 at this time",
                "explanation": "hedged finality on time",
            }
        ],
        "stage": "end",
        "end_type": "soft",
        "confidence": 0.8,
        "causes": [{"id": "authority_constraint", "why": "the director decides"}],
        "strategies": [{"id": "ask_timing", "why": "they named the committee"}],
        "summary": "The buyer stalls on price until the budget committee meets.",
    }
    value.update(changes)
    return json.dumps(value)


def drafts_json(text: str = "Daniel, what time frame would suit you to revisit the price?") -> str:
    """Drafts for the diagnosis above."""
    return json.dumps({"drafts": [{"strategy": "ask_timing", "text": text}]})
