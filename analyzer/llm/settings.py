"""LLM configuration, read from the environment the way the OpenAI ecosystem does it.

`OPENAI_API_KEY` and `OPENAI_BASE_URL` are the standard variables (any OpenAI-compatible
endpoint: Ollama, vLLM, LM Studio, llama.cpp, gateways). The key is held as a `SecretStr`
so it never appears in a repr, a log line or a dump; nothing in this package writes it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from analyzer.errors import ImpasseError

# A cheap model that supports strict JSON-schema output and temperature 0.
DEFAULT_MODEL = "gpt-4.1-mini"

# Context windows of known models (input tokens). A custom endpoint cannot be asked,
# so anything else uses DEFAULT_CONTEXT_TOKENS unless IMPASSE_CONTEXT_TOKENS says.
KNOWN_CONTEXT_TOKENS: dict[str, int] = {
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "gpt-4.1": 1_047_576,
    "gpt-4.1-mini": 1_047_576,
    "gpt-4.1-nano": 1_047_576,
    "gpt-5": 272_000,
    "gpt-5-mini": 272_000,
    "gpt-5-nano": 272_000,
    "o3": 200_000,
    "o4-mini": 200_000,
}
# Small on purpose: local models often run with a few thousand tokens of context.
DEFAULT_CONTEXT_TOKENS = 8_192

# USD per million tokens (input, output) for the cost estimate; unknown models get none.
KNOWN_PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


class StructuredMethod(StrEnum):
    """How the model is made to answer in the output schema, most to least strict."""

    JSON_SCHEMA = "json_schema"
    FUNCTION_CALLING = "function_calling"
    JSON_MODE = "json_mode"


class SettingsError(ImpasseError):
    """An LLM setting in the environment has a value that cannot be used."""


class LLMSettings(BaseModel):
    """Everything the chain needs to reach one endpoint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    api_key: SecretStr | None = Field(default=None, repr=False)
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    context_tokens: int = Field(default=DEFAULT_CONTEXT_TOKENS, gt=0)
    max_output_tokens: int = Field(default=2_000, gt=0)
    # One budget for all the calls of one analysis (IMPASSE_TIMEOUT), not per request.
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=3, ge=0)
    structured_method: StructuredMethod | None = None
    price_per_mtok: tuple[float, float] | None = None

    @property
    def configured(self) -> bool:
        """True when a key or a base URL is set (what `--engine auto` looks at)."""
        return self.api_key is not None or self.base_url is not None

    @property
    def endpoint(self) -> str:
        """Identifies one endpoint and model (for the structured-method memory and cache)."""
        return f"{self.base_url or 'https://api.openai.com/v1'}|{self.model}"


def context_tokens_for(model: str) -> int:
    """The known context window of a model name, or the conservative default."""
    if model in KNOWN_CONTEXT_TOKENS:
        return KNOWN_CONTEXT_TOKENS[model]
    # Dated snapshots ("gpt-4o-2024-08-06") share their family's window.
    for name in sorted(KNOWN_CONTEXT_TOKENS, key=len, reverse=True):
        if model.startswith(name + "-"):
            return KNOWN_CONTEXT_TOKENS[name]
    return DEFAULT_CONTEXT_TOKENS


def load_settings(env: Mapping[str, str] | None = None) -> LLMSettings:
    """Read the settings from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    model = env.get("IMPASSE_MODEL", "").strip() or DEFAULT_MODEL
    key = env.get("OPENAI_API_KEY", "").strip()
    base_url = env.get("OPENAI_BASE_URL", "").strip() or None
    method_text = env.get("IMPASSE_STRUCTURED_METHOD", "").strip()
    try:
        method = StructuredMethod(method_text) if method_text else None
    except ValueError:
        names = ", ".join(m.value for m in StructuredMethod)
        raise SettingsError(
            f"IMPASSE_STRUCTURED_METHOD={method_text!r} is not one of: {names}."
        ) from None
    return LLMSettings(
        api_key=SecretStr(key) if key else None,
        base_url=base_url,
        model=model,
        context_tokens=_int(env, "IMPASSE_CONTEXT_TOKENS", context_tokens_for(model)),
        max_output_tokens=_int(env, "IMPASSE_MAX_OUTPUT_TOKENS", 2_000),
        timeout_s=_float(env, "IMPASSE_TIMEOUT", 60.0),
        max_retries=_int(env, "IMPASSE_MAX_RETRIES", 3),
        structured_method=method,
        price_per_mtok=_price(env, model),
    )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a whole number.") from None
    if value < 0:
        raise SettingsError(f"{name}={text!r} must not be negative.")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a number of seconds.") from None
    if value <= 0:
        raise SettingsError(f"{name}={text!r} must be positive.")
    return value


def _price(env: Mapping[str, str], model: str) -> tuple[float, float] | None:
    """`IMPASSE_PRICE_PER_MTOK="0.4,1.6"` overrides the known price table."""
    text = env.get("IMPASSE_PRICE_PER_MTOK", "").strip()
    if not text:
        return KNOWN_PRICES_PER_MTOK.get(model)
    parts = text.split(",")
    try:
        prices = [float(p) for p in parts]
    except ValueError:
        prices = []
    if len(prices) != 2:
        raise SettingsError(
            f"IMPASSE_PRICE_PER_MTOK={text!r} must be 'input,output' USD per million tokens."
        )
    return prices[0], prices[1]
