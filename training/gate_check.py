"""Cross-validate the negotiation gate on whole labelled conversations.

    python training/gate_check.py [--no-generated] [--show]

Five folds over every conversation of `gate_cases()` (corpus_rows.py): each fold is
scored by a gate trained without it, both parts: the window model (trained on the
passages and the other folds' windows) and the conversation model (trained on the other
folds' out-of-fold features, as `train_gate.py` does). The tables show, per threshold, how
many negotiations would be vetoed and how many other texts let through, for the window
model alone (its best window: the gate before the conversation model) and for the
conversation model; overall, per source and per language. The figures count the labelled
training conversations (`corpus/conversations_*/`); the development set's and CaSiNo's
negotiations are listed apart (any veto there hides a real impasse). Short exchanges are
never judged (score 1). The shipped threshold and doubt band (analyzer/learned/gate.py)
are chosen from these tables, never from a test set. `--no-generated` leaves
`conversations_gen_*` out of training and scoring (the same data as before they came);
`--show` lists every conversation's two scores; `--flagged` also runs the offline engine
on the other texts and counts those flagged as impasses, with the gate of before (the best
window at 0.5, short exchanges of two or more people not judged) and with the gate now.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from corpus_rows import gate_cases, passage_rows  # noqa: E402
from train_gate import (  # noqa: E402
    FOLDS,
    Loaded,
    feature_rows,
    fit_conversation_model,
    folds,
    load,
    out_of_fold_scores,
)

from analyzer.framework.gate import evidence_outweighs_doubt  # noqa: E402
from analyzer.learned.gate import DOUBT, ONE_VOICE_THRESHOLD, SHORT_CHARS, THRESHOLD  # noqa: E402
from analyzer.options import AnalyzeOptions, EngineChoice  # noqa: E402

# The gate before the conversation model: the best window at 0.5, a doubt band from 0.3,
# and any text of 400 characters or less between two or more people not judged.
BEFORE_THRESHOLD, BEFORE_DOUBT = 0.5, 0.3

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
TRAINING = "conversations_"


def _scores(loaded: list[Loaded]) -> tuple[list[float], list[float]]:
    """Out-of-fold (best window, conversation model) scores per conversation."""
    fold = folds(loaded)
    windows = out_of_fold_scores(loaded, fold, passage_rows(), epochs=300)
    rows = feature_rows(loaded, windows)
    best = [max(s) if s else 1.0 for s in windows]
    model_scores = [0.0] * len(loaded)
    for k in range(FOLDS):
        kept = [i for i, f in enumerate(fold) if f != k]
        model = fit_conversation_model([loaded[i] for i in kept], rows[kept])
        held = [i for i, f in enumerate(fold) if f == k]
        for i, p in zip(held, model.probabilities(rows[held]), strict=True):
            model_scores[i] = float(p)
    for i, item in enumerate(loaded):
        if item.short:  # never judged, as in the shipped gate
            best[i] = model_scores[i] = 1.0
        elif item.one_voice:
            # Judged by its words alone, at ONE_VOICE_THRESHOLD: the window score rescaled
            # so that the shipped decision falls exactly at THRESHOLD in the tables.
            model_scores[i] = min(1.0, best[i] * THRESHOLD / ONE_VOICE_THRESHOLD)
    return best, model_scores


def _table(
    title: str, values: list[float], truth: list[bool], select: Callable[[int], bool]
) -> None:
    chosen = [i for i in range(len(values)) if select(i)]
    if not chosen:
        return
    v = np.array([values[i] for i in chosen])
    t = np.array([truth[i] for i in chosen])
    negotiations, others = int(t.sum()), int((~t).sum())
    print(f"{title}: {negotiations} negotiations, {others} other texts")
    cells = []
    for threshold in THRESHOLDS:
        vetoed = int(((v < threshold) & t).sum())
        through = int(((v >= threshold) & ~t).sum())
        cells.append(f"{threshold:.1f}: {vetoed:2d} / {through:3d}")
    print("  threshold: vetoed / let through   " + "   ".join(cells))


def _old_short(item: Loaded) -> bool:
    conversation = item.conversation
    return (
        len(conversation.speakers()) > 1
        and sum(len(t.text) for t in conversation.turns) <= SHORT_CHARS
    )


def _flagged(loaded: list[Loaded], best: list[float], model: list[float]) -> None:
    """What reaches the user: of the training conversations that are not negotiations,
    how many the offline engine flags as an impasse once the gate (out-of-fold, before
    and now) lets them through, or its doubt is outweighed by the evidence."""
    from analyzer.engines import OfflineEngine
    from analyzer.pipeline import _complete, read

    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=False)
    engine = OfflineEngine(options)
    counts = {"before": 0, "now": 0}
    others = 0
    for i, item in enumerate(loaded):
        if item.case.negotiation or not item.case.group.startswith(TRAINING):
            continue
        others += 1
        reading, _ = read(item.conversation, options)
        # The pipeline's check with the gate left out: would the rules flag an impasse?
        result = _complete(reading, engine.propose(reading), engine, options, None)
        if not result.impasse:
            continue
        for name, score, threshold, doubt, short in (
            ("before", best[i], BEFORE_THRESHOLD, BEFORE_DOUBT, _old_short(item)),
            ("now", model[i], THRESHOLD, DOUBT, item.short),
        ):
            kept = (
                doubt <= score < threshold
                and evidence_outweighs_doubt(
                    result, score, single_message=len(item.conversation.turns) == 1
                )
                is not None
            )
            counts[name] += int(short or score >= threshold or kept)
    print(
        f"\nother texts flagged as impasses (out-of-fold): before {counts['before']}/{others}, "
        f"now {counts['now']}/{others}"
    )


def main() -> None:
    generated = "--no-generated" not in sys.argv
    loaded = load(gate_cases(generated=generated))
    best, model = _scores(loaded)
    truth = [item.case.negotiation for item in loaded]
    groups = [item.case.group for item in loaded]
    languages = [item.case.language for item in loaded]
    if "--show" in sys.argv:
        for i in sorted(range(len(loaded)), key=lambda i: model[i]):
            if groups[i].startswith(TRAINING) or (groups[i] == "dev" and model[i] < 0.5):
                kind = "negotiation" if truth[i] else "other      "
                print(f"{model[i]:.2f} {best[i]:.2f} {kind} {loaded[i].case.path.name}")
    print(f"shipped: threshold {THRESHOLD}, doubt band from {DOUBT}")
    for name, values in (("window model alone (best window)", best), ("gate", model)):
        print(f"\n== {name}")
        _table("training conversations", values, truth, lambda i: groups[i].startswith(TRAINING))
        _table(
            "  of them conversations_gen_*",
            values,
            truth,
            lambda i: groups[i].startswith(TRAINING + "gen"),
        )
        for lang in sorted(set(languages)):
            _table(
                f"  {lang}",
                values,
                truth,
                lambda i, lang=lang: groups[i].startswith(TRAINING) and languages[i] == lang,
            )
        for group in ("dev", "casino", "real"):
            _table(group, values, truth, lambda i, group=group: groups[i] == group)
    if "--flagged" in sys.argv:
        # The window model's scores with the short-exchange rule of before.
        before = [1.0 if _old_short(item) else s for item, s in zip(loaded, best, strict=True)]
        _flagged(loaded, before, model)


if __name__ == "__main__":
    main()
