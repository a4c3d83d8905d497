"""The LLM engine: extract -> rules -> one re-ask -> draft -> draft rules -> one repair.

The model proposes and the framework decides. Each step is one structured call built as
an LCEL runnable (`messages | model.with_structured_output(...)`); the deterministic
rules check every answer. Anything the model gets wrong twice is dropped and reported in
`checks`; any failure of the endpoint ends in the offline analysis with a notice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx2
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from analyzer.analysis import (
    Analysis,
    Check,
    CheckStatus,
    Draft,
    Engine,
    Processing,
    Signal,
    Usage,
)
from analyzer.errors import LLMUnavailable, ModelOutputError
from analyzer.llm import render
from analyzer.llm.cache import AnalysisCache, cache_key
from analyzer.llm.client import chat_model
from analyzer.llm.merge import merge_windows, union_signals
from analyzer.llm.ports import Rules, framework_rules
from analyzer.llm.prompts import load_prompt, prompt_version, render_system
from analyzer.llm.schema import AnswerUnusable, Diagnosis, Drafts, to_drafts, to_proposal
from analyzer.llm.settings import LLMSettings, StructuredMethod, load_settings
from analyzer.llm.structured import MethodMemory, Reply, StructuredCaller
from analyzer.llm.tokens import count_tokens
from analyzer.llm.usage import Meter
from analyzer.llm.windows import Plan, Window, plan_windows
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions
from analyzer.taxonomy import Strategy

# Rule findings worth one re-ask: the model can fix a quote or a speaker, while a stage
# or strategy mismatch is corrected by the rules themselves.
REASK_RULES = ("R1", "R2")
DRAFT_RULES = ("R6", "R7")
MAX_DRAFTS = 3
_FAILED = {CheckStatus.DROPPED, CheckStatus.WARN}


def analyze_llm(
    conversation: Conversation,
    options: AnalyzeOptions,
    source: str,
    *,
    language: str | None = None,
    settings: LLMSettings | None = None,
    rules: Rules | None = None,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    cache: AnalysisCache | None = None,
) -> Analysis:
    """Analyse one conversation with the LLM; never raises for an endpoint failure.

    Returns the checked LLM analysis (`engine: "llm"`), a cached copy of an earlier one
    (no calls), or, when the endpoint or the model fails, the offline analysis with a
    notice saying why. `language` is the conversation's language when already known.
    """
    settings = settings or load_settings()
    rules = rules or framework_rules()
    version = prompt_version()
    language = language or options.language or "en"
    store = cache or AnalysisCache()
    key = cache_key(conversation, options, settings, version, language)
    if options.use_cache and (hit := store.get(key)) is not None:
        spent = hit.usage.calls if hit.usage else 0
        return hit.model_copy(
            update={"source": source, "usage": Usage(calls=0, cached_calls=spent)}
        )
    run = _Run(
        conversation=conversation,
        options=options,
        source=source,
        language=language,
        settings=settings,
        rules=rules,
        http_client=http_client,
        sleep=sleep,
    )
    try:
        result = run.analyze()
    except (LLMUnavailable, ModelOutputError) as exc:
        return _fallback(run, exc)
    result = result.model_copy(update={"prompt_version": version})
    store.put(key, result)
    return result


def draft_replies(
    analysis: Analysis,
    conversation: Conversation,
    options: AnalyzeOptions,
    *,
    settings: LLMSettings | None = None,
    rules: Rules | None = None,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Analysis:
    """LLM reply drafts for an analysis made elsewhere (e.g. by the offline engine).

    One drafting call for the recommended strategies, the draft rules, one rewrite if a
    draft breaks them. When the endpoint fails, the analysis comes back without LLM drafts
    and with a notice; it is never lost.
    """
    if not (analysis.impasse and analysis.strategies):
        return analysis  # rule 8: no impasse, nothing to draft
    run = _Run(
        conversation=conversation,
        options=options,
        source=analysis.source,
        language=analysis.language,
        settings=settings or load_settings(),
        rules=rules or framework_rules(),
        http_client=http_client,
        sleep=sleep,
    )
    try:
        return run.draft_only(analysis)
    except LLMUnavailable as exc:
        return _no_drafts(analysis, exc)


def _fallback(run: _Run, exc: LLMUnavailable | ModelOutputError) -> Analysis:
    offline = run.rules.analyze_offline(run.conversation, run.options, run.source)
    reason = " ".join(str(exc).split())
    notice = (
        f"The LLM engine failed ({reason}); this is the offline analysis. "
        f"Model: {run.settings.model}."
    )
    return offline.model_copy(
        update={
            "engine": Engine.OFFLINE,
            "notices": [*offline.notices, notice],
            "usage": run.meter.usage(run.settings),
        }
    )


class _Run:
    """One analysis: the state shared by its steps."""

    def __init__(
        self,
        *,
        conversation: Conversation,
        options: AnalyzeOptions,
        source: str,
        language: str,
        settings: LLMSettings,
        rules: Rules,
        http_client: httpx2.Client | None,
        sleep: Callable[[float], None],
    ) -> None:
        self.conversation = conversation
        self.options = options
        self.source = source
        self.language = language
        self.settings = settings
        self.rules = rules
        self.meter = Meter()
        self.http_client = http_client
        self.sleep = sleep
        self.system = render_system()

    def connect(self) -> None:
        """Build the chat model (raises `LLMUnavailable` when none is configured)."""
        model = chat_model(
            self.settings, max_tokens=self.settings.max_output_tokens, http_client=self.http_client
        )
        self.caller = StructuredCaller(
            model, self.settings, memory=MethodMemory(), sleep=self.sleep
        )

    def draft_only(self, analysis: Analysis) -> Analysis:
        """The drafting step alone, for an analysis made elsewhere."""
        self.side = analysis.side
        self.candidates: list[Signal] = []
        self.plan, _ = self._plan()
        self.connect()
        drafted = self._draft(analysis)
        return drafted.model_copy(update={"usage": self.meter.usage(self.settings)})

    def analyze(self) -> Analysis:
        self.connect()
        side, side_notices = self.rules.resolve_side(self.conversation, self.options)
        self.side = side
        self.candidates = self.rules.candidates(self.conversation, side)
        plan, tokens = self._plan()
        self.plan = plan
        parts: list[Analysis] = []
        own_checks: list[Check] = []
        for window in plan.windows:
            part, checks = self._extract(window)
            parts.append(part)
            own_checks += checks
        if len(parts) == 1:
            result = parts[0]
        else:
            result = self.rules.check(merge_windows(parts), self.conversation)
        result = result.model_copy(update={"checks": [*result.checks, *own_checks]})
        if self.options.drafts and result.impasse and result.strategies:
            result = self._draft(result)
        return result.model_copy(
            update={
                "engine": Engine.LLM,
                "model": self.settings.model,
                "language": self.language,
                "notices": [*side_notices, *plan.notices, *result.notices],
                "usage": self.meter.usage(self.settings),
                "processing": Processing(
                    windows=len(plan.windows), tokens=tokens, turns=len(self.conversation.turns)
                ),
            }
        )

    # -- windows ------------------------------------------------------------------------

    def _plan(self) -> tuple[Plan, int]:
        turn_tokens = [count_tokens(render.render_turn(t)) + 1 for t in self.conversation.turns]
        fixed = (
            count_tokens(self.system)
            + count_tokens(load_prompt("repair").text)
            + count_tokens(render.render_candidates(self.candidates))
            + count_tokens(render.render_side(self.side))
            # The re-ask carries the first answer as well as the conversation.
            + 2 * self.settings.max_output_tokens
        )
        budget = self.settings.context_tokens - fixed
        if budget < 256:
            raise LLMUnavailable(
                f"the model's context ({self.settings.context_tokens} tokens) leaves no room "
                "for the conversation; raise IMPASSE_CONTEXT_TOKENS or lower "
                "IMPASSE_MAX_OUTPUT_TOKENS"
            )
        return plan_windows(turn_tokens, budget), sum(turn_tokens)

    def _window_text(self, window: Window) -> tuple[str, str]:
        turns = self.conversation.turns[window.start : window.end]
        return render.render_turns(turns), render.turn_range(turns, len(self.conversation.turns))

    # -- extraction ---------------------------------------------------------------------

    def _extract(self, window: Window) -> tuple[Analysis, list[Check]]:
        text, turn_range = self._window_text(window)
        candidates = [c for c in self.candidates if window.start <= c.turn < window.end]

        def first(method: StructuredMethod) -> list[BaseMessage]:
            return self._messages(
                "extract",
                format_instructions=render.format_instructions(method, Diagnosis),
                side=render.render_side(self.side),
                candidates=render.render_candidates(candidates),
                turn_range=turn_range,
                conversation=text,
            )

        reply = self.caller.call(Diagnosis, first)
        self.meter.add(reply)
        checked, findings = self._check_diagnosis(reply)
        if not findings:
            assert checked is not None  # no findings means the answer was read
            return checked, []

        def again(method: StructuredMethod) -> list[BaseMessage]:
            return self._messages(
                "repair",
                format_instructions=render.format_instructions(method, Diagnosis),
                findings="\n".join(f"- {f}" for f in findings),
                previous=reply.raw or "(empty)",
                turn_range=turn_range,
                conversation=text,
            )

        second = self.caller.call(Diagnosis, again)
        self.meter.add(second)
        rechecked, still = self._check_diagnosis(second, keep=checked)
        reask = Check(
            rule="LLM.reask",
            status=CheckStatus.WARN,
            detail=f"{turn_range}: the first answer failed {len(findings)} check(s) "
            f"({'; '.join(findings)[:600]}); re-asked once.",
        )
        if rechecked is None:
            if checked is None:
                raise ModelOutputError(
                    f"the model's answer was unusable twice ({still[0] if still else '?'})",
                    attempts=2,
                    raw_outputs=[reply.raw, second.raw],
                )
            gave_up = Check(
                rule="LLM.reask",
                status=CheckStatus.DROPPED,
                detail="the re-ask was unusable too; the items that failed were dropped.",
            )
            return checked, [reask, gave_up]
        leftovers = [
            Check(rule="LLM.valid_labels", status=CheckStatus.DROPPED, detail=f)
            for f in still
            if not f.startswith(REASK_RULES)
        ]
        return rechecked, [reask, *leftovers]

    def _check_diagnosis(
        self, reply: Reply, keep: Analysis | None = None
    ) -> tuple[Analysis | None, list[str]]:
        """The checked proposal (None when unreadable) and the findings worth a re-ask."""
        if reply.data is None:
            return None, [f"the answer could not be read: {reply.problem}"]
        try:
            proposal = to_proposal(
                reply.data, side=self.side, source=self.source, language=self.language
            )
        except AnswerUnusable as exc:
            return None, [f"the answer could not be read: {exc}"]
        analysis = proposal.analysis
        if keep is not None:  # a re-ask keeps what already passed
            analysis = analysis.model_copy(
                update={"signals": union_signals(keep.signals, analysis.signals)}
            )
        checked = self.rules.check(analysis, self.conversation)
        findings = list(proposal.findings)
        findings += [
            f"{c.rule}: {c.detail}"
            for c in checked.checks
            if c.status is CheckStatus.DROPPED and c.rule.startswith(REASK_RULES)
        ]
        return checked, findings

    # -- drafting -----------------------------------------------------------------------

    def _draft(self, analysis: Analysis) -> Analysis:
        wanted = [s.id for s in analysis.strategies[:MAX_DRAFTS]]
        # A long conversation is drafted from its last window, where the current impasse is.
        text, turn_range = self._window_text(self.plan.windows[-1])

        def messages(findings: list[str]) -> Callable[[StructuredMethod], list[BaseMessage]]:
            def build(method: StructuredMethod) -> list[BaseMessage]:
                return self._messages(
                    "draft",
                    format_instructions=render.format_instructions(method, Drafts),
                    diagnosis=render.diagnosis_text(analysis),
                    strategies="\n".join(f"- `{s.value}`" for s in wanted),
                    context=self._context(),
                    previous_findings=render.findings_section(findings),
                    turn_range=turn_range,
                    conversation=text,
                )

            return build

        try:
            checked, findings = self._draft_once(analysis, wanted, messages([]))
        except LLMUnavailable as exc:
            return _no_drafts(analysis, exc)
        except ModelOutputError as exc:  # unreadable: the one rewrite may still succeed
            checked, findings = analysis, [str(exc)]
        if not findings:
            return checked
        try:
            second = self._draft_once(analysis, wanted, messages(findings))
        except (LLMUnavailable, ModelOutputError) as exc:
            return _no_drafts(checked, exc)
        repaired, _ = second
        note = Check(
            rule="LLM.draft_repair",
            status=CheckStatus.WARN,
            detail=f"the first drafts failed {len(findings)} check(s) "
            f"({'; '.join(findings)[:600]}); rewritten once, then checked again.",
        )
        return repaired.model_copy(update={"checks": [*repaired.checks, note]})

    def _draft_once(
        self,
        analysis: Analysis,
        wanted: list[Strategy],
        build: Callable[[StructuredMethod], list[BaseMessage]],
    ) -> tuple[Analysis, list[str]]:
        reply = self.caller.call(Drafts, build)
        self.meter.add(reply)
        if reply.data is None:
            raise ModelOutputError(
                f"drafts unreadable: {reply.problem}", attempts=1, raw_outputs=[reply.raw]
            )
        try:
            texts, findings = to_drafts(reply.data, wanted)
        except AnswerUnusable as exc:
            raise ModelOutputError(str(exc), attempts=1, raw_outputs=[reply.raw]) from exc
        addressed = self.side.them[0] if self.side.them else None
        drafts = [
            Draft(strategy=t.strategy, text=t.text, language=self.language, addressed_to=addressed)
            for t in texts
        ]
        before = analysis.model_copy(update={"drafts": drafts})
        checked = self.rules.check_drafts(before, self.conversation, self.options)
        findings += [
            f"{c.rule}: {c.detail}"
            for c in checked.checks
            if c.status in _FAILED and c.rule.startswith(DRAFT_RULES) and c not in analysis.checks
        ]
        missing = [s.value for s in wanted if all(d.strategy is not s for d in drafts)]
        if missing:
            findings.append(f"no draft for: {', '.join(missing)}")
        return checked, findings

    def _context(self) -> str:
        private = "\n".join(f"  - {p}" for p in self.options.private) or "  (none)"
        return (
            f"- Side: {render.render_side(self.side)}\n"
            f"- Tone: {self.options.tone.value}\n"
            f"- Language: {self.language}\n"
            f"- Private facts (never reveal):\n{private}"
        )

    def _messages(self, prompt: str, **values: str) -> list[BaseMessage]:
        return [
            SystemMessage(content=self.system),
            HumanMessage(content=load_prompt(prompt).render(**values)),
        ]


def _no_drafts(analysis: Analysis, exc: LLMUnavailable | ModelOutputError) -> Analysis:
    reason = " ".join(str(exc).split())
    notice = f"Reply drafts could not be written by the LLM ({reason}); the diagnosis stands."
    return analysis.model_copy(update={"drafts": [], "notices": [*analysis.notices, notice]})
