"""An OpenAI-compatible stand-in model that answers with the labelled truth.

It measures what the chain and the framework rules do to a *correct* answer: every
diagnosis request is answered with the labels of the conversation it carries (found by
its rendered turns), in one of two modes:

- `perfect`: the labelled signals, stage and end type, with the turn each quote is in;
- `noisy`: the same truth with the errors real models make: curly quotes, a turn off by
  one, first names only, a quote running on into the next sentence (sometimes the next
  line), the stage in capitals.

Used in-process (`OracleModel.client()`, an httpx2 mock transport) by the standing test,
or as a real local server for `impasse eval --engine llm`:

    python -m tests.llm.oracle --mode noisy --port 8099 fixtures/devset/dev/labels_*.jsonl
    OPENAI_BASE_URL=http://127.0.0.1:8099/v1 impasse eval --engine llm fixtures/devset/dev/labels_*.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx2

from analyzer.evaluation import Label, load_labels
from analyzer.framework import grounding
from analyzer.llm import render
from analyzer.models import Conversation
from analyzer.parsers import parse_file
from tests.llm.mock_endpoint import send_json

MODES = ("perfect", "noisy")
_TURN = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
_FENCE = re.compile(r"<conversation>\n(.*)\n</conversation>", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_CURLY = str.maketrans({"'": "\u2019", '"': "\u201d"})


@dataclass(frozen=True)
class _Case:
    label: Label
    conversation: Conversation
    rendered: str


class OracleModel:
    """Answers chat-completion requests with the labels of the conversations they carry."""

    def __init__(self, labels: Iterable[Label], mode: str = "perfect") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.mode = mode
        self.cases: list[_Case] = []
        for label in labels:
            conversation = parse_file(label.path())
            self.cases.append(_Case(label, conversation, render.render_turns(conversation.turns)))
        self.requests = 0
        self.unknown = 0  # requests whose conversation no label has
        self._lock = threading.Lock()

    # -- HTTP ---------------------------------------------------------------------------

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        """The mock-transport entry point."""
        return httpx2.Response(200, json=self.respond(json.loads(request.content)))

    def client(self) -> httpx2.Client:
        """An httpx2 client whose requests this model answers, in-process."""
        return httpx2.Client(transport=httpx2.MockTransport(self.handle))

    def respond(self, body: dict[str, Any]) -> dict[str, Any]:
        """A chat completion for one request body."""
        with self._lock:
            self.requests += 1
        prompt = str(body["messages"][-1]["content"])
        name = _schema_name(body) or (
            "Drafts" if "# The checked diagnosis" in prompt else "Diagnosis"
        )
        answer = self._drafts(prompt) if name == "Drafts" else self._diagnosis(prompt)
        text = json.dumps(answer, ensure_ascii=False)
        message: dict[str, Any] = {"role": "assistant", "content": text}
        if body.get("tools"):
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_0", "type": "function",
                     "function": {"name": name, "arguments": text}}
                ],
            }  # fmt: skip
        return {
            "id": "chatcmpl-oracle",
            "object": "chat.completion",
            "created": 0,
            "model": str(body.get("model", "oracle")),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(prompt) // 4, "completion_tokens": len(text) // 4,
                      "total_tokens": (len(prompt) + len(text)) // 4},
        }  # fmt: skip

    # -- answers ------------------------------------------------------------------------

    def _case(self, window: str) -> _Case | None:
        return next((c for c in self.cases if window in c.rendered), None)

    def _diagnosis(self, prompt: str) -> dict[str, Any]:
        fenced = _FENCE.findall(prompt)
        # The fence holds the side and the candidates too; the turns come last.
        window = fenced[-1].split("# Turns\n", 1)[-1] if fenced else ""
        case = self._case(window)
        if case is None:
            with self._lock:
                self.unknown += 1
            return _answer([], "none", None, [])
        seen = {int(n) for n in _TURN.findall(window)}
        signals = []
        for n, item in enumerate(case.label.signals or []):
            placed = self._place(case, item.type, item.speaker or "", item.quote or "", n)
            if placed is not None and placed.pop("_true_turn") in seen:
                signals.append(placed)
        # The label's stage holds for the window that shows its evidence.
        stage = case.label.stage or "none" if signals else "none"
        end_type = case.label.end_type if stage == "end" else None
        moves = [s for s in case.label.acceptable_strategies or [] if s != "control_information"]
        if self.mode == "noisy":
            stage = stage.upper()
        return _answer(signals, stage, end_type, moves[:2])

    def _place(
        self, case: _Case, kind: str, speaker: str, quote: str, n: int
    ) -> dict[str, Any] | None:
        """The labelled signal with the turn its quote is in (noisy: with an error)."""
        turns = case.conversation.turns
        hits = [t for t in turns if grounding.locate(t.text, quote)]
        if kind != "no_response":
            hits = [t for t in hits if t.speaker == speaker] or hits
        if not hits:
            return None
        turn = hits[0]
        out: dict[str, Any] = {
            "type": kind,
            "speaker": speaker or turn.speaker,
            "turn": turn.index,
            "quote": quote,
            "explanation": f"the labelled {kind}",
            "_true_turn": turn.index,
        }
        if self.mode != "noisy":
            return out
        error = n % 4
        if error == 0:
            out["quote"] = quote.translate(_CURLY)
        elif error == 1:
            out["turn"] = turn.index + 1 if turn.index + 1 < len(turns) else turn.index - 1
        elif error == 2:
            out["speaker"] = out["speaker"].split()[0]
        else:
            out["quote"] = _two_sentences(turn.text, quote)
        return out

    def _drafts(self, prompt: str) -> dict[str, Any]:
        wanted = re.findall(r"^- `([a-z_]+)`$", prompt, re.MULTILINE)
        texts = {
            "trial_balloon": "We might consider a longer term if you would be open to it?",
        }
        return {
            "drafts": [
                {"strategy": s, "text": texts.get(s, "Could we find a time to talk it through?")}
                for s in wanted
            ]
        }


def _answer(
    signals: list[dict[str, Any]], stage: str, end_type: str | None, moves: list[str]
) -> dict[str, Any]:
    return {
        "signals": signals,
        "stage": stage,
        "end_type": end_type,
        "confidence": 0.9,
        "causes": [],
        "strategies": [{"id": m, "why": "it fits the stage"} for m in moves],
        "summary": "No impasse."
        if stage.lower() == "none"
        else f"The negotiation is stalled at the {stage.lower()} stage.",
    }


def _two_sentences(text: str, quote: str) -> str:
    """The quote run on into the next sentence of its turn (or back into the previous)."""
    where = grounding.locate(text, quote)
    if where is None:
        return quote
    start, end = where
    after = _SENTENCE_END.search(text, end + 1)
    if after is not None and after.end() - end < 200 and text[end : after.end()].strip():
        return text[start : after.end()]
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, start - 1))]
    begin = before[-2] if len(before) >= 2 else 0
    return text[begin:end].strip() if start - begin < 200 else quote


def _schema_name(body: dict[str, Any]) -> str | None:
    fmt = body.get("response_format") or {}
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        return str(fmt["json_schema"].get("name"))
    tools = body.get("tools") or []
    return str(tools[0]["function"]["name"]) if tools else None


@contextmanager
def serve(model: OracleModel, port: int = 0) -> Iterator[str]:
    """A local HTTP server for `model` on a thread; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            size = int(self.headers.get("content-length", "0"))
            send_json(self, 200, model.respond(json.loads(self.rfile.read(size))))

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    """Serve the oracle until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", nargs="+", type=Path)
    parser.add_argument("--mode", choices=MODES, default="perfect")
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    model = OracleModel(load_labels(args.labels), args.mode)
    with serve(model, args.port) as url:
        print(f"oracle ({args.mode}, {len(model.cases)} conversations) at {url}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
