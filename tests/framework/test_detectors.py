"""Each offline detector on realistic messages: what must fire, and the near misses that must not."""

from __future__ import annotations

import pytest
from framework_builders import make_conversation

from analyzer.analysis import Side, SideHow
from analyzer.detect.offline import candidates
from analyzer.detect.patterns import PhraseDetector
from analyzer.detect.structure import CurtReplyDetector, NoResponseDetector
from analyzer.languages.lexicon import load_lexicon
from analyzer.models import InputFormat
from analyzer.reading import Sentence, build_reading
from analyzer.taxonomy import SignalType

T = SignalType
LEX = load_lexicon("en")


def fired(text: str) -> set[SignalType]:
    """Signal types the phrase detectors give one sentence of the other side."""
    sentence = Sentence(turn=0, start=0, text=text)
    return {spec.signal for spec in LEX.detectors if PhraseDetector(spec).matches(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Things are pretty hectic right now, let's touch base sometime next quarter.",
            T.SCHEDULING_AVOIDANCE,
        ),
        ("I'd rather not lock anything in yet.", T.SCHEDULING_AVOIDANCE),
        (
            "I'm transitioning into a new role next month, so someone from my team will reach out.",
            T.HANDOFF_OR_DELAY,
        ),
        ("We've decided to put the project on hold until the new fiscal year.", T.HANDOFF_OR_DELAY),
        ("To be transparent, we're also talking to a few other vendors.", T.ALTERNATIVE_SHOPPING),
        ("Brightline came back twelve percent under you.", T.ALTERNATIVE_SHOPPING),
        ("Let's park the indemnity question for now and focus on the rollout.", T.TOPIC_AVOIDANCE),
        ("Honestly, the liability cap is above my pay grade.", T.AUTHORITY_LIMIT),
        ("Budget isn't really my call, that sits with Helen.", T.AUTHORITY_LIMIT),
        ("I'm a bit uneasy about the exclusivity clause, to be frank.", T.DISCOMFORT),
        (
            "Since our last call, we'd now need net ninety and on-site support bundled in.",
            T.EXPECTATION_SHIFT,
        ),
        ("A few things have changed on our side since the reorg.", T.EXPECTATION_SHIFT),
        (
            "She wants lead sharing to be opt-in per attendee rather than the 50/50 split.",
            T.EXPECTATION_SHIFT,
        ),
        (
            "It turns out our parent company froze all new software spend last week.",
            T.NEW_INFORMATION,
        ),
        ("We have never given that kind of discount to any customer.", T.PRECEDENT_OR_POLICY),
        ("Our final offer is $42,000 for the three years.", T.ULTIMATUM),
        ("Four percent on the base or we're out on Monday.", T.ULTIMATUM),
        (
            "Unless the outstanding invoices are paid in full by Friday, we stop shipping.",
            T.ULTIMATUM,
        ),
        ("We are withdrawing our offer and ending these discussions.", T.WALKOUT),
        ("I think we should leave it there for today.", T.WALKOUT),
        ("We absolutely cannot continue these discussions at this time.", T.WEASEL_WORDS),
        ("We're not in a position to move any further on the escrow for now.", T.WEASEL_WORDS),
    ],
)
def test_when_the_other_side_says_it_then_its_signal_fires(
    sentence: str, expected: SignalType
) -> None:
    assert expected in fired(sentence)


