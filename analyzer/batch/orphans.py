"""Worker processes that exit when the batch process dies.

A worker started by the fork server is the server's child, not the batch's, and it holds
pipe ends that keep the server and the resource tracker waiting: when the batch process
is killed outright nothing would ever tell them to stop. So each worker watches the batch
process from a daemon thread and exits as soon as it is gone (or its own parent changes,
which covers the `spawn` start method). On Linux, PR_SET_PDEATHSIG additionally kills a
worker the moment its direct parent dies. On Windows (`spawn` only) the thread waits on
the parent's process handle instead.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path

POLL_S = 0.2
_PR_SET_PDEATHSIG = 1


def exit_with_parent(batch_pid: int, poll_s: float = POLL_S) -> None:
    """Make this process exit within about `poll_s` of `batch_pid` dying."""
    if sys.platform == "linux":
        _set_pdeathsig()
    if sys.platform == "win32":
        target, args = _wait_on_parent, ()
    else:
        target, args = _watch, (batch_pid, os.getppid(), poll_s)
    threading.Thread(target=target, args=args, name="impasse-orphan-watch", daemon=True).start()


def _wait_on_parent() -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        wait([parent.sentinel])
        os._exit(1)


def _watch(batch_pid: int, parent: int, poll_s: float) -> None:
    while True:
        time.sleep(poll_s)
        if os.getppid() != parent or not is_alive(batch_pid):
            os._exit(1)  # nothing to save: results are the batch process's to write


def is_alive(pid: int) -> bool:
    """Whether `pid` is a running process (a zombie, dead but not yet reaped, is not).

    POSIX only: on Windows os.kill(pid, 0) would end the process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user (the pid was reused)
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): a zombie counts as alive until it is reaped
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _set_pdeathsig() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watcher thread still ends the worker
