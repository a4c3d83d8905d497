"""CPU the LLM path spends per conversation outside the model: side, reading, candidate
evidence, checking, merging, summary.

A local OpenAI-compatible server (its own process, so its CPU is not counted) answers at
once, agreeing with the offline candidate evidence it was sent (each candidate becomes a
signal, so the rules have real work to do); conversations are analysed one after another
with `--engine llm`, and the benchmark prints the process CPU time per conversation, in the
steady state (after `--warmup` other conversations) and over the warm-up itself.

    python benchmarks/llm_cpu.py [--conversations 200] [--warmup 200]

Measured on the shared 2-core machine while it was busy (load average 10-16), the code
before and after this round run alternately, four times each (steady state / warm-up):
- before: 15.1-16.0 ms / 15.6-17.0 ms (with a 5-conversation warm-up alone, as this
  benchmark used to measure: 18.2-19.4 ms; 13.1-13.5 ms on a quieter machine before the
  seam refactor, 15.5-17 ms once the gate and the cross-check were added);
- after: 9.0-10.5 ms / 10.4-15.1 ms (5-conversation warm-up alone: 13.8-14.0 ms).
What is left is mostly the call itself (about 4 ms of the 9.5 on that machine), and most
of that is the OpenAI SDK's `chat.completions.parse`, which LangChain uses for a strict
JSON schema and which re-walks the schema on every request (a raw POST of the same body
costs about a third of it).
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