# Everyday phrasings, none of them the framework's stock words.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Honestly the next couple of weeks are a write-off for me.", T.SCHEDULING_AVOIDANCE),
        ("Let's see how the spring pans out and take a call then.", T.SCHEDULING_AVOIDANCE),
        ("Maybe we talk when things are a bit quieter over here?", T.SCHEDULING_AVOIDANCE),
        ("That one's probably a question for the new procurement lead.", T.HANDOFF_OR_DELAY),
        ("I'd rather not relitigate the delay damages over email.", T.TOPIC_AVOIDANCE),
        ("I'm not going to comment on the survey findings.", T.TOPIC_AVOIDANCE),
        ("I'd really rather we didn't keep going round on the bonus.", T.TOPIC_AVOIDANCE),
        ("Anything above 40k goes to our finance director for sign-off.", T.AUTHORITY_LIMIT),
        ("My instructions don't stretch to a second payment.", T.AUTHORITY_LIMIT),
        ("Management now wants a 90-day buffer stock on site.", T.EXPECTATION_SHIFT),
        ("We've never paid a retention bonus at this level.", T.PRECEDENT_OR_POLICY),
        ("Fixed rate of 6.1%, or we file the claim on Tuesday.", T.ULTIMATUM),
        ("We won't be coming back on Monday to hear the same number.", T.WALKOUT),
        ("I'd suggest we stand down the talks until the board has met.", T.WALKOUT),
        ("Let's park it and regroup once the audit's done.", T.WALKOUT),
        ("Every new order is on hold until the new CFO has had a look.", T.WEASEL_WORDS),
        ("I can't go under 9.80 a unit, not while steel is where it is.", T.WEASEL_WORDS),
        (
            "Northgate have told us they can match the rate with weekly drops.",
            T.ALTERNATIVE_SHOPPING,
        ),
        (
            "Honestly, what's the point of a meeting before the audit is done?",
            T.SCHEDULING_AVOIDANCE,
        ),
        ("Three other platforms are being looked at by procurement.", T.ALTERNATIVE_SHOPPING),
        ("My CFO says a two-year term is a non-starter.", T.AUTHORITY_LIMIT),
        ("Our client declines to be drawn on the indemnity in correspondence.", T.TOPIC_AVOIDANCE),
        ("The decision has been taken not to proceed with the pilot.", T.WALKOUT),
        ("Let's call a ceasefire on this and regroup after the ballot.", T.WALKOUT),
        ("After Friday I'm not taking calls on this one.", T.WALKOUT),
        ("Sign by Thursday or the lease goes to the other applicant.", T.ULTIMATUM),
        ("380 cash tonight or i grab the one in Leeds.", T.ULTIMATUM),
        ("It's no' mine to shift, that sits with the landlord.", T.AUTHORITY_LIMIT),
    ],
)
def test_when_the_other_side_says_it_in_everyday_words_then_its_signal_fires(
    sentence: str, expected: SignalType
) -> None:
    assert expected in fired(sentence)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Is that your final offer?", T.ULTIMATUM),  # a question, not a position
        ("Nothing has changed on our side, the offer stands.", T.EXPECTATION_SHIFT),
        ("This is not our final offer, we have room on the term.", T.ULTIMATUM),
        ("Nobody is walking away from this, we'll get there.", T.WALKOUT),
        ("Let me check with my manager and get back to you Friday.", T.AUTHORITY_LIMIT),
        ("Can we touch base on Tuesday at 10am?", T.SCHEDULING_AVOIDANCE),
        (
            "We're not talking to any other vendors, you're our first choice.",
            T.ALTERNATIVE_SHOPPING,
        ),
        ("That's the best number we've had out to anyone this year.", T.ULTIMATUM),
        ("I'm driving right now, will call you back in an hour.", T.WEASEL_WORDS),
        ("Our privacy policy is linked below.", T.PRECEDENT_OR_POLICY),
        ("Full stop.", T.ULTIMATUM),  # emphasis alone states no condition
        ("My manager says the discount is a non-starter.", T.ULTIMATUM),  # reported: authority
        ("The bonus was approved, which our policy does allow.", T.PRECEDENT_OR_POLICY),
        # A floor that comes with a counter-package invites a reply.
        (
            "He won't go below 30,000 on the rent, but he'll give you three months free.",
            T.ULTIMATUM,
        ),
        ("I need to have 2 or 3 pieces of firewood because I did not pack any.", T.ULTIMATUM),
    ],
)
def test_when_a_near_miss_is_said_then_the_signal_does_not_fire(
    sentence: str, absent: SignalType
) -> None:
    assert absent not in fired(sentence)


SIDE = Side(us=["Dana Reyes"], them=["Tom Okafor"], how=SideHow.OPTION)


def test_when_our_follow_ups_pile_up_unanswered_then_no_response_names_the_silent_party() -> None:
    conv = make_conversation(
        [
            (
                "Dana Reyes",
                "Hi Tom, attached is the proposal for the warehouse scanners.",
                "2025-03-03T09:00:00+00:00",
            ),
            (
                "Dana Reyes",
                "Hi Tom, just following up on the proposal below.",
                "2025-03-10T09:00:00+00:00",
            ),
            (
                "Dana Reyes",
                "Tom, any update? Happy to jump on a quick call.",
                "2025-03-18T09:00:00+00:00",
            ),
        ]
    )
    findings = NoResponseDetector().detect(build_reading(conv, SIDE, "en"))
    assert len(findings) == 1
    f = findings[0]
    assert f.type is T.NO_RESPONSE and f.speaker == "Tom Okafor" and f.turn == 2
    assert "any update?" in f.quote and "15 days" in f.explanation


