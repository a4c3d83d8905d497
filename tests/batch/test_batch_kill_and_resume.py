"""A batch killed at any moment and resumed ends with exactly one row per input.

The batch runs in its own process group, as on a terminal, and is stopped with SIGKILL
(nothing runs after it) or SIGINT (Ctrl-C: the parent stops cleanly, workers ignore it)
at several moments, with one and with two worker processes; then it is resumed to the end.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import write_corpus

from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.store import RESULTS_DIR, parse_result

pytestmark = pytest.mark.slow

THREADS = 110  # enough that a late signal on a busy machine still lands mid-batch


def _inputs(folder: Path) -> list[str]:
    paths = write_corpus(folder, THREADS, seed=11)
    for name in ("empty_a.txt", "empty_b.txt", "empty_c.txt"):
        (folder / name).write_bytes(b"")
    # Same content, two files: two inputs, two rows.
    twin = paths[0].read_bytes()
    (folder / "twin_1.txt").write_bytes(twin)
    (folder / "twin_2.txt").write_bytes(twin)
    return sorted(str(p) for p in folder.iterdir())


def _command(folder: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "analyzer.cli.main", "analyze", str(folder), "--out", str(out),
        "--engine", "offline", "--no-drafts", "--format", "jsonl", *extra,
    ]  # fmt: skip


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """Run to the end; the exit code is the test's to check."""
    return subprocess.run(command, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _run_and_stop(folder: Path, out: Path, new_rows: int, sig: int, *extra: str) -> int | None:
    """Start the batch, wait until it has written `new_rows` more results, signal the group.

    Counted from the rows already there: on a busy machine a killed run may have written
    more rows than asked before the kill landed, and an absolute count would then signal
    the next run while it is still starting up, before it runs anything."""
    threshold = _lines(out / "results.jsonl") + new_rows
    proc = subprocess.Popen(
        _command(folder, out, "--resume", *extra),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, like a job on a terminal
    )
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if _lines(out / "results.jsonl") >= threshold:
            os.killpg(proc.pid, sig)
            break
        time.sleep(0.01)
    _, stderr = proc.communicate(timeout=120)
    assert b"Traceback" not in stderr, stderr.decode()
    assert _group_gone(proc.pid), "a worker process outlived the batch"
    return proc.returncode


def _group_gone(pgid: int, within_s: float = 10.0) -> bool:
    """True once no process of the batch's group is left (workers, fork server)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _assert_one_row_per_input(out: Path, expected: list[str]) -> list[Analysis | AnalysisError]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    results = [parse_result(line) for line in lines]
    assert all(r is not None for r in results), "a corrupt line survived"
    sources = [r.source for r in results if r is not None]
    assert len(sources) == len(set(sources)), "an input has two rows"
    assert sorted(sources) == expected
    with (out / "results.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["source"] for row in rows) == expected
    per_input = sorted((out / RESULTS_DIR).iterdir())
    assert len(per_input) == len(expected) and all(p.suffix == ".json" for p in per_input)
    for path in per_input:
        json.loads(path.read_text(encoding="utf-8"))
    return [r for r in results if r is not None]


def test_when_batch_killed_repeatedly_then_resume_leaves_one_row_per_input(tmp_path: Path) -> None:
    folder, out = tmp_path / "threads", tmp_path / "out"
    expected = _inputs(folder)
    stops = [  # rows each run writes before it is stopped
        (5, signal.SIGKILL, ()),
        (10, signal.SIGINT, ()),
        (10, signal.SIGKILL, ("--jobs", "2")),
        (10, signal.SIGINT, ("--jobs", "2")),
    ]
    for new_rows, sig, extra in stops:
        code = _run_and_stop(folder, out, new_rows, sig, *extra)
        # The signal arrived mid-batch: killed outright, or a clean stop with 130.
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
        assert _lines(out / "results.jsonl") < len(expected)
        if sig == signal.SIGINT:
            # A clean stop has already rewritten the files: one row per finished input.
            _assert_one_row_per_input_so_far(out)
    final = _run(_command(folder, out, "--resume"), env=_env(), capture_output=True, timeout=300)
    assert final.returncode == 1, final.stderr.decode()  # the three empty files failed
    results = _assert_one_row_per_input(out, expected)
    failed = sorted(r.source for r in results if isinstance(r, AnalysisError))
    assert [Path(f).name for f in failed] == ["empty_a.txt", "empty_b.txt", "empty_c.txt"]
    assert b"reused" in final.stderr


def _assert_one_row_per_input_so_far(out: Path) -> None:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    sources = [r.source for r in map(parse_result, lines) if r is not None]
    assert len(sources) == len(lines) == len(set(sources))
    with (out / "results.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(lines)


def test_when_failed_input_fixed_then_resume_replaces_its_error_row(tmp_path: Path) -> None:
    folder, out = tmp_path / "threads", tmp_path / "out"
    expected = _inputs(folder)
    first = _run(_command(folder, out), env=_env(), capture_output=True, timeout=300)
    assert first.returncode == 1
    for name in ("empty_a.txt", "empty_b.txt", "empty_c.txt"):
        (folder / name).write_text("Dana: That is our final number.\nMarco: Then we walk away.\n")
    again = _run(_command(folder, out, "--resume"), env=_env(), capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    results = _assert_one_row_per_input(out, expected)
    assert all(isinstance(r, Analysis) for r in results)
    assert f"{len(expected) - 3} reused".encode() in again.stderr


def test_when_out_dir_holds_results_without_resume_then_usage_error(tmp_path: Path) -> None:
    folder, out = tmp_path / "threads", tmp_path / "out"
    write_corpus(folder, 2)
    assert _run(_command(folder, out), env=_env(), timeout=120).returncode == 0
    again = _run(_command(folder, out), env=_env(), capture_output=True, timeout=120)
    assert again.returncode == 2
    assert b"--resume" in again.stderr and again.stdout == b""
