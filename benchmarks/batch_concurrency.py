"""LLM batch concurrency: speed-up at --concurrency 1, 4 and 16 against the ideal.

A local OpenAI-compatible server answers every chat completion after a fixed 500 ms with
a valid (no-impasse) diagnosis, so the time measured is the batch's own overhead plus
waiting. The batch runner drives the real LLM chain through `pipeline.analyze_conversation`
(as `impasse analyze --engine llm` does); if the chain cannot be imported, an engine that
calls the server with the openai client stands in, and the output says so.

    python benchmarks/batch_concurrency.py [--conversations 32]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

DELAY_S = 0.5
REQUESTS: Any = multiprocessing.Value("i", 0)
DIAGNOSIS = {
    "signals": [],
    "stage": "none",
    "end_type": None,
    "confidence": 0.7,
    "causes": [],
    "strategies": [],
    "summary": "The negotiation is progressing; no impasse.",
}


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """The stand-in model's answer to one request (a fixed no-impasse diagnosis)."""
    return DIAGNOSIS


class _Handler(BaseHTTPRequestHandler):
    requests: Any = None  # a multiprocessing.Value shared with the benchmark

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        with _Handler.requests.get_lock():
            _Handler.requests.value += 1
        time.sleep(DELAY_S)
        completion = {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "bench-model"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": json.dumps(answer(body))},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 900, "completion_tokens": 60, "total_tokens": 960},
        }
        data = json.dumps(completion).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the per-request log lines."""


def _server_main(port: Any, requests: Any) -> None:
    _Handler.requests = requests
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    port.value = server.server_address[1]
    server.serve_forever()


def _serve() -> tuple[multiprocessing.Process, str]:
    """The server runs in its own process, so its threads do not compete for our GIL."""
    port = multiprocessing.Value("i", 0)
    proc = multiprocessing.Process(target=_server_main, args=(port, REQUESTS), daemon=True)
    proc.start()
    while port.value == 0:
        time.sleep(0.01)
    return proc, f"http://127.0.0.1:{port.value}/v1"


def _client_engine(base_url: str):  # type: ignore[no-untyped-def]
    """Stand-in engine: one chat completion per conversation with the openai client."""
    import openai

    from analyzer.analysis import Analysis, EngineName
    from analyzer.taxonomy import Stage

    client = openai.OpenAI(base_url=base_url, api_key="bench", max_retries=0)

    def engine(conversation, options, source):  # type: ignore[no-untyped-def]
        text = "\n".join(f"{t.speaker}: {t.text}" for t in conversation.turns)
        client.chat.completions.create(
            model="bench-model", messages=[{"role": "user", "content": text}]
        )
        return Analysis(
            source=source, engine=EngineName.LLM, model="bench-model", impasse=False,
            stage=Stage.NONE, confidence=0.7,
        )  # fmt: skip

    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=64)
    args = parser.parse_args()
    server, base_url = _serve()
    os.environ.update(
        OPENAI_BASE_URL=base_url,
        OPENAI_API_KEY="bench-key",
        IMPASSE_MODEL="bench-model",
        IMPASSE_STRUCTURED_METHOD="json_schema",
        XDG_CACHE_HOME=tempfile.mkdtemp(prefix="impasse-bench-cache-"),
    )
    from corpus import Quiet, write_corpus

    from analyzer.batch.inputs import expand
    from analyzer.batch.runner import BatchConfig, run_batch
    from analyzer.options import AnalyzeOptions, EngineChoice

    engines: list[tuple[str, object]] = []
    try:
        import analyzer.llm.chain  # noqa: F401

        engines.append(("real LLM chain (pipeline.analyze_conversation)", None))
    except ImportError as exc:
        print(f"the LLM chain did not import ({exc}); measuring the client engine only")
    engines.append(("openai-client stand-in (runner overhead only)", _client_engine(base_url)))

    n = args.conversations
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n, seed=3)
        items = expand([tmp])
        options = AnalyzeOptions(engine=EngineChoice.LLM, drafts=False, use_cache=False)
        print(f"LLM batch concurrency: {n} conversations, server delay {DELAY_S * 1000:.0f} ms")
        for how, engine in engines:
            print(f"\nengine: {how}")
            # Warm-up: imports, the structured-output method probe, connection set-up.
            warm = BatchConfig(options=options, llm=True, analyze=engine)  # type: ignore[arg-type]
            run_batch(items[:4], warm, progress=Quiet())
            _table(items, options, engine)
    server.terminate()


def _table(items, options, engine) -> None:  # type: ignore[no-untyped-def]
    from corpus import Quiet

    from analyzer.analysis import Analysis, EngineName
    from analyzer.batch.runner import BatchConfig, run_batch

    n = len(items)
    print(
        f"{'concurrency':>11} {'seconds':>8} {'conv/s':>7} {'speed-up':>8} {'ideal':>6} "
        f"{'of ideal':>8} {'wait-only ideal s':>17}"
    )
    base = None
    for concurrency in (1, 4, 16):
        REQUESTS.value = 0
        config = BatchConfig(options=options, llm=True, concurrency=concurrency, analyze=engine)
        produced: list[str] = []
        started, cpu = time.perf_counter(), time.process_time()
        stats = run_batch(
            items, config, progress=Quiet(),
            on_result=lambda o, produced=produced: produced.append(
                o.result.engine.value if isinstance(o.result, Analysis) else "error"
            ),
        )  # fmt: skip
        seconds = time.perf_counter() - started
        cpu_ms = (time.process_time() - cpu) / n * 1000
        base = base or seconds
        speedup = base / seconds
        ideal = min(concurrency, n)
        floor_s = -(-n // concurrency) * DELAY_S  # the time if only the server's delay counted
        llm = sum(1 for e in produced if e == EngineName.LLM.value)
        print(
            f"{concurrency:>11} {seconds:>8.2f} {n / seconds:>7.2f} {speedup:>8.2f} "
            f"{ideal:>6} {100 * speedup / ideal:>7.0f}% {floor_s:>17.2f}"
            f"   ({REQUESTS.value} requests, {llm}/{n} answered by the LLM, "
            f"{stats.failed} failed, {cpu_ms:.0f} ms CPU per conversation)"
        )


if __name__ == "__main__":
    main()
