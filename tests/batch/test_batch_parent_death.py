"""A batch process killed outright (SIGKILL, the OOM killer) leaves nothing running:
its worker processes, the fork server and the resource tracker all exit."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import write_corpus

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]


def _running_in_group(pgid: int) -> list[int]:
    """The pids of the group's processes that still run (zombies, which only wait for
    their parent or init to reap them, do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue  # gone meanwhile
        fields = stat.rpartition(")")[2].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def test_when_batch_is_killed_then_no_worker_outlives_it(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 40, seed=5)
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "analyzer.cli.main", "analyze", str(tmp_path / "in"), "-",
        "--out", str(out), "--engine", "offline", "--no-drafts", "--jobs", "2",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    # '-' last: the batch waits on its stdin with its workers started, until killed.
    batch = subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while len(_running_in_group(batch.pid)) < 5 and time.monotonic() < deadline:
            time.sleep(0.02)  # the batch, the resource tracker, the fork server, 2 workers
        assert len(_running_in_group(batch.pid)) >= 5, "the workers never started"
        os.kill(batch.pid, signal.SIGKILL)  # the batch process alone, not its group
        batch.wait(timeout=10)
        killed = time.monotonic()
        while (left := _running_in_group(batch.pid)) and time.monotonic() < killed + 10:
            time.sleep(0.05)
        # Usually gone within 0.3 s (the workers poll every 0.2 s); 10 s spares a busy CI.
        assert not left, f"still running 10 s after the batch was killed: {left}"
    finally:
        batch.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(batch.pid, signal.SIGKILL)
