"""What the model is asked to return, and how its answer becomes a checked proposal.

The models sent as the output schema use the taxonomy's enums, so servers that constrain
decoding (strict JSON schema, grammar-based tool calls) cannot produce an unknown id. The
answer is nevertheless re-read leniently: with JSON mode, or a model that ignores the
schema, one bad label must cost that item (reported as a finding), not the whole answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from analyzer.analysis import Analysis, CauseItem, EngineName, Side, Signal, StrategyItem
from analyzer.taxonomy import Cause, EndType, SignalType, Stage, Strategy

LLM_DETECTOR = "llm"
_E = TypeVar("_E", SignalType, Stage, EndType, Cause, Strategy)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignalOut(_Out):
    """One piece of evidence."""

    type: SignalType
    speaker: str = Field(description="The speaker exactly as the cited turn names them")
    turn: int = Field(description="The number of the quoted turn")
    quote: str = Field(description="A short verbatim substring of that turn's text")
    explanation: str = Field(description="Why this quote shows this signal")


class CauseOut(_Out):
    """A likely cause."""

    id: Cause
    why: str


class StrategyOut(_Out):
    """A recommended move."""

    id: Strategy
    why: str


class Diagnosis(_Out):
    """The impasse diagnosis of one conversation."""

    signals: list[SignalOut]
    stage: Stage
    end_type: EndType | None = Field(description="Only when stage is end, else null")
    confidence: float = Field(description="From 0 to 1")
    causes: list[CauseOut]
    strategies: list[StrategyOut]
    summary: str = Field(description="One sentence in plain words")


class DraftOut(_Out):
    """A reply for one strategy."""

    strategy: Strategy
    text: str


class Drafts(_Out):
    """Reply drafts, one per requested strategy."""

    drafts: list[DraftOut]


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _LooseSignal(_Loose):
    type: str = ""
    speaker: str = ""
    turn: int = -1
    quote: str = ""
    explanation: str = ""


class _LooseItem(_Loose):
    id: str = ""
    why: str = ""


class _LooseDiagnosis(_Loose):
    signals: list[_LooseSignal] = Field(default_factory=list)
    stage: str = ""
    end_type: str | None = None
    confidence: float = 0.5
    causes: list[_LooseItem] = Field(default_factory=list)
    strategies: list[_LooseItem] = Field(default_factory=list)
    summary: str = ""


class _LooseDraft(_Loose):
    strategy: str = ""
    text: str = ""


class _LooseDrafts(_Loose):
    drafts: list[_LooseDraft] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A diagnosis turned into the analysis contract, with what could not be used.

    `complete` is False when the answer lacks a verdict (no `signals` list, or no valid
    `stage`): such an answer is worth a re-ask, but never a verdict of its own.
    """

    analysis: Analysis
    findings: list[str] = field(default_factory=list)
    complete: bool = True


# Without these there is no verdict to check: `{}` is not "no impasse".
REQUIRED_FIELDS = ("signals", "stage")


class AnswerUnusable(ValueError):
    """The answer is not a JSON object of the expected shape."""


