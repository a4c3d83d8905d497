"""Logging for the command line: standard error only, no conversation text or key by
default.

Our own log records never carry conversation text below DEBUG. The HTTP and SDK
libraries log request bodies at DEBUG, so they are held at WARNING unless the user asks
for `debug`, and then a line on standard error says that the log now shows text. Every
line also passes a filter that masks API keys, in case a library prints one.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from enum import StrEnum

# Libraries whose DEBUG (and some INFO) records include request bodies or headers.
_CHATTY = ("openai", "httpx", "httpx2", "httpcore", "langchain", "langchain_core", "urllib3")
_KEY_SHAPES = re.compile(r"\b(sk-[A-Za-z0-9_\-]{8,}|Bearer\s+[A-Za-z0-9_\-.]{8,})")
_HANDLER_NAME = "impasse-stderr"


class LogLevel(StrEnum):
    """`--log-level`."""

    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time (tests and tools swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        """Emit on the current standard error."""
        self.stream = sys.stderr
        super().emit(record)


class KeyScrubber(logging.Filter):
    """Masks API keys (the configured one, and anything shaped like one) in log lines."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self.secrets = [s for s in (secrets or []) if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with keys masked; never drop a record."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed record: logging reports it itself
        masked = _KEY_SHAPES.sub("[key hidden]", message)
        for secret in self.secrets:
            masked = masked.replace(secret, "[key hidden]")
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure(level: LogLevel) -> None:
    """Send log records at `level` and above to standard error (once per process)."""
    root = logging.getLogger()
    numeric = logging.getLevelName(level.value.upper())
    handler = next((h for h in root.handlers if h.get_name() == _HANDLER_NAME), None)
    if handler is None:
        handler = _StderrHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handler.addFilter(KeyScrubber([os.environ.get("OPENAI_API_KEY", "")]))
        root.addHandler(handler)
    handler.setLevel(numeric)
    root.setLevel(numeric)
    quiet = logging.DEBUG if level is LogLevel.DEBUG else logging.WARNING
    for name in _CHATTY:
        logging.getLogger(name).setLevel(quiet)
    if level is LogLevel.DEBUG:
        sys.stderr.write(
            "warning: --log-level debug writes conversation text (and request bodies) to "
            "the log; do not share it.\n"
        )
