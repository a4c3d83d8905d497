"""The analysis contract: what every engine returns and every front end shows.

The offline engine and the LLM chain both produce an `Analysis`; the framework rules
check and correct it, whoever produced it, and record what they did in `checks`.
`impasse schema` exports the JSON Schema of `AnalysisResult`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from analyzer.taxonomy import Cause, EndType, SignalType, Stage, Strategy


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EngineName(StrEnum):
    """Which engine proposed the analysis (the framework checked it either way)."""

    OFFLINE = "offline"
    LLM = "llm"


class SideHow(StrEnum):
    """How the user's side was decided."""

    OPTION = "option"  # --me / --them, or the UI's choice
    HEURISTIC = "heuristic"  # a stated heuristic was confident (see notices)
    NEUTRAL = "neutral"  # unknown: signals from every party count


class CheckStatus(StrEnum):
    """Outcome of one rule on one item."""

    PASS = "pass"
    FIXED = "fixed"
    DROPPED = "dropped"
    WARN = "warn"


class Signal(_Frozen):
    """One piece of impasse evidence, grounded in a quote of one turn."""

    type: SignalType
    speaker: str = Field(description="Who shows the signal (for no_response: the silent party)")
    turn: int = Field(ge=0, description="Index of the quoted turn")
    quote: str = Field(min_length=1, description="Verbatim substring of that turn's text")
    explanation: str = Field(description="Why this quote is this signal")
    detector: str = Field(default="", description="What proposed it (a detector id or 'llm')")
    span: tuple[int, int] | None = Field(
        default=None, description="Where the quote sits in the input, when it can be mapped"
    )


class CauseItem(_Frozen):
    """A likely cause, offered as a hypothesis."""

    id: Cause
    why: str


class StrategyItem(_Frozen):
    """A recommended move, best first."""

    id: Strategy
    why: str


class DraftStatus(StrEnum):
    """Whether a draft may be shown as is."""

    READY = "ready"
    WITHHELD = "withheld"  # it would have revealed a private fact and could not be rewritten


class Draft(_Frozen):
    """A reply the user can edit and send, for one recommended strategy."""

    strategy: Strategy
    text: str
    language: str = Field(default="en", description="ISO 639-1 code of the draft")
    status: DraftStatus = DraftStatus.READY
    addressed_to: str | None = None
    gaps: list[str] = Field(
        default_factory=list,
        description="What the user should fill in: 'issue' when the disputed point could not "
        "be named from the conversation and the draft says 'this point'",
    )


def excerpt(text: str, limit: int = 60) -> str:
    """A quote cut to `limit` characters with an ellipsis, as checks and notes cite it."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class Check(_Frozen):
    """What one framework rule found on one item."""

    rule: str = Field(description="Rule id, e.g. 'R1.grounded_evidence'")
    status: CheckStatus
    detail: str


class Side(_Frozen):
    """Whose side the user is on."""

    us: list[str] = Field(default_factory=list)
    them: list[str] = Field(default_factory=list)
    how: SideHow = SideHow.NEUTRAL


class Usage(_Frozen):
    """What the LLM engine spent."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_calls: int = 0
    estimated_cost_usd: float | None = None


class FallbackKind(StrEnum):
    """Why the LLM engine was asked for but the offline engine answered."""

    NOT_INSTALLED = "not_installed"  # the LLM packages are missing from this installation
    NOT_CONFIGURED = "not_configured"  # no API key or base URL
    UNAVAILABLE = "unavailable"  # the endpoint failed: network, auth, rate limit, timeout
    BAD_ANSWER = "bad_answer"  # the model's answer was unusable, even after a re-ask


class Fallback(_Frozen):
    """The offline engine stood in for the LLM engine, and why."""

    kind: FallbackKind
    reason: str = Field(description="What went wrong, in words (never a key or text)")


class Processing(_Frozen):
    """How the text was processed (the LLM engine reads long inputs in windows)."""

    windows: int = 1
    tokens: int = 0
    turns: int = 0


class Analysis(_Frozen):
    """A diagnosis of one conversation in the framework's terms."""

    source: str = Field(description="The input as given (a path, '-' or a label)")
    engine: EngineName
    model: str | None = None
    prompt_version: str | None = None
    language: str = Field(default="en", description="ISO 639-1 code of the conversation")
    negotiation: bool = Field(
        default=True,
        description="False when the text is not a negotiation at all (a podcast, a newsletter)",
    )
    impasse: bool
    stage: Stage
    end_type: EndType | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    summary: str = Field(default="", description="One sentence in plain words")
    side: Side = Field(default_factory=Side)
    signals: list[Signal] = Field(default_factory=list)
    causes: list[CauseItem] = Field(default_factory=list)
    strategies: list[StrategyItem] = Field(default_factory=list)
    drafts: list[Draft] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    usage: Usage | None = None
    processing: Processing | None = None
    fallback: Fallback | None = Field(
        default=None, description="Set when the offline engine stood in for the LLM engine"
    )


class AnalysisError(_Frozen):
    """Stands in for an analysis when an input could not be analysed."""

    source: str
    error: str = Field(description="What was wrong and what to do")


AnalysisResult = Annotated[Analysis | AnalysisError, Field(description="One input's outcome")]


def result_to_json(result: Analysis | AnalysisError) -> dict[str, Any]:
    """The JSON form of one result, as the CLI prints it."""
    return result.model_dump(mode="json")


def result_kind(result: Analysis | AnalysisError) -> Literal["analysis", "error"]:
    """'analysis' or 'error', for code that handles both."""
    return "error" if isinstance(result, AnalysisError) else "analysis"
