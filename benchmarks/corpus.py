"""Generated negotiation corpora for the batch benchmarks and tests.

Threads are built from sentences of real negotiating registers (progress, hard bargaining,
ultimatums, hedges, policy walls, silence) so the detectors do the same work they do on
real mail; a seed makes every corpus reproducible. Half the email threads drift into an
impasse, half stay productive.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

PARTIES = [
    ("Dana Reyes", "dana.reyes@northwind.example", "Northwind Logistics"),
    ("Marco Bianchi", "marco.bianchi@polymer.example", "Polymer Supply"),
    ("Priya Sharma", "priya.sharma@vantage.example", "Vantage Pack"),
    ("Tom Okafor", "tom.okafor@brightline.example", "Brightline Foods"),
    ("Lena Vogel", "lena.vogel@alpen.example", "Alpen Freight"),
    ("Sam Carter", "sam.carter@harbor.example", "Harbor Media"),
]
SUBJECTS = [
    "Renewal of the 2025 supply agreement",
    "Freight lanes for Q3",
    "Licensing terms for the analytics module",
    "Office lease extension",
    "Packaging volumes and pricing",
    "Service levels in the new contract",
]
PROGRESS = [
    "Thanks for the call yesterday; the volume commitment works for us.",
    "We can move to net 45 if the unit price stays where it is.",
    "Could you send the revised schedule with the delivery windows?",
    "If we commit to 40,000 units, what happens to the unit price?",
    "Our legal team has reviewed clause 7 and suggests a small wording change.",
    "We would like to include the maintenance package in the first year.",
    "Attached is the updated forecast for the next two quarters.",
    "Happy to split the difference on the freight surcharge.",
    "Let me check with my manager and get back to you on Friday.",
    "That is a fair point; we can look at a longer term in exchange.",
    "The pilot results were good, so we are keen to expand the scope.",
    "Can we add a price review after twelve months?",
]
HARD = [
    "Our resin costs went up 11% since March, so there is not much room on our side.",
    "A 14% increase is more than we budgeted for this year.",
    "We need the discount to stay at 8% to get this past our finance team.",
    "The penalty clause as written is not something we can accept.",
]
IMPASSE = [
    "That is our final number. We will not go below it.",
    "Take it or leave it: net 30 or we walk away.",
    "Company policy does not allow us to offer payment terms beyond net 30.",
    "We are not in a position to commit to anything right now.",
    "Honestly this is above my pay grade; I cannot move on price this quarter.",
    "If the price stays at this level we will have to look at other suppliers.",
    "We have gone as far as we can. There is nothing more to discuss on price.",
]
CLOSINGS = ["Best regards,", "Kind regards,", "Thanks,", "Best,", "Regards,"]


def email_thread(rng: random.Random, turns: int = 20, impasse: bool | None = None) -> str:
    """An Outlook-style reply chain of `turns` messages, newest first."""
    (a_name, a_mail, a_org), (b_name, b_mail, b_org) = rng.sample(PARTIES, 2)
    subject = rng.choice(SUBJECTS)
    drift = rng.random() < 0.5 if impasse is None else impasse
    start = datetime(2025, 3, 3, 9, 0) + timedelta(days=rng.randrange(200))
    blocks: list[str] = []
    for i in range(turns):
        sender, sender_mail, org = (
            (a_name, a_mail, a_org) if i % 2 == 0 else (b_name, b_mail, b_org)
        )
        to_name, to_mail = (b_name, b_mail) if i % 2 == 0 else (a_name, a_mail)
        late = i >= turns - 4
        pool = (
            IMPASSE
            if drift and late and i % 2 == 1
            else (HARD if rng.random() < 0.25 else PROGRESS)
        )
        body = " ".join(rng.sample(pool, k=min(2, len(pool))))
        when = start + timedelta(days=i, hours=rng.randrange(8))
        re_ = "" if i == 0 else "RE: "
        blocks.append(
            f"From: {sender} <{sender_mail}>\n"
            f"Sent: {when:%A, %B %d, %Y %I:%M %p}\n"
            f"To: {to_name} <{to_mail}>\n"
            f"Subject: {re_}{subject}\n\n"
            f"{to_name.split()[0]},\n\n{body}\n\n{rng.choice(CLOSINGS)}\n{sender.split()[0]}\n\n"
            f"{sender} | {org}\n"
        )
    newest = blocks.pop()
    body_only = newest.split("\n\n", 1)[1]
    history = "\n-----Original Message-----\n".join(reversed(blocks))
    return f"{body_only}\n-----Original Message-----\n{history}"


def transcript(rng: random.Random, turns: int) -> str:
    """A "Name: text" call transcript with `turns` alternating turns."""
    a, b = (p[0] for p in rng.sample(PARTIES, 2))
    lines = []
    for i in range(turns):
        pool = HARD if i % 7 == 3 else PROGRESS
        lines.append(f"{a if i % 2 == 0 else b}: {rng.choice(pool)}")
    if turns > 2:
        lines[-1] = f"{b if turns % 2 == 0 else a}: {IMPASSE[0]}"
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 7, turns: int = 20) -> list[Path]:
    """`count` email threads of `turns` messages as .txt files in `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"thread_{i:05d}.txt"
        path.write_text(email_thread(rng, turns), encoding="utf-8")
        paths.append(path)
    return paths


class Quiet:
    """A progress sink that prints nothing (the benchmarks print their own tables)."""

    def start(self, total: int) -> None: ...
    def advance(self, source: str, failed: bool, reused: bool) -> None: ...
    def message(self, text: str) -> None: ...
    def close(self) -> None: ...
