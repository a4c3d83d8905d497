"""Each way the LLM can fail, against the stand-in server: what the notice says, that
nothing is cached, and how long it takes (on an injected clock, nothing really waits).

A failure is never a silent verdict: the offline analysis answers, `fallback` says why,
and a notice names the kind of failure. The analysis has one budget (`IMPASSE_TIMEOUT`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx2
import pytest

from analyzer.analysis import Analysis, EngineName, FallbackKind
from analyzer.llm.settings import LLMSettings, StructuredMethod
from tests.llm.conversations import load_case
from tests.llm.fakes import RULES, analyze_llm
from tests.llm.mock_endpoint import (
    Endpoint,
    Step,
    completion,
    diagnosis_json,
    drafts_json,
    error,
    raises,
)

BUDGET_S = 60.0
SETTINGS = LLMSettings(
    base_url="http://llm.test/v1", model="test-model", max_retries=3, timeout_s=BUDGET_S
)
GOOD = [completion(diagnosis_json()), completion(drafts_json())]


@dataclass
class FakeTime:
    """A clock that only moves when the code sleeps or a request 'hangs'."""

    now: float = 0.0
    slept: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def hangs(time: FakeTime) -> Step:
    """A request that waits out its whole timeout, then times out."""

    def step(request: httpx2.Request) -> httpx2.Response:
        timeout = request.extensions.get("timeout", {})
        time.now += float(timeout.get("read") or BUDGET_S)
        raise httpx2.ReadTimeout("read timed out")

    return step


def run(
    steps: list[Step], time: FakeTime, settings: LLMSettings = SETTINGS, **options: object
) -> tuple[Analysis, Endpoint]:
    case = load_case("end_soft", **options)
    endpoint = Endpoint(list(steps))
    result = analyze_llm(
        case.conversation, case.options, "end_soft.txt", settings=settings, rules=RULES,
        http_client=endpoint.client(), sleep=time.sleep, clock=time.clock,
    )  # fmt: skip
    return result, endpoint


def notice_of(result: Analysis) -> str:
    return next((n for n in result.notices if "LLM engine failed" in n), "")


CUT_OFF = '{"signals": [{"type": "ultimatum", "quote": "That is our final'
SCHEMA_INVALID = '{"signals": "none", "stage": 3}'
NO_VERDICT = '{"verdict": "no impasse", "summary": "All good."}'


def _steps(kind: str, time: FakeTime) -> list[Step]:
    table: dict[str, Callable[[], list[Step]]] = {
        "cut-off JSON": lambda: [completion(CUT_OFF, finish="length")] * 2,
        "empty object": lambda: [completion("{}")] * 2,
        "schema-invalid": lambda: [completion(SCHEMA_INVALID)] * 2,
        "no verdict": lambda: [completion(NO_VERDICT)] * 2,
        "refusal": lambda: [completion(None, refusal="I can't help with that.")],
        "connection refused": lambda: (
            [raises(httpx2.ConnectError("[Errno 111] Connection refused"))] * 2
        ),
        "DNS": lambda: [raises(httpx2.ConnectError("[Errno -2] Name or service not known"))],
        "timeout": lambda: [hangs(time)] * 4,
        "429": lambda: [error(429, "Rate limit reached", {"retry-after": "2"})] * 4,
        "429 beyond the budget": lambda: [error(429, "slow down", {"retry-after": "90"})],
        "5xx": lambda: [error(503, "overloaded")] * 4,
    }
    return table[kind]()


# kind -> (fallback kind, words in the notice, requests made, most fake seconds spent)
CASES: dict[str, tuple[FallbackKind, tuple[str, ...], int, float]] = {
    "cut-off JSON": (FallbackKind.BAD_ANSWER, ("unusable answer", "cut off"), 2, 0),
    "empty object": (FallbackKind.BAD_ANSWER, ("unusable answer", "unusable twice"), 2, 0),
    "schema-invalid": (FallbackKind.BAD_ANSWER, ("unusable answer", "diagnosis shape"), 2, 0),
    "no verdict": (FallbackKind.BAD_ANSWER, ("unusable answer", "stage"), 2, 0),
    "refusal": (FallbackKind.UNAVAILABLE, ("the model refused", "can't help"), 1, 0),
    "connection refused": (
        FallbackKind.UNAVAILABLE,
        ("connection refused", "Is the server running"),
        2,
        1.0,
    ),
    "DNS": (FallbackKind.UNAVAILABLE, ("DNS lookup failed",), 1, 0),
    "timeout": (FallbackKind.UNAVAILABLE, ("timed out", "IMPASSE_TIMEOUT"), 1, BUDGET_S),
    "429": (FallbackKind.UNAVAILABLE, ("rate limited (HTTP 429)", "Rate limit reached"), 4, 6.0),
    "429 beyond the budget": (FallbackKind.UNAVAILABLE, ("HTTP 429", "budget"), 1, 0),
    "5xx": (FallbackKind.UNAVAILABLE, ("server error (HTTP 5xx)", "HTTP 503"), 4, 3.5),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_when_the_llm_fails_then_offline_analysis_with_a_notice_naming_the_kind(
    kind: str,
) -> None:
    fallback, words, requests, seconds = CASES[kind]
    time = FakeTime()
    result, endpoint = run(_steps(kind, time), time)
    assert result.engine is EngineName.OFFLINE, result.notices
    assert result.fallback is not None and result.fallback.kind is fallback
    notice = notice_of(result)
    for word in words:
        assert word in notice, notice
    assert result.signals and result.impasse  # the offline analysis, not "no impasse"
    assert len(endpoint.requests) == requests
    assert time.now <= seconds <= BUDGET_S


@pytest.mark.parametrize("kind", sorted(CASES))
def test_when_the_llm_failed_then_nothing_was_cached_and_a_healthy_run_calls_again(
    kind: str,
) -> None:
    time = FakeTime()
    run(_steps(kind, time), time)
    healthy, endpoint = run(list(GOOD), FakeTime())
    assert healthy.engine is EngineName.LLM and healthy.fallback is None
    assert len(endpoint.requests) == 2  # a real call: the failure left no cache entry
    assert healthy.usage is not None and healthy.usage.cached_calls == 0
    again, endpoint = run([], FakeTime())
    assert again.engine is EngineName.LLM and not endpoint.requests  # now it is cached


@pytest.mark.parametrize("method", list(StructuredMethod))
def test_when_a_cut_off_answer_could_be_closed_by_a_lenient_parser_then_it_is_still_unused(
    method: StructuredMethod,
) -> None:
    # JSON mode parses leniently (partial JSON): a cut-off answer must still not count.
    settings = SETTINGS.model_copy(update={"structured_method": method})
    cut = (
        completion(tool_args=CUT_OFF, finish="length")
        if method is StructuredMethod.FUNCTION_CALLING
        else completion(CUT_OFF, finish="length")
    )
    result, endpoint = run([cut, cut], FakeTime(), settings)
    assert result.engine is EngineName.OFFLINE and result.fallback is not None
    assert "cut off" in notice_of(result)
    assert len(endpoint.requests) == 2


def test_when_cache_is_off_then_it_is_neither_read_nor_written() -> None:
    run(list(GOOD), FakeTime())  # cached with the cache on
    first, endpoint = run(list(GOOD), FakeTime(), use_cache=False)
    assert len(endpoint.requests) == 2  # not read
    case_steps = list(GOOD)
    run(case_steps, FakeTime(), use_cache=False, tone="firm")  # a new key, cache off
    cached, endpoint = run(list(GOOD), FakeTime(), tone="firm")
    assert len(endpoint.requests) == 2  # not written either
    assert first.engine is cached.engine is EngineName.LLM


def test_when_the_first_answer_is_empty_and_the_reask_is_good_then_the_llm_answer_stands() -> None:
    time = FakeTime()
    result, endpoint = run([completion("{}"), *GOOD], time)
    assert result.engine is EngineName.LLM and result.stage.value == "end"
    assert len(endpoint.requests) == 3
    assert any(c.rule == "LLM.reask" for c in result.checks)


def test_when_the_endpoint_hangs_then_the_whole_analysis_takes_one_budget_not_four() -> None:
    time = FakeTime()
    result, endpoint = run([hangs(time)] * 4, time)
    assert result.engine is EngineName.OFFLINE
    assert len(endpoint.requests) == 1 and time.now == BUDGET_S


def test_when_time_is_short_then_the_next_request_gets_only_what_is_left() -> None:
    time = FakeTime()
    timeouts: list[float] = []

    def slow_503(request: httpx2.Request) -> httpx2.Response:
        timeouts.append(float(request.extensions["timeout"]["read"]))
        time.now += 20.0
        return httpx2.Response(503, json={"error": {"message": "busy"}})

    def good(request: httpx2.Request) -> httpx2.Response:
        timeouts.append(float(request.extensions["timeout"]["read"]))
        return GOOD[0](request)

    result, _ = run([slow_503, slow_503, good, GOOD[1]], time)
    assert result.engine is EngineName.LLM
    # 60 s in all: 20 s and 0.5 s gone before the second, 41 s before the third.
    assert timeouts[0] == BUDGET_S
    assert timeouts[1] == pytest.approx(BUDGET_S - 20.5)
    assert timeouts[2] == pytest.approx(BUDGET_S - 41.5)


def test_when_only_the_drafts_failed_then_the_analysis_is_not_cached() -> None:
    time = FakeTime()
    first, _ = run([completion(diagnosis_json()), error(401, "invalid api key")], time)
    assert first.engine is EngineName.LLM and first.drafts == []
    again, endpoint = run(list(GOOD), FakeTime())
    assert len(endpoint.requests) == 2 and again.drafts  # asked again, drafts this time
