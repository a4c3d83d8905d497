"""Helpers for driving the web app with Streamlit's AppTest (no browser, no server)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analyzer.resources import ui_dir

REPO = Path(__file__).resolve().parents[2]
APP = ui_dir() / "app.py"
FIXTURES = REPO / "fixtures" / "conversations"
TIMEOUT = 60  # the first run imports the analyzer and compiles the phrase lists


def new_app() -> AppTest:
    """A fresh app session, first page drawn."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    """Click the button with this exact label and rerun."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    matches[0].click()
    at.run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> list[str]:
    """The bodies of every st.html element on the page."""
    return [str(getattr(element, "value", "")) for element in at.get("html")]


def page_text(at: AppTest) -> str:
    """Every visible string the page holds (markdown, captions, alerts, html, metrics)."""
    parts: list[str] = [*html_bodies(at)]
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "subheader",
    ):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(c.value) for c in at.code]
    return "\n".join(parts)


def paste(at: AppTest, text: str) -> AppTest:
    """Type text into the paste area."""
    at.text_area(key="paste").input(text)
    at.run()
    assert not at.exception, at.exception
    return at
