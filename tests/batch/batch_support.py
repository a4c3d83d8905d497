"""What a test run of `impasse analyze` printed and returned."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class Run:
    """What one `impasse analyze` run printed and returned."""

    exit_code: int
    stdout: str
    stderr: str

    def rows(self) -> list[dict[str, object]]:
        """The JSON Lines of standard output."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def dies_on_poison(conversation: Any, options: Any, source: str) -> Any:
    """The analysis, except that an input named poison kills its process (a native crash,
    the OOM killer), for the worker-death tests."""
    import os

    from analyzer.pipeline import analyze_conversation

    if "poison" in source:
        os._exit(1)
    return analyze_conversation(conversation, options, source)
