"""Property tests: every turn's text is its spans' slices joined by one-character
separators (no markup in any span), every cue is kept, and parsing raises nothing but
ParseError / InputRejected, whatever the input."""

from __future__ import annotations

import time
from types import ModuleType

import pytest
from _transcript_checks import all_cues, assert_span_invariant
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import InputRejected
from analyzer.parsers.transcripts import docx, otter, sbv, speaker_text, srt, vtt
from analyzer.parsers.transcripts.timecodes import parse_arrow_timing, srt_seconds, vtt_seconds

NAMES = st.sampled_from([None, "Dana Reyes", "José María", "O'Neil", "Dr. Kim", "Speaker 2"])
FRAGMENTS = st.sampled_from(
    [
        "hello",
        " we can do 40 ",
        "&amp;",
        "&gt;&gt;",
        ">>",
        "<i>",
        "</i>",
        "<v Sam Okafor>",
        "</v>",
        "<c.red>",
        "<00:00:01.500>",
        "2 < 3",
        "a & b",
        "&nbsp;",
        "&#233;",
        "&bogus;",
        "é",
        ":",
        "Note: ",
        "  ",
        "\t",
        "<",
        ">",
        "&",
    ]
)
LINE = st.lists(FRAGMENTS, max_size=6).map("".join)
CUE = st.tuples(NAMES, st.lists(LINE, max_size=3), st.booleans())


def _clock(seconds: int, separator: str = ".") -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}{separator}250"


def _lines(name: str | None, lines: list[str]) -> list[str]:
    lines = [line for line in lines if line.strip()]
    if name and lines:
        lines[0] = f"{name}: {lines[0]}"
    return lines


@st.composite
def vtt_documents(draw: st.DrawFn) -> tuple[str, int]:
    cues = draw(st.lists(CUE, max_size=12))
    blocks = ["WEBVTT\n"]
    for i, (name, lines, with_id) in enumerate(cues):
        head = f"{i + 1}\n" if with_id else ""
        body = "\n".join(_lines(name, lines))
        blocks.append(f"{head}{_clock(i)} --> {_clock(i + 1)} align:start\n{body}\n")
    text = "\n".join(blocks)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, len(cues)


@st.composite
def srt_documents(draw: st.DrawFn) -> tuple[str, int]:
    cues = draw(st.lists(CUE, min_size=1, max_size=12))
    blocks = []
    for i, (name, lines, _) in enumerate(cues):
        body = "\n".join(_lines(name, lines))
        blocks.append(f"{i + 1}\n{_clock(i, ',')} --> {_clock(i + 1, ',')}\n{body}\n")
    return "\n".join(blocks), len(cues)


@st.composite
def sbv_documents(draw: st.DrawFn) -> tuple[str, int]:
    cues = draw(st.lists(CUE, min_size=1, max_size=12))
    blocks = []
    for i, (name, lines, _) in enumerate(cues):
        body = "\n".join(_lines(name, lines))
        blocks.append(f"{_clock(i)[1:]},{_clock(i + 1)[1:]}\n{body}\n")
    return "\n".join(blocks), len(cues)


@st.composite
def labelled_documents(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.tuples(NAMES, LINE, st.booleans()), min_size=1, max_size=15))
    out = []
    for i, (name, line, clock) in enumerate(rows):
        prefix = f"[{_clock(i * 7)[:-4]}] " if clock else ""
        out.append(f"{prefix}{name}: {line}" if name else line)
    return "\n".join(out)


@st.composite
def otter_documents(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.tuples(NAMES, LINE, st.booleans()), min_size=1, max_size=10))
    out = []
    for i, (name, line, bold) in enumerate(rows):
        if name:
            shown = f"**{name}**" if bold else name
            out.append(f"{shown}  {i // 60}:{i % 60:02d}")
        out.append(line)
        out.append("")
    return "\n".join(out)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(vtt_documents())
def test_when_any_vtt_then_spans_rebuild_text_and_every_cue_is_kept(doc: tuple[str, int]) -> None:
    text, cue_count = doc
    conversation = vtt.parse(text)
    assert_span_invariant(conversation)
    if conversation.turns:
        assert all_cues(conversation) == cue_count


