"""The framework rules on proposals such as a model might make: wrong, partial, invented."""

from __future__ import annotations

import pytest

from analyzer.analysis import Analysis, CheckStatus, EngineName, Side, SideHow, Signal, StrategyItem
from analyzer.framework.check import check as _check
from analyzer.models import Conversation
from analyzer.reading import build_reading
from analyzer.taxonomy import EndType, SignalType, Stage, Strategy

THREAD = [
    (
        "Dana Reyes",
        "Hi Tom, attached is the renewal at $48,000 a year on a three-year term.",
        "2025-03-03T09:00:00+00:00",
    ),
    (
        "Tom Okafor",
        "Thanks Dana. The pricing works, but the uncapped liability is a problem.\nLegal has never given that to any vendor, and honestly that one is above my pay grade.",
        "2025-03-05T10:00:00+00:00",
    ),
    (
        "Dana Reyes",
        "Understood. Would a cap at twice the annual fees help legal?",
        "2025-03-06T09:00:00+00:00",
    ),
    (
        "Tom Okafor",
        "We can't go any further on liability at this time. I'm sorry.",
        "2025-03-12T16:00:00+00:00",
    ),
]
SIDE = Side(us=["Dana Reyes"], them=["Tom Okafor"], how=SideHow.OPTION)


def proposal(signals: list[Signal], **fields: object) -> Analysis:
    base: dict[str, object] = {
        "source": "t", "engine": EngineName.LLM, "impasse": True, "stage": Stage.MIDDLE,
        "confidence": 0.8, "side": SIDE, "signals": signals,
    }  # fmt: skip
    base.update(fields)
    return Analysis.model_validate(base)


def check(proposal: Analysis, conversation: Conversation) -> Analysis:
    """The framework's check on the reading the pipeline would build."""
    return _check(proposal, build_reading(conversation, proposal.side, proposal.language))


def sig(kind: SignalType, turn: int, quote: str, speaker: str = "Tom Okafor") -> Signal:
    return Signal(type=kind, speaker=speaker, turn=turn, quote=quote, explanation="model said so")


def statuses(analysis: Analysis, rule: str) -> list[CheckStatus]:
    return [c.status for c in analysis.checks if c.rule == rule]


def test_when_a_quote_is_invented_then_rule_1_drops_it(converse) -> None:
    conv = converse(THREAD)
    out = check(
        proposal([sig(SignalType.ULTIMATUM, 3, "This is our final offer, take it or leave it")]),
        conv,
    )
    assert out.signals == []
    assert CheckStatus.DROPPED in statuses(out, "R1.grounded_evidence")
    # and with nothing grounded left, rule 8 removes the impasse
    assert out.impasse is False and out.stage is Stage.NONE


def test_when_a_quote_cites_the_wrong_turn_then_rule_1_moves_it(converse) -> None:
    conv = converse(THREAD)
    out = check(
        proposal([sig(SignalType.AUTHORITY_LIMIT, 0, "that one is above my pay grade")]), conv
    )
    assert [s.turn for s in out.signals] == [1]
    assert CheckStatus.FIXED in statuses(out, "R1.grounded_evidence")
    assert out.signals[0].span is not None
    start, end = out.signals[0].span
    assert conv.source[start:end] == "that one is above my pay grade"


def test_when_speaker_is_swapped_then_rule_2_corrects_it(converse) -> None:
    conv = converse(THREAD)
    swapped = sig(
        SignalType.PRECEDENT_OR_POLICY,
        1,
        "Legal has never given that to any vendor",
        speaker="Dana Reyes",
    )
    out = check(proposal([swapped]), conv)
    assert out.signals[0].speaker == "Tom Okafor"
    assert CheckStatus.FIXED in statuses(out, "R2.attribution")


def test_when_a_signal_quotes_our_own_side_then_rule_2_drops_it(converse) -> None:
    conv = converse(THREAD)
    ours = sig(
        SignalType.DISCOMFORT,
        2,
        "Would a cap at twice the annual fees help legal?",
        speaker="Dana Reyes",
    )
    out = check(proposal([ours]), conv)
    assert out.signals == []
    assert CheckStatus.DROPPED in statuses(out, "R2.attribution")


