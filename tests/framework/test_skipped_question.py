"""The skipped-question detector: a question passed over and asked again is topic avoidance."""

from __future__ import annotations

from framework_builders import make_conversation

from analyzer.analysis import Side, SideHow
from analyzer.detect.topics import SkippedQuestionDetector
from analyzer.languages.lexicon import load_lexicon
from analyzer.models import Conversation
from analyzer.reading import build_reading
from analyzer.taxonomy import SignalType

LEX = load_lexicon("en")
SIDE = Side(us=["Dana Reyes"], them=["Tom Okafor"], how=SideHow.OPTION)

ASK = (
    "Dana Reyes",
    "Thanks for the revised quote. Before we go further, could you send the cost breakdown "
    "for the resin line? Our finance team needs it to sign off.",
)
SKIP = (
    "Tom Okafor",
    "Happy to hear the quote works in principle. Delivery can start in March and we can hold "
    "the volume discount for twelve months.",
)
ASK_AGAIN = (
    "Dana Reyes",
    "Great on March. Coming back to my earlier question: can you share the resin cost "
    "breakdown this week?",
)


def _detect(conv: Conversation, side: Side = SIDE) -> list[tuple[SignalType, str, int, str]]:
    findings = SkippedQuestionDetector().detect(build_reading(conv, side, "en"))
    return [(f.type, f.speaker, f.turn, f.quote) for f in findings]


def test_when_a_question_is_skipped_and_asked_again_then_topic_avoidance_is_found() -> None:
    found = _detect(make_conversation([ASK, SKIP, ASK_AGAIN]))
    assert found == [
        (
            SignalType.TOPIC_AVOIDANCE,
            "Tom Okafor",
            1,
            "Happy to hear the quote works in principle.",
        )
    ]


def test_when_the_finding_is_made_then_it_explains_which_question_was_passed_over() -> None:
    conv = make_conversation([ASK, SKIP, ASK_AGAIN])
    (finding,) = SkippedQuestionDetector().detect(build_reading(conv, SIDE, "en"))
    assert "could you send the cost breakdown for the resin line?" in finding.explanation
    assert "came back in turn 2" in finding.explanation


def test_when_the_reply_speaks_to_the_question_then_nothing_is_found() -> None:
    answered = (
        "Tom Okafor",
        "The resin breakdown is attached: raw material is 61%, energy 14%, the rest is labour.",
    )
    assert _detect(make_conversation([ASK, answered, ASK_AGAIN])) == []


def test_when_the_question_is_asked_only_once_then_nothing_is_found() -> None:
    # One reply that leaves something out is ordinary email; the repeat is the evidence.
    assert _detect(make_conversation([ASK, SKIP])) == []


def test_when_a_later_reply_finally_takes_the_question_up_then_it_is_resolved() -> None:
    late = ("Tom Okafor", "Sorry, missed that. The resin breakdown is in the attached sheet.")
    assert _detect(make_conversation([ASK, SKIP, ASK_AGAIN, late])) == []


def test_when_the_side_is_known_then_their_questions_skipped_by_us_do_not_count() -> None:
    # The detector reads our questions only: our own evasions are not their impasse.
    swapped = Side(us=["Tom Okafor"], them=["Dana Reyes"], how=SideHow.OPTION)
    assert _detect(make_conversation([ASK, SKIP, ASK_AGAIN]), swapped) == []


def test_when_the_analysis_is_neutral_then_either_party_can_be_the_one_who_skips() -> None:
    found = _detect(make_conversation([ASK, SKIP, ASK_AGAIN]), Side())
    assert [(t, s) for t, s, _, _ in found] == [(SignalType.TOPIC_AVOIDANCE, "Tom Okafor")]


def test_when_the_reply_is_a_one_liner_then_it_is_too_short_to_have_skipped_anything() -> None:
    brief = ("Tom Okafor", "On it, back soon.")
    assert _detect(make_conversation([ASK, brief, ASK_AGAIN])) == []