def test_when_they_reply_after_our_follow_up_then_there_is_no_no_response() -> None:
    conv = make_conversation(
        [
            ("Dana Reyes", "Hi Tom, just following up on the proposal below."),
            ("Dana Reyes", "Tom, checking in again."),
            ("Tom Okafor", "Sorry Dana, Tuesday at 2pm works for a call."),
        ]
    )
    assert NoResponseDetector().detect(build_reading(conv, SIDE, "en")) == []


def test_when_a_call_transcript_ends_with_our_long_turn_then_no_response_does_not_apply() -> None:
    conv = make_conversation(
        [
            ("Tom Okafor", "Go ahead."),
            ("Dana Reyes", "Following up on pricing."),
            ("Dana Reyes", "Any thoughts?"),
        ],
        fmt=InputFormat.VTT,
    )
    assert NoResponseDetector().detect(build_reading(conv, SIDE, "en")) == []


def test_when_a_detailed_question_gets_a_two_word_answer_then_curt_reply_shows_discomfort() -> None:
    conv = make_conversation(
        [
            (
                "Tom Okafor",
                "Thanks Dana, we reviewed the pricing sheet and the onboarding plan with the team and overall it looks solid; a couple of small questions on the rollout timeline but nothing major from our side.",
            ),
            (
                "Dana Reyes",
                "Great. On the data-retention clause, could you tell me what your security team needs to see so we can find wording that works for both sides, and whether the 90-day limit is the sticking point or something else?",
            ),
            ("Tom Okafor", "Not sure. Later."),
        ]
    )
    findings = CurtReplyDetector().detect(build_reading(conv, SIDE, "en"))
    assert [f.quote for f in findings] == ["Not sure. Later."]


def test_when_side_is_known_then_our_own_words_are_not_candidates() -> None:
    conv = make_conversation(
        [
            ("Dana Reyes", "This is our final offer: $40,000."),
            ("Tom Okafor", "Let me review it with the team and come back to you on Thursday."),
        ]
    )
    assert candidates(build_reading(conv, SIDE, "en")) == []
    neutral = candidates(build_reading(conv, Side(), "en"))
    assert [s.type for s in neutral] == [T.ULTIMATUM] and neutral[0].speaker == "Dana Reyes"


@pytest.mark.parametrize(
    ("opening", "chaser_follow_up"),
    [
        ("Sehr geehrter Herr Maier, anbei unser Angebot.", "Hallo Herr Maier, kurze Nachfrage."),
        ("Bonjour Élodie, voici notre proposition.", "Bonjour Élodie, je me permets de relancer."),
        ("Hola Marta, te paso la propuesta.", "Hola Marta, ¿pudiste verla?"),
    ],
)
def test_when_a_chase_greets_the_silent_party_in_another_language_then_they_are_named(
    opening: str, chaser_follow_up: str
) -> None:
    people = ["Klaus Maier", "Élodie Roux", "Marta Gil"]
    conv = make_conversation(
        [
            *[(p, "Happy to look at a proposal.", "2025-02-01T09:00:00+00:00") for p in people],
            ("Dana Reyes", opening, "2025-03-03T09:00:00+00:00"),
            ("Dana Reyes", chaser_follow_up, "2025-03-10T09:00:00+00:00"),
            ("Dana Reyes", chaser_follow_up, "2025-03-17T09:00:00+00:00"),
        ]
    )
    side = Side(us=["Dana Reyes"], them=people, how=SideHow.OPTION)
    findings = NoResponseDetector().detect(build_reading(conv, side, "en"))
    named = {"Maier": "Klaus Maier", "Élodie": "Élodie Roux", "Marta": "Marta Gil"}
    expected = next(v for k, v in named.items() if k in opening)
    assert [f.speaker for f in findings] == [expected]


def test_when_a_hedged_refusal_comes_before_any_terms_then_it_is_not_an_end() -> None:
    # "Hold off for now" at first contact is a slow start; once terms are discussed it
    # is hedged finality.
    first_contact = make_conversation(
        [
            ("Dana Reyes", "Could we book an hour to walk you through our fit-out approach?"),
            ("Tom Okafor", "I'd hold off on the diary for now, it's all a bit up in the air."),
        ]
    )
    late = make_conversation(
        [
            ("Dana Reyes", "Our price for the fit-out is $1.2m, with a 12-week programme."),
            ("Tom Okafor", "We can't go any further on the price for now."),
        ]
    )
    assert T.WEASEL_WORDS not in {
        s.type for s in candidates(build_reading(first_contact, SIDE, "en"))
    }
    assert T.WEASEL_WORDS in {s.type for s in candidates(build_reading(late, SIDE, "en"))}
