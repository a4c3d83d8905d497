"""Do sentence embeddings make the learned readers generalise? Measure it (one command).

    python training/compare_embed.py                    # everything below
    python training/compare_embed.py --part sentences   # or: gate, eval
    python training/compare_embed.py --write DIR        # also keep the variant models in DIR

Two variants of each reader are trained on `training/corpus/` alone (and, for the gate,
the same conversations `train_readers.py` adds): `ngram` (hashed n-grams, as shipped) and
`embed+ngram` ([all-MiniLM-L6-v2 embedding ; the same n-grams], `analyzer/learned/embed.py`).
Each is scored on
- the held-out split of `train_readers.py` (every fifth line or window);
- leave-one-language-out and leave-one-register-out: trained without any sentence (or
  passage) of one language or register, scored on exactly those: wording not seen;
- for the gate, the 160 long passages (podcasts, newsletters, negotiations buried in small
  talk) held out whole;
- `impasse eval` on the development set and the validation split, with the shipped models
  and with both variants retrained on everything (`--part eval`).
The thresholds are the shipped ones (sentence reader 0.6, end-stage types 0.75; gate 0.3).
Needs the `embed` extra (onnxruntime and the model). Embeddings are cached in `--cache`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from corpus_rows import gate_rows, sentence_rows  # noqa: E402

from analyzer.learned.features import featurize  # noqa: E402
from analyzer.learned.model import LinearModel, softmax, train  # noqa: E402

Row = dict[str, object]
VARIANTS = ("ngram", "embed+ngram")
EMBED_SCALE = 2.0  # the embedding block's weight beside the unit-length n-gram row
SIGNAL_THRESHOLD, END_THRESHOLD, GATE_THRESHOLD = 0.6, 0.75, 0.3
END_TYPES = {"ultimatum", "walkout", "final_offer"}


class Embeddings:
    """Sentence embeddings of texts, computed once and kept in an `.npz` cache."""

    def __init__(self, cache: Path | None) -> None:
        self.cache = cache
        self.known: dict[str, NDArray[np.float32]] = {}
        if cache is not None and cache.is_file():
            with np.load(cache) as data:
                self.known = {k: data[k] for k in data.files}

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row per text (the encoder runs only on texts not seen before)."""
        from analyzer.learned.embed import encoder

        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.known})
        if missing:
            lookup = dict(zip(keys, texts, strict=True))
            vectors = encoder().encode([lookup[k] for k in missing])
            self.known.update(zip(missing, vectors, strict=True))
            if self.cache is not None:
                np.savez(self.cache, **self.known)  # type: ignore[arg-type]
        return np.stack([self.known[k] for k in keys])


def fit_variant(
    variant: str, rows: list[Row], embed: Embeddings, *, balanced: bool = False
) -> LinearModel:
    """One reader trained on `rows` (text, label) with the variant's features."""
    texts = [str(r["text"]) for r in rows]
    labels = [str(r["label"]) for r in rows]
    weights = None
    if balanced:
        counts = Counter(labels)
        weights = {c: len(labels) / (len(counts) * n) for c, n in counts.items()}
    vectors = embed(texts) if variant != "ngram" else None
    return train(texts, labels, embeddings=vectors, embed_scale=EMBED_SCALE, class_weight=weights)


def predict(model: LinearModel, texts: list[str], embed: Embeddings) -> NDArray[np.float32]:
    """Class probabilities, reading cached embeddings (not the live encoder)."""
    logits = featurize(texts) @ model.weights + model.bias
    if model.embed_weights is not None:
        logits += (embed(texts) * model.embed_scale) @ model.embed_weights
    return softmax(logits.astype(np.float32))


