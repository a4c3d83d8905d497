"""The web app's budget: what fits, what to say about what does not, and the last turns."""

from __future__ import annotations

import pytest

from analyzer.budget import Budget, app_budget, last_turns, text_size
from analyzer.errors import InputRejected
from analyzer.parsers import parse_text

LINES = [
    "Dana Reyes: Our proposal stands at $48 per seat for 200 seats.",
    "Tom Okafor: We can't go above $46 at this time.",
    "Dana Reyes: Could we meet halfway at $47?",
    "Tom Okafor: That is our final number. We will not go above $46.",
]
THREAD = parse_text("\n".join(LINES * 5) + "\n")


def test_when_a_conversation_is_within_the_budget_then_it_fits() -> None:
    assert Budget().fits(THREAD)
    assert not Budget(max_turns=19).fits(THREAD)
    assert not Budget(max_chars=text_size(THREAD) - 1).fits(THREAD)


def test_when_too_many_turns_then_the_advice_offers_the_last_ones_and_the_cli() -> None:
    budget = Budget(max_turns=6)
    advice = budget.advice(THREAD, "thread.txt")
    assert budget.last_fitting(THREAD) == 6
    assert "20 turns" in advice
    assert "Analyse its last 6 turns here" in advice
    assert "`impasse analyze thread.txt`" in advice


def test_when_even_the_last_turn_is_too_long_then_only_the_cli_is_offered() -> None:
    budget = Budget(max_chars=10)
    assert budget.last_fitting(THREAD) == 0
    advice = budget.advice(THREAD)
    assert "too long" in advice and "impasse analyze FILE" in advice
    assert "Analyse its last" not in advice


def test_when_the_last_turns_are_kept_then_they_are_renumbered_and_counted() -> None:
    short = last_turns(THREAD, 3)
    assert [t.index for t in short.turns] == [0, 1, 2]
    assert [t.text for t in short.turns] == [t.text for t in THREAD.turns[-3:]]
    assert {p.name: p.turns for p in short.participants} == {"Tom Okafor": 2, "Dana Reyes": 1}
    assert short.warnings[-1].startswith("only the last 3 turns were analysed")
    assert last_turns(THREAD, 50) is THREAD


def test_when_an_input_is_over_the_byte_budget_then_the_app_does_not_read_it() -> None:
    budget = Budget(max_bytes=1_000_000)
    assert budget.too_large(999_999) is None
    message = budget.too_large(7_400_000, "mail.mbox")
    assert message is not None and "7.4 MB" in message and "impasse analyze mail.mbox" in message


@pytest.mark.parametrize("value", ["many", "0", "-5"])
def test_when_a_budget_variable_is_malformed_then_the_error_says_how_to_set_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("IMPASSE_APP_MAX_TURNS", value)
    with pytest.raises(InputRejected, match="IMPASSE_APP_MAX_TURNS"):
        app_budget()


def test_when_budget_variables_are_set_then_they_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPASSE_APP_MAX_TURNS", "1_000")
    monkeypatch.setenv("IMPASSE_APP_MAX_CHARS", "500000")
    assert app_budget() == Budget(max_turns=1000, max_chars=500_000)
