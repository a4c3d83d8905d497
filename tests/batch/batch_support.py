"""What a test run of `impasse analyze` printed and returned."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Run:
    """What one `impasse analyze` run printed and returned."""

    exit_code: int
    stdout: str
    stderr: str

    def rows(self) -> list[dict[str, object]]:
        """The JSON Lines of standard output."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]
