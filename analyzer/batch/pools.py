"""Where analyses run: inline, on daemon threads (LLM), or on worker processes (offline).

All three hand back `concurrent.futures.Future`s so the runner has one loop. The thread
pool uses daemon threads so Ctrl-C does not wait for a slow LLM call to come back (the
abandoned input has no result yet and is redone by `--resume`). Worker processes ignore
SIGINT: Ctrl-C on a terminal reaches the whole process group, and the parent alone
decides how to stop.

Worker processes also exit when the batch process dies, however it dies (SIGKILL, the
OOM killer): each watches it from a daemon thread (see `orphans.py`). Once they are
gone, the fork server and the resource tracker see their pipes close and exit too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, Protocol, TypeVar

from analyzer.batch.orphans import exit_with_parent

T = TypeVar("T")


class Pool(Protocol):
    """What the runner needs of an executor."""

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """Run fn(*args) and return its future."""
        ...

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop accepting work; optionally drop what has not started."""
        ...


class InlinePool:
    """Runs each task at once in the calling thread (one input at a time)."""

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """Run fn(*args) now; its result (or exception) is in the returned future."""
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # delivered to the caller through the future
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to stop."""


class DaemonThreadPool:
    """A fixed number of daemon threads reading one task queue."""

    def __init__(self, workers: int) -> None:
        self._tasks: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None
        ]
        self._tasks = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"impasse-batch-{i}", daemon=True)
            for i in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """Queue fn(*args) for the next free thread."""
        future: Future[T] = Future()
        self._tasks.put((future, fn, args))
        return future

    def _work(self) -> None:
        while (task := self._tasks.get()) is not None:
            future, fn, args = task
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # the future carries it to the runner
                future.set_exception(exc)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the threads once the queue drains (or drop queued tasks)."""
        if cancel_futures:
            while True:
                try:
                    task = self._tasks.get_nowait()
                except queue.Empty:
                    break
                if task is not None:
                    task[0].cancel()
        for _ in self._threads:
            self._tasks.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


def _worker_init(log_level: int, batch_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(batch_pid)
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for the offline engine.

    `forkserver` rather than `fork`: the parent runs a progress thread, and forking a
    threaded process can deadlock; the server preloads the analyzer once. Where there is
    no fork server (Windows), `spawn`.
    """
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["analyzer.batch.task"])
    else:  # Windows has only spawn
        context = multiprocessing.get_context("spawn")
    level = logging.getLogger().getEffectiveLevel()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_init,
        initargs=(level, os.getpid()),
    )
