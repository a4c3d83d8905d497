"""The conversation reader: it finds a stall no single sentence shows, it does not make an
impasse of one harsh sentence in a thread that ends in agreement, it withdraws or proposes
candidates only by its probability and says so, and its model loads only when used."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import analyzer.detect.conversation as conversation
from analyzer.analysis import CheckStatus
from analyzer.detect.base import Finding
from analyzer.detect.context import FEATURES, Examined, examine
from analyzer.detect.learned import DETECTOR_ID, MIN_END_PROBABILITY
from analyzer.learned.logistic import LogisticModel, ModelMismatch, fit, read
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_text
from analyzer.pipeline import read as read_conversation
from analyzer.reading import Reading
from analyzer.taxonomy import SignalType

ROOT = Path(__file__).resolve().parents[2]

# Every sentence of the buyer is a little vague; none says "we are stalling" outright.
STALL = """\
Priya Nair: Hi Martin, attached is our revised proposal for the warehouse racking: 1,200 bays at $410 per bay, installation included, delivery in six weeks. Could you confirm by Friday so we can hold the installation crew?
Martin Gruber: Thanks Priya, we got it. There is a lot going on here this quarter and the budget is being looked at again.
Priya Nair: Understood. Would a call on Tuesday help? I can walk your team through the price and the installation plan.
Martin Gruber: Tuesday is hard for us. Things are moving around on our side and I am not sure who will own this going forward.
Priya Nair: No problem. Is there someone else on your team I should loop in so the six-week slot is not lost?
Martin Gruber: Honestly, nothing has been decided internally yet, sorry.
"""
STALL_OPTIONS = AnalyzeOptions(me=["Priya Nair"], engine=EngineChoice.OFFLINE, drafts=False)

# One harsh line early on, then a concession and a plain acceptance of the same terms.
AGREEMENT = """\
Lena Ortiz: Hi Sam, as discussed, here is the quote for the spring catering: 240 covers at $38 a head, setup and staff included, deposit of 30% on signing.
Sam Whitfield: Frankly this quote is ridiculous. Take it or leave it, we are not paying a cent more than last year.
Lena Ortiz: I hear you, and six years matters to us. We can hold $38 but include the dessert station and drop the deposit to 20%.
Sam Whitfield: Okay, that is fair. The dessert station makes the difference for us.
Sam Whitfield: Agreed then, 240 covers at $38 with the dessert station and a 20% deposit. Please send the contract and I will sign it this week.
Lena Ortiz: Wonderful, contract is on its way. Thanks Sam.
"""
AGREEMENT_OPTIONS = AnalyzeOptions(me=["Lena Ortiz"], engine=EngineChoice.OFFLINE, drafts=False)


def _reading(text: str, options: AnalyzeOptions) -> Reading:
    reading, _ = read_conversation(parse_text(text), options)
    return reading


def test_when_a_stall_shows_only_in_context_then_the_reader_finds_it() -> None:
    alone = analyze_text(STALL, STALL_OPTIONS.model_copy(update={"fast": True}))
    assert not alone.impasse  # the phrase lists see nothing
    assert examine(_reading(STALL, STALL_OPTIONS)).findings == ()  # nor one sentence alone

    found = analyze_text(STALL, STALL_OPTIONS)

    assert found.impasse
    assert found.signals
    for signal in found.signals:
        assert signal.speaker == "Martin Gruber"
        assert signal.quote in found_turn_text(signal.turn)
        assert "conversation reader puts the chance of an impasse at" in signal.explanation


def found_turn_text(turn: int) -> str:
    return parse_text(STALL).turns[turn].text


def test_when_a_thread_ends_in_agreement_then_one_harsh_sentence_is_not_an_impasse() -> None:
    reading = _reading(AGREEMENT, AGREEMENT_OPTIONS)
    assert any("Take it or leave it" in f.quote for f in examine(reading).findings)

    in_context = conversation.read_in_context(reading)
    analysis = analyze_text(AGREEMENT, AGREEMENT_OPTIONS)

    assert in_context.probability < conversation.LOW
    assert not analysis.impasse
    assert analysis.signals == []


def _finding(detector: str, quote: str, turn: int, kind: SignalType) -> Finding:
    return Finding(
        type=kind, speaker="Tom Okafor", turn=turn, quote=quote, quote_start=0,
        explanation="e", detector=detector, score=0.6,
    )  # fmt: skip


BUSY, FINAL = "en.scheduling.busy", "en.ultimatum.final_offer"
EVERY = [BUSY, DETECTOR_ID, "structure.curt_reply", FINAL]


@pytest.mark.parametrize(
    ("probability", "left"),
    [
        (0.02, [FINAL]),  # all but sure there is none: only an end a phrase list names stays
        (0.08, [BUSY, FINAL]),  # unlikely: the learned reader's and the curt reply go
        (0.3, EVERY),  # in between: the candidates are left to the rules
    ],
)
def test_when_the_probability_is_given_then_weak_candidates_are_withdrawn_only_when_low(
    probability: float, left: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    findings = (
        _finding(BUSY, "It is just a crazy period for us.", 1, SignalType.SCHEDULING_AVOIDANCE),
        _finding(
            DETECTOR_ID, "Nothing has been decided internally yet.", 2, SignalType.WEASEL_WORDS
        ),
        _finding("structure.curt_reply", "Noted.", 3, SignalType.DISCOMFORT),
        _finding(FINAL, "This is our final offer.", 4, SignalType.ULTIMATUM),
    )
    rules_found = [1.0 if name == "rules_impasse" else 0.0 for name in FEATURES]
    examined = Examined(findings=findings, read=(), features=tuple(rules_found))
    monkeypatch.setattr(conversation, "examine", lambda reading: examined)
    monkeypatch.setattr(conversation, "impasse_probability", lambda examined: probability)

    result = conversation.read_in_context(_reading(STALL, STALL_OPTIONS))

    assert [f.detector for f in result.findings] == left
    assert len(result.checks) == len(findings) - len(left)
    for check in result.checks:
        assert check.status is CheckStatus.DROPPED
        assert f"{probability:.0%}" in check.detail


@pytest.mark.parametrize("rules_find_one", [False, True])
def test_when_an_impasse_is_likely_then_sentences_are_proposed_only_if_the_rules_find_none(
    rules_find_one: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = _reading(STALL, STALL_OPTIONS)
    real = examine(reading)
    features = list(real.features)
    features[FEATURES.index("rules_impasse")] = 1.0 if rules_find_one else 0.0
    seen = Examined(findings=real.findings, read=real.read, features=tuple(features))
    monkeypatch.setattr(conversation, "examine", lambda reading: seen)
    monkeypatch.setattr(conversation, "impasse_probability", lambda examined: 0.9)

    result = conversation.read_in_context(reading)

    promoted = [f for f in result.findings if f not in real.findings]
    assert real.read  # the stall has sentences under the bar to propose
    assert (promoted == []) is rules_find_one


def test_when_an_impasse_is_likely_but_nothing_clears_the_bar_then_the_best_sentences_are_proposed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conversation, "impasse_probability", lambda examined: 0.8)
    reading = _reading(STALL, STALL_OPTIONS)

    proposed = conversation.read_in_context(reading).findings

    assert 1 <= len(proposed) <= conversation.MAX_PROMOTED
    for finding in proposed:
        turn = reading.conversation.turns[finding.turn]
        assert turn.speaker == "Martin Gruber"
        assert turn.text[finding.quote_start :].startswith(finding.quote)
        assert "80%" in finding.explanation


def test_when_the_stored_model_has_other_features_then_a_clear_error_says_retrain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analyzer.learned.verdict as verdict

    x = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.9], [0.9, 0.1]])
    fit(x, np.array([0.0, 1.0, 0.0, 1.0]), ("a", "b")).save(tmp_path / "verdict.npz")
    monkeypatch.setattr(verdict, "MODELS_DIR", tmp_path)
    verdict.load.cache_clear()
    try:
        with pytest.raises(ModelMismatch, match=r"train_verdict\.py"):
            verdict.load(FEATURES)
    finally:
        verdict.load.cache_clear()


def test_when_trained_then_the_model_separates_its_examples_and_reads_back(
    tmp_path: Path,
) -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(80, 3))
    y = (x[:, 0] - x[:, 2] > 0).astype(float)
    model = fit(x, y, ("a", "b", "c"))
    model.save(tmp_path / "m.npz")
    again: LogisticModel = read(tmp_path / "m.npz")

    assert again.names == ("a", "b", "c")
    assert again.probability([2.0, 0.0, -2.0]) > 0.9
    assert again.probability([-2.0, 0.0, 2.0]) < 0.1


def test_when_the_analyzer_is_imported_or_runs_fast_then_the_model_is_not_loaded() -> None:
    code = (
        "import sys\n"
        "from analyzer.options import AnalyzeOptions\n"
        "from analyzer.pipeline import analyze_text\n"
        "loaded = lambda: 'analyzer.learned.verdict' in sys.modules\n"
        "assert not loaded(), 'loaded on import'\n"
        "text = 'Ann: Our offer is $40 per unit.\\nBob: We need time to think about it.\\n'\n"
        "analyze_text(text, AnalyzeOptions(me=['Ann'], fast=True, drafts=False))\n"
        "assert not loaded(), 'loaded by a fast analysis'\n"
        "analyze_text(text, AnalyzeOptions(me=['Ann'], drafts=False))\n"
        "assert loaded(), 'not used by a full analysis'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_when_the_training_script_runs_quickly_then_it_writes_a_model_the_reader_can_use(
    tmp_path: Path,
) -> None:
    out = tmp_path / "verdict.npz"
    result = subprocess.run(
        [sys.executable, "training/train_verdict.py", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "validation split (never trained on)" in result.stdout
    model = read(out)
    assert model.names == FEATURES
    assert 0.0 <= model.probability([0.0] * len(FEATURES)) <= 1.0


def test_when_a_thread_grows_longer_then_no_feature_grows_with_it() -> None:
    # The same haggle said 3 times or 30 times describes the same conversation.
    haggle = (
        "Tom Okafor: We can do 42 per unit if you take 500.\n"
        "Rita Vance: 42 is more than we pay today. This is our final offer: 38.\n"
    )
    short = examine(_reading(haggle * 3, AnalyzeOptions(me=["Tom Okafor"], drafts=False)))
    long = examine(_reading(haggle * 30, AnalyzeOptions(me=["Tom Okafor"], drafts=False)))
    kept = FEATURES.index("kept_log")
    assert long.features[kept] == short.features[kept] > 0


# The seller draws a line (a phrase list's ultimatum), then says the consequence in words no
# list holds and the sentence reader reads as a walkout under its bar.
LINE_DRAWN = """\
Hanna Berg: Hi Victor, following our call: 1,800 tonnes of rebar over the year at $612 per tonne, delivered to the Ostend yard, 60-day payment terms.
Victor Lund: Thanks Hanna. We have been over this three times now. This is our final offer: $640 per tonne, signed by Friday 14 March.
Hanna Berg: Could we meet at $625 if we move to 45-day terms?
Victor Lund: No. Honestly I think we leave the contract where it is and go our separate ways.
"""
LINE_OPTIONS = AnalyzeOptions(me=["Hanna Berg"], engine=EngineChoice.OFFLINE, drafts=False)
CONSEQUENCE = "Honestly I think we leave the contract where it is and go our separate ways."


@pytest.mark.parametrize("line_drawn", [True, False])
def test_when_the_speaker_already_drew_a_line_then_the_consequence_under_the_bar_is_proposed(
    line_drawn: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = LINE_DRAWN if line_drawn else LINE_DRAWN.replace("This is our final offer", "We quote")
    # In between the two bars: nothing is withdrawn and nothing promoted for lack of evidence.
    monkeypatch.setattr(conversation, "impasse_probability", lambda examined: 0.3)
    reading = _reading(text, LINE_OPTIONS)
    read = {r.sentence.text: r for r in examine(reading).read}
    kind, p = read[CONSEQUENCE].best_signal() or (None, 0.0)
    assert kind is SignalType.WALKOUT
    assert conversation.CORROBORATE_FLOOR <= p < MIN_END_PROBABILITY  # under its own end bar

    proposed = [f for f in conversation.read_in_context(reading).findings if f.quote == CONSEQUENCE]

    if not line_drawn:
        assert proposed == []
        return
    assert [f.type for f in proposed] == [SignalType.WALKOUT]
    assert proposed[0].speaker == "Victor Lund"
    assert "other end-stage evidence backs it" in proposed[0].explanation
    result = analyze_text(text, LINE_OPTIONS)
    assert result.stage.value == "end"
    assert {s.type for s in result.signals} >= {SignalType.ULTIMATUM, SignalType.WALKOUT}


class _ConsequenceReader:
    """A stand-in sentence model: a clause that starts with "or we" reads as a walkout,
    anything else as nothing (so the test pins the clause handling, not the model)."""

    def __init__(self, classes: tuple[str, ...]) -> None:
        self.classes = classes

    def probabilities(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        for i, text in enumerate(texts):
            hit = text.lower().startswith(("or we", "we hand"))
            rows[i, self.classes.index("walkout" if hit else "none")] = 0.55 if hit else 1.0
        return rows


BOTH_HALVES = """\
Hanna Berg: Hi Victor, following our call: 1,800 tonnes of rebar over the year at $612 per tonne, delivered to the Ostend yard, 60-day payment terms.
Victor Lund: This is our final offer: $640 per tonne. Half the deposit in our account by Friday 20 June, or we're off site on Monday and the scaffold stays where it is.
Hanna Berg: And if we cannot find the deposit by then?
Victor Lund: If the deposit is not in by Friday, we hand the tonnage to the Antwerp buyer.
"""


def test_when_one_sentence_holds_a_condition_and_its_consequence_then_the_consequence_is_quoted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analyzer.learned.model as model

    reading = _reading(BOTH_HALVES, LINE_OPTIONS)
    real = examine(reading)
    assert any(f.type is SignalType.ULTIMATUM for f in real.findings)
    fake = _ConsequenceReader(real.read[0].classes)
    monkeypatch.setattr(model, "load", lambda name: fake)
    # The sentences themselves read as nothing: only their clauses can be proposed.
    read = tuple(
        replace(r, probabilities=tuple(fake.probabilities([r.sentence.text])[0])) for r in real.read
    )
    monkeypatch.setattr(conversation, "examine", lambda reading: replace(real, read=read))
    monkeypatch.setattr(conversation, "impasse_probability", lambda examined: 0.3)

    proposed = [f for f in conversation.read_in_context(reading).findings if f not in real.findings]

    assert sorted(f.quote for f in proposed) == [
        "or we're off site on Monday and the scaffold stays where it is.",
        "we hand the tonnage to the Antwerp buyer.",
    ]
    for finding in proposed:
        turn = reading.conversation.turns[finding.turn]
        assert turn.speaker == "Victor Lund"
        assert turn.text[finding.quote_start :].startswith(finding.quote)
