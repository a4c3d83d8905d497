"""The OpenAI Batch API path: request file sizes, tokens per request, and the cost of
100,000 conversations with the default model.

Builds the request lines `impasse batch submit` would upload for realistic 20-message email
threads (see corpus.py), without and with --redact (nothing is sent), and measures their
size and their prompt tokens (tiktoken; the JSON schema in `response_format` counted too).
The cost lines multiply these by the default model's prices (analyzer/llm/settings.py),
halved for the Batch API; the answer sizes are assumptions, printed as such.

    python benchmarks/batch_requests.py [--threads 1000] [--answer-tokens 300]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CORPUS = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--answer-tokens", type=int, default=300, help="diagnosis answer size")
    parser.add_argument("--draft-tokens", type=int, default=450, help="drafts answer size")
    parser.add_argument("--impasse-share", type=float, default=0.5, help="share drafted")
    args = parser.parse_args()
    from corpus import write_corpus
    from pydantic import SecretStr

    from analyzer.batch.inputs import expand
    from analyzer.batch.openai_batch import (
        MAX_BYTES_PER_BATCH,
        MAX_REQUESTS_PER_BATCH,
        build_requests,
    )
    from analyzer.llm.settings import DEFAULT_MODEL, KNOWN_PRICES_PER_MTOK, LLMSettings
    from analyzer.llm.tokens import count_tokens
    from analyzer.options import AnalyzeOptions, EngineChoice

    settings = LLMSettings(api_key=SecretStr("sk-not-used"), model=DEFAULT_MODEL)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "threads"
        write_corpus(folder, args.threads, seed=2, turns=args.turns)
        items = expand([str(folder)])
        figures = {}
        for redact in (False, True):
            options = AnalyzeOptions(engine=EngineChoice.LLM, redact=redact)
            _, lines = build_requests(items, options, settings, None, None, None)
            sizes = [len(line.encode("utf-8")) for line in lines]
            tokens = []
            for line in lines:
                body = json.loads(line)["body"]
                text = "".join(m["content"] for m in body["messages"])
                schema = json.dumps(body["response_format"]["json_schema"]["schema"])
                tokens.append(count_tokens(text) + count_tokens(schema) + 4 * len(body["messages"]))
            figures[redact] = (sizes, tokens)
    sizes, tokens = figures[False]
    mean_bytes, mean_tokens = statistics.mean(sizes), statistics.mean(tokens)
    print(f"{len(sizes)} request lines for {args.turns}-message threads, model {DEFAULT_MODEL}:")
    for redact, (s, t) in figures.items():
        label = "with --redact" if redact else "plain        "
        print(f"  {label}: {statistics.mean(s) / 1000:5.1f} kB per request "
              f"(min {min(s) / 1000:.1f}, max {max(s) / 1000:.1f}), "
              f"{statistics.mean(t):6.0f} prompt tokens per request")  # fmt: skip
    per_file = min(MAX_REQUESTS_PER_BATCH, int(MAX_BYTES_PER_BATCH // mean_bytes))
    print(f"  {CORPUS:,} conversations: {CORPUS * mean_bytes / 1e6:,.0f} MB of requests, "
          f"{-(-CORPUS // per_file)} batch jobs of up to {per_file:,} requests")  # fmt: skip

    price_in, price_out = KNOWN_PRICES_PER_MTOK[DEFAULT_MODEL]
    extract_in = CORPUS * mean_tokens / 1e6  # million tokens
    extract_out = CORPUS * args.answer_tokens / 1e6
    online = extract_in * price_in + extract_out * price_out
    batch = online / 2
    drafted = CORPUS * args.impasse_share
    draft_cost = drafted * (mean_tokens * price_in + args.draft_tokens * price_out) / 1e6
    print(f"cost of {CORPUS:,} conversations (${price_in}/${price_out} per M tokens in/out; "
          f"assumed {args.answer_tokens} answer tokens per diagnosis):")  # fmt: skip
    print(
        f"  diagnosis, online:    {extract_in:6.1f} M in + {extract_out:5.1f} M out = ${online:8.2f}"
    )
    print(f"  diagnosis, Batch API: half price                      = ${batch:8.2f}")
    print(f"  drafts, online at collect ({args.impasse_share:.0%} impasses, "
          f"{args.draft_tokens} answer tokens): ${draft_cost:8.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
