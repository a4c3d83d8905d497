"""The LLM engine: the chain proposes; the framework's check is handed to it for re-asks.

Built only when the LLM packages import (`resolve_engine` decides); its failures become
`EngineFailed`, which the pipeline answers with the offline engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2

from analyzer.analysis import Analysis, EngineName, Fallback, FallbackKind, Usage
from analyzer.detect.offline import candidates
from analyzer.drafting import check_drafts
from analyzer.engines.base import EngineFailed, Proposal
from analyzer.errors import ModelOutputError
from analyzer.framework.check import check
from analyzer.llm import chain
from analyzer.llm.cache import AnalysisCache, cache_key
from analyzer.llm.prompts import prompt_version
from analyzer.llm.settings import LLMSettings
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading

FRAMEWORK_JUDGES = chain.Judges(check=check, candidates=candidates, check_drafts=check_drafts)


@dataclass(frozen=True)
class LLMEngine:
    """The LLM chain against one endpoint, with its cache of complete analyses."""

    options: AnalyzeOptions
    settings: LLMSettings
    judges: chain.Judges = FRAMEWORK_JUDGES
    http_client: httpx2.Client | None = None
    sleep: Callable[[float], None] = time.sleep
    cache: AnalysisCache = field(default_factory=AnalysisCache)
    # The answer to the first call, downloaded from the Batch API (re-asks go online).
    prefetched: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def name(self) -> EngineName:
        """Always `llm`."""
        return EngineName.LLM

    def _key(self, reading: Reading) -> str:
        return cache_key(
            reading.conversation, self.options, self.settings, prompt_version(), reading.language
        )

    def recall(self, reading: Reading) -> Analysis | None:
        """An earlier complete analysis of the same text, options, prompts and endpoint."""
        if not self.options.use_cache:
            return None
        hit = self.cache.get(self._key(reading))
        if hit is None:
            return None
        spent = hit.usage.calls if hit.usage else 0
        return hit.model_copy(update={"usage": Usage(calls=0, cached_calls=spent)})

    def propose(self, reading: Reading) -> Proposal:
        """The chain's proposal; its failures become `EngineFailed`."""
        try:
            result = chain.propose(
                reading, self.options, settings=self.settings, judges=self.judges,
                http_client=self.http_client, sleep=self.sleep, prefetched=self.prefetched,
            )  # fmt: skip
        except chain.ChainFailed as exc:
            kind = (
                FallbackKind.BAD_ANSWER
                if isinstance(exc.cause, ModelOutputError)
                else FallbackKind.UNAVAILABLE
            )
            notice = (
                f"The LLM engine failed ({exc}); this is the offline analysis. "
                f"Model: {self.settings.model}."
            )
            raise EngineFailed(Fallback(kind=kind, reason=str(exc)), notice, exc.usage) from exc
        return Proposal(analysis=result.proposal, checks=result.checks)

    def batch_request(self, reading: Reading) -> dict[str, Any] | None:
        """The body of the first call `propose` would make (None: several windows)."""
        return chain.extract_request(
            reading, self.options, settings=self.settings, judges=self.judges
        )

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        """Drafts written by the model, checked by the draft rules."""
        return chain.draft_replies(
            analysis, reading, self.options, settings=self.settings, judges=self.judges,
            http_client=self.http_client, sleep=self.sleep,
        )  # fmt: skip

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        """Keep a complete, checked analysis (only when the cache is switched on)."""
        if self.options.use_cache:
            self.cache.put(self._key(reading), analysis)
