"""Chat exports with a date and time on every message (WhatsApp and the like)."""

from __future__ import annotations

import pytest

from analyzer.models import InputFormat
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.parsers.transcripts.chat_export import ChatStamp, day_marker, match_stamp, to_iso
from analyzer.pipeline import analyze_conversation

ANDROID = """12.03.26, 14:05 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.
12.03.26, 14:05 - Dana Reyes: hi, is the bike still for sale?
12.03.26, 14:20 - Tom Okafor: yes, 450 firm
12.03.26, 14:22 - Dana Reyes: would you take 380?
15.03.26, 09:10 - Dana Reyes: hi again, any thoughts on 380?
"""

IOS_US = """[3/12/26, 2:05:10\u202fPM] Dana Reyes: hi, is the bike still for sale?
[3/12/26, 2:20:00\u202fPM] Tom Okafor: yes, 450 firm
[3/13/26, 9:00:00\u202fAM] Dana Reyes: 380?
"""


def test_when_an_android_export_is_pasted_then_speakers_and_dates_are_read() -> None:
    conv = parse_text(ANDROID)
    assert conv.format is InputFormat.WHATSAPP
    assert [(t.speaker, t.timestamp) for t in conv.turns] == [
        ("Dana Reyes", "2026-03-12T14:05:00"),
        ("Tom Okafor", "2026-03-12T14:20:00"),
        ("Dana Reyes", "2026-03-12T14:22:00"),
    ]
    # The stamps are not part of what was said; the encryption notice is left out.
    assert conv.turns[2].text == "would you take 380?\nhi again, any thoughts on 380?"
    assert any("end-to-end encrypted" in w for w in conv.warnings)


def test_when_an_ios_export_uses_a_us_locale_then_month_comes_first() -> None:
    conv = parse_text(IOS_US)
    assert [(t.speaker, t.timestamp) for t in conv.turns] == [
        ("Dana Reyes", "2026-03-12T14:05:10"),
        ("Tom Okafor", "2026-03-12T14:20:00"),
        ("Dana Reyes", "2026-03-13T09:00:00"),
    ]


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("12.03.26, 14:05 - Dana: ok", (12, 3, 2026, 14, 5)),
        ("[12/03/2026, 14:05:10] Dana: ok", (12, 3, 2026, 14, 5)),
        ("3/12/26, 12:30 AM - Dana: ok", (3, 12, 2026, 0, 30)),
        ("\u200e[04.11.25, 7:15:00 PM] Dana: ok", (4, 11, 2025, 19, 15)),
    ],
)
def test_when_a_line_carries_a_chat_stamp_then_its_fields_are_read(
    line: str, fields: tuple[int, int, int, int, int]
) -> None:
    found = match_stamp(line)
    assert found is not None
    stamp, rest = found
    assert (stamp.first, stamp.second, stamp.year, stamp.hour, stamp.minute) == fields
    assert line[rest:] == "Dana: ok"


@pytest.mark.parametrize(
    "line",
    ["[00:12:03] Dana: ok", "12:05 Dana: ok", "Dana: 12.03.26 works", "12.03.26 Dana: ok"],
)
def test_when_a_line_has_no_date_and_time_stamp_then_it_is_not_a_chat_stamp(line: str) -> None:
    assert match_stamp(line) is None


def test_when_no_day_is_above_twelve_then_day_first_is_assumed_and_bad_dates_are_none() -> None:
    stamps: list[ChatStamp | None] = [
        ChatStamp(3, 4, 2026, 9, 0, 0),
        None,
        ChatStamp(31, 2, 2026, 9, 0, 0),  # 31 February under day-first: no such date
    ]
    assert to_iso(stamps) == ["2026-04-03T09:00:00", None, None]


def test_when_chases_sit_in_one_turn_then_the_days_between_them_still_count() -> None:
    export = ANDROID + "19.03.26, 18:45 - Dana Reyes: still interested if you are\n"
    conv = parse_text(export)
    assert [c.start_s for c in conv.turns[2].cues] == [1020.0, 241500.0, 621600.0]
    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False, me=["Dana Reyes"])
    analysis = analyze_conversation(conv, options, "chat")
    (signal,) = analysis.signals
    assert signal.type.value == "no_response" and signal.speaker == "Tom Okafor"
    assert "over 7 days" in signal.explanation


LINKEDIN = """[Chat with Marta Gil, Monday 2 November 2026]
[10:12] Dana Reyes: Thanks for connecting! Could we book 30 minutes for a demo next week?
[15:40] Marta Gil: Not the best moment, we're mid season. Let's talk when things calm down.
[16:01] Dana Reyes: No problem. Who should I send the overview to?
[Monday 16 November 2026]
[09:30] Dana Reyes: Hi Marta, following up on my note. Would 15 minutes before the holidays work?
[Tuesday 1 December 2026]
[08:55] Dana Reyes: Hi Marta, one last nudge: would a date in January be more realistic?
"""


def test_when_a_chat_has_day_separators_then_clock_times_are_dated_and_separators_dropped() -> None:
    conv = parse_text(LINKEDIN)
    assert [(t.speaker, t.timestamp) for t in conv.turns] == [
        ("Dana Reyes", "2026-11-02T10:12:00"),
        ("Marta Gil", "2026-11-02T15:40:00"),
        ("Dana Reyes", "2026-11-02T16:01:00"),
    ]
    assert "November" not in conv.turns[2].text and "December" not in conv.turns[2].text
    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False, me=["Dana Reyes"])
    analysis = analyze_conversation(conv, options, "chat")
    no_response = [s for s in analysis.signals if s.type.value == "no_response"]
    assert no_response and "over 29 days" in no_response[0].explanation


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("[lundi 16 novembre 2026]", "2026-11-16"),
        ("[mardi 1er décembre 2026]", "2026-12-01"),
        ("--- Tuesday, March 3, 2026 ---", "2026-03-03"),
        ("Montag, 2. März 2026", "2026-03-02"),
        ("[12.03.2026]", "2026-03-12"),
        ("12.03.2026", None),  # unframed: may be part of a message
        ("We met on 3 March 2026", None),
        ("[Chat with Marta Gil, Monday 2 November 2026]", None),
        ("[15:40] Marta: hi", None),
    ],
)
def test_when_a_line_holds_only_a_date_then_it_is_a_day_separator(
    line: str, day: str | None
) -> None:
    found = day_marker(line)
    assert (found.isoformat() if found else None) == day


def test_when_a_call_transcript_has_clock_offsets_then_no_dates_are_invented() -> None:
    conv = parse_text("[00:00:05] Dana Reyes: Shall we start?\n[00:00:09] Tom Okafor: Yes.\n")
    assert [t.timestamp for t in conv.turns] == [None, None]
    assert [t.offset_s for t in conv.turns] == [5.0, 9.0]


def test_when_text_before_the_first_message_is_kept_then_the_messages_are_still_dated() -> None:
    # More than a heading before the first label becomes a turn by an unknown speaker;
    # the dated messages after it keep their own date-times.
    preamble = (
        "Chat exported for the dispute file: the seller listed the bike on a marketplace, "
        "we asked about the frame size, the gears and the service history, and agreed to "
        "move the conversation here to arrange a viewing at the weekend.\n"
    )
    conv = parse_text(preamble + ANDROID)
    assert conv.turns[0].speaker == "Unknown" and conv.turns[0].timestamp is None
    assert [t.timestamp for t in conv.turns[1:]] == [
        "2026-03-12T14:05:00",
        "2026-03-12T14:20:00",
        "2026-03-12T14:22:00",
    ]
