"""The labelled development set stays readable by the parser: every labelled quote sits in
a turn of the labelled speaker (for `no_response`, in a turn of our side)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.evaluation import Label, load_labels
from analyzer.framework.grounding import locate
from analyzer.parsers import parse_file
from tests.framework._label_names import canonical

DEVSET = Path(__file__).resolve().parents[2] / "fixtures" / "devset"
LABEL_FILES = sorted(DEVSET.glob("*/labels_*.jsonl"))
LABELS = load_labels(LABEL_FILES)


def test_when_devset_is_loaded_then_it_is_large_and_covers_every_stage() -> None:
    english = [lab for lab in LABELS if (lab.language or "en") == "en"]
    assert len(english) >= 60
    assert {lab.stage for lab in english} == {"beginning", "middle", "end", "none"}
    assert sum(1 for lab in english if lab.stage == "none") >= 15
    for language in ("de", "fr", "es"):
        assert sum(1 for lab in LABELS if lab.language == language) >= 8


@pytest.mark.parametrize("label", LABELS, ids=lambda lab: lab.id)
def test_when_a_labelled_conversation_is_parsed_then_each_quote_is_in_its_speakers_turn(
    label: Label,
) -> None:
    conversation = parse_file(label.path())
    us = canonical(conversation, label.us_list())
    for signal in label.signals or []:
        assert signal.quote
        if signal.type == "no_response":
            owners = [t for t in conversation.turns if t.speaker in us]
        else:
            speaker = canonical(conversation, [signal.speaker or ""])
            owners = [t for t in conversation.turns if t.speaker in speaker]
        assert any(locate(t.text, signal.quote) for t in owners), (
            f"{label.id}: {signal.type} quote not found in a turn of "
            f"{'our side' if signal.type == 'no_response' else signal.speaker}: {signal.quote!r}"
        )
