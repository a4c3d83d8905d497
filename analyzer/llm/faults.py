"""What can go wrong on the wire, and what the chain does about it.

Every failure is told apart, because the user's next step differs:
- the endpoint cannot be reached (connection refused, DNS, TLS): at most one retry for a
  refused connection (a server restarting), none for DNS or TLS, which do not heal;
- a timeout: the analysis has one overall budget (`IMPASSE_TIMEOUT`), so a hanging
  endpoint costs that budget once, not once per attempt;
- 429 and 5xx answers: retried with exponential backoff, honouring the server's
  `Retry-After` (or `retry-after-ms`), as long as the wait fits in the budget;
- a request the endpoint rejects (a 4xx, or a 500 complaining about the requested output
  format): not retried; it either means "try another structured-output method"
  (`RequestRejected.unsupported`) or that the LLM cannot be used at all.
Each failure raises an `EndpointFault` whose `kind` names it, for the notice and stderr.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import openai

from analyzer.errors import LLMUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
MAX_RETRY_AFTER_S = 120.0
# A refused connection may be a server restarting: one retry, after this long.
CONNECTION_RETRIES = 1

# Statuses by which OpenAI-compatible servers reject a parameter they do not support.
_UNSUPPORTED_STATUSES = frozenset({400, 404, 405, 415, 422, 501})
# Words in a 5xx body that show the server choked on the output format, not on load
# (llama-cpp-python answers a json_schema response_format with a 500 validation error).
_FORMAT_WORDS = ("response_format", "json_schema", "tool_choice", "tools")
_DNS_WORDS = ("name or service not known", "nodename nor servname", "name resolution",
              "getaddrinfo", "no address associated", "errno -2", "errno -3", "errno 8")  # fmt: skip
_TLS_WORDS = ("ssl", "tls", "certificate")


class FaultKind(StrEnum):
    """Which kind of failure ended the LLM call (named in the notice and on stderr)."""

    CONNECTION_REFUSED = "connection refused"
    DNS = "DNS lookup failed"
    TLS = "TLS handshake failed"
    CONNECTION = "connection failed"
    TIMEOUT = "timed out"
    RATE_LIMITED = "rate limited (HTTP 429)"
    SERVER_ERROR = "server error (HTTP 5xx)"
    REJECTED = "request rejected"
    BAD_ANSWER = "unusable answer"
    REFUSAL = "the model refused"


# The kinds that mean "the endpoint is overloaded": the batch slows down for them only.
SLOW_DOWN_KINDS = frozenset({FaultKind.RATE_LIMITED, FaultKind.SERVER_ERROR})


class EndpointFault(LLMUnavailable):
    """The endpoint could not be used; `kind` says how."""

    def __init__(self, kind: FaultKind, message: str) -> None:
        super().__init__(f"{kind.value}: {message}")
        self.kind = kind


class Deadline:
    """One overall time budget for an analysis's LLM calls (injectable clock)."""

    def __init__(self, total_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.total_s = total_s
        self._clock = clock
        self._end = clock() + total_s

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self._end - self._clock())

    def expired(self) -> EndpointFault:
        """The error for a budget spent."""
        return EndpointFault(
            FaultKind.TIMEOUT,
            f"the LLM calls used up the analysis's {self.total_s:g} s budget (IMPASSE_TIMEOUT)",
        )


class RequestRejected(EndpointFault):
    """The endpoint refused this request (as opposed to being temporarily unavailable)."""

    def __init__(self, message: str, *, status: int, unsupported: bool) -> None:
        super().__init__(FaultKind.REJECTED, message)
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


def connection_kind(exc: BaseException) -> FaultKind:
    """Refused, DNS, TLS or another connection failure, from the exception chain."""
    text = " ".join(str(e) for e in _chain(exc)).lower()
    if any(word in text for word in _TLS_WORDS):
        return FaultKind.TLS
    if any(word in text for word in _DNS_WORDS):
        return FaultKind.DNS
    if "refused" in text or "errno 111" in text or "errno 61" in text:
        return FaultKind.CONNECTION_REFUSED
    return FaultKind.CONNECTION


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(out) < 8:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def with_retries(
    call: Callable[[float | None], T],
    *,
    max_retries: int,
    sleep: Callable[[float], None] = time.sleep,
    deadline: Deadline | None = None,
) -> T:
    """Run `call(timeout)`, retrying transient failures within the deadline; raise an
    `EndpointFault` when it cannot. `timeout` is what is left of the budget (None: no
    deadline)."""
    attempt = 0
    while True:
        left = deadline.remaining() if deadline is not None else None
        if left is not None and left <= 0:
            assert deadline is not None
            raise deadline.expired()
        try:
            return call(left)
        except openai.APIStatusError as exc:
            status = exc.status_code
            message = _short(exc)
            if status == 429 or (status >= 500 and not _format_complaint(message)):
                kind = FaultKind.RATE_LIMITED if status == 429 else FaultKind.SERVER_ERROR
                failure = EndpointFault(
                    kind, f"HTTP {status} after {attempt + 1} attempt(s): {message}"
                )
                retries, delay = max_retries, retry_delay(exc, attempt)
            else:
                unsupported = status in _UNSUPPORTED_STATUSES or _format_complaint(message)
                raise RequestRejected(
                    f"HTTP {status}: {message}", status=status, unsupported=unsupported
                ) from exc
        except openai.APITimeoutError as exc:
            budget = f" (budget {deadline.total_s:g} s, IMPASSE_TIMEOUT)" if deadline else ""
            failure = EndpointFault(
                FaultKind.TIMEOUT, f"no answer in time after {attempt + 1} attempt(s){budget}"
            )
            retries, delay = max_retries, retry_delay(None, attempt)
            failure.__cause__ = exc
        except openai.APIConnectionError as exc:
            kind = connection_kind(exc)
            # DNS and TLS failures do not heal in seconds; a refused connection may.
            retries = 0 if kind in {FaultKind.DNS, FaultKind.TLS} else CONNECTION_RETRIES
            retries = min(retries, max_retries)
            # The innermost error says what happened ("[Errno 111] Connection refused").
            cause = " ".join(str(_chain(exc)[-1]).split())[:200] or "no detail"
            failure = EndpointFault(kind, f"{cause} (after {attempt + 1} attempt(s))")
            failure.__cause__ = exc
            delay = retry_delay(None, attempt)
        if attempt >= retries:
            raise failure
        if deadline is not None and delay >= deadline.remaining():
            raise EndpointFault(
                failure.kind,
                f"{str(failure).split(': ', 1)[-1]}; waiting {delay:g} s more would exceed "
                f"the analysis's {deadline.total_s:g} s budget (IMPASSE_TIMEOUT)",
            ) from failure
        log.info(
            "LLM call failed; retry %d of %d in %.1fs",
            attempt + 1,
            retries,
            delay,
            extra={"retry_delay_s": delay, "retry_kind": failure.kind.value},
        )
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
