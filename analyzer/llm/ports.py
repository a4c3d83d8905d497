"""The framework functions the chain relies on, behind one small seam.

The chain proposes; the framework engine decides. These are the engine's entry points,
imported lazily (the LLM chain must not be imported by `impasse parse`, and the engine
must not depend on LangChain). Tests pass their own `Rules` to exercise the chain alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from analyzer.analysis import Analysis, Side, Signal
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions

ResolveSide = Callable[[Conversation, AnalyzeOptions], tuple[Side, list[str]]]
Candidates = Callable[[Conversation, Side], list[Signal]]
Check = Callable[[Analysis, Conversation], Analysis]
CheckDrafts = Callable[[Analysis, Conversation, AnalyzeOptions], Analysis]
AnalyzeOffline = Callable[[Conversation, AnalyzeOptions, str], Analysis]


@dataclass(frozen=True, slots=True)
class Rules:
    """The deterministic side of the product, as the chain sees it."""

    resolve_side: ResolveSide
    candidates: Candidates
    check: Check
    check_drafts: CheckDrafts
    analyze_offline: AnalyzeOffline


def _attr(module: str, name: str) -> object:
    return getattr(importlib.import_module(module), name)


def framework_rules() -> Rules:
    """The real framework engine, drafting rules and offline pipeline."""
    return Rules(
        resolve_side=cast(ResolveSide, _attr("analyzer.framework.side", "resolve_side")),
        candidates=cast(Candidates, _attr("analyzer.detect.offline", "candidates")),
        check=cast(Check, _attr("analyzer.framework.engine", "check")),
        check_drafts=cast(CheckDrafts, _attr("analyzer.drafting.rules", "check_drafts")),
        analyze_offline=cast(AnalyzeOffline, _attr("analyzer.pipeline", "analyze_offline")),
    )
