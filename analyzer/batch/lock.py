"""One writer per output folder: `DIR/.impasse-lock` names the batch that holds it.

The file holds the holder's pid, host and start time, for the message a second batch
gets. Exclusion itself is an OS lock on the open file (flock on POSIX, a byte-range lock
on Windows), which the kernel releases when the holder dies however it dies, so a lock
left by a killed batch is stale by construction and the next batch takes it over. The
holder removes the file when it closes the folder.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".impasse-lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # the locked byte lies past the holder's details


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds (or held) an output folder."""

    pid: int | None
    host: str | None
    started: str | None

    def describe(self) -> str:
        """E.g. 'pid 123 on host, started 2026-01-02T03:04:05+00:00', or what is known."""
        if self.pid is None:
            return "an unidentified process"
        where = f" on {self.host}" if self.host else ""
        when = f", started {self.started}" if self.started else ""
        return f"pid {self.pid}{where}{when}"


class LockHeld(Exception):
    """Another live process holds the folder."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


class FolderLock:
    """The held lock of one output folder; `release()` gives it up."""

    def __init__(self, path: Path, fd: int, previous: Holder | None) -> None:
        self.path = path
        self.previous = previous  # a stale holder this lock was taken over from
        self._fd: int | None = fd

    def release(self) -> None:
        """Remove the lock file, then drop the OS lock (idempotent)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if sys.platform == "win32":
                os.ftruncate(fd, 0)  # Windows cannot remove an open file
            else:
                self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)


def acquire(directory: Path) -> FolderLock:
    """Lock `directory` (which must exist) for this process, or raise LockHeld."""
    path = directory / LOCK_FILE
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            got = _try_lock(fd)
            if not got:
                raise LockHeld(_read(fd))
            if _same_file(fd, path):  # not removed by a releasing holder meanwhile
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    previous = _read(fd)
    me = Holder(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"))
    data = json.dumps({"pid": me.pid, "host": me.host, "started": me.started}).encode()
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data + b"\n")
    os.fsync(fd)
    return FolderLock(path, fd, previous if previous.pid is not None else None)


def _try_lock(fd: int) -> bool:
    """Take the OS lock without waiting; False when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), path.stat())
    except FileNotFoundError:
        return False


def _read(fd: int) -> Holder:
    """The details in the lock file; all None when it is empty or unreadable."""
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        pid = int(data["pid"])
    except (ValueError, KeyError, TypeError):
        return Holder(None, None, None)
    host, started = data.get("host"), data.get("started")
    return Holder(pid, str(host) if host else None, str(started) if started else None)
