"""Fixtures for the LLM chain tests: every test gets its own cache directory.

The cassette setup lives in `tests/llm/recording.py` (the benchmark replays them too).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analyzer.llm import client, runnables

_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "IMPASSE_MODEL", "IMPASSE_STRUCTURED_METHOD")


@pytest.fixture(autouse=True)
def _isolated(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own cache directory; only live tests see the real endpoint."""
    monkeypatch.setenv("IMPASSE_CACHE_DIR", str(tmp_path / "cache"))
    if request.node.get_closest_marker("live") is None:
        for name in _ENV:
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fresh_llm_models() -> Iterator[None]:
    """Chat models and runnables built anew for the test and forgotten after it, for tests
    that count constructions or compare what a fresh model sends."""
    client.shared_chat_model.cache_clear()
    runnables._BUILT.clear()
    yield
    client.shared_chat_model.cache_clear()
    runnables._BUILT.clear()
