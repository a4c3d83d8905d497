"""`impasse eval`'s scoring: each figure counts what it says, partial labels are not scored."""

from __future__ import annotations

from pathlib import Path

from analyzer.analysis import Analysis, EngineName, Signal, StrategyItem
from analyzer.evaluation import Label, LabelSignal, load_labels, metrics, score_case
from analyzer.taxonomy import EndType, SignalType, Stage, Strategy

SOURCE = "Tom Okafor: We can't go any further on price at this time.\n"


def analysis(stage: Stage, end_type: EndType | None = None, signals: list[Signal] | None = None,
             strategies: list[Strategy] | None = None) -> Analysis:  # fmt: skip
    return Analysis(
        source="case", engine=EngineName.OFFLINE, impasse=stage is not Stage.NONE, stage=stage,
        end_type=end_type, confidence=0.8, signals=signals or [],
        strategies=[StrategyItem(id=s, why="") for s in strategies or []],
    )  # fmt: skip


WEASEL = Signal(type=SignalType.WEASEL_WORDS, speaker="Tom Okafor", turn=0,
                quote="We can't go any further on price at this time.", explanation="")  # fmt: skip


def test_when_everything_matches_then_every_figure_is_perfect() -> None:
    label = Label(id="a", file="a.txt", impasse=True, stage="end", end_type="soft",
                  signals=[LabelSignal(type="weasel_words")], forbidden_strategies=["call_the_question"])  # fmt: skip
    got = analysis(Stage.END, EndType.SOFT, [WEASEL], [Strategy.ASK_TIMING])
    figures = metrics(score_case(label, got, SOURCE))
    assert figures["impasse_f1"] == 1.0 and figures["stage_accuracy"] == 1.0
    assert figures["end_type_accuracy"] == 1.0 and figures["signal_type_f1"] == 1.0
    assert figures["forbidden_strategy_share"] == 0.0 and figures["unverifiable_quote_share"] == 0.0


def test_when_prediction_is_wrong_then_each_miss_is_listed_by_id() -> None:
    label = Label(id="b", file="b.txt", impasse=False, stage="none", signals=[],
                  forbidden_strategies=["call_the_question"])  # fmt: skip
    invented = WEASEL.model_copy(update={"quote": "this sentence is nowhere"})
    got = analysis(Stage.END, EndType.FIRM, [invented], [Strategy.CALL_THE_QUESTION])
    tally = score_case(label, got, SOURCE)
    figures = metrics(tally)
    assert figures["false_positive_rate"] == 1.0 and figures["stage_accuracy"] == 0.0
    assert figures["forbidden_strategy_share"] == 1.0 and figures["unverifiable_quote_share"] == 1.0
    assert any(m.startswith("b: impasse found") for m in tally.misses)
    assert any("quote not in the input" in m for m in tally.misses)


def test_when_a_label_is_partial_then_missing_fields_are_not_scored() -> None:
    label = Label(id="c", file="c.txt", impasse=True)
    figures = metrics(score_case(label, analysis(Stage.MIDDLE), SOURCE))
    assert figures["stage_accuracy"] is None and figures["signal_type_f1"] is None
    assert figures["impasse_recall"] == 1.0


def test_when_labels_file_is_read_then_paths_resolve_next_to_it(tmp_path: Path) -> None:
    (tmp_path / "labels.jsonl").write_text(
        '# a comment\n{"id": "x", "file": "convs/x.txt", "us": "Dana Reyes", "impasse": false}\n\n'
    )
    [label] = load_labels([tmp_path / "labels.jsonl"])
    assert label.path() == tmp_path / "convs" / "x.txt" and label.us_list() == ["Dana Reyes"]


def test_when_taxonomy_changes_then_the_generated_docs_must_be_regenerated() -> None:
    from analyzer.taxonomy import as_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "taxonomy.md"
    assert docs.read_text(encoding="utf-8") == as_markdown(), (
        "docs/taxonomy.md is stale: run `impasse taxonomy > docs/taxonomy.md`"
    )
