"""Transcript conformance: our parsers against what webvtt-py's tests assert, and facts
computed from real council captions (`fixtures/real/conformance/shared.jsonl`, sets
`webvtt_py` and `cdp_backend_captions`), scored by the reference `score.py`.

Conventions where the references could be read two ways (listed so a change is
deliberate; the one check they cost is in DISAGREEMENTS, excluded, and proven to fail):
- Empty cues. webvtt-py keeps an empty VTT cue but drops it in SRT
  (`test_srt_empty_gets_removed`). We keep every timed cue in every format, in the turn
  that is open, so nothing is lost and `turns` (timing blocks) and `turns_nonempty`
  (cues with text) can both be answered. An empty cue never makes a turn of its own.
- Invalid files. Like webvtt-py we reject a file without the WEBVTT line and a broken
  time with a `ParseError` naming the line; an SRT time with a dot before the
  milliseconds is broken (the SRT format uses a comma). A WebVTT text block with no
  timing line is skipped with a warning naming its line, as the WebVTT parsing rules
  do (webvtt-py rejects the file: see DISAGREEMENTS).
- Teams' short timestamps ("0:0:0.210", webvtt-py pull request 45, rejected by its master
  branch) are accepted: Teams writes them and users upload them.
- An SBV cue whose end precedes its start (sample.sbv) is kept as written.
- Counting unit: the records count cues (`turn_unit: "cue"`, and webvtt-py's "captions");
  our turns merge consecutive cues of one speaker, so `_transcript_outputs` answers from
  the cues each turn keeps. The merged turns are pinned by the unit tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from _transcript_outputs import (
    CONFORMANCE,
    REAL,
    TRANSCRIPT_SETS,
    output_row,
    transcript_records,
)

from analyzer.errors import ParseError
from analyzer.models import Conversation
from analyzer.parsers import parse_bytes

SUBTITLES = REAL / "transcripts" / "webvtt_py" / "tests" / "subtitles"

MIN_RATE = 0.90

# (case, check kind) -> why our output deliberately differs from the reference's.
DISAGREEMENTS: dict[tuple[str, str], str] = {
    ("transcripts/webvtt_py/tests/subtitles/missing_timeframe.vtt", "error"): (
        "A stray text block without a timing line (as people paste into a caption file) "
        "is skipped by the WebVTT parsing rules, and by us, with a warning naming the line; "
        "webvtt-py rejects the whole file, which would leave a real call unanalysable."
    ),
}


def _without_disagreements(record: dict[str, Any]) -> dict[str, Any]:
    expect = {
        kind: value
        for kind, value in record["expect"].items()
        if (record["case"], kind) not in DISAGREEMENTS
    }
    return {**record, "expect": expect}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, int]]:
    folder = tmp_path_factory.mktemp("transcripts")
    outputs = folder / "outputs.jsonl"
    records = transcript_records()
    rows = {r["case"]: output_row(r) for r in records}
    outputs.write_text("".join(json.dumps(row) + "\n" for row in rows.values()), encoding="utf-8")
    expect = folder / "expect.jsonl"
    expect.write_text(
        "".join(json.dumps(_without_disagreements(r), ensure_ascii=False) + "\n" for r in records),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            str(CONFORMANCE / "score.py"),
            str(outputs),
            "--expect",
            str(expect),
            "--sets",
            ",".join(TRANSCRIPT_SETS),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    summary = json.loads(result.stdout)
    sets: dict[str, dict[str, int]] = summary["sets"]
    for name in TRANSCRIPT_SETS:
        counts = sets.get(name, {})
        passed, failed = counts.get("pass", 0), counts.get("fail", 0)
        missing = counts.get("missing", 0)
        total = passed + failed + missing
        print(
            f"{name}: {passed}/{total} checks pass ({100 * passed / max(total, 1):.1f}%), "
            f"{failed} fail, {missing} missing"
        )
    return sets


@pytest.mark.parametrize("set_name", TRANSCRIPT_SETS)
def test_when_scored_then_each_transcript_set_passes_at_least_90_percent(
    scores: dict[str, dict[str, int]], set_name: str
) -> None:
    counts = scores[set_name]
    passed, failed = counts.get("pass", 0), counts.get("fail", 0)
    answerable = passed + failed
    assert answerable > 0
    assert passed / answerable >= MIN_RATE, counts


@pytest.mark.parametrize("set_name", TRANSCRIPT_SETS)
def test_when_scored_then_every_transcript_check_is_answered(
    scores: dict[str, dict[str, int]], set_name: str
) -> None:
    # Our output carries every field the transcript records ask for.
    assert scores[set_name].get("missing", 0) == 0


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("invalid_timeframe.vtt", r"line 6: '00:00:1d\.890' is not a valid time"),
        ("invalid.vtt", r"starts with the line 'WEBVTT'"),
        ("invalid_timeframe.srt", r"line 6: '00:00:11\.890'.*comma"),
        ("missing_timeframe.srt", r"line 5: cue 2 has no timing line"),
        ("invalid_timeframe.sbv", r"line 7: expected a timing line"),
    ],
)
def test_when_reference_fixture_is_broken_then_the_error_names_the_line(
    fixture: str, message: str
) -> None:
    path = SUBTITLES / fixture
    with pytest.raises(ParseError, match=message):
        parse_bytes(path.read_bytes(), filename=path.name)


def test_when_disagreement_listed_then_our_output_really_differs() -> None:
    by_case = {r["case"]: r for r in transcript_records()}
    for (case, kind), reason in DISAGREEMENTS.items():
        assert reason
        record = by_case[case]
        assert kind in record["expect"], (case, kind)
        assert output_row(record).get(kind) != record["expect"][kind], (case, kind)


def test_when_a_vtt_block_has_no_timing_line_then_it_is_skipped_with_a_warning() -> None:
    path = SUBTITLES / "missing_timeframe.vtt"
    conversation: Conversation = parse_bytes(path.read_bytes(), filename=path.name)
    said = [cue.text for turn in conversation.turns for cue in turn.cues]
    assert "Caption text #2" not in said and len(said) == 6
    assert any(
        "line 6" in w and "'Caption text #2'" in w and "skipped" in w for w in conversation.warnings
    )
