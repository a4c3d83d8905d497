"""Minimal stand-ins for the framework engine, used to test the chain on its own.

They apply the framework's rules in their simplest form (grounding, attribution, stage
from signals, strategy fit, private facts in drafts) so the chain's behaviour around
them (re-ask, give up, fallback) can be tested; the real engine is tested elsewhere.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx2

from analyzer.analysis import (
    Analysis,
    Check,
    CheckStatus,
    DraftStatus,
    EngineName,
    Side,
    SideHow,
    Signal,
)
from analyzer.engines.base import Engine
from analyzer.engines.llm import LLMEngine
from analyzer.engines.redacting import RedactingEngine, needs_masking
from analyzer.llm import drafting
from analyzer.llm.cache import AnalysisCache
from analyzer.llm.chain import Judges
from analyzer.llm.settings import LLMSettings
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions
from analyzer.pipeline import analyze_reading, read
from analyzer.reading import Reading, build_reading
from analyzer.taxonomy import (
    END_SIGNALS,
    SIGNAL_STAGES,
    EndType,
    SignalType,
    Stage,
    Strategy,
    allowed_strategies,
)

PHRASES: dict[str, SignalType] = {
    "final offer": SignalType.ULTIMATUM,
    "walk away": SignalType.WALKOUT,
    "at this time": SignalType.WEASEL_WORDS,
    "right now": SignalType.WEASEL_WORDS,
    "no authority": SignalType.AUTHORITY_LIMIT,
    "let's park that": SignalType.TOPIC_AVOIDANCE,
    "not comfortable": SignalType.DISCOMFORT,
    "never accept": SignalType.PRECEDENT_OR_POLICY,
    "sometime": SignalType.SCHEDULING_AVOIDANCE,
}


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def resolve_side(conversation: Conversation, options: AnalyzeOptions) -> tuple[Side, list[str]]:
    """The side from the options, else neutral."""
    if options.me or options.them:
        them = options.them or [s for s in conversation.speakers() if s not in options.me]
        return Side(us=list(options.me), them=them, how=SideHow.OPTION), []
    return Side(), ["Side unknown: signals from every party count."]


def candidates(conversation: Conversation, side: Side) -> list[Signal]:
    """Phrase hits in the other side's turns."""
    found: list[Signal] = []
    for turn in conversation.turns:
        if turn.speaker in side.us:
            continue
        for phrase, kind in PHRASES.items():
            match = re.search(re.escape(phrase), turn.text, re.IGNORECASE)
            if match:
                found.append(
                    Signal(
                        type=kind,
                        speaker=turn.speaker,
                        turn=turn.index,
                        quote=match.group(0),
                        explanation=f"the phrase '{phrase}'",
                        detector="fake-phrases",
                    )
                )
    return found


def check(proposal: Analysis, conversation: Conversation) -> Analysis:
    """Grounding, attribution, stage, end type and strategy fit, simplified."""
    checks: list[Check] = []
    kept: list[Signal] = []
    for s in proposal.signals:
        where = f"{s.type.value} at turn {s.turn}"
        if s.turn >= len(conversation.turns):
            checks.append(
                Check(
                    rule="R1.grounded_evidence",
                    status=CheckStatus.DROPPED,
                    detail=f"{where}: there is no turn {s.turn}",
                )
            )
            continue
        turn = conversation.turns[s.turn]
        if _norm(s.quote) not in _norm(turn.text):
            checks.append(
                Check(
                    rule="R1.grounded_evidence",
                    status=CheckStatus.DROPPED,
                    detail=f"{where}: quote {s.quote[:60]!r} is not in that turn",
                )
            )
            continue
        if s.type is not SignalType.NO_RESPONSE and s.speaker != turn.speaker:
            checks.append(
                Check(
                    rule="R2.attribution",
                    status=CheckStatus.DROPPED,
                    detail=f"{where}: turn {s.turn} is spoken by {turn.speaker}",
                )
            )
            continue
        if s.type is not SignalType.NO_RESPONSE and s.speaker in proposal.side.us:
            checks.append(
                Check(
                    rule="R2.attribution",
                    status=CheckStatus.DROPPED,
                    detail=f"{where}: {s.speaker} is on the user's side",
                )
            )
            continue
        checks.append(Check(rule="R1.grounded_evidence", status=CheckStatus.PASS, detail=where))
        kept.append(s)
    stage = proposal.stage
    if not kept:
        stage = Stage.NONE
    elif any(s.type in END_SIGNALS for s in kept):
        stage = Stage.END
    elif not any(stage in SIGNAL_STAGES[s.type] for s in kept):
        stage = sorted(SIGNAL_STAGES[kept[-1].type])[0]
    if stage is not proposal.stage:
        checks.append(
            Check(
                rule="R3.stage_fits_signals",
                status=CheckStatus.FIXED,
                detail=f"stage {proposal.stage.value} -> {stage.value}",
            )
        )
    end_type = None
    if stage is Stage.END:
        hedged = any(s.type is SignalType.WEASEL_WORDS for s in kept)
        end_type = EndType.SOFT if hedged else (proposal.end_type or EndType.FIRM)
    allowed = allowed_strategies(stage, end_type)
    strategies = [s for s in proposal.strategies if s.id in allowed]
    for s in proposal.strategies:
        if s.id not in allowed:
            checks.append(
                Check(
                    rule="R5.strategy_fits_stage",
                    status=CheckStatus.DROPPED,
                    detail=f"{s.id.value} does not fit {stage.value}",
                )
            )
    return proposal.model_copy(
        update={
            "signals": kept,
            "stage": stage,
            "end_type": end_type,
            "impasse": stage is not Stage.NONE,
            "strategies": strategies,
            "causes": proposal.causes if kept else [],
            "checks": [*proposal.checks, *checks],
        }
    )


