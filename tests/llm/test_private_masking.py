"""`--private` facts never leave the machine: a stand-in server records every request
body the LLM path sends and no private value (in any spelling the draft rules know) and
no `--redact` identifier is in any of them; placeholders the model sends back are
restored, and a draft that reveals a fact through one is still caught."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from analyzer.cli.main import app
from analyzer.drafting.private import compile_facts, revealed
from analyzer.private_mask import PrivateMask
from analyzer.redact import Redactor
from tests.llm.mock_endpoint import completion_body, send_json

PRIVATE = [
    "our floor is $47 per unit",
    "we must sign by March 31",
    "our fallback is Kestrel Logistics",
]
# The same facts as the conversation spells them, and what --redact masks.
SPELLED = ["forty-seven", "Mar. 31st", "3/31", "Kestrel Logistics", "47"]
IDENTIFIERS = ["maya.lopez@acme.example", "+44 20 7946 0321", "7946 0321"]
CONVERSATION = (
    "Maya Lopez: Hi Daniel, we need the contract signed soon, ideally by Mar. 31st "
    "(3/31 on your calendar). Write to maya.lopez@acme.example or call +44 20 7946 0321.\n"
    "Daniel Reed: This is our final offer: $52 per unit, take it or leave it.\n"
    "Maya Lopez: Kestrel Logistics quoted us less. Could we meet at forty-seven?\n"
    "Daniel Reed: That is our final offer. Take it or leave it.\n"
)
_CANDIDATE = re.compile(r'^- turn (\d+), (.+?), (\w+): "(.*)"$', re.MULTILINE)


class _StandIn(BaseHTTPRequestHandler):
    """Answers with the candidate evidence it was sent, and drafts that use a placeholder."""

    bodies: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
        _StandIn.bodies.append(body)
        prompt = str(body["messages"][-1]["content"])
        if "# The checked diagnosis" in prompt:
            wanted = re.findall(r"^- `([a-z_]+)`$", prompt, re.MULTILINE)
            # A model that writes a placeholder back: restored, then caught by rule 7.
            masked = re.findall(r"\[PRIVATE_\d+\]", prompt)[:1] or ["[PRIVATE_1]"]
            text = (
                f"Daniel, we cannot go past {masked[0]}. Apart from the price, is everything "
                "else settled between us? If so, can you confirm price is the only issue?"
            )
            answer: dict[str, Any] = {"drafts": [{"strategy": s, "text": text} for s in wanted]}
        else:
            signals = [
                {"type": kind, "speaker": speaker, "turn": int(turn), "quote": quote,
                 "explanation": "as the detector found"}
                for turn, speaker, kind, quote in _CANDIDATE.findall(prompt)
            ][:5]  # fmt: skip
            answer = {
                "signals": signals, "stage": "end", "end_type": "firm", "confidence": 0.8,
                "causes": [], "summary": "A final offer.",
                "strategies": [{"id": "call_the_question", "why": "a firm final offer"}],
            }  # fmt: skip
        send_json(self, 200, completion_body(json.dumps(answer)))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _StandIn.bodies = []
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("IMPASSE_MODEL", "test-model")
    monkeypatch.setenv("IMPASSE_MAX_RETRIES", "0")
    monkeypatch.setenv("IMPASSE_STRUCTURED_METHOD", "json_schema")
    try:
        yield _StandIn.bodies
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sent_text(bodies: list[dict[str, Any]]) -> list[str]:
    """Every message of every request, as the server received it."""
    return [str(m.get("content") or "") for b in bodies for m in b["messages"]]


@pytest.mark.parametrize("redact", [False, True])
def test_when_private_facts_are_given_then_no_request_body_carries_them(
    stand_in: list[dict[str, Any]], tmp_path: Path, redact: bool
) -> None:
    source = tmp_path / "call.txt"
    source.write_text(CONVERSATION, encoding="utf-8")
    argv = ["analyze", str(source), "--engine", "llm", "--me", "Maya Lopez", "--format", "json"]
    argv += [arg for fact in PRIVATE for arg in ("--private", fact)]
    result = CliRunner().invoke(app, [*argv, *(["--redact"] if redact else [])])
    assert result.exit_code == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["engine"] == "llm" and analysis["drafts"], analysis["notices"]
    prompts = [json.loads(json.dumps(b))["messages"][-1]["content"] for b in stand_in]
    assert any("# The checked diagnosis" in p for p in prompts), "the drafting prompt was sent"

    facts = compile_facts(PRIVATE)
    raw = json.dumps(stand_in, ensure_ascii=False)
    for value in [*PRIVATE, *SPELLED]:
        assert value.lower() not in raw.lower(), value
    for text in _sent_text(stand_in):
        for line in text.splitlines():
            assert not revealed(line, facts), line  # no number, date or name of a fact
    if redact:
        assert not any(value in raw for value in IDENTIFIERS)
    else:
        assert "maya.lopez@acme.example" in raw  # without --redact identifiers go as they are
    # The facts list of the drafting prompt names the facts by their masked form.
    assert "we must sign by [PRIVATE_" in raw

    # What came back is restored: quotes ground in the original turns...
    turns = CONVERSATION.splitlines()
    for signal in analysis["signals"]:
        assert signal["quote"] in turns[signal["turn"]]
    # ...and the placeholder the model wrote into a draft became the value, which rule 7
    # removed with its sentence.
    for draft in analysis["drafts"]:
        assert "[PRIVATE_" not in draft["text"] and not revealed(draft["text"], facts)
    assert any(
        c["rule"] == "R7.information_control" and c["status"] in {"fixed", "dropped"}
        for c in analysis["checks"]
    )
    assert any("private facts were masked" in n for n in analysis["notices"])


@pytest.mark.parametrize(
    ("fact", "text", "hidden"),
    [
        ("our floor is $47", "We could do 47 dollars, or forty-seven.", ["47", "forty-seven"]),
        ("walk-away is $95k", "Anything near 95,000 or 95.000 EUR works.", ["95,000", "95.000"]),
        ("walk-away is $95k", "ninety-five thousand is our line", ["ninety-five thousand"]),
        ("deadline March 31", "by Mar. 31st, 3/31 or 31.03.", ["Mar. 31st", "3/31", "31.03."]),
        ("deadline March 31", "the 31st of March", ["31st of March"]),
        ("our fallback is Kestrel Logistics", "kestrel logistics called", ["kestrel logistics"]),
        ("we have no other supplier", "Honestly, we have no other  supplier.", ["supplier"]),
    ],
)
def test_when_a_fact_is_spelled_differently_then_it_is_masked_and_restored_exactly(
    fact: str, text: str, hidden: list[str]
) -> None:
    mask = PrivateMask([fact])
    masked = mask.mask(text)
    for value in hidden:
        assert value not in masked, masked
    assert "[PRIVATE_1]" in masked
    assert mask.restore(masked) == text


def test_when_the_same_piece_comes_twice_then_one_placeholder_and_unrelated_text_is_kept() -> None:
    mask = PrivateMask(["our floor is $47"])
    assert mask.mask("47 now, 47 later, 52 never") == "[PRIVATE_1] now, [PRIVATE_1] later, 52 never"
    assert mask.mask("No numbers here.") == "No numbers here."
    assert PrivateMask([]).mask("47") == "47"


@pytest.mark.parametrize(
    ("facts", "listed"),
    [
        (["our floor is $47"], ["our floor is $[PRIVATE_1]"]),
        (["we must sign by March 31"], ["we must sign by [PRIVATE_1]"]),
        # Nothing to mask but the words themselves: the fact goes as one placeholder.
        (["we have no other supplier"], ["[PRIVATE_1]"]),
    ],
)
def test_when_facts_are_listed_for_the_model_then_their_values_are_masked(
    facts: list[str], listed: list[str]
) -> None:
    assert PrivateMask(facts).masked_facts() == listed


@pytest.mark.parametrize("identifiers", [False, True])
def test_when_redactor_masks_private_facts_then_with_or_without_redact_they_are_hidden(
    identifiers: bool,
) -> None:
    redactor = Redactor(identifiers=identifiers, private=PrivateMask(["our floor is $47"]))
    text = "Call +44 20 7946 0321; we will not go under 47."
    masked = redactor.redact(text)
    assert "47." not in masked and ("7946" in masked) is not identifiers
    assert redactor.restore(masked) == text


def test_when_a_batch_request_is_built_with_private_facts_then_they_are_masked_without_redact() -> (
    None
):
    from analyzer.batch.openai_batch import batch_engine, first_request
    from analyzer.llm.settings import LLMSettings
    from analyzer.options import AnalyzeOptions
    from analyzer.parsers import parse_text
    from analyzer.pipeline import read

    options = AnalyzeOptions(me=["Maya Lopez"], private=PRIVATE)
    reading, _ = read(parse_text(CONVERSATION), options)
    settings = LLMSettings(base_url="http://llm.test/v1", model="test-model")
    body = first_request(batch_engine(options, settings), reading)
    assert body is not None
    raw = json.dumps(body, ensure_ascii=False)
    assert "[PRIVATE_" in raw and "maya.lopez@acme.example" in raw
    assert not any(value in raw for value in SPELLED)
