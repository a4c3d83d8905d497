"""The function every front end calls: text or a conversation in, a checked `Analysis` out.

    parse -> side -> detect (offline detectors, or the LLM chain) -> framework rules
          -> strategies and causes -> drafts -> draft rules

`analyze_conversation` is a plain function of one conversation, so a corpus can be
mapped over it by any batch system.
"""

from __future__ import annotations

from analyzer.analysis import Analysis, Engine
from analyzer.detect.context import build_context
from analyzer.detect.language import detect_language
from analyzer.detect.lexicon import available_languages, load_lexicon
from analyzer.detect.offline import find, to_signal
from analyzer.framework import engine
from analyzer.framework.side import resolve_side
from analyzer.framework.strategies import likely_causes, rank_strategies
from analyzer.framework.summary import summarise
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.taxonomy import Stage


def analyze_offline(
    conversation: Conversation, options: AnalyzeOptions, source: str = "-"
) -> Analysis:
    """The offline engine: detectors propose, the rules decide, templates draft."""
    side, notices = resolve_side(conversation, options)
    language = options.language or detect_language(conversation)
    if language not in available_languages():
        notices.append(f"no phrase list for language {language!r}; English phrases were used.")
        language = "en"
    lexicon = load_lexicon(language)
    ctx = build_context(conversation, lexicon, side)
    findings = find(ctx)
    weights = {f.detector: f.score for f in findings}
    proposal = Analysis(
        source=source,
        engine=Engine.OFFLINE,
        language=language,
        impasse=bool(findings),
        stage=Stage.NONE,
        confidence=0.5,
        side=side,
        signals=[to_signal(f) for f in findings],
        notices=[*conversation.warnings, *notices],
    )
    # The offline engine proposes only evidence: a first pass of the rules derives stage
    # and end type from it, then the full proposal is checked like any other, so the
    # checks the user sees are real findings, not the filling-in of blanks.
    derived = engine.check(proposal, conversation, weights=weights, ctx=ctx)
    complete = proposal.model_copy(
        update={
            "impasse": derived.impasse,
            "stage": derived.stage,
            "end_type": derived.end_type,
            "strategies": rank_strategies(derived.stage, derived.end_type, derived.signals),
            "causes": likely_causes(derived.signals, derived.end_type),
        }
    )
    result = engine.check(complete, conversation, weights=weights, ctx=ctx)
    result = result.model_copy(update={"summary": summarise(result)})
    if options.drafts:
        from analyzer.drafting import add_drafts

        result = add_drafts(result, conversation, options, rules_view=ctx)
    return result


def analyze_conversation(
    conversation: Conversation, options: AnalyzeOptions | None = None, source: str = "-"
) -> Analysis:
    """Analyse one parsed conversation with the engine the options ask for."""
    opts = options or AnalyzeOptions()
    if _wants_llm(opts):
        if opts.redact:
            # Identifiers are masked before any text leaves the machine (see redact.py).
            from analyzer.redact import analyze_redacted

            return analyze_redacted(conversation, opts, source, _llm)
        return _llm(conversation, opts, source)
    return analyze_offline(conversation, opts, source)


def analyze_text(text: str, options: AnalyzeOptions | None = None, source: str = "-") -> Analysis:
    """Parse pasted text and analyse it."""
    from analyzer.parsers import parse_text

    return analyze_conversation(parse_text(text), options, source)


def _llm(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
    """The LLM chain, told the conversation's language (it falls back to offline itself)."""
    from analyzer.llm.chain import analyze_llm

    language = options.language or detect_language(conversation)
    return analyze_llm(conversation, options, source, language=language)


def _wants_llm(options: AnalyzeOptions) -> bool:
    if options.engine is EngineChoice.OFFLINE:
        return False
    if options.engine is EngineChoice.LLM:
        return True
    import os

    return bool(os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL"))
