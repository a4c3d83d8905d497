"""Calling the analyzer for the app: parse the input, run the chosen engine.

The app decides nothing about negotiations; this module only turns what the user chose
into `analyzer` calls. The LLM engine gets the key typed into this browser session (never
the process environment, which every session of the server shares); when it cannot be
used, the offline analysis is returned with the reason, so the page can say so.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from analyzer.analysis import Analysis, Engine
from analyzer.errors import ImpasseError, InputRejected
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_bytes, parse_text
from analyzer.pipeline import analyze_conversation

# What the uploader accepts (the parsers read each of these).
UPLOAD_TYPES = ("txt", "md", "eml", "mbox", "vtt", "srt", "sbv", "docx")


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
        module = importlib.import_module("analyzer.drafting")
    except ImportError:
        return False
    return hasattr(module, "add_drafts")


def run_analysis(
    conversation: Conversation,
    options: AnalyzeOptions,
    source: str,
    llm: LLMChoice | None,
) -> Outcome:
    """Analyse with the offline engine, or with the LLM and the offline engine as fallback."""
    offline_options = options.model_copy(update={"engine": EngineChoice.OFFLINE})
    if llm is None:
        return Outcome(analyze_conversation(conversation, offline_options, source))
    try:
        analysis = _analyze_llm(conversation, options, source, llm)
    except ImportError as exc:
        problem = f"the LLM engine is not available in this installation ({exc})."
        return Outcome(analyze_conversation(conversation, offline_options, source), problem)
    except ImpasseError as exc:
        return Outcome(analyze_conversation(conversation, offline_options, source), str(exc))
    if analysis.engine is Engine.OFFLINE:
        # The chain fell back by itself; its notice says why.
        reason = next((n for n in analysis.notices if "LLM" in n), "the LLM engine failed.")
        return Outcome(analysis, reason)
    return Outcome(analysis)


def _analyze_llm(
    conversation: Conversation, options: AnalyzeOptions, source: str, llm: LLMChoice
) -> Analysis:
    from pydantic import SecretStr

    from analyzer.detect.language import detect_language
    from analyzer.llm.chain import analyze_llm
    from analyzer.llm.settings import context_tokens_for, load_settings

    settings = load_settings()  # the environment's defaults (timeouts, retries, prices)
    model = llm.model.strip() or settings.model
    update: dict[str, object] = {"model": model, "context_tokens": context_tokens_for(model)}
    if llm.api_key.strip():
        update["api_key"] = SecretStr(llm.api_key.strip())
    if llm.base_url.strip():
        update["base_url"] = llm.base_url.strip()
    settings = settings.model_copy(update=update)
    if not settings.configured:
        raise ImpasseError(
            "no API key or base URL was entered for the LLM engine; enter one in the sidebar."
        )
    language = options.language or detect_language(conversation)
    llm_options = options.model_copy(update={"engine": EngineChoice.LLM, "redact": llm.redact})

    def chain(conv: Conversation, opts: AnalyzeOptions, src: str) -> Analysis:
        return analyze_llm(conv, opts, src, language=language, settings=settings)

    if llm.redact:
        from analyzer.redact import analyze_redacted

        return analyze_redacted(conversation, llm_options, source, chain)
    return chain(conversation, llm_options, source)
