"""`impasse draft FILE --strategy ID`: only the drafts, checked, on standard output."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli.main import app

THREAD = """From: Okonkwo, Chidi <chidi.okonkwo@velmarhealth.org>
Sent: Thursday, June 19, 2025 3:41 PM
To: Jordan Pike <jpike@ridgelineadvisory.com>
Subject: RE: MSA redlines

Jordan,

I hear you on the cap, but honestly liability is above my pay grade. Legal owns that section and I can't speak for them.

Let's park the cap for now and go through the rate card on Monday as planned.

Chidi

From: Jordan Pike <jpike@ridgelineadvisory.com>
Sent: Wednesday, June 18, 2025 6:12 PM
To: Okonkwo, Chidi <chidi.okonkwo@velmarhealth.org>
Subject: RE: MSA redlines

Hi Chidi,

We can accept almost all of the changes. The one we can't take is unlimited liability for data incidents: our insurers cap us at 2x fees.

Could we get your legal team on a call this week?

Best,
Jordan
"""

runner = CliRunner()


@pytest.fixture
def thread(tmp_path: Path) -> Path:
    path = tmp_path / "msa.txt"
    path.write_text(THREAD, encoding="utf-8")
    return path


def draft(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["draft", *args, "--engine", "offline", "--me", "Jordan Pike"])
    return result.exit_code, result.stdout, result.stderr


def test_when_one_strategy_is_asked_then_only_its_draft_is_printed(thread: Path) -> None:
    code, out, _ = draft(str(thread), "--strategy", "empathy_statement")
    assert code == 0
    assert out.splitlines()[0] in {"Hi Chidi,", "Hello Chidi,"}
    assert "?" in out and "==" not in out
    assert out.rstrip().endswith("Jordan")


def test_when_no_strategy_is_given_then_every_recommended_draft_is_printed(thread: Path) -> None:
    code, out, _ = draft(str(thread))
    assert code == 0
    assert "== Empathy statement ==" in out
    assert "== Trial balloon ==" in out
    assert "Framework checks" not in out and "Signals" not in out


def test_when_strategy_does_not_fit_the_stage_then_it_is_refused(thread: Path) -> None:
    code, out, err = draft(str(thread), "--strategy", "call_the_question")
    assert code == 1
    assert out == ""
    assert "does not fit" in err and "empathy_statement" in err


def test_when_private_fact_is_given_then_no_printed_draft_reveals_it(thread: Path) -> None:
    code, out, _ = draft(str(thread), "--private", "liability", "--strategy", "trial_balloon")
    assert "liabilit" not in out.lower()
    assert code in {0, 1}


def test_when_tone_changes_then_the_printed_draft_changes(thread: Path) -> None:
    texts = {
        draft(str(thread), "--strategy", "probe_underlying_reasons", "--tone", t)[1]
        for t in ("neutral", "warm", "firm")
    }
    assert len(texts) == 3


def test_when_file_is_missing_then_error_on_stderr(tmp_path: Path) -> None:
    code, out, err = draft(str(tmp_path / "nope.txt"))
    assert code != 0 and out == ""
    assert "error" in err