@SETTINGS
@given(srt_documents())
def test_when_any_srt_then_spans_rebuild_text_and_every_cue_is_kept(doc: tuple[str, int]) -> None:
    text, cue_count = doc
    conversation = srt.parse(text)
    assert_span_invariant(conversation)
    if conversation.turns:
        assert all_cues(conversation) == cue_count


@SETTINGS
@given(sbv_documents())
def test_when_any_sbv_then_spans_rebuild_text_and_every_cue_is_kept(doc: tuple[str, int]) -> None:
    text, cue_count = doc
    conversation = sbv.parse(text)
    assert_span_invariant(conversation)
    if conversation.turns:
        assert all_cues(conversation) == cue_count


@SETTINGS
@given(labelled_documents())
def test_when_any_labelled_text_then_spans_rebuild_text(text: str) -> None:
    try:
        conversation = speaker_text.parse(text)
    except InputRejected:
        return
    assert_span_invariant(conversation, markup=False)
    assert not any(t.text.startswith(("Dana Reyes:", "O'Neil:")) for t in conversation.turns)


@SETTINGS
@given(otter_documents())
def test_when_any_otter_text_then_spans_rebuild_text(text: str) -> None:
    try:
        conversation = otter.parse(text)
    except InputRejected:
        return
    assert_span_invariant(conversation, markup=False)


GARBAGE = st.text(
    alphabet=st.sampled_from(list("WEBVT\n\r\t :.,->0123456789<>&;/v#aZé*[]()\ufeff")),
    max_size=300,
)
PARSERS: list[ModuleType] = [vtt, srt, sbv, otter, speaker_text]


@pytest.mark.parametrize("module", PARSERS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@settings(max_examples=300, deadline=None)
@given(text=GARBAGE)
def test_when_input_is_garbage_then_only_parse_errors_are_raised(
    module: ModuleType, text: str
) -> None:
    try:
        conversation = module.parse(text)
    except InputRejected:
        return
    assert_span_invariant(conversation, markup=module in (vtt, srt, sbv))
    module.sniff(text)  # sniffing never raises either


@settings(max_examples=200, deadline=None)
@given(text=GARBAGE)
def test_when_docx_text_is_garbage_then_only_parse_errors_are_raised(text: str) -> None:
    try:
        conversation = docx.parse_docx_text(text, None)
    except InputRejected:
        return
    assert_span_invariant(conversation, markup=False)


PATHOLOGICAL_LINES = {
    "unclosed tags": "<a" * 50_000,
    "tag bodies": "<" + "v " * 50_000,
    "ampersands": "&#" * 50_000,
    "spaces before a colon": "Dana" + " " * 100_000 + ":",
    "long name-like run": "A" * 100_000 + ": hi",
    "chevrons": ">" * 100_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL_LINES))
@pytest.mark.parametrize("module", PARSERS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_when_a_line_is_pathological_then_parsing_stays_fast(module: ModuleType, name: str) -> None:
    line = PATHOLOGICAL_LINES[name]
    documents = {
        vtt: f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{line}\n",
        srt: f"1\n00:00:01,000 --> 00:00:02,000\n{line}\n",
        sbv: f"0:00:01.000,0:00:02.000\n{line}\n",
        otter: f"Dana Reyes  0:01\n{line}\n",
        speaker_text: f"Dana: {line}\nSam: ok\n",
    }
    began = time.process_time()
    module.sniff(documents[module])
    conversation = module.parse(documents[module])
    assert time.process_time() - began < 2.0
    assert_span_invariant(conversation, markup=False)


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(st.integers(0, 120), st.integers(0, 59), st.integers(0, 59), st.integers(0, 999)),
    st.sampled_from([".", ","]),
)
def test_when_timing_line_is_standard_then_fast_and_careful_reads_agree(
    parts: tuple[int, int, int, int], mark: str
) -> None:
    h, m, s, ms = parts
    stamp = f"{h:02d}:{m:02d}:{s:02d}{mark}{ms:03d}"
    reader, careful = ("WebVTT", vtt_seconds) if mark == "." else ("SRT", srt_seconds)
    start, end = parse_arrow_timing(f"{stamp} --> {stamp} align:start", 1, reader, careful)
    assert start == end == careful(stamp) == round(h * 3600 + m * 60 + s + ms / 1000, 3)