def test_when_weasel_words_are_present_then_rules_3_and_4_make_it_a_soft_end(converse) -> None:
    conv = converse(THREAD)
    weasel = sig(SignalType.WEASEL_WORDS, 3, "We can't go any further on liability at this time.")
    out = check(proposal([weasel], stage=Stage.MIDDLE, end_type=None), conv)
    assert out.stage is Stage.END and out.end_type is EndType.SOFT
    assert CheckStatus.FIXED in statuses(out, "R3.stage_fits_signals")
    assert CheckStatus.FIXED in statuses(out, "R4.end_type_fits_wording")


def test_when_call_the_question_is_proposed_for_a_soft_end_then_rule_5_drops_it(converse) -> None:
    conv = converse(THREAD)
    weasel = sig(SignalType.WEASEL_WORDS, 3, "We can't go any further on liability at this time.")
    strategies = [
        StrategyItem(id=Strategy.CALL_THE_QUESTION, why="test the bluff"),
        StrategyItem(id=Strategy.ASK_TIMING, why="they said at this time"),
    ]
    out = check(
        proposal([weasel], stage=Stage.END, end_type=EndType.SOFT, strategies=strategies), conv
    )
    assert [s.id for s in out.strategies] == [Strategy.ASK_TIMING]
    assert CheckStatus.DROPPED in statuses(out, "R5.strategy_fits_stage")


def test_when_a_later_message_accepts_then_the_ultimatum_is_not_current(converse) -> None:
    conv = converse(
        [
            ("Tom Okafor", "Our final offer is $42,000 for the three years."),
            ("Dana Reyes", "Let me take that to my team."),
            ("Dana Reyes", "We can accept $42,000. Please send over the contract."),
        ]
    )
    ultimatum = sig(SignalType.ULTIMATUM, 0, "Our final offer is $42,000 for the three years.")
    out = check(proposal([ultimatum], stage=Stage.END, end_type=EndType.FIRM), conv)
    assert out.stage is Stage.NONE and out.impasse is False
    dropped = [
        c.detail
        for c in out.checks
        if c.rule == "R3.stage_fits_signals" and c.status is CheckStatus.DROPPED
    ]
    assert dropped and "resolved later, at turn 2" in dropped[0]


def test_when_end_signals_exist_then_earlier_stage_evidence_is_set_aside(converse) -> None:
    conv = converse(
        [
            ("Tom Okafor", "Things are hectic right now, let's touch base sometime next month."),
            ("Dana Reyes", "Sure. Meanwhile here are the terms: $42,000 and a 2-year term."),
            ("Tom Okafor", "$39,000 is our final offer. Take it or leave it."),
        ]
    )
    signals = [
        sig(SignalType.SCHEDULING_AVOIDANCE, 0, "let's touch base sometime next month"),
        sig(SignalType.ULTIMATUM, 2, "Take it or leave it."),
    ]
    out = check(proposal(signals), conv)
    assert [s.type for s in out.signals] == [SignalType.ULTIMATUM]
    assert out.stage is Stage.END and out.end_type is EndType.FIRM


def test_when_no_signal_is_proposed_then_nothing_is_invented(converse) -> None:
    conv = converse(THREAD)
    invented = proposal([], strategies=[StrategyItem(id=Strategy.TRIAL_BALLOON, why="why not")])
    out = check(invented, conv)
    assert out.impasse is False and out.strategies == [] and out.causes == []
    assert statuses(out, "R8.no_impasse_no_invention") == [CheckStatus.FIXED]


def test_when_no_response_names_the_silent_party_and_they_later_answer_then_it_is_dropped(
    converse,
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Hi Tom, following up on the proposal."),
            ("Dana Reyes", "Hi Tom, checking in again on this."),
            ("Tom Okafor", "Sorry Dana, was travelling. Tuesday at 10am works."),
        ]
    )
    silent = sig(SignalType.NO_RESPONSE, 1, "checking in again on this", speaker="Tom Okafor")
    out = check(proposal([silent], stage=Stage.BEGINNING), conv)
    assert out.signals == []
    assert any("answered at turn 2" in c.detail for c in out.checks)


def test_when_the_impasse_is_at_the_end_then_a_hedged_deferral_reads_as_weasel_words(
    converse,
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Could you move from $48,000 to $45,000 on the renewal?"),
            ("Tom Okafor", "No. $48,000 is our final offer.\nLet's revisit the rest next quarter."),
        ]
    )
    signals = [
        sig(SignalType.ULTIMATUM, 1, "$48,000 is our final offer."),
        sig(SignalType.HANDOFF_OR_DELAY, 1, "Let's revisit the rest next quarter."),
    ]
    out = check(proposal(signals), conv)
    assert [s.type for s in out.signals] == [SignalType.ULTIMATUM, SignalType.WEASEL_WORDS]
    assert out.end_type is EndType.SOFT


