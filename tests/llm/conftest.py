"""Fixtures for the LLM chain tests: every test gets its own cache directory.

The cassette setup lives in `tests/llm/recording.py` (the benchmark replays them too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
