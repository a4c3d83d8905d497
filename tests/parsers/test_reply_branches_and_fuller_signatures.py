"""A forward that stacks two reply branches (each with the original quoted under it) is
read in the order the messages were sent, the original once; a signature that spells
the sender's name more fully ("William R. Hargreaves" under "Hargreaves, Bill") names
them."""

from __future__ import annotations

from pathlib import Path

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_two_reply_branches_are_forwarded_then_messages_come_in_sent_order() -> None:
    conversation = parse_file(CORPORATE / "outlook_two_branches_forwarded.txt")
    assert [(t.speaker, t.timestamp) for t in conversation.turns] == [
        ("Sanne Smit", "2026-06-04T14:05:00"),
        ("Jonas Kessler", "2026-06-05T09:30:00"),
        ("William Hargreaves", "2026-06-05T11:15:00"),  # below Jonas's branch, but newer
        ("Femke Achterberg", "2026-06-05T16:48:00"),
    ]


def test_when_a_signature_opens_with_a_fuller_name_then_it_is_canonical() -> None:
    conversation = parse_file(CORPORATE / "outlook_two_branches_forwarded.txt")
    bill = next(p for p in conversation.participants if "Hargreaves, Bill" in p.aliases)
    assert bill.name == "William Hargreaves"


def test_when_a_signature_names_someone_unrelated_then_the_header_name_stays() -> None:
    thread = (
        "From: Hargreaves, Bill <bill@dellaport.nl>\nSent: Friday, June 5, 2026 11:15 AM\n"
        "To: Smit, Sanne <sanne@dellaport.nl>\nSubject: RE: lease\n\n"
        "Fine by me.\n\nWilliam Hargreaves Jr Foundation\nRegistered charity 555123\n\n"
        "From: Smit, Sanne <sanne@dellaport.nl>\nSent: Thursday, June 4, 2026 2:05 PM\n"
        "To: Hargreaves, Bill <bill@dellaport.nl>\nSubject: lease\n\nRenew the lease?\n"
    )
    speakers = [t.speaker for t in parse_text(thread).turns]
    assert speakers == ["Sanne Smit", "Bill Hargreaves"]


def test_when_messages_come_from_two_time_zones_then_they_are_ordered_by_the_moment() -> None:
    conversation = parse_file(CORPORATE / "mbox_out_of_order_zones.mbox")
    assert [(t.speaker, t.timestamp) for t in conversation.turns] == [
        ("Kyle Brandt", "2026-04-14T09:40:00-07:00"),  # 16:40 UTC
        ("Marisa Costa", "2026-04-14T14:05:00-03:00"),  # 17:05 UTC, though 14:05 > 11:15
        ("Kyle Brandt", "2026-04-14T11:15:00-07:00"),  # 18:15 UTC
    ]


def test_when_dates_disagree_with_the_reading_order_everywhere_then_the_paste_order_stays() -> None:
    days = [2, 9, 4, 11, 6]  # newest first in the paste, yet dates jump back and forth
    blocks = [
        f"From: {who}\nSent: Monday, March {day}, 2026 9:00 AM\nTo: x@y.com\n"
        f"Subject: RE: terms\n\nMessage {n} about the terms.\n\n{who.split()[0]}\n"
        for n, (day, who) in enumerate(
            zip(days, ["Ann Lee <ann@x.com>", "Bo Chen <bo@y.com>"] * 3, strict=False)
        )
    ]
    conversation = parse_text("-----Original Message-----\n".join(blocks))
    assert [t.text for t in conversation.turns] == [
        f"Message {n} about the terms." for n in reversed(range(len(days)))
    ]
