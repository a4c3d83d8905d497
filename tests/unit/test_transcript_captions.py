"""WebVTT, SRT and SBV: speakers, merging, offsets, markup, strictness, bad input."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from _transcript_checks import all_cues, assert_span_invariant

from analyzer.errors import InputRejected, ParseError
from analyzer.models import InputFormat
from analyzer.parsers import parse_bytes, parse_text
from analyzer.parsers.transcripts import sbv, srt, vtt

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "transcript"
REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real" / "transcripts"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_when_zoom_vtt_then_consecutive_cues_of_one_speaker_merge() -> None:
    conversation = vtt.parse(_read("zoom_supplier_renewal.vtt"))
    assert [t.speaker for t in conversation.turns] == [
        "Dana Reyes",
        "Marco Bianchi",
        "Dana Reyes",
        "Marco Bianchi",
        "José María Ortega",
        "Dana Reyes",
    ]
    assert [len(t.cues) for t in conversation.turns] == [2, 1, 1, 2, 1, 1]
    assert [t.offset_s for t in conversation.turns] == [2.15, 10.8, 16.5, 22.1, 31.4, 36.3]
    first = conversation.turns[0]
    assert first.text == (
        "Thanks for making time, Marco. I know the quarter is busy. We reviewed your renewal "
        "quote. At 14% over last year, we can't sign it as it stands."
    )
    assert first.cues[1].text.startswith("Dana Reyes: We reviewed")  # as in the file
    assert first.cues[1].identifier == "2"
    assert conversation.kind.value == "transcript"
    assert_span_invariant(conversation)


def test_when_vtt_has_entity_then_text_decodes_it_and_spans_skip_it() -> None:
    conversation = vtt.parse(_read("zoom_supplier_renewal.vtt"))
    turn = conversation.turns[3]
    assert "$3.85 a unit & hold it" in turn.text
    assert_span_invariant(conversation)


def test_when_teams_vtt_then_voice_tags_name_speakers_and_short_times_parse() -> None:
    conversation = vtt.parse(_read("teams_service_levels.vtt"))
    assert conversation.speakers() == ["Priya Nair", "Tom O'Neil", "Dr. Kim Lee"]
    assert [t.speaker for t in conversation.turns] == [
        "Priya Nair",
        "Tom O'Neil",
        "Dr. Kim Lee",
        "Priya Nair",
        "Tom O'Neil",
    ]
    tom = conversation.turns[1]
    assert tom.offset_s == 13.21
    assert tom.cues[0].end_s == 19.05
    assert tom.text == (
        "I understand, but 99.9 means a second data centre. That's not in the price we "
        "quoted. I don't have authority to change the hosting model today."
    )
    # A tag in the middle of a line is removed; the spans go around it.
    assert conversation.turns[3].text == "Credits work for us if they're capped at twenty percent."
    assert len(conversation.turns[3].spans) > 1
    assert_span_invariant(conversation)


def test_when_real_teams_short_timestamps_then_cues_keep_times() -> None:
    path = REAL / "webvtt_py" / "from_pull_requests" / "pr45" / "teams_timeframe.vtt"
    conversation = vtt.parse(path.read_text(encoding="utf-8"))
    assert [(t.speaker, t.offset_s, t.text) for t in conversation.turns] == [
        ("Yuri Bakulin", 0.0, "There you go."),
        ("Adrian Petrescu", 0.21, "Why hello there, Yuri."),
    ]
    assert conversation.turns[1].cues[0].end_s == 1.13


def test_when_captions_mark_speaker_changes_with_chevrons_then_each_starts_a_turn() -> None:
    path = REAL / "cdp_captions" / "oakland_captions.vtt"
    conversation = vtt.parse(path.read_text(encoding="utf-8"))
    texts = [t.text for t in conversation.turns]
    assert texts[0] == "successor agency/city council."
    assert texts[1].startswith("good morning, welcome to to special concurrent")
    assert "present." in texts
    assert all(t.speaker == "Unknown" for t in conversation.turns)
    assert all_cues(conversation) == 424  # every cue kept, including the empty first one
    assert conversation.turns[0].cues[0].text == ""
    assert conversation.turns[0].offset_s == 148.168  # the first cue with text
    assert_span_invariant(conversation)


def test_when_chevrons_are_html_escaped_then_they_still_mark_speakers() -> None:
    path = REAL / "cdp_captions" / "fake_caption.vtt"
    conversation = parse_bytes(path.read_bytes(), input_format="vtt")
    assert conversation.turns[0].text == "OKAY, GOOD MORNING."
    assert conversation.turns[1].text == "GOOD MORNING."
    assert conversation.turns[2].text.startswith("THANKS FOR BEING HERE FOR OUR REGULAR")
    assert all_cues(conversation) == 18
    assert_span_invariant(conversation)


def test_when_captions_have_no_speaker_marks_then_each_cue_is_its_own_turn() -> None:
    path = REAL / "webvtt_py" / "tests" / "subtitles" / "sample.vtt"
    conversation = vtt.parse(path.read_text(encoding="utf-8"))
    assert len(conversation.turns) == 16
    assert {t.speaker for t in conversation.turns} == {"Unknown"}


def test_when_sbv_captions_use_chevrons_then_unmarked_cues_continue_the_turn() -> None:
    conversation = sbv.parse(_read("youtube_negotiation_panel.sbv"))
    assert [len(t.cues) for t in conversation.turns] == [2, 1, 1, 1]
    assert conversation.turns[0].text == (
        "WELCOME BACK. OUR PANEL TODAY IS ON SUPPLIER NEGOTIATIONS. WHAT DO YOU DO WHEN "
        "THE OTHER SIDE STOPS ANSWERING?"
    )
    assert [t.offset_s for t in conversation.turns] == [0.5, 7.6, 12.3, 15.4]
    assert_span_invariant(conversation)


def test_when_srt_has_labels_tags_and_an_empty_cue_then_nothing_is_lost() -> None:
    conversation = srt.parse(_read("captions_price_review.srt"))
    assert [t.speaker for t in conversation.turns] == ["Lena Vogel", "Arjun Mehta", "Lena Vogel"]
    assert [len(t.cues) for t in conversation.turns] == [3, 1, 1]
    assert conversation.turns[0].cues[2].text == ""  # the empty cue, kept
    assert conversation.turns[0].text.endswith("Frankly, the 8% surcharge came as a surprise.")
    assert conversation.turns[1].text == (
        "The surcharge covers the new compliance audit. We can phase it over two years."
    )
    assert_span_invariant(conversation)


VALID_VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Hello there.\n\n" + (
    "00:00:02.000 --> 00:00:03.500\nSam: We can do 40.\n"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bom", "\ufeff" + VALID_VTT),
        ("crlf", VALID_VTT.replace("\n", "\r\n")),
        (
            "cue settings",
            VALID_VTT.replace("00:00:02.000\n", "00:00:02.000 align:start line:74%\n"),
        ),
        ("note block", VALID_VTT.replace("WEBVTT\n\n", "WEBVTT\n\nNOTE exported by Zoom\n\n")),
        (
            "style block",
            VALID_VTT.replace("WEBVTT\n\n", "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n"),
        ),
        ("region block", VALID_VTT.replace("WEBVTT\n\n", "WEBVTT\n\nREGION\nid:fred\n\n")),
        ("identifiers", VALID_VTT.replace("\n\n0", "\n\nintro-1\n0", 1)),
        (
            "header metadata",
            VALID_VTT.replace("WEBVTT\n", "WEBVTT\nKind: captions\nLanguage: en\n"),
        ),
    ],
)
def test_when_vtt_variant_then_same_turns(name: str, text: str) -> None:
    conversation = parse_text(text, input_format="vtt")
    assert [(t.speaker, t.text, t.offset_s) for t in conversation.turns] == [
        ("Dana", "Hello there.", 1.0),
        ("Sam", "We can do 40.", 2.0),
    ], name
    assert_span_invariant(conversation)


@pytest.mark.parametrize(
    ("module", "text", "message"),
    [
        (vtt, "00:00:01.000 --> 00:00:02.000\nhello\n", "starts with the line 'WEBVTT'"),
        (vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n", "line 3"),
        (vtt, "WEBVTT\n\n00:00:01.000 --> 00:61:02.000\nhello\n", "not a valid time"),
        (srt, "1\n00:00:01.000 --> 00:00:02.000\nhello\n", "comma before the milliseconds"),
        (srt, "1\nhello\n", "no timing line"),
        (sbv, "hello\n", "expected a timing line"),
        (sbv, "0:00:01.000,0:00:0x.000\nhello\n", "expected a timing line"),
    ],
)
def test_when_caption_file_is_broken_then_parse_error_says_what(
    module: object, text: str, message: str
) -> None:
    with pytest.raises(ParseError, match=message):
        module.parse(text)  # type: ignore[attr-defined]


def test_when_vtt_has_no_cues_then_no_turns_and_a_warning() -> None:
    conversation = vtt.parse("WEBVTT\n\nNOTE nothing was said\n")
    assert conversation.turns == []
    assert "no cues" in conversation.warnings[0]


def test_when_vtt_cues_are_all_empty_then_a_warning_counts_them() -> None:
    conversation = vtt.parse(
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\n00:00:01.000 --> 00:00:02.000\n"
    )
    assert conversation.turns == []
    assert "2 cue(s) hold no text" in conversation.warnings[0]


def test_when_extension_says_vtt_but_content_is_broken_then_error_not_plain_text() -> None:
    with pytest.raises(InputRejected, match="vtt"):
        parse_bytes(b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n", input_format="vtt")


def test_when_transcript_has_20000_cues_then_every_cue_is_kept() -> None:
    # Speed is measured by benchmarks/parse_speed.py, not asserted here.
    blocks = ["WEBVTT", ""]
    for i in range(20_000):
        speaker = "Dana Reyes" if (i // 3) % 2 == 0 else "Sam Okafor"
        start, end = i * 2, i * 2 + 1.5
        blocks.append(f"{i + 1}")
        blocks.append(f"{_clock(start)} --> {_clock(end)}")
        blocks.append(f"{speaker}: point number {i} &amp; <i>more</i>")
        blocks.append("")
    text = "\n".join(blocks)
    conversation = parse_text(text, input_format=InputFormat.VTT)
    assert all_cues(conversation) == 20_000
    assert len(conversation.turns) == 20_000 // 3 + 1
    middle = conversation.turns[len(conversation.turns) // 2]
    assert "point number" in middle.text
    assert conversation.turns[-1].cues[-1].identifier == "20000"
    assert "point number 19999 & more" in conversation.turns[-1].text
    assert_span_invariant(conversation)


def _clock(seconds: float) -> str:
    whole = int(seconds)
    millis = round(seconds % 1 * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"


@pytest.mark.parametrize(
    ("module", "fixture", "claimed"),
    [
        (vtt, "zoom_supplier_renewal.vtt", True),
        (vtt, "captions_price_review.srt", False),
        (srt, "captions_price_review.srt", True),
        (srt, "youtube_negotiation_panel.sbv", False),
        (sbv, "youtube_negotiation_panel.sbv", True),
        (sbv, "zoom_supplier_renewal.vtt", False),
    ],
)
def test_when_sniffing_then_only_the_own_format_is_claimed(
    module: object, fixture: str, claimed: bool
) -> None:
    assert module.sniff(_read(fixture)) is claimed  # type: ignore[attr-defined]


def test_when_chevron_is_followed_by_a_name_then_that_name_speaks() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> COUNCILMEMBER SAWANT: THANK YOU.\n\n"
        "00:00:03.000 --> 00:00:05.000\nWE OPPOSE THE AMENDMENT.\n>> NEXT SPEAKER, PLEASE.\n"
    )
    conversation = vtt.parse(text)
    assert [(t.speaker, t.text, t.offset_s, len(t.cues)) for t in conversation.turns] == [
        ("COUNCILMEMBER SAWANT", "THANK YOU. WE OPPOSE THE AMENDMENT.", 1.0, 2),
        # Begins inside the second cue: its offset is that cue's start; the cue is kept
        # once, in the turn where its text starts.
        ("Unknown", "NEXT SPEAKER, PLEASE.", 3.0, 0),
    ]
    assert_span_invariant(conversation)


def test_when_one_cue_holds_two_voices_then_it_splits_into_two_turns() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>Forty?</v> <v Sam>Forty-two.</v>\n"
    conversation = vtt.parse(text)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Dana", "Forty?"),
        ("Sam", "Forty-two."),
    ]
    assert all_cues(conversation) == 1
    assert_span_invariant(conversation)


def test_when_speaker_returns_after_another_then_a_new_turn_starts() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: One.\n\n"
        "00:00:02.000 --> 00:00:03.000\nSam: Two.\n\n00:00:03.000 --> 00:00:04.000\nDana: Three.\n"
    )
    assert [t.text for t in vtt.parse(text).turns] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8 bom and crlf", b"\xef\xbb\xbf" + VALID_VTT.replace("\n", "\r\n").encode()),
        ("utf-16 with bom", VALID_VTT.encode("utf-16")),
        ("blank lines before the signature", b"\n\n" + VALID_VTT.encode()),
    ],
)
def test_when_vtt_bytes_are_encoded_differently_then_detected_and_same_turns(
    name: str, data: bytes
) -> None:
    conversation = parse_bytes(data, filename="call.vtt")
    assert conversation.format is InputFormat.VTT, name
    assert [t.text for t in conversation.turns] == ["Hello there.", "We can do 40."]
    assert_span_invariant(conversation)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("zoom_supplier_renewal.vtt", InputFormat.VTT),
        ("teams_service_levels.vtt", InputFormat.VTT),
        ("captions_price_review.srt", InputFormat.SRT),
        ("youtube_negotiation_panel.sbv", InputFormat.SBV),
        ("otter_licensing_call.txt", InputFormat.OTTER),
        ("otter_licensing_call.md", InputFormat.OTTER),
        ("speaker_lines_lease.txt", InputFormat.SPEAKER_TEXT),
        ("timestamped_lines_procurement.txt", InputFormat.SPEAKER_TEXT),
    ],
)
def test_when_pasted_without_a_file_name_then_the_format_is_detected(
    fixture: str, expected: InputFormat
) -> None:
    assert parse_text(_read(fixture)).format is expected


def test_when_chevron_ends_a_cue_then_the_next_cue_is_the_new_speaker() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nWE ACCEPT THE TERMS. >>\n\n"
        "00:00:02.000 --> 00:00:03.000\nTHANK YOU.\n"
    )
    conversation = vtt.parse(text)
    assert [(t.text, t.offset_s) for t in conversation.turns] == [
        ("WE ACCEPT THE TERMS.", 1.0),
        ("THANK YOU.", 2.0),
    ]


@pytest.mark.parametrize(
    ("module", "text", "line"),
    [
        (vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n\njust text\n", "line 6"),
        (
            vtt,
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>hi\n\npasted note\nline two\n\n"
            "00:00:03.000 --> 00:00:04.000\n<v Ben>hello\n",
            "line 6",
        ),
        (srt, "hello\n00:00:01,000 --> 00:00:02,000\nDana: hi\n", "line 1"),
        (
            srt,
            "1\n00:00:01,000 --> 00:00:02,000\nhi\n\nstray text\n\n2\n"
            "00:00:03,000 --> 00:00:04,000\nthere\n",
            "line 5",
        ),
    ],
)
def test_when_a_block_has_no_timing_line_then_it_is_skipped_with_a_warning_naming_the_line(
    module: ModuleType, text: str, line: str
) -> None:
    conversation = module.parse(text)
    assert conversation.turns
    assert any(line in w and "skipped" in w for w in conversation.warnings)
    said = " ".join(t.text for t in conversation.turns)
    assert "just text" not in said and "pasted note" not in said and "stray" not in said


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("<v Dana > Lee>", "Dana > Lee"),
        ("<v Dana>Lee>", "Dana>Lee"),
        ("<v <Ben>>", "Ben"),
        ("<v Ben &gt; Ann>", "Ben > Ann"),
        ("<v.loud Ben>", "Ben"),
    ],
)
def test_when_voice_name_is_odd_then_the_cue_still_opens_a_turn_of_its_own(
    tag: str, speaker: str
) -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>We need 5%.\n\n"
        f"00:00:03.000 --> 00:00:04.000\n{tag}We can do 3%.\n"
    )
    conversation = vtt.parse(text)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Dana", "We need 5%."),
        (speaker, "We can do 3%."),
    ]
    assert_span_invariant(conversation)
