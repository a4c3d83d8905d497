"""Map parsed transcripts to the output fields `fixtures/real/conformance/score.py` reads.

The transcript records count source units: webvtt-py's tests count "captions" (cues), and
the computed records say so with `"turn_unit": "cue"`. So `turns`, `first_text`,
`last_text`, `start_s`, `end_s` and `cues` describe the cues our turns keep (in file
order, text as in the file; the scorer strips tags itself), while the speaker fields
describe the merged turns. A parse that is rejected is `{"error": true}`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from analyzer.errors import InputRejected
from analyzer.models import Conversation, InputFormat
from analyzer.parsers import parse_bytes

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "fixtures" / "real"
CONFORMANCE = REAL / "conformance"
TRANSCRIPT_SETS = ("webvtt_py", "cdp_backend_captions")
_FORMATS = {".vtt": InputFormat.VTT, ".srt": InputFormat.SRT, ".sbv": InputFormat.SBV}


def transcript_records() -> list[dict[str, Any]]:
    """The shared records of the transcript sets."""
    with (CONFORMANCE / "shared.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if r["set"] in TRANSCRIPT_SETS]


def _clean(text: str) -> str:
    return " ".join(text.split())


def conversation_fields(conversation: Conversation) -> dict[str, Any]:
    """The scorer's fields for one parsed transcript (cue unit; see the module doc)."""
    cues = [cue for turn in conversation.turns for cue in turn.cues]
    said = [cue for cue in cues if _clean(cue.text)]
    out: dict[str, Any] = {
        "error": False,
        "turns": len(cues),
        "turns_nonempty": len(said),
        "cues": [cue.model_dump() for cue in cues],
        "speaker_count": len(conversation.participants),
    }
    if said:
        out["first_text"] = said[0].text
        out["last_text"] = said[-1].text
    if cues and cues[0].start_s is not None and cues[-1].end_s is not None:
        out["start_s"] = cues[0].start_s
        out["end_s"] = cues[-1].end_s
        out["duration_s"] = round(cues[-1].end_s - cues[0].start_s, 3)
    if conversation.turns:
        out["first_speaker"] = conversation.turns[0].speaker
        out["last_speaker"] = conversation.turns[-1].speaker
    return out


def output_row(record: dict[str, Any]) -> dict[str, Any]:
    """Parse one record's fixture (format from its extension) and map the result."""
    path = REAL / record["fixture"]
    row: dict[str, Any] = {"case": record["case"]}
    try:
        conversation = parse_bytes(path.read_bytes(), input_format=_FORMATS[path.suffix])
    except InputRejected:
        row["error"] = True
        return row
    row.update(conversation_fields(conversation))
    return row
