"""Calling the analyzer for the app: parse the input, run the chosen engine.

The app decides nothing about negotiations; this module only turns what the user chose
into `analyzer` calls. The LLM engine gets the key typed into this browser session (never
the process environment, which every session of the server shares); when it cannot be
used, the offline analysis is returned with the reason, so the page can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyzer.analysis import Analysis, FallbackKind
from analyzer.errors import InputRejected
from analyzer.llm.settings import LLMSettings, context_tokens_for, load_settings
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_bytes, parse_text
from analyzer.parsers.detect import upload_suffixes
from analyzer.pipeline import analyze_conversation

# What the uploader accepts: what the parser registry reads.
UPLOAD_TYPES = upload_suffixes()


@dataclass(frozen=True)
class LLMChoice:
    """The LLM endpoint typed into the sidebar (held in session memory only)."""

    api_key: str = ""
    base_url: str = ""
    model: str = ""
    redact: bool = False  # mask addresses, phones and account numbers before sending

    def __repr__(self) -> str:
        # The key must never reach a log line or an error page.
        return f"LLMChoice(base_url={self.base_url!r}, model={self.model!r}, redact={self.redact})"


@dataclass(frozen=True)
class Outcome:
    """One analysis as the page shows it."""

    analysis: Analysis
    llm_problem: str | None = None  # why the LLM was asked for but the offline result is shown


def parse_input(text: str, data: bytes | None, filename: str | None) -> Conversation:
    """Parse an uploaded file (when given) or the pasted text; raises `InputRejected`."""
    if data is not None:
        suffix = Path(filename or "").suffix.lower().lstrip(".")
        if suffix not in UPLOAD_TYPES:
            raise InputRejected(
                f"files of type .{suffix or '?'} are not supported; upload one of: "
                + ", ".join(f".{t}" for t in UPLOAD_TYPES)
                + "."
            )
        return parse_bytes(data, filename=filename)
    return parse_text(text)


def drafting_ready() -> bool:
    """Whether this installation can write reply drafts."""
    try:
        import analyzer.drafting  # noqa: F401
    except ImportError:
        return False
    return True


def run_analysis(
    conversation: Conversation,
    options: AnalyzeOptions,
    source: str,
    llm: LLMChoice | None,
) -> Outcome:
    """Analyse with the offline engine, or with the LLM and the offline engine as fallback."""
    if llm is None:
        offline = options.model_copy(update={"engine": EngineChoice.OFFLINE})
        return Outcome(analyze_conversation(conversation, offline, source))
    settings = _settings(llm)
    llm_options = options.model_copy(update={"engine": EngineChoice.LLM, "redact": llm.redact})
    analysis = analyze_conversation(conversation, llm_options, source, settings=settings)
    problem = None
    if analysis.fallback is not None:
        problem = analysis.fallback.reason.rstrip(".") + "."
        if analysis.fallback.kind is FallbackKind.NOT_CONFIGURED:
            problem = (
                "no API key or base URL was entered for the LLM engine; enter one in the sidebar."
            )
    return Outcome(analysis, problem)


def _settings(llm: LLMChoice) -> LLMSettings:
    """The environment's defaults (timeouts, retries, prices) with the sidebar's endpoint."""
    from pydantic import SecretStr

    settings = load_settings()
    model = llm.model.strip() or settings.model
    update: dict[str, object] = {"model": model, "context_tokens": context_tokens_for(model)}
    if llm.api_key.strip():
        update["api_key"] = SecretStr(llm.api_key.strip())
    if llm.base_url.strip():
        update["base_url"] = llm.base_url.strip()
    return settings.model_copy(update=update)
