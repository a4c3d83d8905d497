"""What can go wrong on the wire, and what the chain does about it.

429 and 5xx answers, timeouts and dropped connections are retried with exponential
backoff, honouring the server's `Retry-After` (or `retry-after-ms`) when it sends one.
An endpoint that rejects the request itself (a 4xx, or a 500 complaining about the
requested output format) is not retried: it either means "try another structured-output
method" (`RequestRejected.unsupported`) or that the LLM cannot be used at all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

import openai

from analyzer.errors import LLMUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
MAX_RETRY_AFTER_S = 120.0

# Statuses by which OpenAI-compatible servers reject a parameter they do not support.
_UNSUPPORTED_STATUSES = frozenset({400, 404, 405, 415, 422, 501})
# Words in a 5xx body that show the server choked on the output format, not on load
# (llama-cpp-python answers a json_schema response_format with a 500 validation error).
_FORMAT_WORDS = ("response_format", "json_schema", "tool_choice", "tools")


class RequestRejected(LLMUnavailable):
    """The endpoint refused this request (as opposed to being temporarily unavailable)."""

    def __init__(self, message: str, *, status: int, unsupported: bool) -> None:
        super().__init__(message)
        self.status = status
        self.unsupported = unsupported


def retry_delay(error: openai.APIStatusError | None, attempt: int) -> float:
    """Seconds to wait before retry number `attempt` (0-based)."""
    if error is not None:
        headers = error.response.headers
        for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
            value = headers.get(name)
            if value is None:
                continue
            try:
                seconds = float(str(value)) / divisor
            except ValueError:
                continue  # an HTTP date: fall back to backoff rather than parse clocks
            if 0 <= seconds <= MAX_RETRY_AFTER_S:
                return seconds
    return min(INITIAL_BACKOFF_S * 2.0**attempt, MAX_BACKOFF_S)


def with_retries(
    call: Callable[[], T], *, max_retries: int, sleep: Callable[[float], None] = time.sleep
) -> T:
    """Run `call`, retrying transient failures; raise `LLMUnavailable` when it cannot."""
    attempt = 0
    while True:
        try:
            return call()
        except openai.APIStatusError as exc:
            status = exc.status_code
            message = _short(exc)
            if status == 429 or (status >= 500 and not _format_complaint(message)):
                if attempt >= max_retries:
                    raise LLMUnavailable(
                        f"HTTP {status} after {attempt + 1} attempts: {message}"
                    ) from exc
                delay = retry_delay(exc, attempt)
            else:
                unsupported = status in _UNSUPPORTED_STATUSES or _format_complaint(message)
                raise RequestRejected(
                    f"HTTP {status}: {message}", status=status, unsupported=unsupported
                ) from exc
        except openai.APITimeoutError as exc:
            if attempt >= max_retries:
                raise LLMUnavailable(f"timed out {attempt + 1} times") from exc
            delay = retry_delay(None, attempt)
        except openai.APIConnectionError as exc:
            if attempt >= max_retries:
                raise LLMUnavailable(
                    f"connection failed {attempt + 1} times ({exc.__cause__ or exc})"
                ) from exc
            delay = retry_delay(None, attempt)
        log.info("LLM call failed; retry %d of %d in %.1fs", attempt + 1, max_retries, delay)
        sleep(delay)
        attempt += 1


def _format_complaint(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _FORMAT_WORDS)


def _short(exc: openai.APIStatusError, limit: int = 300) -> str:
    body = exc.body
    text = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        text = str(inner.get("message", "")) if isinstance(inner, dict) else str(inner)
    text = " ".join((text or exc.message).split())
    return text[:limit]
