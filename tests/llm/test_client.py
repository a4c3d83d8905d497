"""The one chat-model constructor: deterministic, and limits that servers understand."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import pytest
from langchain_core.messages import HumanMessage
from pydantic import SecretStr

from analyzer.analysis import Analysis, EngineName
from analyzer.errors import LLMUnavailable
from analyzer.llm.cache import AnalysisCache
from analyzer.llm.client import chat_model
from analyzer.llm.settings import LLMSettings
from analyzer.taxonomy import Stage
from tests.llm.mock_endpoint import Endpoint, completion


@pytest.mark.parametrize(
    ("settings", "limit_key"),
    [
        (LLMSettings(base_url="http://localhost:8080/v1", model="local"), "max_tokens"),
        (LLMSettings(api_key=SecretStr("sk-test"), model="gpt-4.1-mini"), "max_completion_tokens"),
    ],
)
def test_when_a_call_is_made_then_temperature_is_zero_and_the_limit_fits_the_endpoint(
    settings: LLMSettings, limit_key: str
) -> None:
    endpoint = Endpoint([completion("hi")])
    model = chat_model(settings, max_tokens=123, http_client=endpoint.client())
    model.invoke([HumanMessage(content="hello")])
    body = json.loads(endpoint.requests[0].content)
    assert body["temperature"] == 0
    assert body[limit_key] == 123
    other = {"max_tokens", "max_completion_tokens"} - {limit_key}
    assert not other & body.keys()


def test_when_no_endpoint_is_configured_then_llm_unavailable_says_what_to_set() -> None:
    with pytest.raises(LLMUnavailable, match="OPENAI_API_KEY"):
        chat_model(LLMSettings(), max_tokens=10, http_client=httpx2.Client())


def test_when_cache_file_is_corrupt_then_it_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    assert AnalysisCache(path).get("k") is None


def test_when_analysis_is_cached_then_it_comes_back_equal(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    analysis = Analysis(
        source="s", engine=EngineName.LLM, impasse=False, stage=Stage.NONE, confidence=0.9
    )
    cache.put("k", analysis)
    assert cache.get("k") == analysis and cache.get("other") is None