def sentence_figures(model: LinearModel, rows: list[Row], embed: Embeddings) -> dict[str, float]:
    """Accuracy over all classes, macro-F1 over signal types, and what the detector would
    propose at the shipped thresholds: precision and recall of the right signal type."""
    texts = [str(r["text"]) for r in rows]
    gold = [str(r["label"]) for r in rows]
    probs = predict(model, texts, embed)
    best = probs.argmax(axis=1)
    predicted = [model.classes[i] for i in best]
    accuracy = float(np.mean([p == g for p, g in zip(predicted, gold, strict=True)]))
    f1s = []
    for cls in sorted(set(gold) - {"none"}):
        tp = sum(p == cls == g for p, g in zip(predicted, gold, strict=True))
        fp = sum(p == cls != g for p, g in zip(predicted, gold, strict=True))
        fn = sum(g == cls != p for p, g in zip(predicted, gold, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    proposed = right = 0
    for p_row, cls, g in zip(probs, predicted, gold, strict=True):
        bar = END_THRESHOLD if cls in END_TYPES else SIGNAL_THRESHOLD
        if cls != "none" and float(p_row.max()) >= bar:
            proposed += 1
            right += cls == g
    signals = sum(g != "none" for g in gold)
    # Threshold-free: the most signals found while 80% of what is proposed is right, when
    # proposals are taken best-first (the two variants' probabilities are not calibrated
    # alike, so one shared threshold favours one of them).
    ranked = sorted(
        (
            (float(p_row.max()), cls == g)
            for p_row, cls, g in zip(probs, predicted, gold, strict=True)
            if cls != "none"
        ),
        reverse=True,
    )
    hits = best_recall = 0
    for taken, (_, ok) in enumerate(ranked, 1):
        hits += ok
        if hits / taken >= 0.8:
            best_recall = hits
    return {
        "n": len(rows),
        "accuracy": accuracy,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "proposed_precision": right / proposed if proposed else 0.0,
        "proposed_recall": right / signals if signals else 0.0,
        "recall_at_precision_0.8": best_recall / signals if signals else 0.0,
    }


def gate_figures(model: LinearModel, rows: list[Row], embed: Embeddings) -> dict[str, float]:
    """Per text (its best window, as the gate reads a conversation): accuracy at the
    shipped threshold, the share of non-negotiations let through, negotiations missed."""
    probs = predict(model, [str(r["text"]) for r in rows], embed)[:, model.classes.index("yes")]
    best: dict[str, float] = {}
    gold: dict[str, bool] = {}
    for r, p in zip(rows, probs, strict=True):
        key = str(r["source"])
        best[key] = max(best.get(key, 0.0), float(p))
        gold[key] = r["label"] == "yes"
    passed = {k: v >= GATE_THRESHOLD for k, v in best.items()}
    others = [k for k in gold if not gold[k]]
    negotiations = [k for k in gold if gold[k]]
    # Threshold-free: with the bar set so that at most 5% of negotiations are missed (the
    # gate must not hide real ones), the share of other texts still let through.
    bar = float(np.quantile([best[k] for k in negotiations], 0.05)) if negotiations else 0.0
    return {
        "n": len(gold),
        "accuracy": float(np.mean([passed[k] == gold[k] for k in gold])),
        "others_let_through": float(np.mean([passed[k] for k in others])) if others else 0.0,
        "negotiations_missed": (
            float(np.mean([not passed[k] for k in negotiations])) if negotiations else 0.0
        ),
        "others_through_at_5pct_missed": (
            float(np.mean([best[k] >= bar for k in others])) if others else 0.0
        ),
    }


Split = tuple[str, list[Row], list[Row]]


def splits(rows: list[Row], *, long_out: bool = False) -> list[Split]:
    """(name, train, test): every fifth line held out, then leave one language out and
    leave one register out (only rows that carry a language or register are tested)."""
    out: list[Split] = [
        (
            "held-out (every fifth)",
            [r for i, r in enumerate(rows) if i % 5 != 4],
            [r for i, r in enumerate(rows) if i % 5 == 4],
        )
    ]
    for key in ("lang", "register"):
        for value in sorted({str(r[key]) for r in rows if r.get(key)}):
            test = [r for r in rows if r.get(key) == value]
            out.append((f"without {key}={value}", [r for r in rows if r.get(key) != value], test))
    if long_out:
        out.append(
            (
                "without the long passages",
                [r for r in rows if not r.get("long")],
                [r for r in rows if r.get("long")],
            )
        )
    return out


def compare(
    name: str,
    rows: list[Row],
    embed: Embeddings,
    score: Callable[[LinearModel, list[Row], Embeddings], dict[str, float]],
    *,
    balanced: bool = False,
    long_out: bool = False,
) -> None:
    """Print each split's figures for both variants, side by side."""
    print(f"\n== {name}: {len(rows)} examples {dict(Counter(str(r['label']) for r in rows))}")
    for split, train_rows, test_rows in splits(rows, long_out=long_out):
        cells = []
        for variant in VARIANTS:
            model = fit_variant(variant, train_rows, embed, balanced=balanced)
            figures = score(model, test_rows, embed)
            shown = " ".join(f"{k} {v:.3f}" for k, v in figures.items() if k != "n")
            cells.append(f"    {variant:<12} {shown}")
        print(f"  {split} (n={figures['n']:.0f})", *cells, sep="\n", flush=True)


def eval_sets(models_dir: Path | None) -> dict[str, dict[str, float | int | None]]:
    """`impasse eval` figures on the dev set and the validation split, per language, with
    the shipped models (None) or the ones in `models_dir`."""
    import analyzer.learned.model as model_module
    from analyzer.evaluation import evaluate, load_labels, metrics
    from analyzer.options import EngineChoice
    from analyzer.pipeline import analyze_conversation

    shipped = model_module.MODELS_DIR
    model_module.MODELS_DIR = models_dir or shipped
    model_module.load.cache_clear()
    try:
        figures: dict[str, dict[str, float | int | None]] = {}
        for split in ("dev", "test"):
            labels = load_labels(sorted((ROOT / "fixtures" / "devset" / split).glob("labels_*")))

            def run(conversation, options, source):  # type: ignore[no-untyped-def]
                return analyze_conversation(
                    conversation,
                    options.model_copy(update={"engine": EngineChoice.OFFLINE}),
                    source,
                )

            for group, tally in evaluate(labels, run, group_by="language").items():
                figures[f"{split}/{group}"] = metrics(tally)
        return figures
    finally:
        model_module.MODELS_DIR = shipped
        model_module.load.cache_clear()


def compare_eval(embed: Embeddings, keep: Path | None) -> None:
    """Retrain both readers with embeddings on everything, then `impasse eval` both ways."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        fit_variant("embed+ngram", sentence_rows(), embed).save(folder / "sentences.npz")
        fit_variant("embed+ngram", gate_rows(), embed, balanced=True).save(folder / "gate.npz")
        results = {"shipped": eval_sets(None), "embed+ngram": eval_sets(folder)}
    keys = (
        "impasse_precision",
        "impasse_recall",
        "impasse_f1",
        "false_positive_rate",
        "stage_accuracy",
        "end_type_accuracy",
        "signal_type_f1",
        "forbidden_strategy_share",
        "negotiation_gate_accuracy",
    )
    print("\n== impasse eval (offline engine), shipped vs embed+ngram")
    print("  " + " | ".join(["set", "cases", *keys]))
    for group in results["shipped"]:
        for variant, figures in results.items():
            row = figures[group]
            cells = ["n/a" if row[k] is None else f"{row[k]:.2f}" for k in keys]
            print(f"  {group} {variant} | {row['cases']} | " + " | ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=("sentences", "gate", "eval", "all"), default="all")
    parser.add_argument("--cache", type=Path, help="keep the embeddings in this .npz file")
    parser.add_argument("--write", type=Path, help="keep the variant models in this folder")
    args = parser.parse_args()
    embed = Embeddings(args.cache)
    if args.part in {"sentences", "all"}:
        compare("sentence reader", sentence_rows(), embed, sentence_figures)
    if args.part in {"gate", "all"}:
        compare("gate", gate_rows(), embed, gate_figures, balanced=True, long_out=True)
    if args.part in {"eval", "all"}:
        compare_eval(embed, args.write)


if __name__ == "__main__":
    main()
