"""Parse speed on growing inputs: seconds per MB, and peak memory.

Run: python benchmarks/parse_speed.py [--sizes 1 10 100] [--mbox 1000 10000 50000]
     [--kinds outlook corporate gmail-nested zoom-vtt whatsapp]

Linear parsing shows as a flat seconds-per-MB column (and seconds per 1k messages for
mbox files). Inputs are generated: a long Outlook-style reply chain, a corporate export
(X- headers, Lotus Notes blocks, banners, disclaimers, sign-offs, tokenised text), a
Gmail thread with nested quoting, a Zoom WebVTT call, a WhatsApp group export, and mbox files whose messages each
quote the previous one.
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


def corporate_export(size: int) -> str:
    """A corpus-style thread: X- headers, Lotus Notes blocks, banners, footers, sign-offs."""
    people = (
        ("Davis, Dana", "< Dana. Davis@ENRON.com >", "Dana"),
        ("Watson, Kimberly", "<kimberly.watson@enron.com>", "Kim"),
        ("Allen, Phillip K.", "<phillip.allen@enron.com>", "Phillip"),
    )
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        name, address, first = people[n % 3]
        if n % 3 == 2:
            head = (
                f"{name.split(', ')[1]} {name.split(', ')[0]}/HOU/ECT on "
                f"11/{n % 28 + 1:02d}/2001 09:{n % 60:02d} AM\nTo: Dana Davis/HOU/ECT@ECT\n"
                "cc: \nSubject: Re: capacity\n\n"
            )
        else:
            head = (
                f'-----Original Message-----\nFrom: \t"{name}" {address}\n'
                f"Sent:\tTuesday, November {n % 28 + 1}, 2001 9:{n % 60:02d} AM\n"
                f"To:\tWatson, Kimberly\nX-From: {name}\nSubject:\tRE: capacity {n}\n\n"
                "[External] CAUTION: This email originated from outside of the organization.\n\n"
            )
        block = (
            head
            + f"I ca n't release lot {n} before the 15th , can we do Tuesday ?\n"
            + "\n".join(LINES[(n + i) % 4] for i in range(2))
            + f"\n\nThanks , {first}\n\n"
            + "This e-mail is the property of Enron Corp. and may contain confidential "
            "material.\n\n"
        )
        parts.append(block)
        total += len(block)
        n += 1
    return "".join(reversed(parts))


def mbox(messages: int) -> str:
    """An mbox of `messages` messages between three people, each quoting the last."""
    people = (
        "Dana Davis <dana.davis@enron.com>",
        "kimberly.watson@enron.com",
        "Tom Okafor <tom@acme.com>",
    )
    out: list[str] = []
    previous = ""
    for n in range(messages):
        sender = people[n % 3]
        body = f"{LINES[n % 4]}\n{LINES[(n + 1) % 4]}\n\nThanks,\nMessage {n}\n"
        quoted = "".join(f"> {line}\n" for line in previous.split("\n")[:4])
        out.append(
            f"From MAILER-DAEMON Tue Nov 27 09:{n % 60:02d}:00 2001\n"
            f"From: {sender}\nTo: team@enron.com\nX-From: {sender.split(' <')[0]}\n"
            f"Subject: Re: capacity\nDate: Tue, 27 Nov 2001 09:{n % 60:02d}:{n % 60:02d} -0800\n"
            f"Message-ID: <{n}@enron.com>\n\n{body}\n"
            f"On Tue, Nov 27, 2001 at 9:00 AM someone wrote:\n{quoted}\n"
        )
        previous = body
    return "".join(out)


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


def whatsapp_chat(size: int) -> str:
    """A WhatsApp group export: saved-contact names, system lines, media placeholders."""
    names = ("Tom's dad", "Mrs Carter (Y4 rep)", "Flat no. 18", "+33 6 12 34 56 78")
    out = ["12/03/2026, 18:02 - Messages and calls are end-to-end encrypted.\n"]
    total, n = len(out[0]), 0
    while total < size:
        stamp = f"{n // 1440 % 28 + 1:02d}/03/2026, {n // 60 % 24:02d}:{n % 60:02d} - "
        said = "<Media omitted>" if n % 17 == 0 else LINES[n % 4]
        line = f"{stamp}{names[n % 4]}: {said}\n"
        if n % 50 == 0:
            line += f"{stamp}Flat no. 18 added Flat no. {n % 90}\n"
        out.append(line)
        total += len(line)
        n += 1
    return "".join(out)


def _ts(seconds: float) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def measure(text: str) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB of Python allocations, and turns for one parse.

    CPU seconds are what to compare on a shared machine: wall time grows with the load
    other processes put on it, CPU time does not.
    """
    began, began_cpu = time.perf_counter(), time.process_time()
    conversation = parse_text(text)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    # Memory is traced in a second run: tracing slows Python down, so it is not timed.
    tracemalloc.start()
    parse_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, cpu, peak / MB, len(conversation.turns)


KINDS: dict[str, Callable[[int], str]] = {
    "outlook": outlook_chain,
    "corporate": corporate_export,
    "gmail-nested": gmail_nested,
    "zoom-vtt": zoom_vtt,
    "whatsapp": whatsapp_chat,
}


def main() -> None:
    """Print one row per input kind and size, then one per mbox size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--mbox", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    args = parser.parse_args()
    os.environ.setdefault("IMPASSE_MAX_INPUT_BYTES", str(1000 * MB))
    print(
        f"{'input':<14}{'size':>8}{'wall s':>9}{'CPU s':>9}{'CPU s/MB':>10}{'peak MB':>9}"
        f"{'turns':>8}"
    )
    for name in args.kinds:
        for size in args.sizes:
            wall, cpu, peak, turns = measure(KINDS[name](size * MB))
            print(
                f"{name:<14}{f'{size} MB':>8}{wall:>9.2f}{cpu:>9.2f}{cpu / size:>10.3f}"
                f"{peak:>9.0f}{turns:>8}",
                flush=True,
            )
    for count in args.mbox:
        text = mbox(count)
        wall, cpu, peak, turns = measure(text)
        megabytes = len(text) / MB
        print(
            f"{'mbox':<14}{f'{count // 1000}k msg':>8}{wall:>9.2f}{cpu:>9.2f}"
            f"{cpu / megabytes:>10.3f}{peak:>9.0f}{turns:>8}   ({megabytes:.1f} MB, "
            f"{cpu / count * 1000:.2f} CPU s per 1k messages)",
            flush=True,
        )


if __name__ == "__main__":
    main()
