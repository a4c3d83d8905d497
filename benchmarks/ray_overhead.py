"""What Ray costs per input: the same offline batch on this machine's processes and on a
local Ray cluster of the same size.

Generates realistic 20-message email threads (see corpus.py), then measures:
- the local batch runner at --jobs 2 (read + parse + analyse + --out files);
- `--executor ray` on a local cluster started with 2 CPUs: the cluster's start, and the
  batch itself (the same work, with results streamed back to the driver and written by it).
The difference per input is Ray's overhead; the start is paid once per batch.

    python benchmarks/ray_overhead.py [--threads 2000] [--turns 20]
"""

from __future__ import annotations

import argparse
import logging
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
    try:
        import ray
    except ImportError:
        print("Ray is not installed (pip install 'impasse[ray]'); nothing measured.")
        return
    from corpus import Quiet, write_corpus

    from analyzer.batch.inputs import expand
    from analyzer.batch.ray_runner import run_on_ray
    from analyzer.batch.runner import BatchConfig, run_batch
    from analyzer.batch.store import ResultStore
    from analyzer.options import AnalyzeOptions, EngineChoice

    config = BatchConfig(options=AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False), jobs=2)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "threads"
        write_corpus(folder, args.threads, seed=1, turns=args.turns)
        items = expand([str(folder)])
        n = len(items)

        store = ResultStore(Path(tmp) / "local", resume=False)
        started = time.perf_counter()
        run_batch(items, config, store=store, progress=Quiet())
        store.close(i.source for i in items)
        local_s = time.perf_counter() - started

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR)  # fmt: skip
        start_s = time.perf_counter() - started
        try:
            store = ResultStore(Path(tmp) / "ray", resume=False)
            started = time.perf_counter()
            run_on_ray([str(folder)], config, store=store, progress=Quiet())
            store.close(i.source for i in items)
            ray_s = time.perf_counter() - started
        finally:
            ray.shutdown()
    print(f"{n} threads of {args.turns} messages, offline engine, no drafts, with --out:")
    print(f"  local --jobs 2:          {local_s:6.1f} s  ({n / local_s:6.1f}/s)")
    print(f"  ray, cluster start:      {start_s:6.1f} s  (once per batch)")
    print(f"  ray, 2 CPUs, the batch:  {ray_s:6.1f} s  ({n / ray_s:6.1f}/s)")
    print(f"  Ray's overhead per input: {1000 * (ray_s - local_s) / n:+.1f} ms")


if __name__ == "__main__":
    main()
