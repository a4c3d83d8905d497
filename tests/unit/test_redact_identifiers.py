"""`--redact` holds: identifiers in the spellings people really use are masked before any
text goes to an LLM endpoint, and the substance of a negotiation (prices, dates,
percentages, quantities) is never masked."""

from __future__ import annotations

import re
import time

import pytest

from analyzer.redact import Redactor, iban_shaped


def _masked(text: str, secret: str) -> tuple[str, Redactor]:
    redactor = Redactor()
    masked = redactor.redact(text)
    assert secret not in masked, masked
    assert redactor.restore(masked) == text
    return masked, redactor


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the account number is 12345678", "12345678"),
        ("acct no. for wire: 12345678", "12345678"),
        ("Our account for wire transfers is 12345678.", "12345678"),
        ("account details: 12-345-678", "12-345-678"),
        ("Unsere Kontonummer ist 12345678", "12345678"),
        ("el número de cuenta es 12345678", "12345678"),
        ("numéro de compte bancaire : 12345678", "12345678"),
    ],
)
def test_when_account_number_follows_words_then_it_is_masked(text: str, secret: str) -> None:
    masked, _ = _masked(text, secret)
    assert "[ACCOUNT_1]" in masked


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("pay into de89 3704 0044 0532 0130 00 please", "de89 3704"),
        ("IBAN: de89370400440532013000", "de89370400440532013000"),
        ("IBAN DE89 3704 0044 0532 0130 01 (wrong check digits)", "3704 0044"),
        ("iban DE00370400440532013000", "DE00370400440532013000"),
        ("send to gb82 west 1234 5698 7654 32", "1234 5698"),
        ("Fr76 3000 6000 0112 3456 7890 189", "3000 6000"),
    ],
)
def test_when_iban_is_lower_case_or_has_a_wrong_checksum_then_it_is_masked(
    text: str, secret: str
) -> None:
    masked, _ = _masked(text, secret)
    assert "[IBAN_1]" in masked


def test_when_same_iban_is_spelled_two_ways_then_it_gets_one_placeholder() -> None:
    masked = Redactor().redact("DE89 3704 0044 0532 0130 00 or de89370400440532013000")
    assert masked == "[IBAN_1] or [IBAN_1]"


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        ("DE89370400440532013001", True),
        ("de89 3704 0044 0532 0130 00", True),
        ("FY25 plan with more units", False),
        ("ZZ12345678901234567", False),
    ],
)
def test_when_string_has_an_iban_shape_then_it_is_recognised_whatever_the_checksum(
    shape: str, expected: bool
) -> None:
    assert iban_shaped(shape) is expected


@pytest.mark.parametrize(
    "text",
    [
        "write to dana (at) northwind (dot) com",
        "write to dana at northwind dot com",
        "write to dana[at]northwind[.]com",
        "write to dana [at] northwind [dot] com",
        "write to dana{at}northwind{dot}com",
        "write to dana AT northwind DOT com",
        "write to dana dot reyes at northwind dot co dot uk",
        "write to dana at northwind.com",
        "write to dana@northwind.com",
    ],
)
def test_when_email_address_is_obfuscated_then_it_is_masked(text: str) -> None:
    masked, _ = _masked(text, "northwind")
    assert masked == "write to [EMAIL_1]"


def test_when_an_address_is_obfuscated_and_plain_then_both_get_one_placeholder() -> None:
    masked = Redactor().redact("dana@northwind.com, or dana (at) northwind (dot) com")
    assert masked == "[EMAIL_1], or [EMAIL_1]"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("call me on +49 30 1234567 tomorrow", "1234567"),
        ("call me on 0044 20 7946 0958 tomorrow", "7946"),
        ("call me on +33 (0)1 23 45 67 89 tomorrow", "45 67 89"),
        ("call me on (555) 123-4567 tomorrow", "123-4567"),
        ("call me on +1-202-555-0143 tomorrow", "555-0143"),
        ("call me on +4915112345678 tomorrow", "15112345678"),
        ("call me on 030 1234 5678 tomorrow", "1234 5678"),
        ("call me on +44 20 7946 0958, ext. 12", "7946"),
    ],
)
def test_when_phone_number_is_in_an_international_format_then_it_is_masked(
    text: str, secret: str
) -> None:
    masked, _ = _masked(text, secret)
    assert "[PHONE_1]" in masked
    assert not re.search(r"\d{3}", masked.replace("[PHONE_1]", "")), masked


@pytest.mark.parametrize(
    "text",
    [
        "We can do $1,200,000 for 40,000 units at net 60.",
        "Our ceiling is 95.000 € or EUR 95000, and 95 000 CHF in Zurich.",
        "Budget: 1 200 000 000 € over five years; 200.000.000 EUR in year one.",
        "Invoice total 123 456 789 EUR, 12,5 % discount, 2.5% rebate.",
        "The account grew by 1,500,000 this year.",
        "The account for 120000 units is due.",
        "Account managers meet at 10:30 on 12.03.2026 and 2026-03-31.",
        "Delivery from 03/31/2026, lanes 9 to 17, 1.000 pieces, 120 000 units.",
        "We will take 1.200.000 units in 2026 2027 2028.",
        "Order 123456789 shipped; FY25 plan with more units.",
        "Look at the deal. We are close at 1.2m per year.",
        "The renewal is 14% over last year; our floor is 12.50 per unit.",
    ],
)
def test_when_text_holds_prices_dates_percentages_quantities_then_nothing_is_masked(
    text: str,
) -> None:
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "x dot " * 20_000 + "at",
        "a at b dot " * 10_000,
        "the account the the the " * 5_000,
        "1 " * 40_000,
    ],
)
def test_when_input_is_long_and_adversarial_then_redaction_stays_fast(text: str) -> None:
    start = time.perf_counter()
    Redactor().redact(text)
    assert time.perf_counter() - start < 2.0
