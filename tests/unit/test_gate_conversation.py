"""The negotiation gate judges the whole conversation: the shape of the exchange (who
speaks, how evenly, whether terms and requests are answered by someone else) weighs with
the words, so a podcast full of "final offer" is no negotiation and a two-line counter-offer
is one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analyzer.learned.gate import WINDOW_CHARS, read_gate, windows
from analyzer.learned.gate_features import FEATURES, conversation_features, describe, vector
from analyzer.learned.logistic import LogisticModel, ModelMismatch, fit, read
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_text

ROOT = Path(__file__).resolve().parents[2]
OFFLINE = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)

NOT_NEGOTIATIONS = {
    "podcast": """Otter.ai transcript

Jess Moreno  0:00
Welcome back to The Freelance Table, episode 112. I'm Jess, and with me as always is Tom.

Tom Becker  0:06
Hey everyone. So today's topic is rates, because half our listeners wrote in about it this month.

Jess Moreno  0:14
Right. And I'll start with a confession: last year I walked away from a client over a 10% discount. They said it was their final offer and I said fine, we're done.

Tom Becker  0:27
See, I would never. My rule is, the first number is never the last word. I once read a resignation letter template on air, remember? "Please accept this as my formal notice."

Jess Moreno  0:41
Ha, episode 80. Anyway, the lesson for listeners: know your walk-away point before the call, and write it down.

Tom Becker  0:49
And if you liked this one, subscribe and send us your own horror stories. We read them all next week.
""",
    "newsletter": """From: The Procurement Brief <news@procurementbrief.example>
To: subscribers@procurementbrief.example
Subject: This week: final offers, walk-outs and a price war

In this issue

Why "final offer" rarely means final: our columnist looks at three supplier negotiations that ended in a walkout and what the buyers could have done differently. Plus: steel prices up 4% in November, a new EU rule on payment terms of 60 days, and our webinar on walk-away points next Thursday.

Reader question: "My supplier says take it or leave it. Do I take it?" Our answer on page two.

You are receiving this newsletter because you subscribed at procurementbrief.example.
View in browser | Unsubscribe
""",
    "stand-up": """Priya: Morning all. Quick round, I'll go first. Yesterday I finished the export screen, today the CSV tests.
Marcus: I'm still on the login bug. I don't agree we should ship Friday, honestly, the fix isn't tested enough.
Lena: I think Friday is fine if we freeze everything else today. We can't keep moving the date.
Marcus: I'd rather slip a week than ship a broken login.
Tariq: Let's take it offline after stand-up. I'm blocked on the API keys, waiting on ops.
Priya: Ok, Marcus and Lena, grab me after. Tariq, I'll ping ops. Thanks everyone.
""",
    "support exchange": """From: Helpdesk <support@fibrenet.example>
To: Alan Fisher <alan.fisher@example.com>
Subject: Re: Ticket #48213 - no internet since this morning

Hi Alan,

Thanks for checking. The restart didn't clear it, so we ran a line test from our side: there is a fault on the cable in your street and an engineer is already on site. We expect service back by 6pm today; you don't need to do anything. If the light is still red after 6pm, please unplug the router for 30 seconds and plug it back in.

Kind regards,
Sofia, FibreNet Support

From: Alan Fisher <alan.fisher@example.com>
To: Helpdesk <support@fibrenet.example>
Subject: Re: Ticket #48213 - no internet since this morning

Hi Sofia, I restarted it again as you said, still the red light. The phone line works though.

Alan

From: Helpdesk <support@fibrenet.example>
To: Alan Fisher <alan.fisher@example.com>
Subject: Re: Ticket #48213 - no internet since this morning

Hello Alan, sorry to hear that. Could you restart the router once more and tell us which lights are on afterwards?

Sofia, FibreNet Support

From: Alan Fisher <alan.fisher@example.com>
To: Helpdesk <support@fibrenet.example>
Subject: Ticket #48213 - no internet since this morning

Hello, my internet has been down since 8am. The router light is red. I already restarted it twice. Can you check?

Alan
""",
}
NEGOTIATIONS = {
    "campsite haggle": """Mia: Hi! We're camping with two kids and it's supposed to get cold. Could I have all 3 firewood packages?
