"""Fixtures for the batch tests: running `impasse analyze` in-process and on disk."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from batch_support import Run
from typer.testing import CliRunner

from analyzer.textio import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
# The corpus generator is shared with the benchmarks.
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture
def analyze(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `impasse analyze ARGS` in-process on the offline engine, without drafts."""
    from analyzer.cli.main import app

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    # Set (not deleted) so that a --max-bytes run cannot leak its limit into later tests.
    monkeypatch.setenv("IMPASSE_MAX_INPUT_BYTES", str(DEFAULT_MAX_BYTES))

    def run(*args: str, stdin: bytes | None = None) -> Run:
        argv = ["analyze", *args, "--engine", "offline", "--no-drafts"]
        result = CliRunner().invoke(app, argv, input=stdin)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
