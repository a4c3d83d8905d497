"""Reading the model's answer: lenient on shape, strict on labels, every loss reported."""

from __future__ import annotations

import json

import pytest

from analyzer.analysis import Analysis, EngineName, Side, Signal
from analyzer.llm.merge import merge_windows, union_signals
from analyzer.llm.schema import AnswerUnusable, parse_json_object, to_drafts, to_proposal
from analyzer.taxonomy import EndType, SignalType, Stage, Strategy


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',
        '```json\n{"a": 1}\n```',
        'Here is the diagnosis:\n{"a": 1}\nHope this helps.',
    ],
)
def test_when_answer_wraps_json_then_the_object_is_read(text: str) -> None:
    assert parse_json_object(text) == {"a": 1}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I cannot help with that.", "no JSON object"),
        ('{"signals": [', "no JSON object"),
        ('{"a": 1,, }', "invalid JSON"),
    ],
)
def test_when_answer_is_not_json_then_the_reason_is_given(text: str, words: str) -> None:
    with pytest.raises(AnswerUnusable, match=words):
        parse_json_object(text)


def proposal(**data: object) -> Analysis:
    return to_proposal(data, side=Side(), source="s", language="en").analysis


def test_when_labels_are_invalid_then_items_are_dropped_with_findings() -> None:
    result = to_proposal(
        {
            "signals": [
                {"type": "anger", "speaker": "A", "turn": 1, "quote": "x", "explanation": ""},
                {"type": "ultimatum", "speaker": "A", "turn": 1, "quote": "", "explanation": ""},
                {
                    "type": "ultimatum",
                    "speaker": "A",
                    "turn": 2,
                    "quote": "final",
                    "explanation": "",
                },
            ],
            "stage": "ending",
            "causes": [{"id": "greed", "why": ""}],
            "strategies": [{"id": "call_the_question", "why": ""}, {"id": "shout", "why": ""}],
        },
        side=Side(),
        source="s",
        language="en",
    )
    assert [s.quote for s in result.analysis.signals] == ["final"]
    assert len(result.findings) == 5
    assert result.analysis.stage is Stage.MIDDLE  # unknown stage, signals present
    assert [s.id for s in result.analysis.strategies] == [Strategy.CALL_THE_QUESTION]


def test_when_stage_is_not_end_then_end_type_is_cleared_and_confidence_clamped() -> None:
    analysis = proposal(stage="middle", end_type="firm", confidence=7)
    assert analysis.end_type is None and analysis.confidence == 1.0
    assert proposal(stage="end", end_type="soft").end_type is EndType.SOFT


def test_when_answer_has_the_wrong_shape_then_it_is_unusable() -> None:
    with pytest.raises(AnswerUnusable):
        to_proposal({"signals": "none"}, side=Side(), source="s", language="en")


def test_when_drafts_name_other_strategies_then_they_are_findings() -> None:
    data = json.loads(
        '{"drafts": [{"strategy": "ask_timing", "text": "When?"},'
        ' {"strategy": "call_the_question", "text": "Is it over?"},'
        ' {"strategy": "ask_timing", "text": "Again?"}, {"strategy": "ask_authority", "text": " "}]}'
    )
    drafts, findings = to_drafts(data, [Strategy.ASK_TIMING, Strategy.ASK_AUTHORITY])
    assert [(d.strategy, d.text) for d in drafts] == [(Strategy.ASK_TIMING, "When?")]
    assert len(findings) == 2


def signal(turn: int, quote: str, kind: SignalType = SignalType.WEASEL_WORDS) -> Signal:
    return Signal(type=kind, speaker="B", turn=turn, quote=quote, explanation="")


def part(stage: Stage, *signals: Signal) -> Analysis:
    return Analysis(
        source="s",
        engine=EngineName.LLM,
        impasse=stage is not Stage.NONE,
        stage=stage,
        confidence=0.5,
        summary=stage.value,
        signals=list(signals),
    )


def test_when_windows_merge_then_latest_impasse_leads_and_signals_are_united() -> None:
    merged = merge_windows(
        [
            part(Stage.MIDDLE, signal(2, "not comfortable", SignalType.DISCOMFORT)),
            part(
                Stage.END,
                signal(9, "at this time"),
                signal(2, "not comfortable", SignalType.DISCOMFORT),
            ),
            part(Stage.NONE),
        ]
    )
    assert merged.stage is Stage.END and merged.summary == "end"
    assert [(s.turn, s.quote) for s in merged.signals] == [
        (2, "not comfortable"),
        (9, "at this time"),
    ]


def test_when_signals_repeat_with_other_spacing_then_they_count_once() -> None:
    assert len(union_signals([signal(1, "at  this time")], [signal(1, "at this time")])) == 1


@pytest.mark.parametrize(
    ("data", "complete", "finding"),
    [
        ({}, False, "stage '' is not a stage id"),
        ({"stage": "end"}, False, "the answer lacks required fields: signals"),
        ({"signals": [], "stage": "bogus"}, False, "stage 'bogus' is not a stage id"),
        ({"signals": [], "stage": "NONE"}, True, None),
    ],
)
def test_when_the_verdict_is_missing_then_the_answer_is_incomplete(
    data: dict[str, object], complete: bool, finding: str | None
) -> None:
    result = to_proposal(data, side=Side(), source="s", language="en")
    assert result.complete is complete
    if finding is not None:
        assert finding in result.findings
