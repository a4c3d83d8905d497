"""One input's analysis, as a picklable task a worker process or thread can run."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from analyzer.analysis import Analysis, AnalysisError
from analyzer.errors import ImpasseError
from analyzer.models import Conversation, InputFormat
from analyzer.options import AnalyzeOptions
from analyzer.pipeline import analyze_conversation
from analyzer.steps import step

log = logging.getLogger(__name__)

AnalyzeFn = Callable[[Conversation, AnalyzeOptions, str], Analysis]
"""The analysis of one parsed conversation: `pipeline.analyze_conversation` or a stand-in."""


@dataclass(frozen=True, slots=True)
class Task:
    """The bytes of one input and how to analyse them."""

    source: str
    filename: str | None
    data: bytes
    options: AnalyzeOptions
    input_format: InputFormat | None = None
    limit: int | None = None  # the input size limit in bytes (None: the default)


def run_task(task: Task, analyze: AnalyzeFn = analyze_conversation) -> Analysis | AnalysisError:
    """Parse and analyse one input; every failure becomes an error result, never a raise."""
    from analyzer.parsers import parse_bytes

    try:
        step("parsing")
        conversation = parse_bytes(
            task.data, input_format=task.input_format, filename=task.filename, limit=task.limit
        )
        if log.isEnabledFor(logging.DEBUG) and conversation.turns:
            # Only at debug level, which says on stderr that it shows conversation text.
            log.debug("%s: newest turn starts %r", task.source, conversation.turns[-1].text[:80])
        log.info("%s: %d turns (%s)", task.source, len(conversation.turns), conversation.format)
        return analyze(conversation, task.options, task.source)
    except ImpasseError as exc:
        return AnalysisError(source=task.source, error=str(exc))
    except Exception as exc:
        # The isolation boundary of a batch: a bug triggered by one input must not stop an
        # unattended run over thousands. The type is reported; the input is kept for a
        # bug report, and nothing of its text goes to the log.
        log.debug("%s: unexpected %s", task.source, type(exc).__name__, exc_info=True)
        return AnalysisError(
            source=task.source,
            error=f"internal error ({type(exc).__name__}) while analysing this input; "
            "please report it with the file if you can share it.",
        )
