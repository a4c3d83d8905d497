"""The LLM chain: extract -> check -> one re-ask (drafting, the later step, is `drafting`).

The model proposes and the framework decides. Each step is one structured call through
LangChain's `model.with_structured_output(...)` (built once per model, schema and method:
see `runnables`); the framework's check,
handed in by the caller as `Judges`, tells which answers deserve a re-ask. The chain
never falls back by itself: it raises `ChainFailed`, and the pipeline answers with the
offline engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx2
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from analyzer.analysis import (
    Analysis,
    Check,
    CheckStatus,
    EngineName,
    Processing,
    Signal,
    Usage,
)
from analyzer.errors import ImpasseError, LLMUnavailable, ModelOutputError
from analyzer.llm import render
from analyzer.llm.batch_wire import reply_from_completion, request_body
from analyzer.llm.client import chat_model, shared_chat_model
from analyzer.llm.faults import Deadline
from analyzer.llm.merge import merge_windows, union_signals
from analyzer.llm.prompts import load_prompt, prompt_version, render_system
from analyzer.llm.schema import AnswerUnusable, Diagnosis, to_proposal
from analyzer.llm.settings import LLMSettings, StructuredMethod
from analyzer.llm.structured import MessagesFor, MethodMemory, Reply, StructuredCaller
from analyzer.llm.tokens import count_tokens
from analyzer.llm.usage import Meter
from analyzer.llm.windows import Plan, Window, plan_windows
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading

# Rule findings worth one re-ask: the model can fix a quote or a speaker, while a stage
# or strategy mismatch is corrected by the rules themselves.
REASK_RULES = ("R1", "R2")


@dataclass(frozen=True, slots=True)
class Judges:
    """The deterministic side of the product, as the chain sees it (handed in, so the
    chain depends on no framework module and tests can judge with stand-ins)."""

    check: Callable[[Analysis, Reading], Analysis]
    candidates: Callable[[Reading], list[Signal]]
    check_drafts: Callable[[Analysis, Reading, AnalyzeOptions], Analysis]


@dataclass(frozen=True, slots=True)
class ChainResult:
    """The model's proposal for the pipeline to check, and the chain's own findings."""

    proposal: Analysis
    checks: tuple[Check, ...]


class ChainFailed(ImpasseError):
    """The endpoint or the model failed; what the calls spent so far is kept."""

    def __init__(self, cause: LLMUnavailable | ModelOutputError, usage: Usage) -> None:
        super().__init__(" ".join(str(cause).split()))
        self.cause = cause
        self.usage = usage


def propose(
    reading: Reading,
    options: AnalyzeOptions,
    *,
    settings: LLMSettings,
    judges: Judges,
    http_client: httpx2.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    deadline: Deadline | None = None,
    prefetched: dict[str, Any] | None = None,
) -> ChainResult:
    """The model's diagnosis of one reading, re-asked once where the judges object.

    Every call fits in `deadline` (default: `settings.timeout_s` from now).
    `prefetched` is the answer to the first call, already obtained (a chat-completion body
    downloaded from the Batch API): it stands for that call, and any re-ask goes online.
    Raises `ChainFailed` when the endpoint fails or the answer is unusable twice.
    """
    meter = Meter()
    try:
        run = Run(
            reading, options, settings, judges=judges, http_client=http_client, sleep=sleep,
            meter=meter, deadline=deadline,
        )  # fmt: skip
        if prefetched is not None:
            run.caller = _Prefetched(prefetched, run.caller, settings.max_output_tokens)
        return run.analyze()
    except (LLMUnavailable, ModelOutputError) as exc:
        raise ChainFailed(exc, meter.usage(settings)) from exc


def extract_request(
    reading: Reading, options: AnalyzeOptions, *, settings: LLMSettings, judges: Judges
) -> dict[str, Any] | None:
    """The body of the chain's first call for this reading, as a Batch API request sends
    it; None when the conversation needs several windows (it is analysed online)."""
    run = Run(
        reading, options, settings, judges=judges, http_client=None, sleep=time.sleep,
        meter=Meter(),
    )  # fmt: skip
    if len(run.plan.windows) != 1:
        return None
    messages = run.first_messages(run.plan.windows[0])(StructuredMethod.JSON_SCHEMA)
    return request_body(messages, Diagnosis, settings)


class _Prefetched:
    """A caller whose first answer is already known; later calls go to `inner`."""

    def __init__(
        self, body: dict[str, Any], inner: StructuredCaller | _Prefetched, limit: int
    ) -> None:
        self._body: dict[str, Any] | None = body
        self._inner = inner
        self._limit = limit

    def call(self, schema: type[BaseModel], messages_for: MessagesFor) -> Reply:
        """The prefetched answer the first time, a live call after that."""
        if self._body is None:
            return self._inner.call(schema, messages_for)
        body, self._body = self._body, None
        return reply_from_completion(body, self._limit)


@dataclass(frozen=True, slots=True)
class _Answer:
    """One usable answer: as the model proposed it, and as the judges checked it."""

    proposed: Analysis
    checked: Analysis
    # What the judges dropped from a re-asked answer before it was merged (so the user
    # still sees why an invented quote is missing).
    dropped: tuple[Check, ...] = ()


class Run:
    """One conversation's calls: the state its steps share (extraction here, drafting in
    `drafting`)."""

    def __init__(
        self,
        reading: Reading,
        options: AnalyzeOptions,
        settings: LLMSettings,
        *,
        judges: Judges,
        http_client: httpx2.Client | None,
        sleep: Callable[[float], None],
        meter: Meter,
        drafting: bool = False,
        deadline: Deadline | None = None,
    ) -> None:
        self.reading = reading
        self.conversation = reading.conversation
        self.side = reading.side
        self.options = options
        self.language = reading.language
        self.settings = settings
        self.judges = judges
        self.meter = meter
        self.system = render_system()
        # Drafting needs no candidate evidence: the diagnosis is already checked.
        self.candidates: list[Signal] = [] if drafting else judges.candidates(reading)
        # Each turn rendered once: counted for the plan, then joined into the prompts.
        self.rendered = [render.render_turn(t) for t in self.conversation.turns]
        self.plan, self.tokens = self._plan()

        # Built last: raises `LLMUnavailable` when no endpoint is configured.
        def model_for(timeout_s: float) -> ChatOpenAI:
            return chat_model(
                settings, max_tokens=settings.max_output_tokens, http_client=http_client,
                timeout_s=timeout_s,
            )  # fmt: skip

        self.caller: StructuredCaller | _Prefetched = StructuredCaller(
            shared_chat_model(
                settings, max_tokens=settings.max_output_tokens, http_client=http_client
            ),
            settings,
            memory=MethodMemory(),
            sleep=sleep,
            deadline=deadline or Deadline(settings.timeout_s),
            model_for=model_for,
        )

    def analyze(self) -> ChainResult:
        """Every window's answer, checked and re-asked; merged when there are several."""
        parts: list[_Answer] = []
        own_checks: list[Check] = []
        for window in self.plan.windows:
            part, checks = self._extract(window)
            parts.append(part)
            own_checks += checks
        # One window: its answer as proposed (the pipeline's check is the one the user
        # sees). Several: the union of the checked windows, checked again as a whole.
        if len(parts) == 1:
            proposal = parts[0].proposed
        else:
            proposal = merge_windows([p.checked for p in parts])
        proposal = proposal.model_copy(
            update={
                "engine": EngineName.LLM,
                "model": self.settings.model,
                "prompt_version": prompt_version(),
                "language": self.language,
                "notices": [*self.plan.notices, *proposal.notices],
                "usage": self.meter.usage(self.settings),
                "processing": Processing(
                    windows=len(self.plan.windows),
                    tokens=self.tokens,
                    turns=len(self.conversation.turns),
                ),
            }
        )
        return ChainResult(proposal=proposal, checks=tuple(own_checks))

    # -- windows ------------------------------------------------------------------------

    def _plan(self) -> tuple[Plan, int]:
        turn_tokens = [count_tokens(text) + 1 for text in self.rendered]
        fixed = (
            _prompt_tokens(self.system, load_prompt("repair").text)
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

    def window_text(self, window: Window) -> tuple[str, str]:
        turns = self.conversation.turns[window.start : window.end]
        text = "\n".join(self.rendered[window.start : window.end])  # as `render.render_turns`
        return text, render.turn_range(turns, len(self.conversation.turns))

    # -- extraction ---------------------------------------------------------------------

    def first_messages(self, window: Window) -> MessagesFor:
        """The messages of a window's first extraction call, per structured method."""
        text, turn_range = self.window_text(window)
        candidates = [c for c in self.candidates if window.start <= c.turn < window.end]

        def first(method: StructuredMethod) -> list[BaseMessage]:
            return self.messages(
                "extract",
                format_instructions=render.format_instructions(method, Diagnosis),
                side=render.render_side(self.side),
                candidates=render.render_candidates(candidates),
                turn_range=turn_range,
                turns=text,
            )

        return first

    def _extract(self, window: Window) -> tuple[_Answer, list[Check]]:
        """The window's answer (re-asked once if the judges object) and the chain's notes."""
        text, turn_range = self.window_text(window)
        reply = self.caller.call(Diagnosis, self.first_messages(window))
        self.meter.add(reply)
        first_answer, findings = self._check_diagnosis(reply)
        if not findings:
            assert first_answer is not None  # no findings means the answer was read
            return first_answer, []

        def again(method: StructuredMethod) -> list[BaseMessage]:
            return self.messages(
                "repair",
                format_instructions=render.format_instructions(method, Diagnosis),
                findings=render.findings_list(findings),
                previous=render.fence_safe(reply.raw) or "(empty)",
                turn_range=turn_range,
                turns=text,
            )

        second = self.caller.call(Diagnosis, again)
        self.meter.add(second)
        keep = first_answer.checked if first_answer else None
        second_answer, still = self._check_diagnosis(second, keep=keep)
        reask = Check(
            rule="LLM.reask",
            status=CheckStatus.WARN,
            detail=f"{turn_range}: the first answer failed {len(findings)} check(s) "
            f"({'; '.join(findings)[:600]}); re-asked once.",
        )
        if second_answer is None:
            if first_answer is None:
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
            return first_answer, [reask, gave_up]
        leftovers = [
            Check(rule="LLM.valid_labels", status=CheckStatus.DROPPED, detail=f)
            for f in still
            if not f.startswith(REASK_RULES)
        ]
        return second_answer, [reask, *second_answer.dropped, *leftovers]

    def _check_diagnosis(
        self, reply: Reply, keep: Analysis | None = None
    ) -> tuple[_Answer | None, list[str]]:
        """The answer as proposed and as checked (None when unreadable), and the findings
        worth a re-ask."""
        if reply.data is None:
            return None, [f"the answer could not be read: {reply.problem}"]
        try:
            proposal = to_proposal(reply.data, side=self.side, source="-", language=self.language)
        except AnswerUnusable as exc:
            return None, [f"the answer could not be read: {exc}"]
        analysis = proposal.analysis
        dropped: tuple[Check, ...] = ()
        if keep is not None:
            # A re-ask keeps what already passed. Both sides are merged in their checked
            # form (quotes re-cut, speakers corrected), so a signal the model repeated
            # with a slightly different quote is not kept twice.
            again = self.judges.check(analysis, self.reading)
            dropped = tuple(c for c in again.checks if c.status is CheckStatus.DROPPED)
            analysis = analysis.model_copy(
                update={"signals": union_signals(keep.signals, again.signals)}
            )
        checked = self.judges.check(analysis, self.reading)
        findings = list(proposal.findings)
        findings += [
            f"{c.rule}: {c.detail}"
            for c in checked.checks
            if c.status is CheckStatus.DROPPED and c.rule.startswith(REASK_RULES)
        ]
        if not proposal.complete:
            # No verdict (`{}`, no stage): worth a re-ask, never "no impasse" by default.
            return None, findings
        return _Answer(proposed=analysis, checked=checked, dropped=dropped), findings

    def messages(self, prompt: str, **values: str) -> list[BaseMessage]:
        return [
            SystemMessage(content=self.system),
            HumanMessage(content=load_prompt(prompt).render(**values)),
        ]


@lru_cache(maxsize=8)
def _prompt_tokens(system: str, repair: str) -> int:
    """The tokens of the system and repair prompts, counted once per prompt text."""
    return count_tokens(system) + count_tokens(repair)
