"""`--out` as a URI: the same files reach the URI, and `--resume` reads them back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli.main import app

fsspec = pytest.importorskip("fsspec", reason="URI output needs fsspec (the ray extra)")

CALL = (
    "Dana Reyes: Our renewal stays at $48 per seat for 200 seats.\n"
    "Tom Okafor: This is our final offer: $44 per seat, or we walk away.\n"
)


def _inputs(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"call_{i}.txt").write_text(CALL + f"Dana Reyes: Noted ({i}).\n")


def test_when_out_is_a_uri_then_every_output_file_reaches_it(tmp_path: Path) -> None:
    _inputs(tmp_path / "in", 3)
    uri = "memory://impasse-tests/run-one"
    run = CliRunner().invoke(
        app, ["analyze", str(tmp_path / "in"), "--out", uri, "--engine", "offline"]
    )
    assert run.exit_code == 0, run.output
    fs = fsspec.filesystem("memory")
    names = {p.rsplit("/", 1)[1] for p in fs.find("/impasse-tests/run-one")}
    assert {"results.jsonl", "results.csv", "summary.md"} <= names
    assert sum(1 for n in names if n.endswith(".json")) == 3
    assert not any(n.endswith((".tmp", ".impasse-lock")) for n in names)
    lines = fs.cat_file("/impasse-tests/run-one/results.jsonl").decode().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["impasse"] for line in lines)


def test_when_resumed_on_a_uri_then_finished_inputs_are_reused(tmp_path: Path) -> None:
    _inputs(tmp_path / "in", 2)
    uri = "memory://impasse-tests/run-two"
    args = ["analyze", str(tmp_path / "in"), "--out", uri, "--engine", "offline"]
    assert CliRunner().invoke(app, args).exit_code == 0
    (tmp_path / "in" / "call_9.txt").write_text(CALL)
    again = CliRunner().invoke(app, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    assert "2 reused" in again.output
    fs = fsspec.filesystem("memory")
    lines = fs.cat_file("/impasse-tests/run-two/results.jsonl").decode().splitlines()
    assert len(lines) == 3
