"""Offline batch throughput: conversations per second at 1 and 2 worker processes.

Generates 2,000 realistic 20-message email threads (see corpus.py), then measures:
- single-core speed of parse + analyse on 20-turn threads, in one process, no batch;
- `impasse analyze`'s batch runner at --jobs 1 and --jobs 2 over the whole corpus
  (reading files, parsing, analysing), without and with --out (atomic files + fsync).

    python benchmarks/offline_throughput.py [--threads 2000] [--turns 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    os.environ.pop("OPENAI_API_KEY", None)
    os.environ.pop("OPENAI_BASE_URL", None)
    from corpus import Quiet, write_corpus

    from analyzer.batch.inputs import expand
    from analyzer.batch.runner import BatchConfig, run_batch
    from analyzer.batch.store import ResultStore
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_file
    from analyzer.pipeline import analyze_conversation

    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "threads"
        paths = write_corpus(folder, args.threads, seed=1, turns=args.turns)
        sample = paths[: min(300, len(paths))]
        conversations = [parse_file(p) for p in sample]
        turns = sum(len(c.turns) for c in conversations) / len(conversations)
        analyze_conversation(conversations[0], options, "warm-up")
        started = time.perf_counter()
        for path in sample:
            analyze_conversation(parse_file(path), options, str(path))
        parse_and_analyse = len(sample) / (time.perf_counter() - started)
        started = time.perf_counter()
        for conversation in conversations:
            analyze_conversation(conversation, options, "x")
        analyse_only = len(conversations) / (time.perf_counter() - started)
        print(f"single core, {turns:.1f} turns per thread ({len(sample)} threads, no drafts):")
        print(f"  parse + analyse: {parse_and_analyse:8.1f} conversations/s")
        print(f"  analyse only:    {analyse_only:8.1f} conversations/s (learned readers on)")
        fast = options.model_copy(update={"fast": True})
        started = time.perf_counter()
        for conversation in conversations:
            analyze_conversation(conversation, fast, "x")
        rate = len(conversations) / (time.perf_counter() - started)
        print(f"  analyse, --fast: {rate:8.1f} conversations/s (phrase lists only)")
        try:
            with_drafts = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=True)
            started = time.perf_counter()
            for conversation in conversations[:100]:
                analyze_conversation(conversation, with_drafts, "x")
            rate = min(100, len(conversations)) / (time.perf_counter() - started)
            print(f"  analyse + drafts:{rate:8.1f} conversations/s")
        except ImportError as exc:
            print(f"  analyse + drafts: not measured (drafting unavailable: {exc})")

        items = expand([str(folder)])
        print(f"batch runner over {len(items)} threads (read + parse + analyse, no drafts):")
        for jobs, out in ((1, False), (2, False), (2, True)):
            config = BatchConfig(options=options, jobs=jobs)
            store = ResultStore(Path(tmp) / f"out-{jobs}", resume=False) if out else None
            started = time.perf_counter()
            stats = run_batch(items, config, store=store, progress=Quiet())
            if store is not None:
                store.close(i.source for i in items)
            seconds = time.perf_counter() - started
            label = f"--jobs {jobs}" + (" --out DIR" if out else "")
            print(
                f"  {label:<18} {len(items) / seconds:8.1f} conversations/s "
                f"({seconds:.1f} s, {stats.failed} failed)"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