Jordan: Hmm, we need firewood too, our tent is by the lake. How about 2 for you and 1 for me?
Mia: Ok, but then I'd want 2 of the water, we only brought one bottle each.
Jordan: Water I can't give up much, I have a medical thing. I can do 1 water and you take 2 food.
Mia: 2 firewood, 1 water and 2 food for us? Then you get 1 firewood, 2 water and 1 food.
Jordan: Deal, that works for me.
""",
    "landlord chat": """12/03/2026, 18:02 - Sara: Hi Mr Dlamini, I got the letter about the rent going up to 1,350 from April. That's 150 more a month, it's a lot for us.
12/03/2026, 18:40 - Peter Dlamini: Hi Sara, costs went up for me too, rates and insurance. 1,350 is still below what the flats on this street go for.
12/03/2026, 18:45 - Sara: I understand. Could we meet at 1,275 if we sign for two more years? We've never paid late.
12/03/2026, 19:10 - Peter Dlamini: I could do 1,300 for a two year lease, and I'll fix the bathroom fan you asked about.
12/03/2026, 19:12 - Sara: 1,300 with the fan fixed this month, ok. Can you send the new lease?
12/03/2026, 19:30 - Peter Dlamini: Will do, by Friday.
""",
    "works council": """WEBVTT

00:00:01.000 --> 00:00:09.000
<v Katrin Vogel>Thanks for coming. The works council has looked at the new shift plan. Our members cannot accept four night shifts in a row.

00:00:09.500 --> 00:00:18.000
<v Henrik Maas>Management needs the plant covered around the clock from March. We proposed four nights because it cuts handovers.

00:00:18.500 --> 00:00:27.000
<v Katrin Vogel>We could agree to three nights in a row if the night premium goes from 25 to 30 percent.

00:00:27.500 --> 00:00:36.000
<v Jonas Petrak>From the production side, three nights works if we add one more crew. That's six hires.

00:00:36.500 --> 00:00:45.000
<v Henrik Maas>Six hires is more than the budget allows. We can offer 28 percent and three nights, and we hire four.

00:00:45.500 --> 00:00:52.000
<v Ali Demir>For the members, 28 is not enough if the crews are short. We need five people at least.

00:00:52.500 --> 00:01:00.000
<v Katrin Vogel>Five hires and 28 percent, then we can take it to the members on Thursday.
""",
    "two-line counter-offer": """Dana Reyes: We can do 42,000 for the full fit-out, including the lighting, if we can start on the 3rd.
