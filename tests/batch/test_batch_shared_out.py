"""One writer per output folder: a second batch on a busy --out is refused, a lock left
by a dead batch is taken over, and temporary names never collide between processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import write_corpus

from analyzer.batch.lock import LOCK_FILE, acquire
from analyzer.batch.store import RESULTS_DIR, RESULTS_JSONL, ResultStore, parse_result

CALL = "Dana: That is our final number.\nMarco: Then we walk away.\n"


def _command(out: Path, *sources: str) -> list[str]:
    return [
        sys.executable, "-m", "analyzer.cli.main", "analyze", *sources, "--out", str(out),
        "--engine", "offline", "--no-drafts", "--format", "jsonl", "--jobs", "2",
    ]  # fmt: skip


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}


def _wait_for(condition: Callable[[], bool], within_s: float = 60.0) -> None:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the first batch")


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(proc.stdout)


@pytest.mark.slow
def test_when_two_batches_share_out_then_second_is_refused(tmp_path: Path) -> None:
    first_in = write_corpus(tmp_path / "in1", 40, seed=1)
    write_corpus(tmp_path / "in2", 40, seed=2)
    out = tmp_path / "out"
    # The first batch ends with '-': it holds the folder until its stdin is closed, so the
    # second one surely starts while the first is running, however busy the machine.
    first = subprocess.Popen(
        _command(out, str(tmp_path / "in1"), "-"),
        env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for(lambda: (out / LOCK_FILE).exists() and (out / RESULTS_JSONL).exists())
        second = subprocess.run(
            _command(out, str(tmp_path / "in2")),
            check=False,
            env=_env(),
            capture_output=True,
            timeout=120,
        )
        assert first.poll() is None, "the first batch ended before the second started"
        stdout, stderr = first.communicate(CALL.encode(), timeout=120)
    finally:
        first.kill()
    assert second.returncode == 2, second.stderr.decode()
    message = second.stderr.decode()
    assert "another impasse batch" in message and f"pid {first.pid}" in message
    assert "choose another --out" in message and second.stdout == b""
    assert "Traceback" not in message
    assert first.returncode == 0, stderr.decode()
    rows = [parse_result(line) for line in (out / RESULTS_JSONL).read_text().splitlines()]
    sources = sorted(r.source for r in rows if r is not None)
    assert sources == sorted([*(str(p) for p in first_in), "-"])
    assert len(list((out / RESULTS_DIR).iterdir())) == len(sources)
    assert len(stdout.splitlines()) == len(sources)
    assert not (out / LOCK_FILE).exists()
    assert not [p for p in out.rglob("*.tmp")]


def test_when_out_is_locked_then_batch_is_refused_with_exit_2(analyze, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "call.txt").write_text(CALL)
    out = tmp_path / "out"
    out.mkdir()
    lock = acquire(out)
    try:
        for extra in ((), ("--resume",)):
            run = analyze(str(tmp_path / "call.txt"), "--out", str(out), *extra)
            assert run.exit_code == 2 and run.stdout == ""
            assert f"another impasse batch (pid {os.getpid()}" in run.stderr
    finally:
        lock.release()
    assert analyze(str(tmp_path / "call.txt"), "--out", str(out)).exit_code == 0


def test_when_lock_left_by_dead_process_then_it_is_taken_over(analyze, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "call.txt").write_text(CALL)
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    stale = {"pid": dead, "host": "elsewhere", "started": "2026-01-01T00:00:00+00:00"}
    (out / LOCK_FILE).write_text(json.dumps(stale))
    (out / RESULTS_DIR).mkdir()
    leftovers = [out / RESULTS_DIR / "a.json.999-abcd.tmp", out / "results.jsonl.999-ab.tmp"]
    for path in leftovers:
        path.write_text("{")
    run = analyze(str(tmp_path / "call.txt"), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    assert f"took over the lock left by pid {dead}" in run.stderr
    assert "no longer running" in run.stderr
    assert not (out / LOCK_FILE).exists()
    assert not any(path.exists() for path in leftovers)
    assert len((out / RESULTS_JSONL).read_text().splitlines()) == 1


def test_when_open_is_refused_then_lock_is_released(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / RESULTS_JSONL).write_text('{"source": "a", "error": "x"}\n')
    with pytest.raises(Exception, match="--resume"):
        ResultStore(out, resume=False)
    acquire(out).release()  # free again: the refused open did not keep it
    assert not (out / LOCK_FILE).exists()


def test_when_writing_then_temporary_names_are_unique_per_process(tmp_path: Path) -> None:
    from analyzer.batch.store import _tmp_path

    target = tmp_path / "results.jsonl"
    names = {_tmp_path(target).name for _ in range(50)}
    assert len(names) == 50
    assert all(n.startswith(f"results.jsonl.{os.getpid()}-") and n.endswith(".tmp") for n in names)
