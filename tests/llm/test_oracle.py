"""The standing oracle test: what the chain and the rules do to a correct answer.

The stand-in model (`tests/llm/oracle.py`) answers every conversation of the labelled
dev set and test split with its labels, perfectly or with the errors real models make.
Whatever the chain and the framework rules lose from that answer shows here: a rule that
overrides a right answer, a repair that duplicates signals, a fallback. Any change that
takes the figures below the floors fails the build.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from analyzer.analysis import Analysis
from analyzer.evaluation import evaluate, load_labels, metrics
from analyzer.llm.cache import AnalysisCache
from analyzer.llm.settings import LLMSettings
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions
from tests.llm.fakes import analyze_llm
from tests.llm.oracle import MODES, OracleModel

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPLITS = ("dev", "test")
SETTINGS = LLMSettings(base_url="http://oracle.test/v1", model="oracle", max_retries=0)
FLOORS = {
    "impasse_f1": 0.98,
    "stage_accuracy": 0.98,
    "end_type_accuracy": 0.98,
    "signal_type_f1": 0.95,
}


@cache
def measured(split: str, mode: str) -> tuple[dict[str, float | int | None], int, int, int]:
    """The eval figures, duplicate signals, fallbacks and unknown requests of one run."""
    files = sorted((ROOT / "fixtures" / "devset" / split).glob("labels_*.jsonl"))
    labels = load_labels(files)
    model = OracleModel(labels, mode)
    client = model.client()
    results: list[Analysis] = []

    def run(conversation: Conversation, options: AnalyzeOptions, source: str) -> Analysis:
        analysis = analyze_llm(
            conversation, options.model_copy(update={"use_cache": False}), source,
            settings=SETTINGS, rules=None, http_client=client, cache=AnalysisCache(),
        )  # fmt: skip
        results.append(analysis)
        return analysis

    figures = metrics(evaluate(labels, run)["all"])
    duplicates = sum(
        len(a.signals) - len({(s.type, s.turn, " ".join(s.quote.split())) for s in a.signals})
        for a in results
    )
    fallbacks = sum(a.fallback is not None for a in results)
    return figures, duplicates, fallbacks, model.unknown


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("split", SPLITS)
def test_when_the_model_answers_with_the_labels_then_the_chain_and_rules_keep_them(
    split: str, mode: str
) -> None:
    figures, duplicates, fallbacks, unknown = measured(split, mode)
    assert figures["errors"] == 0 and unknown == 0
    assert figures["cases"] and int(figures["cases"] or 0) >= 80
    low = {
        name: figures[name]
        for name, floor in FLOORS.items()
        if figures[name] is None or float(figures[name] or 0) < floor
    }
    assert not low, f"{split}/{mode}: below the floors: {low}"
    assert duplicates == 0
    assert fallbacks == 0


def test_when_noisy_then_the_answer_really_carries_the_model_errors() -> None:
    # The noisy mode is only a test if its answers need repair.
    labels = load_labels([ROOT / "fixtures/devset/dev/labels_en_email.jsonl"])[:3]
    model = OracleModel(labels, "noisy")
    case = model.cases[0]
    from analyzer.llm import render

    prompt = f"<conversation>\n{case.rendered}\n</conversation>"
    answer = model._diagnosis(prompt)
    assert answer["stage"] == answer["stage"].upper()
    turns = {t.index: t for t in case.conversation.turns}
    label_quotes = {s.quote for s in case.label.signals or []}
    assert any(s["quote"] not in label_quotes for s in answer["signals"]) or any(
        s["speaker"] not in {t.speaker for t in turns.values()} for s in answer["signals"]
    )
    assert render.render_turns(case.conversation.turns) == case.rendered
