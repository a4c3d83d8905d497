"""The negotiation gate: texts that are not negotiations get that verdict, lay
negotiations keep theirs, and `--fast` skips the gate."""

from __future__ import annotations

import pytest

from analyzer.analysis import Analysis, CheckStatus, EngineName, Signal
from analyzer.framework.gate import evidence_outweighs_doubt
from analyzer.learned.gate import DOUBT, THRESHOLD, GateVerdict, is_short_exchange
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_text
from analyzer.report import csv_row, verdict
from analyzer.taxonomy import SignalType, Stage

OFFLINE = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)

NOT_NEGOTIATIONS = {
    "podcast": (
        "Priya: Welcome back to Side Hustle Hour, it's me and Marco as always.\n"
        "Marco: Today's topic is quitting. I walked out of my agency job in March, final day "
        "was a Friday, and honestly my old boss always had the last word on everything.\n"
        "Priya: Ha, same. I even wrote my resignation letter from a template. Dear Sam, "
        "please accept this letter as formal notice, my final day will be the 30th.\n"
        "Marco: Listeners, send us your own stories, we read them next week.\n"
    ),
    "newsletter": (
        "From: Procurement Weekly <news@procurement-weekly.example>\n"
        "Subject: This week in procurement\n\n"
        "In this issue: why final offers rarely are final, three deals that collapsed in Q3, "
        "and a webinar on supplier walk-outs. Our columnist argues that the last word in a "
        "negotiation belongs to whoever is ready to leave.\n\n"
        "Read online | Unsubscribe\n"
    ),
}

NEGOTIATIONS = {
    "landlord chat": (
        "Kim: Hi, about the flat on Elm Street, is the rent still 1,150 a month?\n"
        "Rob: Yes, plus 50 for heating.\n"
        "Kim: Could you do 1,100 all in if I sign for two years?\n"
        "Rob: I can't go below 1,150, that's my last word. Take it or leave it.\n"
    ),
    "campsite haggle": (
        "Alex: Hi! I'd love two of the firewood packages, we have kids and nights are cold.\n"
        "Sam: We need firewood too. Could you give me the water if I give you one firewood?\n"
        "Alex: Two firewood for all the water and one food, that's the best I can do.\n"
        "Sam: Then I'm out, I'm not giving up all the firewood.\n"
    ),
    "union meeting": (
        "Nadia Haddad: The members want the Saturday premium restored to time and a half.\n"
        "Owen Price: Management can offer time and a quarter from April.\n"
        "Nadia Haddad: That is not enough. Without time and a half we will not sign the "
        "agreement.\n"
    ),
}


@pytest.mark.parametrize("text", NOT_NEGOTIATIONS.values(), ids=list(NOT_NEGOTIATIONS))
def test_when_text_is_not_a_negotiation_then_that_is_the_verdict(text: str) -> None:
    result = analyze_text(text, OFFLINE)
    assert result.negotiation is False
    assert result.impasse is False and result.signals == [] and result.strategies == []
    assert verdict(result) == "Not a negotiation"
    assert csv_row(result)["negotiation"] == "false"
    assert any(c.rule == "R0.negotiation_gate" for c in result.checks)


@pytest.mark.parametrize("text", NEGOTIATIONS.values(), ids=list(NEGOTIATIONS))
def test_when_people_haggle_in_lay_words_then_it_stays_a_negotiation(text: str) -> None:
    result = analyze_text(text, OFFLINE)
    assert result.negotiation is True
    assert not any(c.rule == "R0.negotiation_gate" for c in result.checks)


def test_when_fast_then_the_gate_is_skipped() -> None:
    result = analyze_text(NOT_NEGOTIATIONS["podcast"], OFFLINE.model_copy(update={"fast": True}))
    assert result.negotiation is True
    assert not any(c.rule == "R0.negotiation_gate" for c in result.checks)


