"""What the conversation reader costs: analyses per second with it and without it.

Generates realistic 20-message email threads (see corpus.py) and analyses them on one
core (no drafts) twice each way, alternately: the offline engine as shipped (the
detectors, the sentence reader, then the conversation reader's features, model and
adjustment) and the same engine with the conversation reader left out (the candidates of
the detectors as they are, as before it existed).

    python benchmarks/conversation_reader.py [--threads 300] [--turns 20]
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
    parser.add_argument("--threads", type=int, default=300)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    from corpus import write_corpus

    from analyzer.detect import conversation
    from analyzer.detect.offline import find
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_file
    from analyzer.pipeline import analyze_conversation

    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)
    shipped = conversation.read_in_context

    def without(reading):  # type: ignore[no-untyped-def]
        return conversation.InContext(find(reading, learned=True), 0.5, ())

    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "threads", args.threads, seed=1, turns=args.turns)
        conversations = [parse_file(p) for p in paths]
        analyze_conversation(conversations[0], options, "warm-up")
        for round_ in (1, 2):
            for label, reader in (("with the conversation reader", shipped), ("without", without)):
                conversation.read_in_context = reader
                started = time.perf_counter()
                for item in conversations:
                    analyze_conversation(item, options, "x")
                rate = len(conversations) / (time.perf_counter() - started)
                print(f"  round {round_}, {label:<29} {rate:8.1f} conversations/s")
        conversation.read_in_context = shipped
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
