"""Engines propose; the pipeline checks. One protocol, two engines, one place that picks."""

from analyzer.engines.base import Engine, EngineFailed, Proposal
from analyzer.engines.offline import OfflineEngine
from analyzer.engines.resolve import ResolvedEngine, resolve_engine, wants_llm

__all__ = [
    "Engine",
    "EngineFailed",
    "OfflineEngine",
    "Proposal",
    "ResolvedEngine",
    "resolve_engine",
    "wants_llm",
]
