"""What a failing LLM looks like from the command line: with `--engine llm` the offline
analysis is written with its notice but the input failed (exit 1, `--resume` tries it
again); with `auto` it is a normal result and stderr says so."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner, Result

from analyzer.cli.main import app
from tests.llm.mock_endpoint import completion_body, diagnosis_json, send_json

CONVERSATION = (Path(__file__).parent / "data" / "end_soft.txt").read_text(encoding="utf-8")
TEXT = "\n".join(line for line in CONVERSATION.splitlines() if not line.startswith("#"))


# answer -> (HTTP status, message content or error text, finish reason, refusal)
ANSWERS: dict[str, tuple[int, str, str, str | None]] = {
    "good": (200, diagnosis_json(), "stop", None),
    "empty": (200, "{}", "stop", None),
    "cut-off": (
        200,
        '{"signals": [{"type": "ultimatum", "quote": "That is our final',
        "length",
        None,
    ),
    "schema-invalid": (200, '{"signals": "none", "stage": 3}', "stop", None),
    "refusal": (200, "", "stop", "I can't help with that."),
    "429": (429, "Rate limit reached", "", None),
    "503": (503, "overloaded", "", None),
}


class _Server(BaseHTTPRequestHandler):
    answer: ClassVar[str] = "good"
    requests: ClassVar[int] = 0
    release: ClassVar[threading.Event] = threading.Event()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        _Server.requests += 1
        if _Server.answer == "hang":
            _Server.release.wait(30)  # until the test ends; the client gives up first
            return
        status, content, finish, refusal = ANSWERS[_Server.answer]
        if status != 200:
            send_json(self, status, {"error": {"message": content}})
            return
        body = completion_body(content or None, finish=finish, refusal=refusal)
        send_json(self, 200, body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[_Server]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Server.answer, _Server.requests = "good", 0
    _Server.release = threading.Event()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("IMPASSE_MODEL", "test-model")
    monkeypatch.setenv("IMPASSE_MAX_RETRIES", "0")
    monkeypatch.setenv("IMPASSE_STRUCTURED_METHOD", "json_mode")
    try:
        yield _Server
    finally:
        _Server.release.set()
        httpd.shutdown()
        httpd.server_close()


def analyze(tmp_path: Path, *args: str) -> Result:
    source = tmp_path / "end_soft.txt"
    source.write_text(TEXT, encoding="utf-8")
    argv = ["analyze", str(source), "--no-drafts", "--me", "Maya Lopez", *args]
    return CliRunner().invoke(app, argv)


def test_when_engine_llm_falls_back_then_the_result_is_written_and_exit_is_1(
    server: type[_Server], tmp_path: Path
) -> None:
    server.answer = "empty"
    result = analyze(tmp_path, "--engine", "llm", "--format", "json")
    assert result.exit_code == 1, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["engine"] == "offline" and analysis["fallback"]["kind"] == "bad_answer"
    assert any("unusable answer" in n for n in analysis["notices"])
    assert "error:" in result.stderr and "the LLM engine failed (unusable answer" in result.stderr


# answer -> (fallback kind, words in the notice and on stderr)
KINDS = {
    "empty": ("bad_answer", "unusable answer"),
    "cut-off": ("bad_answer", "cut off"),
    "schema-invalid": ("bad_answer", "unusable answer"),
    "refusal": ("unavailable", "the model refused"),
    "429": ("unavailable", "rate limited (HTTP 429)"),
    "503": ("unavailable", "server error (HTTP 5xx)"),
    "hang": ("unavailable", "timed out"),
}


@pytest.mark.parametrize("answer", sorted(KINDS))
def test_when_engine_llm_fails_in_any_way_then_exit_1_the_kind_is_named_and_nothing_cached(
    server: type[_Server], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    if answer == "hang":  # the one case that waits out the (real) budget
        monkeypatch.setenv("IMPASSE_TIMEOUT", "2")
    server.answer = answer
    result = analyze(tmp_path, "--engine", "llm", "--format", "json")
    assert result.exit_code == 1, result.stderr
    kind, words = KINDS[answer]
    analysis = json.loads(result.stdout)
    assert analysis["engine"] == "offline" and analysis["fallback"]["kind"] == kind
    assert words in " ".join(analysis["notices"]) and words in result.stderr
    assert analysis["impasse"]  # the offline analysis, never a silent "no impasse"
    server.release.set()
    server.answer, server.requests = "good", 0
    monkeypatch.setenv("IMPASSE_TIMEOUT", "60")
    healthy = analyze(tmp_path, "--engine", "llm", "--format", "json")
    assert healthy.exit_code == 0, healthy.stderr
    assert server.requests >= 1 and json.loads(healthy.stdout)["engine"] == "llm"


def test_when_engine_auto_falls_back_then_exit_is_0_and_stderr_says_so(
    server: type[_Server], tmp_path: Path
) -> None:
    server.answer = "503"
    result = analyze(tmp_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["fallback"]["kind"] == "unavailable"
    assert "note:" in result.stderr and "server error (HTTP 5xx)" in result.stderr


def test_when_the_connection_is_refused_then_it_says_so_not_slow_down(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("IMPASSE_STRUCTURED_METHOD", "json_mode")
    result = analyze(tmp_path, "--engine", "llm", "--format", "json")
    assert result.exit_code == 1
    assert "connection refused" in result.stderr
    assert "slow down" not in result.stderr
    assert "Is the server running" in " ".join(json.loads(result.stdout)["notices"])


def test_when_resuming_then_a_fallback_is_analysed_again(
    server: type[_Server], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    server.answer = "empty"
    first = analyze(tmp_path, "--engine", "llm", "--out", str(out))
    assert first.exit_code == 1
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["engine"] for r in rows] == ["offline"]  # written, with its notice
    server.answer, server.requests = "good", 0
    second = analyze(tmp_path, "--engine", "llm", "--out", str(out), "--resume")
    assert second.exit_code == 0, second.stderr
    assert server.requests >= 1  # analysed again, not reused
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["engine"] for r in rows] == ["llm"]
