"""LLM settings from the environment; the key never shows."""

from __future__ import annotations

import logging

import pytest

from analyzer.llm.settings import (
    DEFAULT_CONTEXT_TOKENS,
    DEFAULT_MODEL,
    SettingsError,
    StructuredMethod,
    context_tokens_for,
    load_settings,
)

SECRET = "sk-proj-SECRET-never-print-1234"


def test_when_nothing_is_set_then_defaults_and_not_configured() -> None:
    settings = load_settings({})
    assert settings.model == DEFAULT_MODEL
    assert not settings.configured
    assert settings.structured_method is None


def test_when_key_is_set_then_it_never_appears_in_repr_str_dump_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = load_settings({"OPENAI_API_KEY": SECRET})
    assert settings.configured
    logging.getLogger("test").warning("settings: %s %r", settings, settings)
    for text in (repr(settings), str(settings), settings.model_dump_json(), caplog.text):
        assert SECRET not in text
    assert settings.api_key is not None and settings.api_key.get_secret_value() == SECRET


def test_when_only_base_url_is_set_then_configured_for_a_local_server() -> None:
    settings = load_settings({"OPENAI_BASE_URL": "http://localhost:11434/v1"})
    assert settings.configured and settings.api_key is None
    assert settings.endpoint == f"http://localhost:11434/v1|{DEFAULT_MODEL}"


@pytest.mark.parametrize(
    ("model", "tokens"),
    [
        ("gpt-4o", 128_000),
        ("gpt-4o-2024-08-06", 128_000),
        ("gpt-4.1-mini", 1_047_576),
        ("gpt-5-mini", 272_000),
        ("llama3.1:8b", DEFAULT_CONTEXT_TOKENS),
        ("smollm2-135m-instruct", DEFAULT_CONTEXT_TOKENS),
    ],
)
def test_when_model_is_known_then_its_context_is_the_default(model: str, tokens: int) -> None:
    assert context_tokens_for(model) == tokens
    assert load_settings({"IMPASSE_MODEL": model}).context_tokens == tokens


def test_when_context_tokens_is_set_then_it_wins() -> None:
    settings = load_settings({"IMPASSE_MODEL": "gpt-4o", "IMPASSE_CONTEXT_TOKENS": "4096"})
    assert settings.context_tokens == 4096


@pytest.mark.parametrize("method", list(StructuredMethod))
def test_when_structured_method_is_forced_then_it_is_read(method: StructuredMethod) -> None:
    assert load_settings({"IMPASSE_STRUCTURED_METHOD": method.value}).structured_method is method


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("IMPASSE_STRUCTURED_METHOD", "xml", "json_schema, function_calling, json_mode"),
        ("IMPASSE_CONTEXT_TOKENS", "lots", "whole number"),
        ("IMPASSE_TIMEOUT", "-1", "positive"),
        ("IMPASSE_PRICE_PER_MTOK", "1", "input,output"),
    ],
)
def test_when_a_setting_is_malformed_then_the_error_names_it(
    name: str, value: str, words: str
) -> None:
    with pytest.raises(SettingsError, match=name) as info:
        load_settings({name: value})
    assert words in str(info.value)


def test_when_price_is_known_or_given_then_cost_can_be_estimated() -> None:
    assert load_settings({"IMPASSE_MODEL": "gpt-4.1-mini"}).price_per_mtok == (0.40, 1.60)
    assert load_settings({"IMPASSE_MODEL": "local"}).price_per_mtok is None
    given = load_settings({"IMPASSE_MODEL": "local", "IMPASSE_PRICE_PER_MTOK": "0.1,0.2"})
    assert given.price_per_mtok == (0.1, 0.2)
