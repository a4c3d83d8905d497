"""Take the README's screenshot: the result page of the middle-stage example.

    python scripts/screenshot.py [--out docs/screenshot-middle.png] [--chromium /usr/bin/chromium]

Starts the web app on a free local port, opens it in headless Chromium (Playwright's
Python package driving an installed browser; nothing is downloaded), picks the
middle-stage example, clicks Analyze and saves the page as a palette PNG small enough to
commit. Re-run it whenever the page changes.
"""

from __future__ import annotations

import argparse
import io
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from analyzer.cli.ui_cmd import streamlit_command

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TITLE = "Middle: a liability cap nobody wants to discuss (Outlook chain)"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
MAX_BYTES = 500_000


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(timeout_s: float = 60.0) -> Iterator[str]:
    """Run the app in a subprocess; yields its URL once it answers its health check."""
    port = free_port()
    process = subprocess.Popen(
        streamlit_command(port, headless=True, address="127.0.0.1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the app did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def shrink(png: bytes) -> bytes:
    """The screenshot as a 256-colour PNG (text and flat colours survive well)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def take(out: Path, chromium: str, width: int = 1400) -> int:
    """Save the screenshot to `out`; returns its size in bytes."""
    with serve_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url)
        page.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name=EXAMPLE_TITLE).click()
        # Take Anna's side, so the page shows whose turns are whose.
        page.locator('[data-testid="stSelectbox"]').nth(1).click()
        page.get_by_role("option", name=re.compile(r"^Anna Novak")).click()
        page.get_by_role("button", name="Analyze", exact=True).click()
        page.get_by_text("Stage: Middle").wait_for(timeout=60_000)
        page.locator("mark.imp-mark").first.wait_for()
        # The app scrolls inside its main pane: grow the window to the pane's full height.
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": width, "height": int(height) + 40})
        page.wait_for_timeout(800)  # let the last elements settle
        data = shrink(page.screenshot(full_page=True))
        browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-middle.png")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    size = take(args.out, args.chromium)
    print(f"{args.out}: {size / 1000:.0f} kB")
    if size > MAX_BYTES:
        raise SystemExit(f"the screenshot is larger than {MAX_BYTES // 1000} kB")


if __name__ == "__main__":
    main()
