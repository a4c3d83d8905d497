"""How `impasse analyze` scales: time and peak memory on large mailboxes and long lines.

Generates, in a temporary folder, mbox files of 1,000, 10,000 and 50,000 messages (each
message a reply that quotes the one before it, as mail clients write them) and single-line
files of 1, 5 and 20 MB, then runs `impasse analyze` (offline engine, default options) on
each in a fresh process and prints wall time and the process's peak resident set.

Wall time depends on what else the machine runs; CPU time (user + system) is shown too.

Targets: ten times the messages costs at most twelve times the time; 50,000 messages in
under 2 minutes and 1 GB; a 20 MB single-line file in under 20 s.

    python benchmarks/analyze_scale.py                 # every case
    python benchmarks/analyze_scale.py --quick         # 1k and 10k messages, 1 and 5 MB
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CLOSINGS, HARD, IMPASSE, PARTIES, PROGRESS, SUBJECTS

FIGURES = [
    "Our current number is ${price:,} for {units:,} units.",
    "Can you confirm ${price:,} for the {units:,} units by week {week}?",
    "We could live with {units:,} units if the price comes down to ${price:,}.",
    "Finance signed off on ${price:,}, but not on {units:,} units.",
    "Is ${price:,} for {units:,} units still on the table after week {week}?",
]
MESSAGES = (1_000, 10_000, 50_000)
LINE_MB = (1, 5, 20)


def write_mbox(path: Path, count: int, seed: int = 11) -> None:
    """`count` messages between two parties, each quoting the message it answers."""
    rng = random.Random(seed)
    (a_name, a_mail, _), (b_name, b_mail, _) = rng.sample(PARTIES, 2)
    subject = rng.choice(SUBJECTS)
    when = datetime(2024, 1, 8, 9, 0)
    previous: tuple[str, str, str] | None = None  # (who, when, body)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            name, mail = (a_name, a_mail) if i % 2 == 0 else (b_name, b_mail)
            to_name, to_mail = (b_name, b_mail) if i % 2 == 0 else (a_name, a_mail)
            when += timedelta(minutes=rng.randrange(20, 600))
            pool = IMPASSE if rng.random() < 0.05 else HARD if rng.random() < 0.25 else PROGRESS
            body = " ".join(rng.sample(pool, k=min(2, len(pool))))
            # A figure of its own, so that no two messages say the same thing.
            body += " " + rng.choice(FIGURES).format(
                price=rng.randrange(900, 99_000), units=rng.randrange(100, 90_000), week=i
            )
            stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
            text = f"{to_name.split()[0]},\n\n{body}\n\n{rng.choice(CLOSINGS)}\n{name.split()[0]}"
            quoted = ""
            if previous is not None:
                lines = "\n".join(f"> {line}" for line in previous[2].split("\n"))
                quoted = f"\n\nOn {previous[1]}, {previous[0]} wrote:\n{lines}"
            out.write(
                f"From {mail} {when:%a %b %d %H:%M:%S %Y}\n"
                f"From: {name} <{mail}>\nTo: {to_name} <{to_mail}>\n"
                f"Subject: {'Re: ' if i else ''}{subject}\nDate: {stamp}\n"
                f"Message-ID: <m{i}@bench.example>\n\n{text}{quoted}\n\n"
            )
            previous = (name, stamp, text)


def write_line(path: Path, megabytes: int, seed: int = 13) -> None:
    """A file of `megabytes` MB of negotiating sentences on a single line."""
    rng = random.Random(seed)
    pool = PROGRESS + HARD + IMPASSE
    target = megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as out:
        size = 0
        while size < target:
            chunk = " ".join(rng.choice(pool) for _ in range(200)) + " "
            out.write(chunk)
            size += len(chunk.encode())


def measure(path: Path, timeout: float) -> tuple[int | None, float, float, float]:
    """(exit code, wall seconds, CPU seconds, peak RSS in MB) of one `impasse analyze`
    run; the exit code is None when the run was stopped after `timeout` seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    command = [
        sys.executable,
        "-m",
        "analyzer.cli.main",
        "analyze",
        str(path),
        "--engine",
        "offline",
        "--format",
        "json",
        "--max-bytes",
        "500MB",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root
    )
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout and not stopped:
            process.kill()
            stopped = True
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return None if stopped else process.returncode, elapsed, cpu, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the largest cases")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="stop a run after this many seconds"
    )
    args = parser.parse_args()
    messages = MESSAGES[:2] if args.quick else MESSAGES
    lines = LINE_MB[:2] if args.quick else LINE_MB
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path]] = []
        for count in messages:
            path = Path(tmp) / f"mail_{count}.mbox"
            write_mbox(path, count)
            cases.append((f"mbox, {count:,} messages", path))
        for mb in lines:
            path = Path(tmp) / f"line_{mb}mb.txt"
            write_line(path, mb)
            cases.append((f"single line, {mb} MB", path))
        print(
            f"{'case':<26} {'size MB':>8} {'exit':>4} {'seconds':>8} {'CPU s':>7} "
            f"{'peak RSS MB':>11}"
        )
        times: dict[str, tuple[float, float]] = {}
        for name, path in cases:
            code, seconds, cpu, rss = measure(path, args.timeout)
            size = path.stat().st_size / 1e6
            if code is None:
                shown = f"{'stop':>4} {'>' + format(args.timeout, '.0f'):>8}"
            else:
                times[name] = (seconds, cpu)
                shown = f"{code:>4} {seconds:>8.1f}"
            print(f"{name:<26} {size:>8.1f} {shown} {cpu:>7.1f} {rss:>11.0f}", flush=True)
        small, big = f"mbox, {MESSAGES[0]:,} messages", f"mbox, {MESSAGES[1]:,} messages"
        if small in times and big in times:
            wall = times[big][0] / times[small][0]
            cpu_ratio = times[big][1] / times[small][1]
            print(
                f"10x the messages costs {wall:.1f}x the wall time and {cpu_ratio:.1f}x the "
                "CPU time (target <= 12x)"
            )


if __name__ == "__main__":
    main()
