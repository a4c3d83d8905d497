"""The README's two commands can run side by side, and CI runs the second one verbatim.

The app's command installs into its own environment (a regular install, `.venv-app`); the
test command installs editable into `.venv`. Reinstalling into the environment a running
app imports from breaks it mid-run, so the two must never share one.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None, "the README opens with a bash block of two commands"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2, lines
    return lines


def _venvs(command: str) -> set[str]:
    return set(re.findall(r"python3 -m venv (\S+)", command))


def test_when_the_app_and_the_tests_run_together_then_they_use_separate_environments() -> None:
    app, tests = _readme_commands()
    assert "impasse ui" in app and "pytest" in tests
    assert _venvs(app) and _venvs(tests)
    assert _venvs(app).isdisjoint(_venvs(tests))
    (app_venv,) = _venvs(app)
    # Every program the app's command runs comes from its own environment.
    assert re.findall(r"(\S+)/bin/", app) == [app_venv, app_venv]
    assert " -e " not in app, "the app runs from a copy, not from the work tree"


def test_when_ci_runs_then_it_runs_the_readme_test_command_verbatim() -> None:
    _, tests = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci


def test_when_make_ui_runs_then_it_uses_the_app_environment() -> None:
    app, _ = _readme_commands()
    (app_venv,) = _venvs(app)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"APP_VENV ?= {app_venv}" in makefile
    assert "$(APP_VENV)/bin/impasse ui" in makefile
