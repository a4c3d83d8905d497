"""Typed errors. Each message says what was wrong and what to do about it."""

from __future__ import annotations


class ImpasseError(Exception):
    """Base class for the errors the product reports to users."""


class InputRejected(ImpasseError):
    """The input cannot be read as a conversation (empty, binary, too large...)."""


class ParseError(InputRejected):
    """No parser could make turns out of the input."""

    def __init__(self, message: str, tried: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.tried = tried


class LanguagePackError(ImpasseError):
    """A language pack's file is missing or malformed; the message names the file and key."""


class PromptError(ImpasseError):
    """A prompt file is missing, or a template variable was not supplied."""


class ModelOutputError(ImpasseError):
    """The model's output did not validate, even after one re-ask.

    Keeps every raw output so the failure can be inspected.
    """

    def __init__(self, message: str, attempts: int, raw_outputs: list[str]) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.raw_outputs = raw_outputs


class LLMUnavailable(ImpasseError):
    """The LLM endpoint could not be used (network, auth, rate limit, refusal...)."""
