"""`impasse ui` serves the app: the README's first command ends here."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from analyzer.cli.ui_cmd import streamlit_args


def test_when_headless_then_streamlit_serves_the_bundled_app_without_prompts() -> None:
    args = streamlit_args(8765, headless=True)
    assert args[0] == "run" and args[1].endswith("app.py")
    pairs = dict(zip(args[2::2], args[3::2], strict=True))
    assert pairs["--server.port"] == "8765"
    assert pairs["--server.headless"] == "true"
    assert pairs["--server.showEmailPrompt"] == "false"
    assert pairs["--browser.gatherUsageStats"] == "false"
    assert "--server.headless" not in streamlit_args(8765, headless=False)


def test_when_impasse_ui_runs_then_the_app_answers_on_the_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "analyzer.cli.main", "ui", "--headless", "--port", str(port),
         "--address", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                ) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "no answer within 60 s"
                time.sleep(0.3)
    finally:
        process.terminate()
        assert process.wait(timeout=15) is not None