Tom Okafor: 42 is too high for us. 38,500 and you start on the 10th, that's our offer.
""",
    # One pasted message from the other side: no exchange to see, the words decide.
    "one pasted final offer": (
        "From: Stephanie Wu <swu@marlowtitle.example>\n"
        "To: Nikhil Rao <nrao@caldera.example>\n"
        "Subject: Re: Renewal\n\n"
        "Nikhil,\n\n"
        "Our final position is $184,000 for the three-year term, all modules as quoted. If "
        "that number doesn't work for Caldera, we will not renew and will move to Northwind "
        "when our contract expires on June 30.\n\n"
        "Stephanie\n"
    ),
    # Over 400 characters: judged by the gate, not let through as a short exchange.
    "two-line counter-offer, judged": (
        "Dana Reyes: Following our call, we can do 42,000 euros for the full fit-out of the "
        "second floor, including the lighting and the glass partitions, if we can start on the "
        "3rd of March and you pay 30 percent up front.\n"
        "Tom Okafor: Thanks Dana. 42,000 is more than we budgeted. We can offer 38,500 for the "
        "same scope, with 20 percent up front and the rest on completion, and you start on the "
        "10th. That is as far as we can go this quarter.\n"
    ),
}


@pytest.mark.parametrize("text", NOT_NEGOTIATIONS.values(), ids=list(NOT_NEGOTIATIONS))
def test_when_nobody_asks_anyone_for_anything_then_not_a_negotiation(text: str) -> None:
    result = analyze_text(text, OFFLINE)
    assert result.negotiation is False and result.impasse is False
    veto = next(c for c in result.checks if c.rule == "R0.negotiation_gate" and "Not a" in c.detail)
    assert "speaker" in veto.detail and "gate score" in veto.detail


@pytest.mark.parametrize("text", NEGOTIATIONS.values(), ids=list(NEGOTIATIONS))
def test_when_terms_pass_between_people_then_it_stays_a_negotiation(text: str) -> None:
    result = analyze_text(text, OFFLINE)
    assert result.negotiation is True
    assert not any(c.rule == "R0.negotiation_gate" for c in result.checks)


def test_when_two_people_trade_a_short_line_each_then_the_gate_says_it_did_not_judge() -> None:
    verdict = read_gate(parse_text(NEGOTIATIONS["two-line counter-offer"]))
    assert verdict.negotiation and "not judged" in verdict.seen
    judged = read_gate(parse_text(NEGOTIATIONS["two-line counter-offer, judged"]))
    assert judged.negotiation and "terms answered by another speaker" in judged.seen


def test_when_one_voice_writes_to_a_list_then_the_reason_says_so() -> None:
    conversation = parse_text(NOT_NEGOTIATIONS["newsletter"])
    features = conversation_features(conversation, [0.1])
    seen = describe(conversation, features, negotiation=False)
    assert seen.startswith("one speaker") and "newsletter" in seen


def _chat(*lines: str) -> dict[str, float]:
    return conversation_features(parse_text("\n".join(lines) + "\n"), [0.7, 0.3])


def test_when_another_speaker_counters_the_terms_then_they_count_as_answered() -> None:
    features = _chat(
        "Ana: I can sell the bike for 450 euros.",
        "Ben: 450 is too much, would you take 380?",
    )
    assert features["terms_answered"] > 0 and features["terms_speakers"] == 1.0
    assert features["requests"] > 0 and features["request_speakers"] == 1.0
    assert features["window_best"] == 0.7 and features["window_mean"] == 0.5
    assert features["window_share"] == 0.5


def test_when_the_same_speaker_adds_terms_then_nothing_is_answered() -> None:
    features = _chat(
        "Ana: The hall costs 450 euros for the evening.",
        "Ana: Catering is another 300 euros, due by the 12th.",
        "Ben: Thanks for letting us know, see you there.",
    )
    assert features["terms_answered"] == 0.0 and features["terms_speakers"] == 0.5


def test_when_a_quantity_is_spelled_out_then_it_counts_as_terms() -> None:
    features = _chat(
        "Mama: Fünf Minuten noch, dann Zähne putzen.",
        "Paul: Zehn Minuten statt fünf, bitte!",
    )
    assert features["terms_answered"] > 0 and features["answers"] == 0.5


def test_when_one_speaker_talks_then_no_balance_and_no_alternation() -> None:
    features = _chat("Host: Welcome to the show, listeners.", "Host: In this episode, pricing.")
    assert features["one_speaker"] == 1.0 and features["balance"] == 0.0
    assert features["alternation"] == 0.0 and features["show"] > 0


def test_when_a_question_is_answered_by_someone_else_then_it_counts() -> None:
    features = _chat("Ana: Are you coming on Saturday?", "Ben: Yes, at seven.")
    assert features["questions_answered"] == 1.0 and features["alternation"] == 1.0
    assert features["balance"] == pytest.approx(1.0, abs=0.2)


def test_when_german_french_spanish_requests_then_they_are_seen() -> None:
    for line in (
        "Frau Lang: Könnten Sie uns beim Preis entgegenkommen?",
        "Mme Roux: Pourriez-vous baisser le tarif de 5 % ?",
        "Sr. Gil: Le propongo 200 euros por la mesa.",
    ):
        assert _chat(line, "B: Mal sehen.")["requests"] > 0, line


def test_when_features_are_vectorised_then_in_their_fixed_order() -> None:
    features = _chat("Ana: 450?", "Ben: 400.")
    row = vector(features)
    assert row.shape == (len(FEATURES),)
    assert row[FEATURES.index("balance")] == features["balance"]


def test_when_fitted_then_it_separates_and_reads_back(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows = rng.random((60, len(FEATURES)))
    labels = rows[:, 0] > 0.5
    model = fit(rows, labels, FEATURES, l2=0.1)
    assert ((model.probabilities(rows) >= 0.5) == labels).mean() > 0.9
    model.save(tmp_path / "m.npz")
    again = read(tmp_path / "m.npz", FEATURES)
    assert np.allclose(again.probabilities(rows), model.probabilities(rows))


def test_when_the_model_file_has_other_features_then_a_clear_error(tmp_path: Path) -> None:
    model = LogisticModel(
        names=("old_feature",), mean=np.zeros(1), scale=np.ones(1), weights=np.ones(1), bias=0.0
    )
    model.save(tmp_path / "old.npz")
    with pytest.raises(ModelMismatch, match="retrain"):
        read(tmp_path / "old.npz", FEATURES, retrain="python training/train_gate.py")


def test_when_the_analyzer_is_imported_then_the_gate_models_are_not_loaded() -> None:
    code = (
        "import sys, analyzer.pipeline, analyzer.learned.gate\n"
        "from analyzer.learned import model\n"
        "assert 'analyzer.learned.gate_model' not in sys.modules\n"
        "assert model.load.cache_info().currsize == 0\n"
        "from analyzer.parsers import parse_text\n"
        "analyzer.learned.gate.read_gate(parse_text('A: We offer 40.\\nB: 35, final.\\n'))\n"
        "from analyzer.learned.gate_model import load\n"
        "assert load.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_when_the_training_script_runs_quickly_then_it_writes_loadable_models(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [sys.executable, "training/train_gate.py", "--quick", "--out", str(tmp_path)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    model = read(tmp_path / "gate_conversation.npz")
    assert model.names == FEATURES
    assert (tmp_path / "gate.npz").stat().st_size > 0


# Single messages that ask the other side for something: one voice, so the words decide.
SINGLE_DEMANDS = {
    "en email": (
        "From: Grace Whitfield <grace@whitfieldbakery.example>\n"
        "To: Accounts <accounts@ovenparts.example>\n"
        "Subject: Service contract renewal\n\n"
        "Hi Marcus,\n\nKeep us at last year's 49 a month for the oven service and I'll sign "
        "the renewal today. If the 62 stands, please cancel the contract at the end of May.\n\n"
        "Grace\n"
    ),
    "de chat": (
        "12.03.26, 14:05 - Jonas Brandt: Für 5.000 Euro nehme ich den Golf, bar und sofort. "
        "Mehr zahle ich nicht, sonst lasse ich es bleiben.\n"
    ),
    "fr email": (
        "From: Claire Morel <c.morel@atelier-morel.example>\n"
        "To: Service commercial <ventes@imprimerie-duval.example>\n"
        "Subject: Devis 2291\n\n"
        "Bonjour,\n\nJe ne signerai pas le devis avec la clause de reconduction tacite. "
        "Retirez-la et je signe lundi, au prix de 3 400 euros HT.\n\nClaire Morel\n"
    ),
    "es email": (
        "From: Lucía Ortega <lucia.ortega@correo.example>\n"
        "To: Taller Ruiz <taller@ruiz.example>\n"
        "Subject: Factura de la reparación\n\n"
        "Buenas tardes:\n\nPago los 380 euros que acordamos y ni un euro más. Si insisten "
        "en los 520, lo llevo a la oficina de consumo.\n\nLucía\n"
    ),
}


@pytest.mark.parametrize("text", SINGLE_DEMANDS.values(), ids=list(SINGLE_DEMANDS))
def test_when_a_single_message_makes_a_demand_then_it_stays_a_negotiation(text: str) -> None:
    conversation = parse_text(text)
    assert len(conversation.speakers()) == 1
    verdict = read_gate(conversation)
    assert verdict.negotiation, verdict.reason
    assert verdict.seen.startswith(("one speaker", "no speakers told apart"))
    assert analyze_text(text, OFFLINE).negotiation is True


def test_when_a_turn_is_longer_than_a_window_then_its_end_is_read_too() -> None:
    # A long pasted message whose demand comes last must not be cut off.
    filler = "We reviewed the delivery schedule and the packaging specification in detail. " * 60
    demand = "Unless the price drops to 1.72 per kilo we will move the volume elsewhere."
    parts = windows([filler + demand])
    assert len(parts) > 2
    assert parts[-1].endswith(demand)
    assert all(len(p) <= WINDOW_CHARS for p in parts)
