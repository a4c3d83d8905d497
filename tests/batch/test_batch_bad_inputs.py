"""The bad-input catalogue: every case gets a clear outcome through `impasse analyze`.

A rejected input becomes an error row with a message that says what to do, the exit code
is 1, and the batch goes on; an input that can be read is analysed. Never a traceback,
never an "internal error" (that would be a bug hit by the input).
"""

from __future__ import annotations

import os
import pathlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_support import Run
from corpus import transcript

ULTIMATUM_CALL = (
    "Dana Reyes: We reviewed the quote and cannot accept 14% over last year.\n"
    "Marco Bianchi: That is our final number. We will not go below it.\n"
)


def _nested_quotes(depth: int) -> bytes:
    lines = ["Dana,", "", "Still waiting on your answer about the price.", "", "Marco", ""]
    for level in range(1, depth + 1):
        lines.append(
            ">" * (level - 1) + f" On Mon, 3 Mar 2025 at 09:{level % 60:02d}, Someone wrote:"
        )
        lines.append(">" * level + f" message at depth {level}: can we talk about volumes?")
    return "\n".join(lines).encode()


def _only_signatures() -> bytes:
    block = (
        "--\nDana Reyes\nHead of Procurement | Northwind Logistics\nT: +1 415 555 0100\n\n"
        "Sent from my iPhone\n\n"
    )
    return (block * 5).encode()


# name -> (bytes of the file, expected exit code, a phrase the outcome must contain)
CASES: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "empty": (lambda: b"", 1, "empty"),
    "whitespace": (lambda: b"  \n\t \r\n   \n", 1, "empty"),
    "binary": (lambda: bytes(range(256)) * 64, 1, "binary"),
    "invalid_utf8": (lambda: b"Dana: the price is \x81\x8d final\n", 1, "not valid UTF-8"),
    "utf16_bom": (lambda: ULTIMATUM_CALL.encode("utf-16"), 0, "analysed"),
    "windows_1252": (
        lambda: (
            "Dana Reyes: Das ist zu teuer – 14 %.\nMarco Bianchi: That is our final number, "
            "€ 12 per unit.\n".encode("cp1252")
        ),
        0,
        "Windows-1252",
    ),
    "single_1mb_line": (
        lambda: b"Dana Reyes: " + b"we can discuss volumes " * 46_000,
        0,
        "analysed",
    ),
    "deeply_nested_quoting": (lambda: _nested_quotes(120), 0, "analysed"),
    "only_signatures": (_only_signatures, 0, "analysed"),
}


def _outcome(run: Run) -> dict[str, object]:
    rows = run.rows()
    assert len(rows) == 1, run.stdout
    return rows[0]


