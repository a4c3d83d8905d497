"""The blind test batches stay readable by the parser: every labelled quote sits in a turn
of its labelled speaker (for `no_response`, in a turn of our side), and every name in
`us`/`them` is a speaker. This checks the labels against the parser, never the engine:
a parser change that breaks them shows here, not as a silently lower figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.evaluation import Label, load_labels
from analyzer.framework.grounding import locate
from analyzer.parsers import parse_file
from tests.framework._label_names import canonical

BLIND = Path(__file__).resolve().parents[2] / "fixtures" / "blind"
LABELS = load_labels(
    sorted(BLIND.glob("batch*/*/labels.jsonl")) + sorted(BLIND.glob("batch*/labels.jsonl"))
)


def test_when_blind_batches_are_loaded_then_every_batch_is_there() -> None:
    assert len(LABELS) >= 350
    assert sum(1 for lab in LABELS if lab.negotiation is False) >= 44


@pytest.mark.parametrize("label", LABELS, ids=lambda lab: lab.id)
def test_when_a_blind_conversation_is_parsed_then_its_labels_still_fit(label: Label) -> None:
    conversation = parse_file(label.path())
    speakers = set(conversation.speakers())
    us = canonical(conversation, label.us_list())
    # The silent party of a chase may never write a line, so it need not be a speaker.
    silent = {s.speaker for s in label.signals or [] if s.type == "no_response"}
    them = canonical(conversation, [n for n in label.them or [] if n not in silent])
    assert us <= speakers and them <= speakers, (
        f"{label.id}: named {sorted((us | them) - speakers)}, parsed speakers {sorted(speakers)}"
    )
    for signal in label.signals or []:
        if signal.type == "no_response":
            owners = [t for t in conversation.turns if t.speaker in us]
        else:
            speaker = canonical(conversation, [signal.speaker or ""])
            owners = [t for t in conversation.turns if t.speaker in speaker]
        assert any(locate(t.text, signal.quote or "") for t in owners), (
            f"{label.id}: {signal.type} quote not in a turn of its speaker: {signal.quote!r}"
        )
