"""`impasse analyze --engine llm` over a folder, against a local OpenAI-compatible server:
the real chain runs on the batch's threads, `--redact` keeps identifiers off the wire,
the key never reaches the results, and `--resume` makes no new calls."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.llm.mock_endpoint import completion_body, send_json

pytestmark = pytest.mark.slow

KEY = "sk-fake-batchtest0123456789abcdef"
DIAGNOSIS = {
    "signals": [], "stage": "none", "end_type": None, "confidence": 0.7,
    "causes": [], "strategies": [], "summary": "No impasse.",
}  # fmt: skip
CALL = (
    "Dana Reyes: Send the terms to dana.reyes@northwind.example or call +44 20 7946 0321.\n"
    "Marco Bianchi: Will do. Deposit to DE89 3704 0044 0532 0130 00 as before.\n"
)
PII = ("dana.reyes@northwind.example", "7946 0321", "DE89 3704")


class _Endpoint(BaseHTTPRequestHandler):
    bodies: ClassVar[list[str]] = []
    rate_limit_first = 0  # how many of the first requests get a 429
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        with _Endpoint.lock:
            _Endpoint.bodies.append(body)
            limited = len(_Endpoint.bodies) <= _Endpoint.rate_limit_first
        if limited:
            error = json.dumps({"error": {"message": "Rate limit reached"}}).encode()
            self.send_response(429)
            self.send_header("retry-after", "1")
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(error)))
            self.end_headers()
            self.wfile.write(error)
            return
        send_json(self, 200, completion_body(json.dumps(DIAGNOSIS)))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def endpoint() -> Iterator[str]:
    _Endpoint.bodies = []
    _Endpoint.rate_limit_first = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def _analyze(
    folder: Path, out: Path, url: str, cache: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "IMPASSE_"))}
    env.update(
        OPENAI_BASE_URL=url, OPENAI_API_KEY=KEY, IMPASSE_MODEL="test-model",
        IMPASSE_STRUCTURED_METHOD="json_schema", IMPASSE_CACHE_DIR=str(cache),
    )  # fmt: skip
    command = [
        sys.executable, "-m", "analyzer.cli.main", "analyze", str(folder), "--engine", "llm",
        "--no-drafts", "--no-cache", "--concurrency", "4", "--out", str(out), "--format", "jsonl",
        "--log-level", "info", *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_when_llm_batch_with_redact_then_no_identifier_or_key_leaves_or_lands(
    tmp_path: Path, endpoint: str
) -> None:
    folder, out, cache = tmp_path / "calls", tmp_path / "out", tmp_path / "cache"
    folder.mkdir()
    for i in range(6):
        (folder / f"call_{i}.txt").write_text(CALL)
    first = _analyze(folder, out, endpoint, cache, "--redact")
    assert first.returncode == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert [r["engine"] for r in rows] == ["llm"] * 6
    assert len(_Endpoint.bodies) == 6
    assert not any(p in body for body in _Endpoint.bodies for p in PII)
    assert "[EMAIL_1]" in _Endpoint.bodies[0]
    assert KEY not in first.stderr
    written = "".join(p.read_text() for p in out.rglob("*") if p.is_file())
    written += "".join(p.read_text(errors="replace") for p in cache.rglob("*") if p.is_file())
    assert KEY not in written

    again = _analyze(folder, out, endpoint, cache, "--redact", "--resume")
    assert again.returncode == 0, again.stderr
    assert len(_Endpoint.bodies) == 6  # nothing re-sent
    assert "6 reused" in again.stderr


def test_when_llm_batch_without_redact_then_text_goes_as_is(tmp_path: Path, endpoint: str) -> None:
    folder, out, cache = tmp_path / "calls", tmp_path / "out", tmp_path / "cache"
    folder.mkdir()
    (folder / "call.txt").write_text(CALL)
    run = _analyze(folder, out, endpoint, cache)
    assert run.returncode == 0, run.stderr
    assert any("7946 0321" in body for body in _Endpoint.bodies)  # the control for the test above


def test_when_endpoint_rate_limits_then_batch_backs_off_and_finishes(
    tmp_path: Path, endpoint: str
) -> None:
    folder, out, cache = tmp_path / "calls", tmp_path / "out", tmp_path / "cache"
    folder.mkdir()
    for i in range(4):
        (folder / f"call_{i}.txt").write_text(CALL)
    _Endpoint.rate_limit_first = 1
    run = _analyze(folder, out, endpoint, cache)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["engine"] for r in rows] == ["llm"] * 4  # the 429 was retried, not a fallback
    assert "asked to slow down 1 time(s)" in run.stderr