def test_when_two_people_trade_a_line_then_the_gate_does_not_judge() -> None:
    text = (
        "Dana Reyes: Following up on where we landed last week.\n"
        "Tom Okafor: This is as far as we go: take it as it stood in March, or we walk away.\n"
    )
    result = analyze_text(text, OFFLINE.model_copy(update={"me": ["Dana Reyes"]}))
    assert result.negotiation is True and result.impasse is True


def test_when_only_our_side_writes_then_the_gate_does_not_judge() -> None:
    text = (
        "Dana Reyes: Hi Tom, attached is the renewal proposal for next year, 45 seats.\n"
        "Dana Reyes: Hi Tom, just following up on the proposal below.\n"
        "Dana Reyes: Hi Tom, circling back once more before your contract ends.\n"
    )
    result = analyze_text(text, OFFLINE.model_copy(update={"me": ["Dana Reyes"]}))
    assert result.negotiation is True
    assert not any(c.rule == "R0.negotiation_gate" for c in result.checks)


def test_when_a_long_text_is_forwarded_with_a_note_then_the_gate_judges_it() -> None:
    # Two turns between two people, but one of them is a press release: not a short exchange.
    release = (
        "FOR IMMEDIATE RELEASE. Northwind Logistics today announced the opening of its new "
        "distribution centre in Leipzig, adding 40,000 square metres of warehouse space and 120 "
        "jobs in the region. The site will serve customers across Central Europe from the third "
        'quarter. "This is the final piece of our European network," said chief executive Maria '
        "Lindqvist. The company reported revenue of 1.2 billion euros last year and expects the "
        "new centre to shorten delivery times by a day for most of its customers. About Northwind: "
        "founded in 1998, Northwind operates 14 sites in nine countries. Media contact: press "
        "office, Northwind Logistics."
    )
    text = f"Priya Nair: FYI, the announcement went out this morning.\nOla Berg: {release}\n"
    conversation = parse_text(text)
    assert len(conversation.turns) == 2 and not is_short_exchange(conversation)
    result = analyze_text(text, OFFLINE)
    assert result.negotiation is False and result.impasse is False


def _demands(*turns: int) -> Analysis:
    signals = [
        Signal(type=SignalType.ULTIMATUM, speaker="Paula Okonjo", turn=t,
               quote="Withdrawn by Monday, in writing, or the work to rule starts.",
               explanation="a condition with a deadline")
        for t in turns
    ]  # fmt: skip
    return Analysis(
        source="union.txt", engine=EngineName.OFFLINE, impasse=True, stage=Stage.END,
        confidence=0.8, signals=signals,
    )  # fmt: skip


def test_when_the_gate_doubts_and_demands_recur_then_the_negotiation_is_kept() -> None:
    kept = evidence_outweighs_doubt(_demands(3, 5), probability=0.42)
    assert kept is not None and kept.signals
    assert kept.checks[-1].status == CheckStatus.WARN and "turns 3, 5" in kept.checks[-1].detail


def test_when_the_gate_doubts_and_one_demand_is_all_then_the_veto_stands() -> None:
    # A podcast's one "he has the last word" must not outweigh the gate.
    assert evidence_outweighs_doubt(_demands(4), probability=0.42) is None
    assert evidence_outweighs_doubt(_demands(4, 4), probability=0.42) is None


def test_when_a_single_message_makes_one_grounded_demand_then_it_outweighs_the_doubt() -> None:
    # One pasted message cannot say it twice.
    kept = evidence_outweighs_doubt(_demands(0), probability=0.15, single_message=True)
    assert kept is not None and "turn 0 " in kept.checks[-1].detail
    assert evidence_outweighs_doubt(_demands(0), probability=0.15) is None


def test_when_the_gate_score_is_in_its_doubt_band_then_the_veto_is_doubtful() -> None:
    assert GateVerdict(negotiation=False, probability=DOUBT).doubtful
    assert not GateVerdict(negotiation=False, probability=DOUBT - 0.01).doubtful
    assert not GateVerdict(negotiation=True, probability=THRESHOLD).doubtful
