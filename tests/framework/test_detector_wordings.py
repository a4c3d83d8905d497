"""More of the ways people say each move in English: shelving the deal, going to a rival,
holding a figure for now, someone else's sign-off, a handover to another team, and the near
miss each wording must not fire on (a short break, a firm but open counter, a recounted
past, our own promise to call)."""

from __future__ import annotations

import pytest
from framework_builders import make_conversation

from analyzer.analysis import Side, SideHow
from analyzer.detect.patterns import PhraseDetector
from analyzer.detect.structure import NoResponseDetector
from analyzer.languages.lexicon import load_lexicon
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
        # Shelving the deal with a later reunion named, or as the sensible course.
        (
            "Let's set the whole contract aside for now and talk again after the election.",
            T.WALKOUT,
        ),
        ("Let's shelve the renewal and pick it back up after the summer.", T.WALKOUT),
        ("The best thing now is to put the tender on ice.", T.WALKOUT),
        (
            "I think the right course would be to shelve this until the survey is back.",
            T.WALKOUT,
        ),
        # The consequence half of a condition: going to a rival.
        ("If you can't match it, we're signing with the other printer.", T.WALKOUT),
        ("After that, we're going with Harland.", T.WALKOUT),
        # A figure held, a decision not to go on, a stop until something happens: hedged.
        ("They're sticking at 450 a month for the time being.", T.WEASEL_WORDS),
        ("We're holding at 2.3 million for now.", T.WEASEL_WORDS),
        (
            "The decision has been made not to renew any supplier contracts while the "
            "review is being carried out.",
            T.WEASEL_WORDS,
        ),
        ("Our owners have decided to freeze all new projects for the moment.", T.WEASEL_WORDS),
        ("I'd leave it there until the auditors have signed off.", T.WEASEL_WORDS),
        ("Let's leave things there pending the board's review.", T.WEASEL_WORDS),
        # Someone else must approve; nothing is signed before a body above has met.
        ("Anything past 2k my wife has to okay.", T.AUTHORITY_LIMIT),
        ("Over that figure the trustees would need to sign it off.", T.AUTHORITY_LIMIT),
        (
            "We're not able to commit to the extension until the committee has reviewed it.",
            T.AUTHORITY_LIMIT,
        ),
        (
            "We're not in a position to agree the rate before our board sits in March.",
            T.AUTHORITY_LIMIT,
        ),
        # The matter moves to another team or person.
        (
            "Vendor onboarding has been shifted to our shared-services unit.",
            T.HANDOFF_OR_DELAY,
        ),
        ("Your file has been transferred to the claims team in Leeds.", T.HANDOFF_OR_DELAY),
        ("She'll be getting in touch with you once she's settled.", T.HANDOFF_OR_DELAY),
        ("He will be reaching out to you next week about the handover.", T.HANDOFF_OR_DELAY),
        ("not my thing really, speak to my sister.", T.HANDOFF_OR_DELAY),
        ("Best talk to her directly, she handles the stock.", T.HANDOFF_OR_DELAY),
        # The deal itself is not locked in before a later period.
        ("We won't sign anything before the new financial year.", T.HANDOFF_OR_DELAY),
        ("We're not going to lock anything in until after Easter.", T.HANDOFF_OR_DELAY),
        # A rival's price, another party already asking.
        ("The boys from Kestrel Steel came in much lower.", T.ALTERNATIVE_SHOPPING),
        ("They came in cheaper on every line.", T.ALTERNATIVE_SHOPPING),
        ("We've already had two buyers ring about the unit this week.", T.ALTERNATIVE_SHOPPING),
        ("I've also had another tenant asking about the space.", T.ALTERNATIVE_SHOPPING),
        # Unease with a few words in between, sarcasm, doubt that the exchange leads anywhere.
        ("I'm frankly a bit uneasy about the penalty clause.", T.DISCOMFORT),
        ("We're still a little reluctant about the exclusivity.", T.DISCOMFORT),
        ("Oh great, so now it's my fault the specs changed.", T.DISCOMFORT),
        ("So that's our fault as well, is it.", T.DISCOMFORT),
        ("I don't think arguing over the index gets us anywhere.", T.DISCOMFORT),
        ("Not sure this is getting either of us anywhere, frankly.", T.DISCOMFORT),
        # A revised position put conditionally; a fact found or served.
        (
            "On those numbers we'd be looking at a 24-month term rather than 12.",
            T.EXPECTATION_SHIFT,
        ),
        ("It would now be looking at three deliveries a week instead of two.", T.EXPECTATION_SHIFT),
        ("The excavator found a gas main that wasn't shown on the plans.", T.NEW_INFORMATION),
        ("We came across a sewer which isn't marked on your survey.", T.NEW_INFORMATION),
        ("The council has just served notice that the road will close in June.", T.NEW_INFORMATION),
        ("Our bank has given us notice of a rate change.", T.NEW_INFORMATION),
        # A refusal recounted about a named third party stays a precedent.
        ("We didn't give that discount to Harlow either.", T.PRECEDENT_OR_POLICY),
    ],
)
def test_when_the_move_is_said_in_other_words_then_its_signal_fires(
    sentence: str, expected: SignalType
) -> None:
    assert expected in fired(sentence)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # A short break or a change of subject is not a walkout.
        ("Let's park the logo placement and come back to it after lunch.", T.WALKOUT),
        ("Let's put the warranty aside and talk about delivery dates.", T.WALKOUT),
        ("The best thing is to put a date in the diary.", T.WALKOUT),
        ("If you can't do that, I'll call you back tomorrow to find another slot.", T.WALKOUT),
        # A figure held without a hedge, a refusal with no time tied to it, a stop for the day.
        ("We've been holding at 450 since January and it has served us well.", T.WEASEL_WORDS),
        ("The decision has been taken not to proceed with the pilot.", T.WEASEL_WORDS),
        ("I think we should leave it there for today.", T.WEASEL_WORDS),
        # Our side's approvals, and a signature delayed by a day, not by authority.
        ("Your director needs to sign it off before we can start.", T.AUTHORITY_LIMIT),
        (
            "We're not in a position to sign today, but the board has already approved it, "
            "so Monday works.",
            T.AUTHORITY_LIMIT,
        ),
        ("The meeting has been moved to the boardroom on the third floor.", T.HANDOFF_OR_DELAY),
        ("I'll be contacting you on Monday with the figures.", T.HANDOFF_OR_DELAY),
        ("I'll talk to him tonight and let you know.", T.HANDOFF_OR_DELAY),
        ("We can't lock in a call before Thursday.", T.HANDOFF_OR_DELAY),
        # Not locking in the deal before a period is a delay, not a meeting avoided.
        ("We won't lock anything in before Q2.", T.SCHEDULING_AVOIDANCE),
        ("Our costs came in lower than we feared this quarter.", T.ALTERNATIVE_SHOPPING),
        (
            "We had a customer come to us with the same question last year.",
            T.ALTERNATIVE_SHOPPING,
        ),
        (
            "I'm going to tell you why the board was uneasy about the old supplier.",
            T.DISCOMFORT,
        ),
        ("Sorry, that's my fault, I sent the wrong file.", T.DISCOMFORT),
        ("I'm not sure the bus gets there before nine.", T.DISCOMFORT),
        ("We're looking at Tuesday rather than Monday for the call.", T.EXPECTATION_SHIFT),
        (
            "We found the file that wasn't in the shared drive earlier, all sorted.",
            T.NEW_INFORMATION,
        ),
        ("We served notice on the old lease back in 2019.", T.NEW_INFORMATION),
        # A new demand after a check is an expectation shift, not a new fact.
        ("The users have come back and want a dark mode as well.", T.NEW_INFORMATION),
        # A wish about what to discuss recounts no refusal.
        (
            "I'd prefer we didn't reopen the delivery terms, if it's all the same to you.",
            T.PRECEDENT_OR_POLICY,
        ),
    ],
)
def test_when_a_near_miss_of_those_wordings_is_said_then_the_signal_does_not_fire(
    sentence: str, absent: SignalType
) -> None:
    assert absent not in fired(sentence)


