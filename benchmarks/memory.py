"""Peak memory of `impasse analyze` on the refusal path and on a very long transcript.

Each case runs `impasse analyze` in a fresh process and reports that process's peak
resident set (ru_maxrss, which includes the interpreter and the imported libraries) and
the peak of Python allocations during the command (tracemalloc). A small file gives the
baseline.

    python benchmarks/memory.py
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SMALL = "Dana Reyes: Can you move on price?\nMarco Bianchi: That is our final number.\n"


def child(args: list[str], stdin_path: str | None) -> None:
    """Run one `impasse analyze` in this process and print its memory figures as JSON."""
    import contextlib
    import io
    import os
    import tracemalloc

    from analyzer.cli.main import app

    os.environ.pop("OPENAI_API_KEY", None)
    os.environ.pop("OPENAI_BASE_URL", None)
    if stdin_path:
        # The command reads sys.stdin.buffer, as it does from a pipe.
        sys.stdin = Path(stdin_path).open(encoding="latin-1")  # noqa: SIM115
    tracemalloc.start()
    code = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            app(["analyze", *args, "--engine", "offline", "--no-drafts", "--format", "csv"])
        except SystemExit as exc:
            code = int(exc.code or 0)
    _, peak = tracemalloc.get_traced_memory()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"exit": code, "traced_peak": peak, "max_rss_kb": rss_kb}))


def _measure(args: list[str], stdin_path: str | None = None) -> dict[str, int]:
    command = [sys.executable, __file__, "--child", json.dumps({"args": args, "stdin": stdin_path})]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    from corpus import transcript

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(SMALL)
        sparse = Path(tmp) / "huge_sparse.txt"
        with sparse.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)
        dense = Path(tmp) / "huge_dense.txt"
        line = (SMALL * 1000).encode()
        with dense.open("wb") as handle:
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(line)
        long_call = Path(tmp) / "call_20000_turns.txt"
        long_call.write_text(transcript(random.Random(3), 20_000))
        cases = [
            ("baseline: small file", [str(small)], None),
            ("50 MB file (refused by size, not read)", [str(dense)], None),
            ("50 MB sparse file (refused)", [str(sparse)], None),
            ("50 MB on standard input (refused)", ["-"], str(dense)),
            (
                f"20,000-turn transcript ({long_call.stat().st_size / 1e6:.1f} MB)",
                [str(long_call)],
                None,
            ),
        ]
        print(f"{'case':<44} {'exit':>4} {'peak RSS MB':>11} {'Python peak MB':>14}")
        for name, args, stdin in cases:
            figures = _measure(args, stdin)
            print(
                f"{name:<44} {figures['exit']:>4} {figures['max_rss_kb'] / 1024:>11.1f} "
                f"{figures['traced_peak'] / 1e6:>14.1f}"
            )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        spec = json.loads(sys.argv[2])
        child(spec["args"], spec["stdin"])
    else:
        main()
