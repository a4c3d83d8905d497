"""Choosing the structured-output method, and the retry delays."""

from __future__ import annotations

from pathlib import Path

import httpx2
import openai
import pytest

from analyzer.llm.faults import retry_delay
from analyzer.llm.settings import LLMSettings, StructuredMethod
from analyzer.llm.structured import ORDER, MethodMemory, methods_to_try

SETTINGS = LLMSettings(base_url="http://llm.test/v1", model="m")


def test_when_nothing_is_known_then_strictest_method_first(tmp_path: Path) -> None:
    assert methods_to_try(SETTINGS, MethodMemory(tmp_path / "m.json")) == list(ORDER)


def test_when_a_method_worked_before_then_it_is_tried_first(tmp_path: Path) -> None:
    memory = MethodMemory(tmp_path / "m.json")
    memory.put(SETTINGS.endpoint, StructuredMethod.JSON_MODE)
    assert methods_to_try(SETTINGS, memory)[0] is StructuredMethod.JSON_MODE
    other = SETTINGS.model_copy(update={"model": "other"})
    assert methods_to_try(other, memory) == list(ORDER)  # per endpoint and model


def test_when_a_method_is_forced_then_only_it_is_tried(tmp_path: Path) -> None:
    forced = SETTINGS.model_copy(update={"structured_method": StructuredMethod.FUNCTION_CALLING})
    assert methods_to_try(forced, MethodMemory(tmp_path / "m.json")) == [
        StructuredMethod.FUNCTION_CALLING
    ]


def test_when_memory_file_is_corrupt_then_it_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{not json", encoding="utf-8")
    assert MethodMemory(path).get(SETTINGS.endpoint) is None


def status_error(headers: dict[str, str]) -> openai.APIStatusError:
    request = httpx2.Request("POST", "http://llm.test/v1/chat/completions")
    response = httpx2.Response(429, headers=headers, request=request)
    return openai.RateLimitError("rate limited", response=response, body=None)


@pytest.mark.parametrize(
    ("headers", "attempt", "expected"),
    [
        ({"retry-after": "3"}, 0, 3.0),
        ({"retry-after": "0.25"}, 5, 0.25),
        ({"retry-after-ms": "750"}, 0, 0.75),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 1, 1.0),  # dates: backoff
        ({"retry-after": "100000"}, 2, 2.0),  # absurd waits: backoff
        ({}, 0, 0.5),
        ({}, 3, 4.0),
        ({}, 10, 8.0),  # capped
    ],
)
def test_when_retrying_then_retry_after_wins_else_exponential_backoff(
    headers: dict[str, str], attempt: int, expected: float
) -> None:
    assert retry_delay(status_error(headers), attempt) == expected
