"""What the embedding reader costs: offline analysis of 20-turn threads on one core with the
learned readers as shipped (hashed n-grams) and with sentence embeddings beside them, peak
memory, and the cold start of `impasse analyze` on one thread.

    python benchmarks/embed_reader.py [--threads 300] [--turns 20] [--models DIR]

Needs the `embed` extra. `--models DIR` reads the variant models `training/compare_embed.py
--write DIR` keeps; without it, the shipped models get an all-zero embedding block: the
same work per text (every sentence and window is still encoded), the shipped decisions.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent


def _zero_block_models(folder: Path) -> None:
    """The shipped readers with an embedding block of zeros (the variant's cost)."""
    from dataclasses import replace

    from analyzer.learned.embed import DIMENSIONS
    from analyzer.learned.model import load

    for name in ("sentences", "gate"):
        model = load(name)
        zeros = np.zeros((DIMENSIONS, len(model.classes)), dtype=np.float32)
        replace(model, embed_weights=zeros).save(folder / f"{name}.npz")
    load.cache_clear()


def _use_models(folder: Path | None) -> None:
    import analyzer.learned.model as model_module

    model_module.MODELS_DIR = folder or Path(model_module.__file__).resolve().parent / "models"
    model_module.load.cache_clear()


def _rate(conversations: list[object], options: object) -> float:
    from analyzer.pipeline import analyze_conversation

    started = time.perf_counter()
    for conversation in conversations:
        analyze_conversation(conversation, options, "x")  # type: ignore[arg-type]
    return len(conversations) / (time.perf_counter() - started)


def _cold_start(thread: Path, models: Path | None) -> tuple[float, float]:
    """Wall seconds and peak MB of a fresh `impasse analyze THREAD` process."""
    patch = (
        "import analyzer.learned.model as m, pathlib; "
        f"m.MODELS_DIR = pathlib.Path({str(models)!r}); "
        if models
        else ""
    )
    # The child's own high-water mark (VmHWM): ru_maxrss would carry this process's
    # peak across fork and exec.
    code = (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write('PEAK ' + "
        "[x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1] + "
        "'\\n')); "
        f"{patch}from analyzer.cli.main import run; "
        f"sys.argv = ['impasse', 'analyze', {str(thread)!r}, '--engine', 'offline', "
        "'--format', 'json']; run()"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    started = time.perf_counter()
    process = subprocess.run(  # noqa: PLW1510 - the exit code is checked below
        [sys.executable, "-c", code], env=env, capture_output=True, cwd=ROOT
    )
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"impasse analyze failed: {process.stderr.decode()[-500:]}")
    peak = process.stderr.decode().rsplit("PEAK ", 1)[-1].split()[0]
    return seconds, int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=300)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--models", type=Path, help="the variant models (compare_embed.py)")
    args = parser.parse_args()
    from corpus import write_corpus

    from analyzer.learned.embed import available, encoder

    if not available():
        print("not measured: the embed extra is not installed (pip install 'impasse[embed]')")
        return
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_file

    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "threads", args.threads, seed=1, turns=args.turns)
        conversations = [parse_file(p) for p in paths]
        turns = sum(len(c.turns) for c in conversations) / len(conversations)
        variant = args.models
        if variant is None:
            variant = Path(tmp) / "zero-block"
            variant.mkdir()
            _zero_block_models(variant)
        print(f"{len(conversations)} threads, {turns:.1f} turns each, one core, no drafts:")
        shared = encoder()
        plain = shared.encode
        encoded = [0]

        def counting(texts: list[str]) -> object:
            encoded[0] += len(texts)
            return plain(texts)

        shared.encode = counting  # type: ignore[method-assign]
        for name, folder in (("shipped (n-grams)", None), ("embed+ngram", variant)):
            _use_models(folder)
            _rate(conversations[:3], options)  # warm-up: models and encoder loaded
            encoded[0] = 0
            rate = _rate(conversations, options)
            per = encoded[0] / len(conversations)
            print(f"  {name:<18} {rate:7.1f} conversations/s ({per:.1f} texts encoded each)")
        shared.encode = plain  # type: ignore[method-assign]
        _use_models(None)
        fast = options.model_copy(update={"fast": True})
        print(f"  {'--fast':<18} {_rate(conversations, fast):7.1f} conversations/s")
        texts = [f"Sentence number {i} of a thread about the renewal price." for i in range(256)]
        started = time.perf_counter()
        encoder().encode(texts)
        per_text = (time.perf_counter() - started) / len(texts) * 1000
        print(f"  encoder alone: {per_text:.2f} ms per short sentence (batches of 32)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB")
        for name, folder in (("shipped", None), ("embed+ngram", variant)):
            seconds, child_peak = _cold_start(paths[0], folder)
            print(
                f"cold start of impasse analyze, {name}: {seconds:.2f} s (peak {child_peak:.0f} MB)"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
