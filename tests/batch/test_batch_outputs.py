"""What a batch writes: escaped Markdown and summary, plain table cells, one row per input
in every file, and logs without conversation text or keys."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

from analyzer.batch.logs import KeyScrubber
from analyzer.batch.store import RESULTS_DIR

HOSTILE_SPEAKER = "<img src=x onerror=alert(1)> Marco"
CALL = (
    "Dana Reyes: Can you move on the unit price?\n"
    f"{HOSTILE_SPEAKER}: That is our final number. We will not go below it.\n"
)
SECRET = "Project Bluefin"


def test_when_conversation_holds_html_then_markdown_escapes_it(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.txt"
    path.write_text(CALL)
    run = analyze(str(path), "--format", "md")
    assert run.exit_code == 0, run.stderr
    assert "onerror" in run.stdout  # the speaker is shown...
    assert "<img" not in run.stdout  # ...but never as markup
    assert "&lt;img" in run.stdout


def test_when_file_names_hold_html_then_summary_escapes_them(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "<script>alert(1)<.txt").write_bytes(b"")
    (folder / "call.txt").write_text(CALL)
    out = tmp_path / "out"
    run = analyze(str(folder), "--out", str(out))
    assert run.exit_code == 1
    summary = (out / "summary.md").read_text()
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    assert "- Inputs: 2" in summary and "- Failed: 1" in summary
    assert "Impasse rate: 100.0% (1 of 1 analysed)" in summary
    assert "| Ultimatum | 1 |" in summary


def test_when_out_dir_then_every_file_has_one_entry_per_input(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"call_{i}.txt").write_text(CALL)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run = analyze(str(folder), "--out", str(out), "--format", "jsonl")
    assert run.exit_code == 1
    lines = (out / "results.jsonl").read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [
        str(folder / n) for n in ("call_0.txt", "call_1.txt", "call_2.txt", "empty.txt")
    ]
    with (out / "results.csv").open() as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "source", "engine", "negotiation", "impasse", "stage", "end_type", "confidence",
            "signal_types", "top_strategy", "error",
        ]  # fmt: skip
        rows = list(reader)
    assert [r["stage"] for r in rows] == ["end", "end", "end", ""]
    assert "empty" in rows[3]["error"]
    assert len(list((out / RESULTS_DIR).glob("*.json"))) == 4
    assert run.stdout.count("\n") == 4  # stdout still carries the results


def test_when_table_then_file_names_are_not_rich_markup(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "[bold red]deal.txt"
    path.write_text(CALL)
    run = analyze(str(path), "--format", "table")
    assert "[bold red]deal.txt" in run.stdout


def test_when_log_level_info_then_no_conversation_text_in_logs(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.txt"
    path.write_text(
        f"Dana Reyes: About {SECRET}, can you move?\nMarco: That is our final number.\n"
    )
    info = analyze(str(path), "--format", "jsonl", "--log-level", "info")
    assert "turns" in info.stderr  # it does log...
    assert SECRET not in info.stderr  # ...but not the text
    debug = analyze(str(path), "--format", "jsonl", "--log-level", "debug")
    assert "conversation text" in debug.stderr  # debug says that it shows text


def test_when_log_line_carries_a_key_then_it_is_masked() -> None:
    scrubber = KeyScrubber(["my-local-gateway-key-123"])
    record = logging.LogRecord(
        "openai", logging.INFO, __file__, 1,
        "headers %s and %s", ("Bearer sk-fake-abcdefghijklmnop", "my-local-gateway-key-123"), None,
    )  # fmt: skip
    scrubber.filter(record)
    message = record.getMessage()
    assert "sk-fake-abcdefghijklmnop" not in message and "gateway-key" not in message
    assert message.count("[key hidden]") == 2
