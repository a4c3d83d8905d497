"""The chain against a larger local model, replayed from cassettes.

Recorded from llama.cpp's own OpenAI-compatible server (the prebuilt `xllamacpp` wheel)
running Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) on CPU, with the settings the README gives
for a small local server: `json_schema` output, one window, a generous overall timeout
(`scripts/record_local_model.sh`). Four short dev-set conversations, one per stage, go
through the real detectors and the real framework rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from analyzer.analysis import Analysis, CheckStatus, EngineName
from analyzer.evaluation import load_labels
from analyzer.llm.settings import LLMSettings, StructuredMethod, load_settings
from analyzer.options import AnalyzeOptions
from analyzer.parsers import parse_file
from analyzer.taxonomy import EndType, SignalType, Stage
from tests.llm.fakes import analyze_llm
from tests.llm.recording import replay

ROOT = Path(__file__).resolve().parents[2]
MODULE = "test_chain_local_model"
SCRIPT = "scripts/record_local_model.sh"
BASE_URL = "http://127.0.0.1:8766/v1"
MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
DEV = ROOT / "fixtures/devset/dev"
# cassette -> (labels file, conversation file)
CASES = {
    "guitar_final": ("labels_en_transcript.jsonl", "en_transcript/guitar_marketplace_final.txt"),
    "sofa_silence": ("labels_en_transcript.jsonl", "en_transcript/sofa_marketplace_silence.txt"),
    "bike_agreed": ("labels_en_transcript.jsonl", "en_transcript/bike_marketplace_agreed.txt"),
    "camera_new_price": ("labels_en_endgame.jsonl", "en_endgame/camera_seller_new_price.txt"),
}


DRAFTED = {"guitar_final"}


def local_settings() -> LLMSettings:
    """The README's settings for a small local server (IMPASSE_STRUCTURED_METHOD=json_schema,
    IMPASSE_CONTEXT_TOKENS=8192, IMPASSE_MAX_OUTPUT_TOKENS=1200, IMPASSE_TIMEOUT=900)."""
    return LLMSettings(
        base_url=BASE_URL, model=MODEL, context_tokens=8192, max_output_tokens=1200,
        timeout_s=900.0, max_retries=1, structured_method=StructuredMethod.JSON_SCHEMA,
    )  # fmt: skip


def run(name: str) -> tuple[Analysis, Any, Any]:
    """The recorded analysis of one dev conversation, its label and its cassette."""
    labels_file, conversation_file = CASES[name]
    label = next(x for x in load_labels([DEV / labels_file]) if x.file == conversation_file)
    conversation = parse_file(label.path())
    us = [label.us] if isinstance(label.us, str) else list(label.us or [])
    # Drafts for the end-stage thread only: each drafting call is minutes on a CPU.
    options = AnalyzeOptions(me=us, them=list(label.them or []), drafts=name in DRAFTED)
    with replay(name, MODULE, SCRIPT) as cassette:
        result = analyze_llm(
            conversation, options, conversation_file, settings=local_settings(), rules=None,
            sleep=lambda _: None,
        )  # fmt: skip
    return result, label, cassette


# What the recorded run ended with, after the rules (the label agrees except where noted).
# cassette -> (engine, stage, end type, signal types kept)
RECORDED = {
    # No candidate evidence: the model cited two of our own lines as the other side's
    # signals, repeated them after the re-ask, and the rules dropped both: no impasse.
    "bike_agreed": (EngineName.LLM, Stage.NONE, None, set()),
    # Kept both candidates and chose the right stage.
    "camera_new_price": (
        EngineName.LLM,
        Stage.MIDDLE,
        None,
        {SignalType.EXPECTATION_SHIFT, SignalType.TOPIC_AVOIDANCE},
    ),
    # Kept the detector's one follow-up; the label has two no_response signals.
    "sofa_silence": (EngineName.LLM, Stage.BEGINNING, None, {SignalType.NO_RESPONSE}),
    # Kept the three ultimatums but called the stage "middle", then looped in its
    # explanations until the 1,200-token limit, twice: the offline analysis, with a notice.
    "guitar_final": (EngineName.OFFLINE, Stage.END, EndType.FIRM, {SignalType.ULTIMATUM}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_when_the_local_model_answers_then_only_checked_grounded_evidence_is_kept(
    name: str,
) -> None:
    result, label, cassette = run(name)
    engine, stage, end_type, types = RECORDED[name]
    assert (result.engine, result.stage, result.end_type) == (engine, stage, end_type)
    assert {s.type for s in result.signals} == types
    assert result.impasse is (stage is not Stage.NONE)
    turns = parse_file(label.path()).turns
    for signal in result.signals:  # grounded and attributed, whoever proposed it
        assert " ".join(signal.quote.split()) in " ".join(turns[signal.turn].text.split())
        assert signal.speaker not in (label.us or [])
    # Every call asked for json_schema output, the mode llama.cpp's server constrains.
    for request in cassette.requests:
        body = json.loads(request.body)
        assert body["response_format"]["type"] == "json_schema" and "tools" not in body
        assert body["max_tokens"] == 1200 and body["model"] == MODEL


def test_when_the_model_cites_our_own_lines_then_one_reask_and_the_rules_drop_them() -> None:
    result, _, cassette = run("bike_agreed")
    assert len(cassette.requests) == 2  # the answer, and the one re-ask
    dropped = [c for c in result.checks if c.rule == "R2.attribution"]
    assert len(dropped) == 2 and all(c.status is CheckStatus.DROPPED for c in dropped)
    assert any(c.rule == "LLM.reask" for c in result.checks)
    assert not result.strategies and not result.drafts


def test_when_the_model_loops_past_the_output_limit_twice_then_offline_with_a_notice() -> None:
    result, _, cassette = run("guitar_final")
    finishes = [json.loads(r["body"]["string"])["choices"][0]["finish_reason"]
                for r in cassette.responses]  # fmt: skip
    assert finishes == ["length", "length"]
    assert result.fallback is not None and result.fallback.kind.value == "bad_answer"
    notice = next(n for n in result.notices if "LLM engine failed" in n)
    assert "cut off" in notice and MODEL in notice
    assert result.drafts  # the offline drafts: the analysis is never lost


def test_when_the_readme_settings_for_a_small_local_server_are_loaded_then_they_are_recorded_ones() -> (
    None
):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A small local model", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    settings = load_settings(dict(re.findall(r"\b([A-Z_]+)=(\S+)", block)))
    recorded = local_settings()
    assert settings.structured_method is StructuredMethod.JSON_SCHEMA
    for name in ("base_url", "model", "context_tokens", "max_output_tokens", "timeout_s"):
        assert getattr(settings, name) == getattr(recorded, name), name
