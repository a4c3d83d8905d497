"""`impasse analyze --executor ray` on a local Ray cluster (2 CPUs): the same analyses,
error rows and `--resume` as the local batch, the LLM calls capped across the cluster,
and the endpoint settings carried by the runtime environment, never by the rows.

Skipped, with the reason, when Ray is not installed (`pip install 'impasse[ray]'`), unless
IMPASSE_REQUIRE_RAY=1 (CI sets it), in which case a missing Ray fails them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from corpus import write_corpus
from typer.testing import CliRunner

from analyzer.batch.inputs import expand
from analyzer.batch.runner import BatchConfig, run_batch
from analyzer.batch.store import Expected, ResultStore
from analyzer.options import AnalyzeOptions, EngineChoice
from tests.llm.mock_endpoint import completion_body, send_json

OFFLINE = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)
THREADS = 200
KEY = "sk-fake-raytest0123456789abcdef"


@pytest.fixture(scope="module")
def ray_installed() -> None:
    """Skip with the reason when Ray is missing; fail instead under IMPASSE_REQUIRE_RAY=1."""
    if importlib.util.find_spec("ray") is None:
        reason = "Ray is not installed; pip install 'impasse[ray]' to run these tests"
        if os.environ.get("IMPASSE_REQUIRE_RAY") == "1":
            pytest.fail(f"IMPASSE_REQUIRE_RAY=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster(ray_installed: None) -> Iterator[None]:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _inputs(folder: Path) -> list[str]:
    """THREADS generated threads and the bad inputs a real folder holds."""
    write_corpus(folder, THREADS, seed=5, turns=8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "huge.txt").write_bytes(b"Dana: final offer.\n" * 4000)  # over --max-bytes
    (folder / "sub.txt").mkdir()  # a directory named like a file, with nothing in it
    return [str(folder), str(folder / "sub.txt"), str(folder.parent / "nothing_*.vtt")]


def _rows(out: Path) -> dict[str, dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len({r["source"] for r in rows}) == len(rows), "an input has two rows"
    return {r["source"]: r for r in rows}


def _config(**changes: Any) -> BatchConfig:
    return BatchConfig(options=OFFLINE, max_bytes=50_000, **changes)


@pytest.mark.ray
@pytest.mark.slow
def test_when_run_on_ray_then_same_analyses_and_error_rows_as_local_batch(
    tmp_path: Path, cluster: None
) -> None:
    from analyzer.batch.ray_runner import run_on_ray

    arguments = _inputs(tmp_path / "threads")
    local_out, ray_out = tmp_path / "local", tmp_path / "ray"
    local = ResultStore(local_out, resume=False)
    local_stats = run_batch(expand(arguments), _config(), store=local)
    local.close(i.source for i in expand(arguments))
    store = ResultStore(ray_out, resume=False)
    ray_stats = run_on_ray(arguments, _config(), store=store)
    store.close(i.source for i in expand(arguments))

    assert (ray_stats.total, ray_stats.analysed, ray_stats.failed) == (
        local_stats.total, local_stats.analysed, local_stats.failed,
    )  # fmt: skip
    assert ray_stats.total == THREADS + 5 and ray_stats.failed == 5
    # Analysis rows carry no timing field: the rows must be equal as they stand.
    assert _rows(ray_out) == _rows(local_out)
    errors = {Path(s).name: r["error"] for s, r in _rows(ray_out).items() if "error" in r}
    assert sorted(errors) == ["binary.txt", "empty.txt", "huge.txt", "nothing_*.vtt", "sub.txt"]
    assert "binary data" in errors["binary.txt"] and "limit" in errors["huge.txt"]
    assert (ray_out / "summary.md").read_text() == (local_out / "summary.md").read_text()
    assert (ray_out / "results.csv").read_text() == (local_out / "results.csv").read_text()

    # --resume on Ray reuses every success; only the failed inputs are tried again.
    again = ResultStore(ray_out, resume=True)
    stats = run_on_ray(arguments, _config(), store=again)
    again.close(i.source for i in expand(arguments))
    assert (stats.reused, stats.failed) == (THREADS, 5)
    assert _rows(ray_out) == _rows(local_out)


@pytest.mark.ray
@pytest.mark.slow
def test_when_a_uri_is_given_then_ray_reads_it_and_rows_keep_the_uri(
    tmp_path: Path, cluster: None
) -> None:
    from analyzer.batch.ray_runner import run_on_ray

    folder = tmp_path / "threads"
    write_corpus(folder, 10, seed=9, turns=6)
    (folder / "empty.txt").write_bytes(b"")
    store = ResultStore(tmp_path / "ray", resume=False)
    stats = run_on_ray([f"local://{folder}"], _config(), store=store)  # read by Ray itself
    store.close([])
    local = ResultStore(tmp_path / "local", resume=False)
    run_batch(expand([str(folder)]), _config(), store=local)
    local.close([])
    assert (stats.total, stats.failed) == (11, 1)
    by_uri = _rows(tmp_path / "ray")
    assert all(source.startswith("local:///") for source in by_uri)
    expected = {f"local://{s}": {**r, "source": f"local://{s}"} for s, r in _rows(tmp_path / "local").items()}  # fmt: skip
    assert by_uri == expected


@pytest.mark.ray
@pytest.mark.slow
def test_when_an_input_kills_its_ray_worker_then_only_that_input_fails(
    tmp_path: Path, cluster: None
) -> None:
    import batch_support
    import ray.cloudpickle
    from batch_support import dies_on_poison

    from analyzer.batch.ray_runner import run_on_ray

    ray.cloudpickle.register_pickle_by_value(batch_support)  # workers cannot import tests

    folder = tmp_path / "threads"
    write_corpus(folder, 20, seed=4, turns=6)
    (folder / "poison.txt").write_text("Dana: This one kills the worker.\nMarco: Noted.\n")
    store = ResultStore(tmp_path / "ray", resume=False)
    stats = run_on_ray([str(folder)], _config(analyze=dies_on_poison), store=store)
    store.close([])
    assert (stats.total, stats.analysed, stats.failed) == (21, 20, 1)
    rows = _rows(tmp_path / "ray")
    [poisoned] = [r for s, r in rows.items() if "poison" in s]
    assert "stopped unexpectedly" in poisoned["error"] and "--resume" in poisoned["error"]


class _Endpoint(BaseHTTPRequestHandler):
    """A chat endpoint that counts the requests in flight at once."""

    in_flight = 0
    most = 0
    keys: ClassVar[set[str]] = set()
    lock = threading.Lock()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        with _Endpoint.lock:
            _Endpoint.in_flight += 1
            _Endpoint.most = max(_Endpoint.most, _Endpoint.in_flight)
            _Endpoint.keys.add(self.headers.get("authorization", ""))
        time.sleep(0.2)  # a slow model: calls overlap unless something caps them
        diagnosis = {
            "signals": [], "stage": "none", "end_type": None, "confidence": 0.7,
            "causes": [], "strategies": [], "summary": "No impasse.",
        }  # fmt: skip
        body = completion_body(json.dumps(diagnosis))
        with _Endpoint.lock:
            _Endpoint.in_flight -= 1
        send_json(self, 200, body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.mark.ray
@pytest.mark.slow
def test_when_llm_engine_on_ray_then_calls_in_flight_capped_and_key_only_in_runtime_env(
    tmp_path: Path, cluster: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analyzer.batch.ray_runner import run_on_ray

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # Set after the cluster started: only the runtime environment can carry them.
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("IMPASSE_MODEL", "test-model")
        monkeypatch.setenv("IMPASSE_STRUCTURED_METHOD", "json_schema")
        monkeypatch.setenv("IMPASSE_CACHE_DIR", str(tmp_path / "cache"))
        folder = tmp_path / "calls"
        write_corpus(folder, 8, seed=3, turns=4)
        options = AnalyzeOptions(engine=EngineChoice.LLM, drafts=False, use_cache=False)
        # One call at a time across the cluster; without the cap this machine's 2 CPUs
        # run two or more at once (measured), with 8 task slots of 0.25 CPU free.
        config = BatchConfig(options=options, llm=True, concurrency=1)
        config.expected = Expected(engine="llm", model="test-model")
        store = ResultStore(tmp_path / "out", resume=False)
        stats = run_on_ray([str(folder)], config, store=store)
        store.close([])
    finally:
        server.shutdown()
        server.server_close()
    assert (stats.analysed, stats.failed) == (8, 0)
    rows = _rows(tmp_path / "out")
    assert {r["engine"] for r in rows.values()} == {"llm"}
    assert _Endpoint.most == 1  # the cluster-wide cap
    assert _Endpoint.keys == {f"Bearer {KEY}"}
    written = "".join(p.read_text() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert KEY not in written


def _command(arguments: list[str], out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "analyzer.cli.main", "analyze", *arguments, "--out", str(out),
        "--executor", "ray", "--engine", "offline", "--no-drafts", "--format", "jsonl",
        "--max-bytes", "50000", *extra,
    ]  # fmt: skip


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "RAY_ADDRESS"))}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _group_gone(pgid: int, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


@pytest.mark.ray
@pytest.mark.slow
def test_when_ray_driver_killed_then_resume_finishes_with_one_row_per_input(
    tmp_path: Path, ray_installed: None
) -> None:
    arguments = _inputs(tmp_path / "threads")
    out, local_out = tmp_path / "out", tmp_path / "local"
    proc = subprocess.Popen(
        _command(arguments, out), env=_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline:
            if _lines(out / "results.jsonl") >= 40:
                proc.send_signal(signal.SIGKILL)  # the driver, mid-batch
                break
            time.sleep(0.01)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, "the batch ended before it could be killed"
    finally:
        # The local cluster the driver started notices its death only after about a
        # minute; the test does not wait for that, it ends the group it started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        assert _group_gone(proc.pid, within_s=30)
    killed_at = _lines(out / "results.jsonl")
    assert 40 <= killed_at < THREADS + 5

    final = subprocess.run(
        _command(arguments, out, "--resume"), env=_env(), capture_output=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert final.returncode == 1, final.stderr.decode()  # the bad inputs
    assert b"Traceback" not in final.stderr
    assert b"reused" in final.stderr
    local = ResultStore(local_out, resume=False)
    run_batch(expand(arguments), _config(), store=local)
    local.close(i.source for i in expand(arguments))
    assert _rows(out) == _rows(local_out)
    assert len(list((out / "results").iterdir())) == THREADS + 5


def test_when_ray_is_not_installed_then_usage_error_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analyzer.cli.main import app

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    write_corpus(tmp_path / "threads", 2)
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path / "threads"), "--executor", "ray", "--engine", "offline"]
    )
    assert result.exit_code == 2
    assert "pip install 'impasse[ray]'" in result.stderr


def test_when_ray_executor_given_stdin_then_usage_error() -> None:
    from analyzer.cli.main import app

    result = CliRunner().invoke(app, ["analyze", "-", "--executor", "ray"], input="x")
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_when_ray_address_given_without_ray_executor_then_usage_error(tmp_path: Path) -> None:
    from analyzer.cli.main import app

    write_corpus(tmp_path / "threads", 1)
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path / "threads"), "--ray-address", "auto", "--engine", "offline"]
    )
    assert result.exit_code == 2 and "--executor ray" in result.stderr


@pytest.mark.ray
@pytest.mark.slow
def test_when_out_is_a_uri_then_ray_results_reach_it(tmp_path: Path, cluster: None) -> None:
    import fsspec

    from analyzer.batch.ray_runner import run_on_ray
    from analyzer.batch.remote_out import RemoteOut

    folder = tmp_path / "threads"
    write_corpus(folder, 6, seed=5, turns=6)
    remote = RemoteOut("memory://impasse-ray-tests/run")  # as `impasse analyze --out URI`
    store = ResultStore(remote.staging, resume=False)
    stats = run_on_ray([str(folder)], _config(), store=store)
    store.close([str(p) for p in sorted(folder.iterdir())])
    remote.publish()
    fs = fsspec.filesystem("memory")
    names = {p.rsplit("/", 1)[1] for p in fs.find("/impasse-ray-tests/run")}
    assert stats.total == 6 and {"results.jsonl", "results.csv", "summary.md"} <= names
    lines = fs.cat_file("/impasse-ray-tests/run/results.jsonl").decode().splitlines()
    assert len(lines) == 6
