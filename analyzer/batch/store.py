"""The output directory of a batch (`--out DIR`), written so that nothing is lost.

    DIR/results/<name>.json   one result per input, written atomically (temp + os.replace)
    DIR/results.jsonl         one analysis or error object per input, appended + fsynced
    DIR/.impasse-state.jsonl  per input: content hash, engine, model, prompt version
    DIR/results.csv           regenerated from results.jsonl at the end
    DIR/summary.md            regenerated from results.jsonl at the end
    DIR/.impasse-lock         while a batch writes: its pid, host and start time

One batch at a time writes a directory: a second is refused with OutputDirError while
the first runs, and a lock left by a batch that died is taken over (see `lock.py`).
Temporary files carry the writer's pid and a random part, so no two processes share one.

Each result reaches `results.jsonl` before its line in the state file, so a batch
killed at any moment either has both (the input is done), or only the result (it is
redone, and the later row wins), or neither. Opening the directory for `--resume`
drops a half-written last line; closing it rewrites `results.jsonl` with exactly one row
per input (the latest), so errors retried later are replaced rather than repeated.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from analyzer.analysis import Analysis, AnalysisError
from analyzer.batch.lock import FolderLock, LockHeld, acquire
from analyzer.batch.summary import render_summary
from analyzer.errors import ImpasseError

log = logging.getLogger(__name__)

Result = Analysis | AnalysisError

RESULTS_JSONL = "results.jsonl"
RESULTS_CSV = "results.csv"
SUMMARY_MD = "summary.md"
STATE_JSONL = ".impasse-state.jsonl"
RESULTS_DIR = "results"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class OutputDirError(ImpasseError):
    """The output directory cannot be used as asked (a usage error)."""


@dataclass(frozen=True, slots=True)
class Expected:
    """What a stored success must have been produced by to be reused on `--resume`."""

    engine: str
    model: str | None = None
    prompt_version: str | None = None


@dataclass(frozen=True, slots=True)
class _State:
    sha256: str | None
    engine: str | None
    model: str | None
    prompt_version: str | None
    ok: bool


def parse_result(line: str) -> Result | None:
    """One `results.jsonl` line as a result, or None when it is not one (corrupt)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        if "error" in data:
            return AnalysisError.model_validate(data)
        return Analysis.model_validate(data)
    except ValidationError:
        return None


def result_line(result: Result) -> str:
    """The compact JSON line of one result."""
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n"


def file_name_for(source: str) -> str:
    """A safe, unique, recognisable file name for one input's result."""
    tag = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    stem = "stdin" if source == "-" else _UNSAFE.sub("_", source).strip("._")[-80:]
    return f"{stem or 'input'}.{tag}.json"


