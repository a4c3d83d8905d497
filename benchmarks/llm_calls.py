"""Calls, tokens and repair rate of the LLM chain per conversation, from cassettes.

Replays the recorded runs of `tests/llm/test_chain_recorded.py` (no server, no key, no
network) and prints, per conversation: the engine that answered, model calls, prompt and
completion tokens, windows, whether the extraction needed its re-ask and whether a draft
was rewritten. Run from the repository root: `python benchmarks/llm_calls.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.analysis import Analysis  # noqa: E402
from tests.llm.conversations import Case, load_case, long_case  # noqa: E402
from tests.llm.fakes import RULES, analyze_llm  # noqa: E402
from tests.llm.recording import recorded_settings, replay  # noqa: E402
from tests.llm.test_chain_recorded import JSON_MODE, LONG, PRIVATE  # noqa: E402

RUNS: list[tuple[str, Case, dict[str, Any]]] = [
    ("end_soft", load_case("end_soft", private=PRIVATE), {}),
    ("beginning_silence", load_case("beginning_silence", private=PRIVATE), {}),
    ("middle_topic", load_case("middle_topic", private=PRIVATE), {}),
    ("injection", load_case("injection"), {}),
    ("long_call", long_case(), LONG),
    ("end_soft_json_mode", load_case("end_soft", private=PRIVATE), JSON_MODE),
]


def replayed(cassette: str, case: Case, settings: dict[str, Any]) -> Analysis:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["IMPASSE_CACHE_DIR"] = cache
        with replay(cassette):
            return analyze_llm(
                case.conversation,
                case.options,
                case.name,
                settings=recorded_settings(**settings),
                rules=RULES,
                sleep=lambda _: None,
            )


def main() -> None:
    header = f"{'conversation':<20} {'engine':<8} {'calls':>5} {'prompt':>7} {'compl':>6} "
    header += f"{'windows':>7} {'re-ask':>6} {'draft-fix':>9} {'signals':>7}"
    print(header)
    totals = {"calls": 0, "prompt": 0, "completion": 0, "reask": 0, "runs": 0}
    for cassette, case, settings in RUNS:
        try:
            result = replayed(cassette, case, settings)
        except FileNotFoundError as exc:
            print(f"{cassette:<20} skipped: {exc}")
            continue
        usage = result.usage
        calls = usage.calls if usage else 0
        prompt = usage.prompt_tokens if usage else 0
        completion = usage.completion_tokens if usage else 0
        reask = any(c.rule == "LLM.reask" for c in result.checks) or any(
            "unusable twice" in n for n in result.notices
        )
        draft_fix = any(c.rule == "LLM.draft_repair" for c in result.checks)
        windows = result.processing.windows if result.processing else 0
        print(
            f"{cassette:<20} {result.engine.value:<8} {calls:>5} {prompt:>7} {completion:>6} "
            f"{windows:>7} {'yes' if reask else 'no':>6} {'yes' if draft_fix else 'no':>9} "
            f"{len(result.signals):>7}"
        )
        totals["calls"] += calls
        totals["prompt"] += prompt
        totals["completion"] += completion
        totals["reask"] += int(reask)
        totals["runs"] += 1
    runs = max(totals["runs"], 1)
    print(
        f"\n{totals['runs']} conversations: {totals['calls'] / runs:.2f} calls, "
        f"{totals['prompt'] / runs:.0f} prompt + {totals['completion'] / runs:.0f} completion "
        f"tokens per conversation; repair (re-ask) rate {totals['reask'] / runs:.0%}"
    )


if __name__ == "__main__":
    main()
