"""Recorded endpoint and cassettes for the LLM chain tests and benchmark.

Cassettes are recorded from a real OpenAI-compatible server (see
`scripts/record_cassettes.sh`) and replayed here with no server, no key and no network.
Requests are matched on their body, so any change to a prompt, the schema or the model
settings fails loudly until the cassettes are re-recorded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import vcr

from analyzer.llm.settings import LLMSettings

RECORDING = os.environ.get("IMPASSE_RECORD", "") == "1"
# The endpoint the cassettes were recorded from (the re-record script starts it there).
RECORDED_BASE_URL = "http://127.0.0.1:8765/v1"
RECORDED_MODEL = "smollm2-135m-instruct"
CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
SECRET_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]


def recorded_settings(**changes: Any) -> LLMSettings:
    """Settings of the recorded endpoint: a small local model, small output limits."""
    values: dict[str, Any] = {
        "base_url": RECORDED_BASE_URL,
        "model": RECORDED_MODEL,
        "context_tokens": 8192,
        "max_output_tokens": 500,
        "timeout_s": 1800.0,  # a busy CPU: the recorded run must never hit the budget
        "max_retries": 1,
        **changes,
    }
    return LLMSettings(**values)


_LOCAL_PATH = re.compile(r"(?:/[^\s\"'/]+)+/site-packages/")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Server tracebacks name the recording machine's paths: keep only the package part."""
    body = response.get("body", {}).get("string")
    if isinstance(body, bytes):
        body = _LOCAL_PATH.sub("site-packages/", body.decode("utf-8")).encode("utf-8")
        response["body"]["string"] = body
    elif isinstance(body, str):
        response["body"]["string"] = _LOCAL_PATH.sub("site-packages/", body)
    return response


def make_vcr() -> vcr.VCR:
    """Replay only, unless IMPASSE_RECORD=1; secrets never reach a cassette."""
    return vcr.VCR(
        record_mode="once" if RECORDING else "none",
        match_on=["method", "scheme", "host", "port", "path", "query", "body"],
        filter_headers=SECRET_HEADERS,
        decode_compressed_response=True,
        before_record_response=_scrub_response,
    )


@contextmanager
def replay(
    name: str, module: str = "test_chain_recorded", script: str = "scripts/record_cassettes.sh"
) -> Iterator[Any]:
    """Replay tests/cassettes/<module>/<name>.yaml; every call must be used.

    Several tests may replay one cassette (one recorded run, several behaviours pinned).
    """
    path = CASSETTES / module / f"{name}.yaml"
    if not RECORDING and not path.exists():
        where = path.relative_to(CASSETTES.parent.parent)
        raise FileNotFoundError(f"no cassette at {where}: run {script}")
    with make_vcr().use_cassette(str(path)) as recorded:
        yield recorded
    if not RECORDING:
        assert recorded.all_played, f"{path.name}: some recorded calls were not made"
