"""Opt-in: the chain against a real endpoint (`pytest -m live`).

Needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server), and
IMPASSE_MODEL for a non-default model. Skipped otherwise; never runs in CI.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

from analyzer.analysis import Engine
from analyzer.llm.chain import analyze_llm
from analyzer.llm.ports import Rules, framework_rules
from analyzer.llm.settings import load_settings
from tests.llm.conversations import load_case
from tests.llm.fakes import RULES

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")),
        reason="set OPENAI_API_KEY or OPENAI_BASE_URL to run the live LLM test",
    ),
]


def _rules() -> Rules:
    """The real framework engine once it is installed, else the test stand-ins."""
    modules = (
        "analyzer.framework.engine",
        "analyzer.framework.side",
        "analyzer.detect.offline",
        "analyzer.drafting.rules",
        "analyzer.pipeline",
    )
    if all(_exists(m) for m in modules):
        return framework_rules()
    return RULES


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def test_when_a_real_endpoint_is_configured_then_the_chain_answers_with_checked_evidence() -> None:
    case = load_case("end_soft", private=["our floor is $47"], use_cache=False)
    result = analyze_llm(case.conversation, case.options, "live", rules=_rules())
    assert result.engine is Engine.LLM, result.notices
    assert result.model == load_settings().model
    assert result.usage is not None and 1 <= result.usage.calls <= 4
    for signal in result.signals:
        assert signal.quote in case.conversation.turns[signal.turn].text
    assert all("$47" not in d.text for d in result.drafts if d.status.value == "ready")