class ResultStore:
    """Durable results of one batch in one directory (see the module docstring)."""

    def __init__(
        self,
        directory: Path,
        *,
        resume: bool,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = directory
        self.results: dict[str, Result] = {}
        self._state: dict[str, _State] = {}
        self._jsonl: IO[bytes] | None = None
        self._state_file: IO[bytes] | None = None
        self._lock = _lock(directory, notice or log.warning)
        try:
            self._open(resume)
        except BaseException:
            self._lock.release()
            raise

    # -- opening ------------------------------------------------------------------------

    def _open(self, resume: bool) -> None:
        d = self.directory
        existing = d / RESULTS_JSONL
        if not resume and existing.exists() and existing.stat().st_size > 0:
            raise OutputDirError(
                f"{d} already holds results; add --resume to continue that batch, "
                "or choose another --out directory."
            )
        (d / RESULTS_DIR).mkdir(parents=True, exist_ok=True)
        # Writes interrupted before their os.replace; no other writer is running.
        leftovers = [*(d / RESULTS_DIR).glob("*.tmp")]
        for name in (RESULTS_JSONL, STATE_JSONL, RESULTS_CSV, SUMMARY_MD):
            leftovers += d.glob(f"{name}.*.tmp")
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        self.results = _load_results(d / RESULTS_JSONL)
        self._state = _load_state(d / STATE_JSONL)
        # Rewriting both files drops duplicates and half-written lines before appending.
        self._compact([])
        self._jsonl = (d / RESULTS_JSONL).open("ab")
        self._state_file = (d / STATE_JSONL).open("ab")

    # -- queries ------------------------------------------------------------------------

    def reusable(self, source: str, sha256: str, expected: Expected) -> Analysis | None:
        """The stored success for this input, if it was made from the same content by the
        same engine, model and prompt version; None means the input must be analysed."""
        state = self._state.get(source)
        result = self.results.get(source)
        if state is None or not isinstance(result, Analysis) or not state.ok:
            return None
        same = (state.sha256, state.engine, state.model, state.prompt_version) == (
            sha256,
            expected.engine,
            expected.model,
            expected.prompt_version,
        )
        return result if same else None

    def reusable_hashes(self, expected: Expected) -> dict[str, str]:
        """Source -> content hash of every stored success `reusable` would hand back for
        that content (what a distributed runner ships to its workers)."""
        return {
            source: state.sha256
            for source, state in self._state.items()
            if state.sha256 is not None
            and self.reusable(source, state.sha256, expected) is not None
        }

    # -- writing ------------------------------------------------------------------------

    def record(self, source: str, sha256: str | None, result: Result, *, ok: bool = True) -> None:
        """Write one finished input: its own file, its results row, then its state row.

        `ok=False` writes an analysis that still counts as failed (the offline analysis
        standing in for `--engine llm`): `--resume` analyses that input again.
        """
        assert self._jsonl is not None and self._state_file is not None
        line = result_line(result)
        _atomic_write(self.directory / RESULTS_DIR / file_name_for(source), line.encode())
        _append(self._jsonl, line)
        if isinstance(result, Analysis):
            state = _State(sha256, result.engine.value, result.model, result.prompt_version, ok)
        else:
            state = _State(sha256, None, None, None, False)
        _append(self._state_file, _state_line(source, state))
        self.results[source] = result
        self._state[source] = state

    def close(self, order: Iterable[str]) -> None:
        """Rewrite results.jsonl with one row per input, then results.csv and summary.md;
        then give the directory up to the next batch."""
        try:
            for handle in (self._jsonl, self._state_file):
                if handle is not None:
                    handle.close()
            self._jsonl = self._state_file = None
            ordered = self._compact(list(order))
            _write_csv(self.directory / RESULTS_CSV, ordered)
            _atomic_write(self.directory / SUMMARY_MD, render_summary(ordered).encode())
        finally:
            self._lock.release()

    def _compact(self, order: list[str]) -> list[Result]:
        sources = list(dict.fromkeys([*(s for s in order if s in self.results), *self.results]))
        ordered = [self.results[s] for s in sources]
        _atomic_write(
            self.directory / RESULTS_JSONL, "".join(result_line(r) for r in ordered).encode()
        )
        states = "".join(_state_line(s, self._state[s]) for s in sources if s in self._state)
        _atomic_write(self.directory / STATE_JSONL, states.encode())
        return ordered


def _lock(directory: Path, notice: Callable[[str], None]) -> FolderLock:
    """This process's lock on the directory (created if need be), or OutputDirError."""
    if directory.exists() and not directory.is_dir():
        raise OutputDirError(f"--out {directory} is a file; give a directory.")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = acquire(directory)
    except LockHeld as held:
        raise OutputDirError(
            f"{directory} is being written by another impasse batch ({held}); two batches "
            "in one --out directory would overwrite each other's results. Wait for it to "
            "finish (then --resume adds to its results), or choose another --out directory."
        ) from None
    except OSError as exc:
        raise OutputDirError(f"--out {directory} cannot be used: {exc.strerror or exc}.") from exc
    if lock.previous is not None and lock.previous.pid != os.getpid():
        notice(
            f"{directory}: took over the lock left by {lock.previous.describe()}, which "
            "is no longer running (it was killed or crashed)."
        )
    return lock


def _tmp_path(path: Path) -> Path:
    """A temporary name next to `path` that no other process (or call) uses."""
    return path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _state_line(source: str, state: _State) -> str:
    data = {
        "source": source,
        "sha256": state.sha256,
        "engine": state.engine,
        "model": state.model,
        "prompt_version": state.prompt_version,
        "ok": state.ok,
    }
    return json.dumps(data, ensure_ascii=False) + "\n"


def _complete_lines(path: Path) -> list[str]:
    """The complete lines of a file; a half-written last line (no newline) is dropped."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        log.warning("%s: dropped a half-written last line (the batch was interrupted)", path.name)
        raw = raw[: raw.rfind(b"\n") + 1]
    return raw.decode("utf-8", "replace").splitlines()


def _load_results(path: Path) -> dict[str, Result]:
    results: dict[str, Result] = {}
    for number, line in enumerate(_complete_lines(path), 1):
        if not line.strip():
            continue
        result = parse_result(line)
        if result is None:
            log.warning("%s line %d is not a result; it was dropped", path.name, number)
            continue
        results[result.source] = result  # a later row for the same input wins
    return results


def _load_state(path: Path) -> dict[str, _State]:
    states: dict[str, _State] = {}
    for line in _complete_lines(path):
        try:
            data = json.loads(line)
            states[str(data["source"])] = _State(
                sha256=data.get("sha256"),
                engine=data.get("engine"),
                model=data.get("model"),
                prompt_version=data.get("prompt_version"),
                ok=bool(data.get("ok")),
            )
        except (json.JSONDecodeError, KeyError, TypeError):
            continue  # an unreadable state line only means that input is redone
    return states


def _append(handle: IO[bytes], line: str) -> None:
    handle.write(line.encode("utf-8"))
    handle.flush()
    os.fsync(handle.fileno())


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = _tmp_path(path)
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)  # atomic: readers see the old file or the new one


def _write_csv(path: Path, results: list[Result]) -> None:
    from analyzer.report import CSV_COLUMNS, csv_row

    tmp = _tmp_path(path)
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for result in results:
            writer.writerow(csv_row(result))
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)  # atomic: readers see the old file or the new one
