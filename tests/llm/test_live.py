"""Opt-in: the chain against a real endpoint (`pytest -m live`).

Needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server), and
IMPASSE_MODEL for a non-default model. Skipped otherwise; never runs in CI.
"""

from __future__ import annotations

import os

import pytest

from analyzer.analysis import EngineName
from analyzer.llm.settings import load_settings
from tests.llm.conversations import load_case
from tests.llm.fakes import analyze_llm

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")),
        reason="set OPENAI_API_KEY or OPENAI_BASE_URL to run the live LLM test",
    ),
]


def test_when_a_real_endpoint_is_configured_then_the_chain_answers_with_checked_evidence() -> None:
    case = load_case("end_soft", private=["our floor is $47"], use_cache=False)
    result = analyze_llm(
        case.conversation, case.options, "live", settings=load_settings(), rules=None
    )
    assert result.engine is EngineName.LLM, result.notices
    assert result.model == load_settings().model
    assert result.usage is not None and 1 <= result.usage.calls <= 4
    for signal in result.signals:
        assert signal.quote in case.conversation.turns[signal.turn].text
    assert all("$47" not in d.text for d in result.drafts if d.status.value == "ready")
