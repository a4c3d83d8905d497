"""CPU the LLM path spends per conversation outside the model: side, reading, candidate
evidence, checking, merging, summary.

A local OpenAI-compatible server (its own process, so its CPU is not counted) answers at
once, agreeing with the offline candidate evidence it was sent (each candidate becomes a
signal, so the rules have real work to do); conversations are analysed one after another
with `--engine llm`, and the benchmark prints the process CPU time per conversation, in the
steady state (after `--warmup` other conversations) and over the warm-up itself.

    python benchmarks/llm_cpu.py [--conversations 200] [--warmup 200]

Measured on the shared 2-core machine, each version alternately with the one before it
(steady state / warm-up):
- round 1 (the chat model and its runnable built once, no thread pool per call, the
  candidate evidence shared with the cross-check), four runs each at load average 10-16:
  before 15.1-16.0 ms / 15.6-17.0 ms, after 9.0-10.5 ms / 10.4-15.1 ms;
- round 2 (a JSON response format sent with the SDK's `create` instead of `parse`, each
  turn rendered once, the output parser read without a traced run), 13 runs each at load
  average 4.4-9.4: before 6.3-8.7 ms (median 7.2) / 7.5-10.2 ms, after 5.3-7.9 ms
  (median 6.4) / 7.0-9.6 ms; the code before the seam refactor, run with this benchmark
  alongside them three times: 15.0-17.2 ms (median 16.0) / 17.1-18.8 ms, so the issue's
  "halved" holds against it (13.1-13.5 ms was its figure with a 5-conversation warm-up
  on a quieter machine; half of that, 6.6 ms, is about this round's median).
The figures move with the machine's load by more than a round's gain; compare versions
run alternately, never with a figure from another day.
Where the rest goes (timed per step, about 8 ms in all): the call 3.5 ms (2.4 of it in the
OpenAI SDK's `create`: its typed transform of the request, about 0.3 ms, and the HTTP
exchange, which here opens a connection per call because the stand-in server closes it),
reading the conversation 1.1, the candidate evidence 1.1, the gate 0.9, checking 0.6,
the window plan (the turns' tokens) 0.5.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch_concurrency  # the same stand-in server

_CANDIDATE = re.compile(r'^- turn (\d+), (.+?), (\w+): "(.*)"$', re.MULTILINE)


def _diagnosis(body: dict[str, object]) -> dict[str, object]:
    """A model that agrees with the candidate evidence in the prompt."""
    messages = body.get("messages") or []
    prompt = str(messages[-1].get("content", "")) if messages else ""  # type: ignore[union-attr]
    signals = [
        {"type": kind, "speaker": speaker, "turn": int(turn), "quote": quote,
         "explanation": "as the detector found"}
        for turn, speaker, kind, quote in _CANDIDATE.findall(prompt)
    ][:5]  # fmt: skip
    return {
        **batch_concurrency.DIAGNOSIS,
        "signals": signals,
        "stage": "middle" if signals else "none",
    }


def _cpu_per_conversation(conversations: list[Any], options: Any) -> tuple[float, float, Any]:
    """CPU and wall ms per conversation over `conversations`, and the analyses."""
    from analyzer.pipeline import analyze_conversation

    started, cpu = time.perf_counter(), time.process_time()
    results = [analyze_conversation(conversation, options) for conversation in conversations]
    cpu_ms = (time.process_time() - cpu) / len(conversations) * 1000
    wall_ms = (time.perf_counter() - started) / len(conversations) * 1000
    return cpu_ms, wall_ms, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=200)
    args = parser.parse_args()
    batch_concurrency.DELAY_S = 0.0  # answer at once: only our own CPU is left
    batch_concurrency.answer = _diagnosis  # type: ignore[attr-defined]
    server, base_url = batch_concurrency._serve()
    os.environ.update(
        OPENAI_BASE_URL=base_url,
        OPENAI_API_KEY="bench-key",
        IMPASSE_MODEL="bench-model",
        IMPASSE_STRUCTURED_METHOD="json_schema",
        XDG_CACHE_HOME=tempfile.mkdtemp(prefix="impasse-bench-cache-"),
    )
    from corpus import write_corpus

    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_file
    from analyzer.pipeline import analyze_conversation

    options = AnalyzeOptions(engine=EngineChoice.LLM, drafts=False, use_cache=False)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "measured", args.conversations, seed=11)
        conversations = [parse_file(p) for p in paths]
        warm = [parse_file(p) for p in write_corpus(Path(tmp) / "warm", args.warmup, seed=12)]
        for conversation in conversations[:5]:  # imports, connection, method probe
            analyze_conversation(conversation, options)
        # The first few hundred conversations of a process also build the phrase lists'
        # anchor indexes (once, after enough searches to pay off): the steady state is
        # measured on other conversations after those.
        cold_ms, _, _ = _cpu_per_conversation(warm, options) if warm else (0.0, 0.0, [])
        cpu_ms, wall_ms, results = _cpu_per_conversation(conversations, options)
    server.terminate()
    engines: dict[str, int] = {}
    for result in results:
        engines[result.engine.value] = engines.get(result.engine.value, 0) + 1
    signals = sum(len(result.signals) for result in results)
    turns = sum(len(c.turns) for c in conversations) / len(conversations)
    print(
        f"LLM path, {len(conversations)} conversations of {turns:.0f} turns, server answering at once:"
    )
    print(
        f"  CPU per conversation: {cpu_ms:.1f} ms (wall {wall_ms:.1f} ms); engines: {engines}; "
        f"{signals / len(conversations):.1f} checked signals per conversation"
    )
    print(
        f"  the {args.warmup} warm-up conversations before it, one-off index building "
        f"included: {cold_ms:.1f} ms of CPU each"
    )


if __name__ == "__main__":
    main()