def check_drafts(
    analysis: Analysis, conversation: Conversation, options: AnalyzeOptions
) -> Analysis:
    """Rule 7 (private facts) and the trial balloon's condition from rule 6."""
    checks = list(analysis.checks)
    drafts = []
    for d in analysis.drafts:
        leaked = [p for p in options.private if p.lower() in d.text.lower()]
        if leaked:
            checks.append(
                Check(
                    rule="R7.information_control",
                    status=CheckStatus.WARN,
                    detail=f"draft for {d.strategy.value} reveals a private fact",
                )
            )
            drafts.append(d.model_copy(update={"status": DraftStatus.WITHHELD}))
            continue
        elif d.strategy is Strategy.TRIAL_BALLOON and not re.search(
            r"\b(might|if)\b", d.text, re.I
        ):
            checks.append(
                Check(
                    rule="R6.draft_fits_strategy",
                    status=CheckStatus.WARN,
                    detail="the trial balloon is not conditional",
                )
            )
        else:
            checks.append(
                Check(
                    rule="R6.draft_fits_strategy",
                    status=CheckStatus.PASS,
                    detail=f"draft for {d.strategy.value}",
                )
            )
        drafts.append(d)
    return analysis.model_copy(update={"drafts": drafts, "checks": checks})


def _check(analysis: Analysis, reading: Reading) -> Analysis:
    return check(analysis, reading.conversation)


def _candidates(reading: Reading) -> list[Signal]:
    return candidates(reading.conversation, reading.side)


def _check_drafts(analysis: Analysis, reading: Reading, options: AnalyzeOptions) -> Analysis:
    return check_drafts(analysis, reading.conversation, options)


# The stand-in judges, as the chain sees them.
RULES = Judges(check=_check, candidates=_candidates, check_drafts=_check_drafts)


def analyze_llm(
    conversation: Conversation,
    options: AnalyzeOptions,
    source: str,
    *,
    settings: LLMSettings,
    rules: Judges | None = RULES,
    language: str | None = None,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    cache: AnalysisCache | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Analysis:
    """The pipeline with the LLM engine; `rules=None` judges with the real framework.

    With the stand-in judges the side comes from the stand-in resolver too, so the request
    bodies stay those the cassettes were recorded with.
    """
    if rules is None:
        from analyzer.engines.llm import FRAMEWORK_JUDGES

        reading, notices = read(conversation, options)
        judges = FRAMEWORK_JUDGES
    else:
        side, notices = resolve_side(conversation, options)
        reading = build_reading(conversation, side, language or options.language or "en")
        judges = rules
    shared_cache = cache or AnalysisCache()

    def llm_engine(engine_options: AnalyzeOptions) -> Engine:
        return LLMEngine(
            engine_options, settings, judges=judges, http_client=http_client, sleep=sleep,
            cache=shared_cache, clock=clock,
        )  # fmt: skip

    # As `resolve_engine` builds it: private facts (and --redact's identifiers) are masked.
    engine = RedactingEngine(options, llm_engine) if needs_masking(options) else llm_engine(options)
    return analyze_reading(reading, options, source, engine, notices=notices)


def draft_replies(
    analysis: Analysis,
    conversation: Conversation,
    options: AnalyzeOptions,
    *,
    settings: LLMSettings,
    rules: Judges = RULES,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Analysis:
    """The chain's drafting step for an analysis made elsewhere."""
    reading = build_reading(conversation, analysis.side, analysis.language)
    if needs_masking(options):  # as the pipeline drafts: through the masking engine

        def llm_engine(engine_options: AnalyzeOptions) -> Engine:
            return LLMEngine(
                engine_options, settings, judges=rules, http_client=http_client, sleep=sleep
            )

        return RedactingEngine(options, llm_engine).draft(analysis, reading)
    return drafting.draft_replies(
        analysis, reading, options, settings=settings, judges=rules,
        http_client=http_client, sleep=sleep,
    )  # fmt: skip


def analyze_offline(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
    """The candidates, checked: what an offline engine would say."""
    side, notices = resolve_side(conversation, options)
    found = candidates(conversation, side)
    proposal = Analysis(
        source=source,
        engine=EngineName.OFFLINE,
        impasse=bool(found),
        stage=Stage.MIDDLE if found else Stage.NONE,
        confidence=0.5,
        side=side,
        signals=found,
        notices=notices,
    )
    return check(proposal, conversation)
