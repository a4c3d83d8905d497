"""What the calls of one analysis spent, for the `usage` field."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.analysis import Usage
from analyzer.llm.settings import LLMSettings
from analyzer.llm.structured import Reply


@dataclass
class Meter:
    """What the calls of one analysis spent."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    raw_outputs: list[str] = field(default_factory=list)

    def add(self, reply: Reply) -> None:
        """Count one answered call."""
        self.calls += 1
        self.prompt_tokens += reply.input_tokens
        self.completion_tokens += reply.output_tokens
        self.raw_outputs.append(reply.raw)

    def usage(self, settings: LLMSettings) -> Usage:
        """The `usage` field, with a cost estimate when the model's price is known."""
        cost = None
        if settings.price_per_mtok is not None:
            price_in, price_out = settings.price_per_mtok
            cost = round(
                (self.prompt_tokens * price_in + self.completion_tokens * price_out) / 1e6, 6
            )
        return Usage(
            calls=self.calls,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            estimated_cost_usd=cost,
        )
