"""End to end in a real browser: the app served by Streamlit, driven in headless Chromium.

Skipped (with the reason) when Playwright's package or a Chromium binary is missing,
unless IMPASSE_REQUIRE_BROWSER=1 (CI sets it), in which case a missing browser fails.
The browser is the system's Chromium; nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analyzer.analysis import Analysis
from analyzer.cli.ui_cmd import streamlit_command

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

THREAD = """Weekly sync: distribution agreement

Sam Lee: We have gone through the draft. Pricing works for us.
Priya Nair: Good. What about exclusivity in the northern region?
Sam Lee: Let's park that for now, I'd rather not get into exclusivity today.
Priya Nair: It matters to us. Can we at least agree on a date to talk about it?
Sam Lee: I'm not comfortable discussing exclusivity before our board meets.
"""

HOSTILE = """Nina: Hello <script>window.__pwned = 1</script> we cannot go further on price at this time.
Omar: <img src=x onerror="window.__pwned = 2"> Why not?
"""


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("IMPASSE_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python package is not installed (pip install playwright)"
    if _chromium() is None:
        return "no Chromium binary (apt install chromium, or set IMPASSE_CHROMIUM)"
    return None


def _require_browser() -> str:
    """The Chromium to drive; skips without one, or fails when CI requires it."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("IMPASSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"IMPASSE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    path = _chromium()
    assert path is not None
    return path


@pytest.fixture(scope="module")
def chromium() -> str:
    return _require_browser()


@pytest.mark.parametrize(
    ("required", "outcome"), [("1", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_when_no_browser_then_skipped_unless_ci_requires_it(
    monkeypatch: pytest.MonkeyPatch, required: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_chromium", lambda: None)
    monkeypatch.setenv("IMPASSE_REQUIRE_BROWSER", required)
    with pytest.raises(outcome, match="Chromium"):
        _require_browser()


@pytest.fixture(scope="module")
def app_url(chromium: str) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        streamlit_command(port, headless=True, address="127.0.0.1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                assert process.poll() is None, "the app exited while starting"
                assert time.monotonic() < deadline, "the app did not answer within 60 s"
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(chromium: str, app_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(app_url)
        yield tab
        browser.close()


def _paste_and_analyze(page: Any, text: str) -> None:
    area = page.get_by_label("Paste the conversation (email thread or call transcript)")
    area.fill(text)
    area.press("Control+Enter")  # commits the text area, as leaving it would
    page.get_by_text("Who are you in this conversation?").wait_for()
    page.get_by_role("button", name="Analyze", exact=True).click()


def test_when_a_thread_is_pasted_and_analysed_then_stage_evidence_and_draft_show(page: Any) -> None:
    _paste_and_analyze(page, THREAD)
    page.get_by_text("Stage: Middle", exact=True).wait_for()
    mark = page.locator("mark.imp-mark").first
    mark.wait_for()
    assert "park that" in " ".join(page.locator("mark.imp-mark").all_inner_texts())
    assert mark.get_attribute("title"), "the explanation is on hover"
    draft = page.locator("textarea[aria-label^='Draft']").first
    draft.wait_for()
    assert len(draft.input_value()) > 40
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": int(height) + 40})
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "browser-result.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download report (Markdown)").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "**Stage: Middle**" in report
    with page.expect_download() as download:
        page.get_by_role("button", name="Download analysis (JSON)").click()
    analysis = Analysis.model_validate_json(Path(download.value.path()).read_text(encoding="utf-8"))
    assert analysis.stage.value == "middle"
    assert analysis.drafts[0].text.strip() == draft.input_value().strip()


def test_when_markup_is_pasted_then_it_shows_as_text_and_never_runs(page: Any) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    _paste_and_analyze(page, HOSTILE)
    turns = page.locator(".imp-turn")
    turns.first.wait_for()
    text = " ".join(turns.all_inner_texts())
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".imp-turn img, .imp-turn script").count() == 0
    assert dialogs == []