@pytest.mark.parametrize(
    ("follow_up", "stage"),
    [
        # A named day for the answer makes the check a next step.
        ("He's back on Monday, and I'll have an answer for you by Tuesday.", Stage.NONE),
        # No day: the limit stands.
        ("I'll get back to you when I can.", Stage.MIDDLE),
    ],
)
def test_when_an_authority_check_is_followed_by_a_promise_then_only_a_named_day_resolves_it(
    converse, follow_up: str, stage: Stage
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "We'd need $165,000 base to make the move."),
            (
                "Tom Okafor",
                "That is above the band I can approve myself, so I need to run it past our CFO."
                f"\n{follow_up}",
            ),
        ]
    )
    limit = sig(SignalType.AUTHORITY_LIMIT, 1, "so I need to run it past our CFO.")
    out = check(proposal([limit]), conv)
    assert out.stage is stage
    if stage is Stage.NONE:
        dropped = [c.detail for c in out.checks if c.status is CheckStatus.DROPPED]
        assert any("resolved later, at turn 1" in d and follow_up[:20] in d for d in dropped)
    else:
        assert [s.type for s in out.signals] == [SignalType.AUTHORITY_LIMIT]


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Dana. swamped atm, lets talk after the holidays maybe",
        "Sorry for the slow reply, we're realigning internally. Probably best you pick this up "
        "with Priya once she starts next month.",
    ],
)
def test_when_the_silent_party_only_replies_with_a_delay_then_the_follow_ups_stay_unanswered(
    converse, reply: str
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Hi Tom, following up on the proposal."),
            ("Dana Reyes", "Hi Tom, checking in again on this."),
            ("Tom Okafor", reply),
        ]
    )
    silent = sig(SignalType.NO_RESPONSE, 1, "checking in again on this", speaker="Tom Okafor")
    out = check(proposal([silent], stage=Stage.BEGINNING), conv)
    assert [s.type for s in out.signals] == [SignalType.NO_RESPONSE]
    assert out.stage is Stage.BEGINNING
    assert not any("answered" in c.detail or "resolved" in c.detail for c in out.checks)


def test_when_the_parser_has_no_name_for_a_turn_then_the_answers_speaker_is_kept(
    converse,
) -> None:
    conv = converse(
        [
            ("Tom Okafor", "Thanks Dana, I've had a look at the renewal."),
            ("Dana Reyes", "Could you move from $48,000 to $45,000 on the renewal?"),
            ("Unknown", "No. $48,000 is our final offer, take it or leave it."),
        ]
    )
    ultimatum = sig(SignalType.ULTIMATUM, 2, "$48,000 is our final offer")
    out = check(proposal([ultimatum], stage=Stage.END), conv)
    assert [s.speaker for s in out.signals] == ["Tom Okafor"]
    assert not any("corrected to 'Unknown'" in c.detail for c in out.checks)


def test_when_a_quote_spans_two_lines_then_the_line_with_the_evidence_is_kept(converse) -> None:
    # The longer line is the wrong one: the threat is in the short one.
    conv = converse(
        [
            ("Dana Reyes", "Could you move from $48,000 to $45,000 on the renewal?"),
            (
                "Tom Okafor",
                "We have looked at every line of the budget with the finance team this week.\n"
                "This is our final offer.",
            ),
        ]
    )
    quote = "finance team this week. This is our final offer."
    out = check(proposal([sig(SignalType.ULTIMATUM, 1, quote)], stage=Stage.END), conv)
    assert [s.quote for s in out.signals] == ["This is our final offer."]


def test_when_a_late_reply_apologises_for_the_delay_but_names_a_time_then_it_answers(
    converse,
) -> None:
    conv = converse(
        [
            ("Dana Reyes", "Hi Tom, following up on the proposal."),
            ("Dana Reyes", "Hi Tom, checking in again on this."),
            ("Tom Okafor", "Sorry for the slow reply, we've been swamped. Tuesday at 10am works."),
        ]
    )
    silent = sig(SignalType.NO_RESPONSE, 1, "checking in again on this", speaker="Tom Okafor")
    out = check(proposal([silent], stage=Stage.BEGINNING), conv)
    assert out.signals == []
    assert any("answered at turn 2" in c.detail for c in out.checks)
