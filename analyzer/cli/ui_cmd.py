"""`impasse ui`: start the web app (Streamlit) on the offline engine."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def streamlit_args(port: int, *, headless: bool, address: str = "localhost") -> list[str]:
    """Arguments of `streamlit` that serve the app: no telemetry, no first-run prompt."""
    from analyzer.resources import ui_dir

    args = [
        "run", str(ui_dir() / "app.py"),
        "--server.port", str(port),
        "--server.address", address,
        # No first-run e-mail prompt (it would block a script) and nothing sent out.
        "--server.showEmailPrompt", "false",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",  # no "Deploy" button: this is a tool, not a demo
    ]  # fmt: skip
    if headless:
        args += ["--server.headless", "true"]
    return args


def streamlit_command(port: int, *, headless: bool, address: str = "localhost") -> list[str]:
    """The same as a command line for a subprocess (tests, the screenshot script)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        *streamlit_args(port, headless=headless, address=address),
    ]


def ui(
    port: Annotated[int, typer.Option("--port", help="Port to serve the app on.")] = 8501,
    headless: Annotated[
        bool, typer.Option("--headless", help="Do not open a browser (servers, containers).")
    ] = False,
    address: Annotated[
        str, typer.Option("--address", help="Address to listen on (0.0.0.0 for every interface).")
    ] = "localhost",
) -> None:
    """Open the web app: paste a thread, see the diagnosis, edit the reply drafts."""
    from streamlit.web import cli as streamlit_cli

    typer.echo(f"impasse: serving the web app on http://{address}:{port} (Ctrl-C to stop)")
    # In this process, so that Ctrl-C and a terminating signal stop the server itself.
    streamlit_cli.main(
        args=streamlit_args(port, headless=headless, address=address), prog_name="streamlit"
    )
