"""Parse speed on growing inputs: seconds per MB at 1, 4 and 16 MB, and peak memory.

Run: python benchmarks/parse_speed.py [--sizes 1 4 16]

Linear parsing shows as a flat seconds-per-MB column. Inputs are generated: a long
Outlook-style reply chain, a Gmail thread with nested quoting, and a Zoom WebVTT call.
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from collections.abc import Callable

from analyzer.parsers import parse_text

MB = 1_000_000
LINES = [
    "Thanks for the update on the renewal pricing and the rollout plan.",
    "We can't go any further on the liability cap at this time, I'm afraid.",
    "Could you send the revised order form with the three-year term?",
    "Our legal team will review the indemnity language this week.",
]


def outlook_chain(size: int) -> str:
    """Oldest-first messages, each an Outlook header block then a short body."""
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        who = ("Reyes, Dana <dana@northwind.io>", "Okafor, Tom <tom@acme.com>")[n % 2]
        block = (
            f"From: {who}\nSent: Tuesday, March {n % 28 + 1}, 2025 9:{n % 60:02d} AM\n"
            f"To: team@northwind.io\nSubject: RE: Renewal {n}\n\n"
            + "\n".join(LINES[(n + i) % 4] for i in range(3))
            + f"\n\nBest,\nMessage {n}\n\n"
        )
        parts.append(block)
        total += len(block)
        n += 1
    return "-----Original Message-----\n".join(reversed(parts))


def gmail_nested(size: int) -> str:
    """A thread whose quoting nests a few levels, repeated to size."""
    unit = (
        "Sounds fair, let's talk Tuesday.\n\n"
        "On Mon, Mar 3, 2025 at 9:14 AM Tom Okafor <tom@acme.com> wrote:\n"
        "> We can't go any further on price right now.\n>\n"
        "> On Fri, Feb 28, 2025 at 4:02 PM Dana Reyes <dana@northwind.io> wrote:\n"
        ">> Could you move on the cap?\n>>\n"
    )
    return (unit * (size // len(unit) + 1))[:size]


def zoom_vtt(size: int) -> str:
    """A long WebVTT call with two speakers."""
    out = ["WEBVTT\n"]
    total, n = 7, 0
    while total < size:
        start = n * 3.0
        cue = (
            f"\n{n + 1}\n{_ts(start)} --> {_ts(start + 2.5)}\n"
            f"{('Dana Reyes', 'Tom Okafor')[n % 2]}: {LINES[n % 4]}\n"
        )
        out.append(cue)
        total += len(cue)
        n += 1
    return "".join(out)


def _ts(seconds: float) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def measure(make: Callable[[int], str], size_mb: int) -> tuple[float, float, int]:
    """Seconds, peak MB of Python allocations, and turns for one parse."""
    text = make(size_mb * MB)
    began = time.perf_counter()
    conversation = parse_text(text)
    elapsed = time.perf_counter() - began
    # Memory is traced in a second run: tracing slows Python down, so it is not timed.
    tracemalloc.start()
    parse_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / MB, len(conversation.turns)


def main() -> None:
    """Print one row per input kind and size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    os.environ.setdefault("IMPASSE_MAX_INPUT_BYTES", str(64 * MB))
    print(f"{'input':<14}{'MB':>4}{'seconds':>10}{'s/MB':>8}{'peak MB':>10}{'turns':>8}")
    for name, make in (
        ("outlook", outlook_chain),
        ("gmail-nested", gmail_nested),
        ("zoom-vtt", zoom_vtt),
    ):
        for size in args.sizes:
            seconds, peak, turns = measure(make, size)
            print(
                f"{name:<14}{size:>4}{seconds:>10.2f}{seconds / size:>8.3f}{peak:>10.0f}{turns:>8}"
            )


if __name__ == "__main__":
    main()
