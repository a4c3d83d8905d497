"""The analysis contract through the CLI: schema export and eval over a labelled file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from analyzer.cli.main import app

RUNNER = CliRunner()

CHAT = (
    "Dana Reyes: Hi Tom, where did you land on the renewal at $118 a seat?\n"
    "Tom Okafor: Honestly, we can't go any further on price at this time.\n"
    "Dana Reyes: Understood, is it a budget question or an approval question?\n"
    "Tom Okafor: I think we should leave it there for today.\n"
)


def test_when_schema_is_asked_then_it_describes_analysis_and_error() -> None:
    result = RUNNER.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    names = set(schema["$defs"])
    assert {"Analysis", "AnalysisError", "Signal", "Check"} <= names
    fields = set(schema["$defs"]["Analysis"]["properties"])
    assert {"source", "engine", "impasse", "stage", "end_type", "confidence", "side", "signals",
            "causes", "strategies", "drafts", "checks", "notices", "usage"} <= fields  # fmt: skip


def test_when_eval_runs_on_labels_then_it_prints_every_figure(tmp_path: Path) -> None:
    (tmp_path / "call.txt").write_text(CHAT)
    label = {
        "id": "call", "file": "call.txt", "us": ["Dana Reyes"], "them": ["Tom Okafor"],
        "impasse": True, "stage": "end", "end_type": "soft",
        "signals": [{"type": "weasel_words", "speaker": "Tom Okafor", "quote": "we can't go any further on price at this time"},
                    {"type": "walkout", "speaker": "Tom Okafor", "quote": "I think we should leave it there for today."}],
        "forbidden_strategies": ["call_the_question"],
    }  # fmt: skip
    (tmp_path / "labels.jsonl").write_text(json.dumps(label) + "\n")
    result = RUNNER.invoke(app, ["eval", str(tmp_path / "labels.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["all"]
    assert figures["stage_accuracy"] == 1.0 and figures["end_type_accuracy"] == 1.0
    assert figures["signal_type_f1"] == 1.0 and figures["forbidden_strategy_share"] == 0.0


def test_when_eval_gets_a_broken_labels_file_then_it_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "labels.jsonl").write_text("{not json\n")
    result = RUNNER.invoke(app, ["eval", str(tmp_path / "labels.jsonl")])
    assert result.exit_code == 2
    assert "not a valid label" in result.output
