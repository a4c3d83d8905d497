"""What the user asks of one analysis: whose side they are on, what to keep private, how."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class EngineChoice(StrEnum):
    """`--engine`: auto picks the LLM when a key or base URL is set, else offline."""

    AUTO = "auto"
    OFFLINE = "offline"
    LLM = "llm"


class Tone(StrEnum):
    """`--tone` of the reply drafts."""

    NEUTRAL = "neutral"
    WARM = "warm"
    FIRM = "firm"


class AnalyzeOptions(BaseModel):
    """Options shared by every front end (CLI flags, UI controls, batch settings)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    me: list[str] = Field(default_factory=list, description="Names or addresses of our side")
    them: list[str] = Field(default_factory=list, description="Names or addresses of theirs")
    private: list[str] = Field(
        default_factory=list, description="Facts no draft may reveal (walk-away price...)"
    )
    tone: Tone = Tone.NEUTRAL
    engine: EngineChoice = EngineChoice.AUTO
    drafts: bool = Field(default=True, description="Write reply drafts")
    language: str | None = Field(default=None, description="Force a language (en, de, fr, es)")
    use_cache: bool = Field(default=True, description="Reuse earlier LLM results")
    redact: bool = Field(
        default=False, description="Mask addresses, phones and account numbers before LLM calls"
    )
    fast: bool = Field(
        default=False,
        description="Phrase lists only: skip the learned readers (the negotiation gate and the "
        "sentence reader), for very large batches",
    )
