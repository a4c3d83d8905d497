"""The function every front end calls: text or a conversation in, a checked `Analysis` out.

    parse -> side -> reading (built once) -> engine.propose -> framework check
          -> strategies and causes -> drafts -> draft rules
          (an LLM engine that fails: the offline engine, with a typed `fallback`)

`analyze_conversation` is a plain function of one conversation, so a corpus can be
mapped over it by any batch system.
"""

from __future__ import annotations

from analyzer.analysis import Analysis, EngineName, Fallback
from analyzer.engines import Engine, EngineFailed, OfflineEngine, Proposal, resolve_engine
from analyzer.engines.crosscheck import cross_check, summary_contradicts
from analyzer.framework.check import check
from analyzer.framework.gate import evidence_outweighs_doubt, not_a_negotiation
from analyzer.framework.side import resolve_side
from analyzer.framework.strategies import likely_causes, rank_strategies
from analyzer.framework.summary import summarise
from analyzer.languages.lexicon import available_languages
from analyzer.learned.gate import GateVerdict, read_gate
from analyzer.llm.settings import LLMSettings
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.reading import Reading, build_reading, detect_language
from analyzer.steps import step


def analyze_conversation(
    conversation: Conversation,
    options: AnalyzeOptions | None = None,
    source: str = "-",
    *,
    settings: LLMSettings | None = None,
) -> Analysis:
    """Analyse one parsed conversation with the engine the options (and settings) ask for."""
    opts = options or AnalyzeOptions()
    reading, notices = read(conversation, opts)
    resolved = resolve_engine(opts, settings)
    return analyze_reading(
        reading, opts, source, resolved.engine, notices=notices, fallback=resolved.fallback
    )


def analyze_offline(
    conversation: Conversation, options: AnalyzeOptions | None = None, source: str = "-"
) -> Analysis:
    """The offline engine's analysis, whatever the options' engine choice."""
    opts = (options or AnalyzeOptions()).model_copy(update={"engine": EngineChoice.OFFLINE})
    return analyze_conversation(conversation, opts, source)


def analyze_text(text: str, options: AnalyzeOptions | None = None, source: str = "-") -> Analysis:
    """Parse pasted text and analyse it."""
    from analyzer.parsers import parse_text

    return analyze_conversation(parse_text(text), options, source)


def read(conversation: Conversation, options: AnalyzeOptions) -> tuple[Reading, list[str]]:
    """Resolve the side and the language, and read the conversation once."""
    step("reading")
    side, notices = resolve_side(conversation, options)
    language = options.language or detect_language(conversation)
    if language not in available_languages():
        notices.append(f"no phrase list for language {language!r}; English phrases were used.")
        language = "en"
    return build_reading(conversation, side, language), [*conversation.warnings, *notices]


def analyze_reading(
    reading: Reading,
    options: AnalyzeOptions,
    source: str,
    engine: Engine,
    *,
    notices: list[str] | None = None,
    fallback: Fallback | None = None,
) -> Analysis:
    """Propose, check, choose moves, draft; an engine that fails hands over to the
    offline engine, and the analysis says why in `fallback` and a notice."""
    notices = list(notices or [])
    if fallback is not None:
        notices.append(f"The LLM engine was not used: {fallback.reason}.")
    if (hit := engine.recall(reading)) is not None:
        return hit.model_copy(update={"source": source})
    gate = None if options.fast or _chase(reading) else read_gate(reading.conversation)
    try:
        proposal = engine.propose(reading)
    except EngineFailed as failed:
        offline = OfflineEngine(options)
        result = _complete(reading, offline.propose(reading), offline, options, gate)
        return result.model_copy(
            update={
                "source": source,
                "notices": [*notices, *result.notices, failed.notice],
                "usage": failed.usage,
                "fallback": failed.fallback,
            }
        )
    result = _complete(reading, proposal, engine, options, gate)
    if engine.name is EngineName.LLM and result.negotiation:
        result = cross_check(result, reading, options)
    result = result.model_copy(
        update={"source": source, "notices": [*notices, *result.notices], "fallback": fallback}
    )
    if fallback is None:
        engine.remember(reading, result)
    return result


def _chase(reading: Reading) -> bool:
    """The thread ends in our follow-ups that nobody answered: there is little exchange
    for the gate to read, and the silence is itself the evidence of a stalled
    negotiation."""
    us = set(reading.side.us)
    turns = reading.conversation.turns
    trailing = 0
    for turn in reversed(turns):
        if turn.speaker not in us:
            break
        trailing += 1
    return bool(us) and (trailing >= 2 or trailing == len(turns))


def _complete(
    reading: Reading,
    proposal: Proposal,
    engine: Engine,
    options: AnalyzeOptions,
    gate: GateVerdict | None,
) -> Analysis:
    """The framework's verdict on a proposal, with moves, causes and drafts."""
    step("checking")
    if proposal.evidence_only:
        # Evidence alone: a first pass of the rules derives stage and end type from it,
        # then the full proposal is checked like any other, so the checks the user sees
        # are real findings, not the filling-in of blanks.
        derived = check(proposal.analysis, reading, weights=proposal.weights)
        complete = proposal.analysis.model_copy(
            update={
                "impasse": derived.impasse,
                "stage": derived.stage,
                "end_type": derived.end_type,
                "strategies": rank_strategies(derived.stage, derived.end_type, derived.signals),
                "causes": likely_causes(derived.signals, derived.end_type),
            }
        )
        result = check(complete, reading, weights=proposal.weights)
        result = result.model_copy(update={"summary": summarise(result)})
    else:
        result = check(proposal.analysis, reading, weights=proposal.weights)
        # A model's summary is shown only while it still fits the checked verdict.
        if summary_contradicts(result.summary, result, proposal.analysis):
            result = result.model_copy(update={"summary": summarise(result)})
    result = result.model_copy(update={"checks": [*result.checks, *proposal.checks]})
    if gate is not None and not gate.negotiation:
        single = len(reading.conversation.turns) == 1
        kept = (
            evidence_outweighs_doubt(result, gate.probability, single_message=single)
            if gate.doubtful
            else None
        )
        if kept is None:
            return not_a_negotiation(result, gate.reason, gate.probability)
        result = kept
    if not options.drafts:
        return result
    step("drafting")
    return engine.draft(result, reading)