def parse_json_object(text: str) -> dict[str, Any]:
    """The JSON object in a model's text answer (code fences and chatter tolerated)."""
    stripped = text.strip()
    if stripped.startswith("```"):
        stripped = stripped.strip("`")
        stripped = stripped.removeprefix("json").strip()
    start, end = stripped.find("{"), stripped.rfind("}")
    if start < 0 or end <= start:
        raise AnswerUnusable(f"no JSON object in the answer ({_preview(text)})")
    try:
        value = json.loads(stripped[start : end + 1])
    except json.JSONDecodeError as exc:
        raise AnswerUnusable(f"invalid JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(value, dict):
        raise AnswerUnusable("the JSON answer is not an object")
    return value


def to_proposal(data: dict[str, Any], *, side: Side, source: str, language: str) -> Proposal:
    """Read a diagnosis leniently; every item that cannot be used becomes a finding."""
    try:
        loose = _LooseDiagnosis.model_validate(data)
    except ValidationError as exc:
        raise AnswerUnusable(f"the answer does not have the diagnosis shape: {exc}") from None
    findings: list[str] = []
    signals: list[Signal] = []
    for n, item in enumerate(loose.signals, start=1):
        problem = _signal_problem(item)
        if problem:
            findings.append(f"signal {n} ({item.type or '?'}, turn {item.turn}): {problem}")
            continue
        signals.append(
            Signal(
                type=SignalType(item.type),
                speaker=item.speaker,
                turn=item.turn,
                quote=item.quote,
                explanation=item.explanation,
                detector=LLM_DETECTOR,
            )
        )
    missing = [name for name in REQUIRED_FIELDS if name not in data]
    stage = _enum(Stage, loose.stage)
    stage_valid = stage is not None
    complete = stage_valid and not missing
    if stage is None:
        findings.append(f"stage {loose.stage!r} is not a stage id")
        stage = Stage.NONE if not signals else Stage.MIDDLE
    if stage_valid and missing:
        # (Only here: with no valid stage its finding already asks for the whole answer.)
        findings.append(f"the answer lacks required fields: {', '.join(missing)}")
    end_type = _enum(EndType, loose.end_type or "")
    if loose.end_type and end_type is None:
        findings.append(f"end_type {loose.end_type!r} is not an end type id")
    causes = [CauseItem(id=c, why=i.why) for i in loose.causes if (c := _enum(Cause, i.id))]
    findings += [
        f"cause {i.id!r} is not a cause id" for i in loose.causes if not _enum(Cause, i.id)
    ]
    strategies = [
        StrategyItem(id=s, why=i.why) for i in loose.strategies if (s := _enum(Strategy, i.id))
    ]
    findings += [
        f"strategy {i.id!r} is not a strategy id"
        for i in loose.strategies
        if not _enum(Strategy, i.id)
    ]
    analysis = Analysis(
        source=source,
        engine=EngineName.LLM,
        language=language,
        impasse=stage is not Stage.NONE,
        stage=stage,
        end_type=end_type if stage is Stage.END else None,
        confidence=min(1.0, max(0.0, loose.confidence)),
        summary=loose.summary.strip(),
        side=side,
        signals=signals,
        causes=causes,
        strategies=strategies,
    )
    return Proposal(analysis=analysis, findings=findings, complete=complete)


@dataclass(frozen=True, slots=True)
class DraftText:
    """One usable draft from the model."""

    strategy: Strategy
    text: str


def to_drafts(data: dict[str, Any], wanted: list[Strategy]) -> tuple[list[DraftText], list[str]]:
    """Drafts for the requested strategies; anything else becomes a finding."""
    try:
        loose = _LooseDrafts.model_validate(data)
    except ValidationError as exc:
        raise AnswerUnusable(f"the answer does not have the drafts shape: {exc}") from None
    drafts: list[DraftText] = []
    findings: list[str] = []
    for item in loose.drafts:
        strategy = _enum(Strategy, item.strategy)
        if strategy is None or strategy not in wanted:
            findings.append(f"draft for {item.strategy!r}: not one of the requested strategies")
        elif not item.text.strip():
            findings.append(f"draft for {item.strategy!r}: empty text")
        elif all(d.strategy is not strategy for d in drafts):
            drafts.append(DraftText(strategy=strategy, text=item.text.strip()))
    return drafts, findings


def _signal_problem(item: _LooseSignal) -> str:
    if _enum(SignalType, item.type) is None:
        return f"{item.type!r} is not a signal type id"
    if item.turn < 0:
        return "no valid turn number"
    if not item.quote.strip():
        return "empty quote"
    if not item.speaker.strip():
        return "no speaker"
    return ""


def _enum(kind: type[_E], value: str) -> _E | None:
    try:
        return kind(value.strip().lower())
    except ValueError:
        return None


def _preview(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return repr(flat[:limit] + ("…" if len(flat) > limit else ""))