def test_when_a_new_demand_comes_back_then_it_reads_as_an_expectation_shift() -> None:
    types = fired("The users have come back and want a dark mode as well.")
    assert T.EXPECTATION_SHIFT in types


@pytest.mark.parametrize(
    "chaser",
    [
        "Just a small nudge on the proposal below before the month closes.",
        "Nudging this up your inbox in case it got buried.",
        "If it's not for you this year, a one-word answer would let me stop chasing you.",
    ],
)
def test_when_our_nudges_go_unanswered_then_no_response_names_the_silent_party(
    chaser: str,
) -> None:
    side = Side(us=["Dana Reyes"], them=["Tom Okafor"], how=SideHow.OPTION)
    conv = make_conversation(
        [
            (
                "Dana Reyes",
                "Hi Tom, here is our outline for the cleaning contract.",
                "2025-03-03T09:00:00+00:00",
            ),
            (
                "Tom Okafor",
                "Thanks Dana, busy month here, I'll have a look.",
                "2025-03-04T09:00:00+00:00",
            ),
            (
                "Dana Reyes",
                "Hi Tom, would a short call next week help?",
                "2025-03-12T09:00:00+00:00",
            ),
            ("Dana Reyes", f"Hi Tom, {chaser}", "2025-03-26T09:00:00+00:00"),
        ]
    )
    findings = NoResponseDetector().detect(build_reading(conv, side, "en"))
    assert [(f.type, f.speaker, f.turn) for f in findings] == [(T.NO_RESPONSE, "Tom Okafor", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Our app gives staff a small nudge to log their hours.",
        "Happy to chat whenever suits, no need to nudge me.",
    ],
)
def test_when_a_pitch_speaks_of_nudges_then_it_is_not_a_follow_up(text: str) -> None:
    assert not LEX.phrase("follow_up").search(text)
