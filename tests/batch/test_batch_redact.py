"""`--redact`: identifiers are masked before the LLM path and restored in what comes back;
the substance of a negotiation (prices, dates, quantities) is left alone."""

from __future__ import annotations

import json
import re

import pytest

from analyzer.analysis import Analysis, Draft, EngineName, Signal
from analyzer.engines import Proposal
from analyzer.engines.redacting import RedactingEngine
from analyzer.options import AnalyzeOptions
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_reading, read
from analyzer.reading import Reading
from analyzer.redact import Redactor, iban_valid, luhn_valid
from analyzer.taxonomy import SignalType, Stage, Strategy


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("write to dana.reyes@northwind.example today", "[EMAIL_1]"),
        ("Dana.Reyes+deals@sub.northwind.co.uk", "[EMAIL_1]"),
        ("call +44 20 7946 0321 after lunch", "[PHONE_1]"),
        ("my cell is (415) 555-0100.", "[PHONE_1]"),
        ("ring 415.555.0100", "[PHONE_1]"),
        ("pay into DE89 3704 0044 0532 0130 00 please", "[IBAN_1]"),
        ("IBAN GB82WEST12345698765432", "[IBAN_1]"),
        ("card 4111 1111 1111 1111 exp 12/27", "[CARD_1]"),
        ("card 5500-0000-0000-0004", "[CARD_1]"),
        ("our account number: 12345678 at First Bank", "[ACCOUNT_1]"),
        ("routing # 021000021", "[ACCOUNT_1]"),
    ],
)
def test_when_identifier_in_text_then_masked_and_restored(text: str, placeholder: str) -> None:
    redactor = Redactor()
    masked = redactor.redact(text)
    assert placeholder in masked
    assert not re.search(r"\d{4}|@", masked.replace(placeholder, "")), masked
    assert redactor.restore(masked) == text


@pytest.mark.parametrize(
    "text",
    [
        "We can do $1,200,000 for 40,000 units at net 60.",
        "The renewal is 14% over last year; our floor is 12.50 per unit.",
        "Delivery from 2025-03-05 to 05.06.2025, three lanes, 2 trucks a week.",
        "Clause 7.2.1 and version 3.4 of the SOW.",
        "Invalid card 4111 1111 1111 1112 and 12 lanes.",
        "Call at 10:30 on Tuesday; extension 4410.",
    ],
)
def test_when_prices_dates_quantities_then_left_alone(text: str) -> None:
    assert Redactor().redact(text) == text


def test_when_same_value_twice_then_same_placeholder() -> None:
    redactor = Redactor()
    masked = redactor.redact("a@b.example wrote to c@d.example; A@B.example again")
    assert masked == "[EMAIL_1] wrote to [EMAIL_2]; [EMAIL_1] again"


@pytest.mark.parametrize(
    ("number", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_valid(number) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("DE89370400440532013000", True),
        ("GB82WEST12345698765432", True),
        ("DE89370400440532013001", False),
    ],
)
def test_iban_checksum(iban: str, valid: bool) -> None:
    assert iban_valid(iban) is valid


CALL = (
    "Dana Reyes: Send the contract to dana.reyes@northwind.example, or call me on "
    "+44 20 7946 0321.\n"
    "Marco Bianchi: Fine, but the deposit goes to DE89 3704 0044 0532 0130 00. That is our "
    "final number; call +44 20 7946 0321 if that is a problem.\n"
)
SECRETS = ("dana.reyes@northwind.example", "7946 0321", "DE89 3704")


class Recorder:
    """What the stand-in engines were sent, across the engines built for one analysis."""

    def __init__(self) -> None:
        self.sent = ""
        self.options: AnalyzeOptions | None = None


class FakeLLM:
    """Stands in for the LLM engine: records what it was sent, quotes the masked text."""

    def __init__(self, options: AnalyzeOptions, recorder: Recorder) -> None:
        self.options = options
        self.recorder = recorder

    @property
    def name(self) -> EngineName:
        return EngineName.LLM

    def recall(self, reading: Reading) -> Analysis | None:
        return None

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        return None

    def propose(self, reading: Reading) -> Proposal:
        conversation = reading.conversation
        self.recorder.sent += json.dumps(conversation.model_dump(mode="json")) + conversation.source
        self.recorder.options = self.options
        turn = conversation.turns[1]
        quote = turn.text[turn.text.index("the deposit") :].split(".")[0]
        return Proposal(
            analysis=Analysis(
                source="-", engine=EngineName.LLM, model="fake", impasse=True, stage=Stage.END,
                confidence=0.8, side=reading.side,
                signals=[Signal(type=SignalType.ULTIMATUM, speaker=turn.speaker, turn=1,
                                quote=quote, explanation="final number")],
            )
        )  # fmt: skip

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        self.recorder.sent += json.dumps(analysis.model_dump(mode="json"))
        self.recorder.sent += json.dumps(reading.conversation.model_dump(mode="json"))
        return analysis.model_copy(
            update={
                "drafts": [
                    Draft(strategy=Strategy.CALL_THE_QUESTION,
                          text="Marco, I will write from [EMAIL_1] about the deposit.")
                ]
            }
        )  # fmt: skip


def test_when_redact_then_llm_sees_placeholders_and_user_sees_originals() -> None:
    conversation = parse_text(CALL)
    fake = Recorder()
    options = AnalyzeOptions(
        me=["dana.reyes@northwind.example"], private=["DE89 3704 0044 0532 0130 00"], redact=True
    )
    reading, notices = read(conversation, options)
    engine = RedactingEngine(options, lambda masked: FakeLLM(masked, fake))
    result = analyze_reading(reading, options, "call.txt", engine, notices=notices)
    assert not any(secret in fake.sent for secret in SECRETS)
    assert fake.options is not None and fake.options.me == ["[EMAIL_1]"]
    assert fake.options.private == ["[IBAN_1]"]
    # (A phone number would be withheld here: "+44" shares 44 with the private IBAN's "0044".)
    assert result.drafts[0].text == (
        "Marco, I will write from dana.reyes@northwind.example about the deposit."
    )
    signal = result.signals[0]
    assert signal.quote == "the deposit goes to DE89 3704 0044 0532 0130 00"
    assert signal.quote in conversation.turns[1].text
    assert signal.span is not None
    assert conversation.source[signal.span[0] : signal.span[1]] == signal.quote
    assert any("masked" in n for n in result.notices)


def test_when_pipeline_runs_llm_with_redact_then_chain_gets_masked_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analyzer.engines.llm
    from analyzer.options import EngineChoice
    from analyzer.pipeline import analyze_conversation

    fake = Recorder()
    monkeypatch.setattr(
        analyzer.engines.llm, "LLMEngine", lambda options, settings: FakeLLM(options, fake)
    )
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fake-redact")
    conversation = parse_text(CALL)
    result = analyze_conversation(
        conversation, AnalyzeOptions(engine=EngineChoice.LLM, redact=True), "call.txt"
    )
    assert fake.sent and not any(secret in fake.sent for secret in SECRETS)
    assert "dana.reyes@northwind.example" in result.drafts[0].text

    plain = Recorder()
    monkeypatch.setattr(
        analyzer.engines.llm, "LLMEngine", lambda options, settings: FakeLLM(options, plain)
    )
    analyze_conversation(conversation, AnalyzeOptions(engine=EngineChoice.LLM), "call.txt")
    assert "7946 0321" in plain.sent  # without --redact the text goes as it is