def _assert_clean(run: Run) -> None:
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stdout + run.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_when_bad_input_then_clear_outcome(name: str, tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    make, code, phrase = CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(make())
    run = analyze(str(path), "--format", "jsonl")
    _assert_clean(run)
    row = _outcome(run)
    assert run.exit_code == code, (run.stdout, run.stderr)
    assert row["source"] == str(path)
    if code == 1:
        assert phrase in str(row["error"])
        assert f"error: {path}" in run.stderr
    else:
        assert "error" not in row, row
        if phrase != "analysed":
            assert any(phrase in n for n in row["notices"])  # type: ignore[union-attr]


def test_when_50mb_file_then_refused_with_limit_named(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "huge_call.txt"
    with big.open("wb") as handle:  # sparse: the size is there, the disk blocks are not
        handle.truncate(50 * 1024 * 1024)
    run = analyze(str(big), "--format", "jsonl")
    _assert_clean(run)
    error = str(_outcome(run)["error"])
    assert run.exit_code == 1
    assert "limit" in error and "IMPASSE_MAX_INPUT_BYTES" in error
    assert "52.4 MB" in error  # the size is named, so the user knows by how much


def test_when_max_bytes_raised_then_large_file_is_read(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.txt"
    path.write_bytes(ULTIMATUM_CALL.encode() + b"Dana Reyes: " + b"x" * 3000 + b"\n")
    refused = analyze(str(path), "--format", "jsonl", "--max-bytes", "1KB")
    accepted = analyze(str(path), "--format", "jsonl", "--max-bytes", "1MB")
    assert refused.exit_code == 1 and "limit" in str(_outcome(refused)["error"])
    assert accepted.exit_code == 0 and "error" not in _outcome(accepted)


def test_when_max_bytes_malformed_then_usage_error(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.txt"
    path.write_text(ULTIMATUM_CALL)
    run = analyze(str(path), "--max-bytes", "lots")
    assert run.exit_code == 2
    assert run.stdout == ""


@pytest.mark.slow
def test_when_20000_turn_transcript_then_analysed(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "marathon_call.txt"
    path.write_text(transcript(random.Random(3), 20_000), encoding="utf-8")
    run = analyze(str(path), "--format", "jsonl")
    _assert_clean(run)
    row = _outcome(run)
    assert run.exit_code == 0, run.stderr
    # The last turn is the ultimatum: the end of a long call is not dropped.
    assert row["stage"] == "end"
    assert any(s["turn"] == 19_999 for s in row["signals"])  # type: ignore[union-attr]


def test_when_file_unreadable_then_error_row_and_batch_goes_on(
    tmp_path: Path, analyze, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    locked, fine = tmp_path / "locked.txt", tmp_path / "fine.txt"
    locked.write_text(ULTIMATUM_CALL)
    fine.write_text(ULTIMATUM_CALL)
    real_open = pathlib.Path.open

    # Tests run as root, where chmod 000 does not stop a read: simulate the refusal.
    def guarded(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", guarded)
    run = analyze(str(locked), str(fine), "--format", "jsonl")
    _assert_clean(run)
    rows = run.rows()
    assert run.exit_code == 1
    assert "permission denied" in str(rows[0]["error"])
    assert rows[1]["source"] == str(fine) and "error" not in rows[1]


def test_when_input_is_a_fifo_then_refused_without_hanging(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = analyze(str(fifo), "--format", "jsonl")
    assert run.exit_code == 1
    assert "not a regular file" in str(_outcome(run)["error"])


def test_when_directory_has_no_supported_files_then_clear_error(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "contract.pdf").write_bytes(b"%PDF-1.7")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    run = analyze(str(folder), "--format", "jsonl")
    error = str(_outcome(run)["error"])
    assert run.exit_code == 1
    assert "no supported files" in error and ".vtt" in error


def test_when_glob_matches_nothing_then_clear_error(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    run = analyze(str(tmp_path / "*.vtt"), "--format", "jsonl")
    assert run.exit_code == 1
    assert "no files match" in str(_outcome(run)["error"])


def test_when_folder_glob_and_stdin_mixed_then_each_input_once(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    calls = tmp_path / "calls"
    (calls / "2025" / ".hidden").mkdir(parents=True)
    (calls / "a.txt").write_text(ULTIMATUM_CALL)
    (calls / "2025" / "b.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nDana: hello\n")
    (calls / "2025" / ".hidden" / "c.txt").write_text(ULTIMATUM_CALL)
    (calls / "notes.pdf").write_bytes(b"%PDF")
    run = analyze(
        str(calls), str(calls / "*.txt"), "-", "--format", "jsonl", stdin=ULTIMATUM_CALL.encode()
    )
    sources = [row["source"] for row in run.rows()]
    assert sources == [str(calls / "a.txt"), str(calls / "2025" / "b.vtt"), "-"]
    assert run.exit_code == 0, run.stderr


def test_when_one_input_fails_then_stdout_holds_only_data(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ULTIMATUM_CALL)
    bad.write_bytes(b"")
    for fmt in ("jsonl", "json", "csv", "table", "md", "text"):
        run = analyze(str(good), str(bad), "--format", fmt)
        assert run.exit_code == 1
        assert "impasse:" not in run.stdout and "error: " + str(bad) not in run.stdout
        assert "good.txt" in run.stdout and "bad.txt" in run.stdout


def test_when_folder_holds_readme_then_it_is_not_analysed(tmp_path: Path, analyze) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "README.md").write_text("# Calls exported from Otter\n")
    (tmp_path / "LICENSE.txt").write_text("MIT\n")
    (tmp_path / "call.md").write_text(ULTIMATUM_CALL)
    run = analyze(str(tmp_path), "--format", "jsonl")
    assert [row["source"] for row in run.rows()] == [str(tmp_path / "call.md")]
