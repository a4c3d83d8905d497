"""The one place that decides which engine runs: `--engine`, the UI's choice, the batch.

`auto` picks the LLM engine when a key or base URL is configured, else the offline one.
Settings arrive as values (never through the process environment), so a web session's
key stays in that session.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.analysis import Fallback, FallbackKind
from analyzer.engines.base import Engine
from analyzer.engines.offline import OfflineEngine
from analyzer.llm.settings import LLMSettings, load_settings
from analyzer.options import AnalyzeOptions, EngineChoice


@dataclass(frozen=True)
class ResolvedEngine:
    """The engine to run, and why it is not the one asked for (when it is not)."""

    engine: Engine
    fallback: Fallback | None = None


def wants_llm(options: AnalyzeOptions, settings: LLMSettings | None = None) -> bool:
    """Whether the options ask for the LLM engine with these settings."""
    if options.engine is EngineChoice.OFFLINE:
        return False
    if options.engine is EngineChoice.LLM:
        return True
    return (settings or load_settings()).configured


def resolve_engine(options: AnalyzeOptions, settings: LLMSettings | None = None) -> ResolvedEngine:
    """The engine for these options; the offline engine, with a typed reason, when the LLM
    engine is asked for but cannot run here."""
    offline = OfflineEngine(options)
    if options.engine is EngineChoice.OFFLINE:
        return ResolvedEngine(offline)
    settings = settings or load_settings()
    if not wants_llm(options, settings):
        return ResolvedEngine(offline)
    if not settings.configured:
        return ResolvedEngine(
            offline,
            Fallback(
                kind=FallbackKind.NOT_CONFIGURED,
                reason="no API key or base URL is set for the LLM engine "
                "(OPENAI_API_KEY or OPENAI_BASE_URL)",
            ),
        )
    try:
        from analyzer.engines.llm import LLMEngine
    except ImportError as exc:
        return ResolvedEngine(
            offline,
            Fallback(
                kind=FallbackKind.NOT_INSTALLED,
                reason=f"the LLM engine is not available in this installation ({exc})",
            ),
        )
    from analyzer.engines.redacting import RedactingEngine, needs_masking

    if not needs_masking(options):
        return ResolvedEngine(LLMEngine(options, settings))

    def llm_engine(masked: AnalyzeOptions) -> Engine:
        return LLMEngine(masked, settings)

    return ResolvedEngine(RedactingEngine(options, llm_engine))
