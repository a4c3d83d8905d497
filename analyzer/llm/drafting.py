"""LLM reply drafts for a checked diagnosis: one call, the draft rules, one rewrite.

The drafting step of the chain (see `chain`): it shares the chain's per-conversation state
(`Run`: the caller, the windows, the prompts) but none of the extraction's re-ask logic.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx2
from langchain_core.messages import BaseMessage

from analyzer.analysis import Analysis, Check, CheckStatus, Draft, Usage
from analyzer.errors import LLMUnavailable, ModelOutputError
from analyzer.llm import render
from analyzer.llm.chain import Judges, Run
from analyzer.llm.faults import Deadline
from analyzer.llm.schema import AnswerUnusable, Drafts, to_drafts
from analyzer.llm.settings import LLMSettings, StructuredMethod
from analyzer.llm.usage import Meter
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading
from analyzer.taxonomy import Strategy

# Draft-rule findings worth the one rewrite.
DRAFT_RULES = ("R6", "R7")
MAX_DRAFTS = 3
_FAILED = {CheckStatus.DROPPED, CheckStatus.WARN}


def draft_replies(
    analysis: Analysis,
    reading: Reading,
    options: AnalyzeOptions,
    *,
    settings: LLMSettings,
    judges: Judges,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    deadline: Deadline | None = None,
) -> Analysis:
    """LLM reply drafts for a checked analysis (from this engine or the offline one).

    One drafting call for the recommended strategies, the draft rules, one rewrite if a
    draft breaks them. When the endpoint fails, the analysis comes back without LLM drafts
    and with a notice; it is never lost. The calls are added to `usage`.
    """
    if not (analysis.impasse and analysis.strategies):
        return analysis  # rule 8: no impasse, nothing to draft
    meter = Meter()
    try:
        run = Run(
            reading, options, settings, judges=judges, http_client=http_client, sleep=sleep,
            meter=meter, drafting=True, deadline=deadline,
        )  # fmt: skip
        drafted = _draft(run, analysis)
    except LLMUnavailable as exc:
        drafted = _no_drafts(analysis, exc)
    return drafted.model_copy(update={"usage": _add_usage(analysis.usage, meter.usage(settings))})


def _add_usage(before: Usage | None, more: Usage) -> Usage:
    if before is None:
        return more
    cost = (
        None
        if before.estimated_cost_usd is None and more.estimated_cost_usd is None
        else round((before.estimated_cost_usd or 0) + (more.estimated_cost_usd or 0), 6)
    )
    return Usage(
        calls=before.calls + more.calls,
        prompt_tokens=before.prompt_tokens + more.prompt_tokens,
        completion_tokens=before.completion_tokens + more.completion_tokens,
        cached_calls=before.cached_calls + more.cached_calls,
        estimated_cost_usd=cost,
    )


def _draft(run: Run, analysis: Analysis) -> Analysis:
    """Drafts for the top strategies, checked; rewritten once if a rule objects."""
    wanted = [s.id for s in analysis.strategies[:MAX_DRAFTS]]
    # A long conversation is drafted from its last window, where the current impasse is.
    text, turn_range = run.window_text(run.plan.windows[-1])

    def messages(findings: list[str]) -> Callable[[StructuredMethod], list[BaseMessage]]:
        def build(method: StructuredMethod) -> list[BaseMessage]:
            return run.messages(
                "draft",
                format_instructions=render.format_instructions(method, Drafts),
                diagnosis=render.diagnosis_text(analysis),
                strategies="\n".join(f"- `{s.value}`" for s in wanted),
                tone=run.options.tone.value,
                language=run.language,
                private=render.private_facts(run.options.private),
                side=render.render_side(run.side),
                previous_findings=render.findings_section(findings),
                turn_range=turn_range,
                turns=text,
            )

        return build

    try:
        checked, findings = _draft_once(run, analysis, wanted, messages([]))
    except LLMUnavailable as exc:
        return _no_drafts(analysis, exc)
    except ModelOutputError as exc:  # unreadable: the one rewrite may still succeed
        checked, findings = analysis, [str(exc)]
    if not findings:
        return checked
    try:
        second = _draft_once(run, analysis, wanted, messages(findings))
    except (LLMUnavailable, ModelOutputError) as exc:
        return _no_drafts(checked, exc)
    repaired, _ = second
    outcome = "rewritten once, then checked again."
    if not repaired.drafts:
        # A rewrite with no drafts at all: the first drafts, as the rules left them,
        # beat none; with none either, the user is told rather than left guessing.
        if not checked.drafts:
            empty = ModelOutputError("the rewrite returned no drafts", 2, [])
            return _no_drafts(checked, empty)
        repaired = checked
        outcome = "the rewrite returned none, so the first drafts stand as the rules left them."
    note = Check(
        rule="LLM.draft_repair",
        status=CheckStatus.WARN,
        detail=f"the first drafts failed {len(findings)} check(s) "
        f"({'; '.join(findings)[:600]}); {outcome}",
    )
    return repaired.model_copy(update={"checks": [*repaired.checks, note]})


def _draft_once(
    run: Run,
    analysis: Analysis,
    wanted: list[Strategy],
    build: Callable[[StructuredMethod], list[BaseMessage]],
) -> tuple[Analysis, list[str]]:
    reply = run.caller.call(Drafts, build)
    run.meter.add(reply)
    if reply.data is None:
        raise ModelOutputError(
            f"drafts unreadable: {reply.problem}", attempts=1, raw_outputs=[reply.raw]
        )
    try:
        texts, findings = to_drafts(reply.data, wanted)
    except AnswerUnusable as exc:
        raise ModelOutputError(str(exc), attempts=1, raw_outputs=[reply.raw]) from exc
    addressed = run.side.them[0] if run.side.them else None
    drafts = [
        Draft(strategy=t.strategy, text=t.text, language=run.language, addressed_to=addressed)
        for t in texts
    ]
    before = analysis.model_copy(update={"drafts": drafts})
    checked = run.judges.check_drafts(before, run.reading, run.options)
    findings += [
        f"{c.rule}: {c.detail}"
        for c in checked.checks
        if c.status in _FAILED and c.rule.startswith(DRAFT_RULES) and c not in analysis.checks
    ]
    missing = [s.value for s in wanted if all(d.strategy is not s for d in drafts)]
    if missing:
        findings.append(f"no draft for: {', '.join(missing)}")
    return checked, findings


def _no_drafts(analysis: Analysis, exc: LLMUnavailable | ModelOutputError) -> Analysis:
    reason = " ".join(str(exc).split())
    notice = f"Reply drafts could not be written by the LLM ({reason}); the diagnosis stands."
    return analysis.model_copy(update={"drafts": [], "notices": [*analysis.notices, notice]})
