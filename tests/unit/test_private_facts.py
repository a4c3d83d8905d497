"""Rule 7: facts marked private never reach a draft, whatever their spelling."""

from __future__ import annotations

import re

import pytest
from _drafts_threads import (
    IMPASSES,
    MSA_CAP,
    SAAS_FINAL,
    Case,
    add_drafts,
    analysis,
    check_drafts,
    conversation,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.analysis import Analysis, CheckStatus, Draft, DraftStatus
from analyzer.drafting.private import compile_facts, reveals
from analyzer.options import AnalyzeOptions
from analyzer.taxonomy import Strategy

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """English number words, written independently of the code under test."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return words(n // size) + f" {name}" + ("" if rest == 0 else " " + words(rest))
    raise ValueError(n)


def spellings(n: int) -> list[str]:
    """Ways people write the same amount."""
    grouped = f"{n:,}"
    out = [
        grouped,
        f"${grouped}",
        grouped.replace(",", "."),
        f"€{grouped.replace(',', '.')}",
        grouped.replace(",", " "),
        f"{grouped} USD",
        f"EUR {grouped.replace(',', '.')}",
        words(n),
    ]
    if n % 1000 == 0:
        out += [f"${n // 1000}k", f"{n // 1000}K USD", f"{n // 1000} thousand"]
    if n % 1_000_000 == 0:
        out += [f"${n // 1_000_000}M", f"{n // 1_000_000} million"]
    return out


@pytest.mark.parametrize(
    ("private", "text"),
    [
        ("$95k", "We could go to 95,000 if needed."),
        ("$95k", "Our ceiling is 95.000 EUR."),
        ("$95k", "Think 95 000 at most."),
        ("$95k", "Ninety-five thousand is our limit."),
        ("$95k", "95K USD all in."),
        ("95,000", "Maybe €95.000?"),
        ("€95.000", "We have $95k approved."),
        ("walk-away: ninety-five thousand dollars", "We could stretch to $95,000."),
        ("Our budget is 1.2M", "We can do 1,200,000."),
        ("Our budget is 1.2M", "Perhaps 1,2 Mio."),
        ("fünfundneunzigtausend Euro", "Wir könnten 95.000 Euro zahlen."),
        ("quatre-vingt-quinze mille euros", "Nous pourrions aller à 95 000 €."),
        ("noventa y cinco mil", "Podríamos llegar a 95.000 €."),
        ("Board deadline is March 31", "Could we sign by 31 March?"),
        ("Board deadline is March 31", "Could we sign by 3/31?"),
        ("deadline 2026-03-31", "Could we sign by 31.03.2026?"),
        ("We have a competing offer from Kestrel", "Kestrel has made us an offer."),
        ("We have a competing offer from Kestrel", "KESTREL is cheaper."),
        ("alternatives", "We have other alternatives."),
        ("our fallback supplier is in Porto", "We could always use our fallback supplier."),
    ],
)
def test_when_text_holds_a_private_fact_in_another_spelling_then_it_is_recognised(
    private: str, text: str
) -> None:
    (fact,) = compile_facts([private])
    assert reveals(text, fact)


@pytest.mark.parametrize(
    ("private", "text"),
    [
        ("$95k", "Could you help me understand what makes it hard?"),
        ("$95k", "Could we take twenty minutes next week?"),
        ("We have a competing offer from Kestrel", "Thanks for your reply."),
        ("Board deadline is March 31", "What time frame would work for you?"),
        ("our fallback supplier is in Porto", "Who on your side decides on the supplier terms?"),
    ],
)
def test_when_text_shares_nothing_with_the_fact_then_it_is_kept(private: str, text: str) -> None:
    (fact,) = compile_facts([private])
    assert not reveals(text, fact)


def _leaks(text: str, forms: list[str]) -> list[str]:
    folded = " ".join(text.split()).casefold()
    return [f for f in forms if f.casefold() in folded]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.one_of(
        st.integers(min_value=1_000, max_value=9_999_999),
        st.integers(min_value=2, max_value=9_999).map(lambda k: k * 1000),
    ),
    data=st.data(),
)
def test_when_a_private_number_is_spelled_three_ways_then_no_ready_draft_contains_it(
    n: int, data: st.DataObject
) -> None:
    forms = spellings(n)
    first, second, third = data.draw(st.permutations(forms))[:3]
    # Drafts as a model might write them, quoting the number in two other spellings.
    drafts = [
        Draft(
            strategy=Strategy.EMPATHY_STATEMENT,
            text=f"Hi Chidi,\n\nI can tell the cap is hard for you. We could go to {second} on fees. "
            "Could you help me understand why?\n\nBest,\nJordan",
        ),
        Draft(
            strategy=Strategy.TRIAL_BALLOON,
            text=f"Hi Chidi,\n\nIf you would be open to moving on the cap, we might accept {third}.\n\nBest,\nJordan",
        ),
    ]
    proposal = analysis(MSA_CAP).model_copy(update={"drafts": drafts})
    options = AnalyzeOptions(private=[f"walk-away {first}"])
    result = check_drafts(proposal, conversation(MSA_CAP), options)
    for draft in result.drafts:
        if draft.status is DraftStatus.READY:
            assert _leaks(draft.text, forms) == [], draft.text
    (empathy, balloon) = result.drafts
    assert empathy.status is DraftStatus.READY  # the sentence went, the rest still fits
    assert balloon.status is DraftStatus.WITHHELD  # nothing fitting is left without it
    r7 = [c for c in result.checks if c.rule == "R7.information_control"]
    assert [c.status for c in r7] == [CheckStatus.FIXED, CheckStatus.DROPPED]
    assert all(_leaks(c.detail, forms) == [] for c in result.checks)
    assert all(_leaks(d.text, forms) == [] for d in result.drafts)
    # The offline drafts of a thread that mentions the number stay clean as well.
    case = Case(
        "generated", "en", SAAS_FINAL.fmt, SAAS_FINAL.us, SAAS_FINAL.them,
        ((SAAS_FINAL.us, f"Could you do {second}?"), *SAAS_FINAL.turns[1:]),
        SAAS_FINAL.stage, SAAS_FINAL.end_type, SAAS_FINAL.signals,
    )  # fmt: skip
    offline = add_drafts(analysis(case), conversation(case), options)
    assert all(_leaks(d.text, forms) == [] for d in offline.drafts)


def test_when_private_fact_is_the_issue_itself_then_offline_drafts_drop_or_withhold_it() -> None:
    result = add_drafts(
        analysis(MSA_CAP), conversation(MSA_CAP), AnalyzeOptions(private=["liability"])
    )
    for draft in result.drafts:
        assert not re.search("liabilit", draft.text, re.IGNORECASE), draft.text
    r7 = [c for c in result.checks if c.rule == "R7.information_control"]
    assert len(r7) == len(result.drafts)
    assert any(c.status in {CheckStatus.FIXED, CheckStatus.DROPPED} for c in r7)
    assert all("liabilit" not in c.detail for c in result.checks)
    for draft in result.drafts:
        if draft.status is DraftStatus.WITHHELD:
            assert "private fact #1" in draft.text


@pytest.mark.parametrize("case", IMPASSES, ids=lambda c: c.name)
def test_when_private_facts_given_then_each_draft_has_an_information_check(case: Case) -> None:
    result: Analysis = add_drafts(
        analysis(case),
        conversation(case),
        AnalyzeOptions(private=["$95k", "Kestrel is our plan B"]),
    )
    r7 = [c for c in result.checks if c.rule == "R7.information_control"]
    assert len(r7) == len(result.drafts)
    for draft in result.drafts:
        assert any(draft.strategy.value in c.detail for c in r7)
    # The note to self says private facts are held back, without naming them.
    note = next(d for d in result.drafts if d.strategy is Strategy.CONTROL_INFORMATION)
    assert "Kestrel" not in note.text and "95" not in note.text


DEADLINE = "our deadline is March 31"


@pytest.mark.parametrize(
    "text",
    [
        # English
        "Could we sign by Mar. 31?",
        "Could we sign by Mar. 31st?",
        "Could we sign by Mar 31st?",
        "Could we sign by the 31st of March?",
        "Could we sign by March the 31st?",
        "Could we sign by 3/31?",
        "Could we sign by 03/31/2026?",
        # German
        "Können wir bis zum 31.03. unterschreiben?",
        "Können wir bis 31. März unterschreiben?",
        "Können wir bis 31. Mrz. unterschreiben?",
        # French
        "Pourrions-nous signer d'ici le 31 mars ?",
        "Pourrions-nous signer avant le 31/03 ?",
        # Spanish
        "¿Podríamos firmar antes del 31 de marzo?",
        "¿Podríamos firmar antes del 31 de mar.?",
    ],
)
def test_when_text_spells_a_private_date_another_way_then_it_is_recognised(text: str) -> None:
    (fact,) = compile_facts([DEADLINE])
    assert reveals(text, fact)


@pytest.mark.parametrize(
    "piece",
    ["Could we sign by Mar.", "31?", "31st at the latest?", "Wir brauchen es bis 31.", "März."],
)
def test_when_a_sentence_cut_leaves_half_a_private_date_then_the_half_is_recognised(
    piece: str,
) -> None:
    (fact,) = compile_facts([DEADLINE])
    assert reveals(piece, fact)


@pytest.mark.parametrize(
    "text",
    [
        "Could we sign by April 30?",
        "Could we sign by Mar. 30?",
        "May I suggest we talk on 30 April?",
        "Wir haben drei Optionen.",
        "We can take 31 units now.",
    ],
)
def test_when_text_holds_another_date_then_the_private_date_is_not_seen(text: str) -> None:
    (fact,) = compile_facts([DEADLINE])
    assert not reveals(text, fact)


@pytest.mark.parametrize(
    "date",
    ["Mar. 31", "Mar. 31st at the latest", "31. März", "31st of March", "31.03.", "3/31"],
)
def test_when_a_draft_spells_a_private_date_another_way_then_the_sentence_is_removed(
    date: str,
) -> None:
    text = (
        "Hi Chidi,\n\nI can tell the cap is hard for you. Could we sign by "
        f"{date}? Could you help me understand why?\n\nBest,\nJordan"
    )
    proposal = analysis(MSA_CAP).model_copy(
        update={"drafts": [Draft(strategy=Strategy.EMPATHY_STATEMENT, text=text)]}
    )
    result = check_drafts(proposal, conversation(MSA_CAP), AnalyzeOptions(private=[DEADLINE]))
    (checked,) = result.drafts
    assert checked.status is DraftStatus.READY
    assert "31" not in checked.text and not re.search(r"\bm(?:ar|är)", checked.text, re.I)
    assert "Could you help me understand why?" in checked.text
    r7 = [c for c in result.checks if c.rule == "R7.information_control"]
    assert [c.status for c in r7] == [CheckStatus.FIXED]


@pytest.mark.parametrize("private", ["$95,000", "95k", "EUR 95.000", "95 000 CHF"])
@pytest.mark.parametrize(
    "text",
    [
        # English
        "We could stretch to $95,000.",
        "We could stretch to 95k.",
        "We could stretch to $95K.",
        "We could stretch to USD95,000.",
        "We could stretch to 95,000.00 dollars.",
        # German
        "Wir könnten 95.000 € zahlen.",
        "Wir könnten 95 Tausend Euro zahlen.",
        "Wir könnten EUR 95000 zahlen.",
        "Wir könnten CHF 95'000 zahlen.",
        # French
        "Nous pourrions aller à 95 000 CHF.",
        "Nous pourrions aller à 95 000,00 €.",
        "Nous pourrions aller à 95 mille euros.",
        # Spanish
        "Podríamos llegar a 95.000 €.",
        "Podríamos llegar a 95 mil euros.",
        "Podríamos llegar a EUR95.000.",
    ],
)
def test_when_text_spells_a_private_amount_another_way_then_it_is_recognised(
    private: str, text: str
) -> None:
    (fact,) = compile_facts([private])
    assert reveals(text, fact)


@pytest.mark.parametrize(
    "text",
    ["We could stretch to $90,000.", "Wir könnten 96.000 € zahlen.", "Podríamos llegar a 950 €."],
)
def test_when_text_holds_another_amount_then_the_private_amount_is_not_seen(text: str) -> None:
    (fact,) = compile_facts(["$95,000"])
    assert not reveals(text, fact)
