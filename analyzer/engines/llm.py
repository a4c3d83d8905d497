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
from analyzer.llm import chain, drafting
from analyzer.llm.cache import AnalysisCache, cache_key
from analyzer.llm.faults import Deadline, EndpointFault, FaultKind
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
    clock: Callable[[], float] = time.monotonic
    # The budget of the analysis in progress (IMPASSE_TIMEOUT covers the diagnosis and
    # its drafts together); an engine serves one analysis at a time.
    _deadlines: list[Deadline] = field(default_factory=list, repr=False, compare=False)

    def _deadline(self, fresh: bool) -> Deadline:
        if fresh or not self._deadlines:
            self._deadlines[:] = [Deadline(self.settings.timeout_s, self.clock)]
        return self._deadlines[0]

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
                http_client=self.http_client, sleep=self.sleep, deadline=self._deadline(True),
                prefetched=self.prefetched,
            )  # fmt: skip
        except chain.ChainFailed as exc:
            bad = isinstance(exc.cause, ModelOutputError)
            kind = FallbackKind.BAD_ANSWER if bad else FallbackKind.UNAVAILABLE
            reason = f"{FaultKind.BAD_ANSWER.value}: {exc}" if bad else str(exc)
            notice = (
                f"The LLM engine failed ({reason}); this is the offline analysis. "
                f"{_advice(exc.cause)}Model: {self.settings.model}, endpoint: "
                f"{self.settings.base_url or 'OpenAI'}."
            )
            raise EngineFailed(Fallback(kind=kind, reason=reason), notice, exc.usage) from exc
        return Proposal(analysis=result.proposal, checks=result.checks)

    def batch_request(self, reading: Reading) -> dict[str, Any] | None:
        """The body of the first call `propose` would make (None: several windows)."""
        return chain.extract_request(
            reading, self.options, settings=self.settings, judges=self.judges
        )

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        """Drafts written by the model, checked by the draft rules."""
        return drafting.draft_replies(
            analysis, reading, self.options, settings=self.settings, judges=self.judges,
            http_client=self.http_client, sleep=self.sleep, deadline=self._deadline(False),
        )  # fmt: skip

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        """Keep a complete, checked analysis (only when the cache is switched on)."""
        # Drafts asked for, due and missing: the drafting call failed, so try it again
        # next time rather than serve an analysis without them.
        drafts_missing = (
            self.options.drafts and analysis.impasse and bool(analysis.strategies)
            and not analysis.drafts
        )  # fmt: skip
        complete = (
            analysis.engine is EngineName.LLM and analysis.fallback is None and not drafts_missing
        )
        if self.options.use_cache and complete:
            self.cache.put(self._key(reading), analysis)


_ADVICE = {
    FaultKind.CONNECTION_REFUSED: "Is the server running at that address? ",
    FaultKind.DNS: "Check the host name in OPENAI_BASE_URL. ",
    FaultKind.TLS: "Check the URL's scheme (http or https) and the server's certificate. ",
    FaultKind.TIMEOUT: "Raise IMPASSE_TIMEOUT for a slow model. ",
    FaultKind.RATE_LIMITED: "Try again later, or lower --concurrency. ",
}


def _advice(cause: Exception) -> str:
    """What the user can do about a failure, when there is something."""
    if isinstance(cause, EndpointFault):
        return _ADVICE.get(cause.kind, "")
    return ""
