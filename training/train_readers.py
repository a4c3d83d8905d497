"""Train the learned readers from the corpus in training/corpus/ (one command, reproducible).

    python training/train_readers.py            # train, report, write analyzer/learned/models/
    python training/train_readers.py --check    # report a held-out split only, write nothing

The sentence reader is trained on `sentences_<lang>.jsonl` (a signal type or `none` per
sentence); the gate (`train_gate.py`, which `--gate-only` runs alone) on the passages
and whole conversations (negotiation or not). Before the final fit,
one fifth of each corpus (every fifth line) is held out and the figures printed, so the
model card's numbers can be reproduced.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from analyzer.learned.model import MODELS_DIR, LinearModel, train  # noqa: E402

CORPUS = ROOT / "training" / "corpus"


def _rows(pattern: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted(CORPUS.glob(pattern)):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows


def _report(name: str, model: LinearModel, texts: list[str], labels: list[str]) -> None:
    probs = model.probabilities(texts)
    predicted = [model.classes[i] for i in probs.argmax(axis=1)]
    correct = sum(p == g for p, g in zip(predicted, labels, strict=True))
    print(f"{name}: held-out accuracy {correct / len(labels):.3f} on {len(labels)}")
    for cls in model.classes:
        tp = sum(p == cls == g for p, g in zip(predicted, labels, strict=True))
        fp = sum(p == cls != g for p, g in zip(predicted, labels, strict=True))
        fn = sum(g == cls != p for p, g in zip(predicted, labels, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"  {cls:22} P {prec:.2f} R {rec:.2f} F1 {f1:.2f} (n={tp + fn})")
    if "none" not in model.classes:
        return
    # What the detector would propose: a signal type when its probability clears a
    # threshold; right when it is the labelled type. The shipped thresholds are read here.
    none = model.classes.index("none")
    signal_probs = probs.copy()
    signal_probs[:, none] = 0.0
    best = signal_probs.argmax(axis=1)
    top = signal_probs.max(axis=1)
    positives = sum(g != "none" for g in labels)
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.75):
        proposed = [i for i in range(len(labels)) if top[i] >= threshold]
        right = sum(model.classes[best[i]] == labels[i] for i in proposed)
        precision = right / len(proposed) if proposed else 0.0
        print(f"  proposed at {threshold:.2f}: precision {precision:.2f}, "
              f"recall {right / positives:.2f} ({len(proposed)} proposed)")  # fmt: skip


def balanced_weights(labels: list[str]) -> dict[str, float]:
    """Each class weighs the same in the loss, however many examples it has."""
    counts = Counter(labels)
    return {c: len(labels) / (len(counts) * n) for c, n in counts.items()}


@dataclass(frozen=True)
class LabelledConversation:
    """A training conversation and whether it is a negotiation."""

    path: Path
    negotiation: bool
    language: str = "en"


def conversation_labels() -> list[LabelledConversation]:
    """The whole labelled training conversations in `corpus/conversations_*/`."""
    out: list[LabelledConversation] = []
    for labels in sorted(CORPUS.glob("conversations_*/labels.jsonl")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(
                    LabelledConversation(
                        labels.parent / row["file"], row["negotiation"], row.get("language", "en")
                    )
                )
    return out


def _fit(
    rows: list[dict[str, object]], key: str, name: str, write: bool, *, balanced: bool = False
) -> None:
    texts = [str(r["text"]) for r in rows]
    labels = [str(r[key]) for r in rows]
    held = [i for i in range(len(rows)) if i % 5 == 4]
    kept = [i for i in range(len(rows)) if i % 5 != 4]
    print(f"{name}: {len(rows)} examples {dict(Counter(labels))}")
    weights = balanced_weights(labels) if balanced else None
    model = train([texts[i] for i in kept], [labels[i] for i in kept], class_weight=weights)
    _report(name, model, [texts[i] for i in held], [labels[i] for i in held])
    if write:
        final = train(texts, labels, class_weight=weights)
        MODELS_DIR.mkdir(parents=True, exist_ok=True)
        final.save(MODELS_DIR / f"{name}.npz")
        print(f"{name}: written to {(MODELS_DIR / f'{name}.npz').relative_to(ROOT)}")


def _casino_sentences(every: int = 6) -> list[dict[str, object]]:
    """Hard negatives from real negotiations that ended in agreement: the friction of
    haggling ("I really need the firewood") that is not an impasse. Every sixth sentence of
    four words or more, labelled none."""
    from analyzer.parsers import parse_file
    from analyzer.reading import split_sentences

    found: list[str] = []
    for path in sorted((CORPUS / "casino_train" / "dialogues").glob("*.txt")):
        for turn in parse_file(path).turns:
            found += [s.text for s in split_sentences(turn) if len(s.text.split()) >= 4]
    return [{"text": t, "label": "none"} for t in found[::every]]


def _devset_sentences(every: int = 3) -> list[dict[str, object]]:
    """The development set's labelled signal quotes (one example of their type each) and,
    from its conversations labelled "no impasse", every third sentence of four words or
    more as `none`. The development set is ours to tune on; the validation split and the
    blind batches stay out of training."""
    from analyzer.errors import ImpasseError
    from analyzer.evaluation import load_labels
    from analyzer.parsers import parse_file
    from analyzer.reading import split_sentences

    rows: list[dict[str, object]] = []
    negatives: list[str] = []
    for label in load_labels(sorted((ROOT / "fixtures" / "devset" / "dev").glob("labels_*.jsonl"))):
        for signal in label.signals or []:
            if signal.quote and signal.type != "no_response":
                rows.append({"text": signal.quote, "label": signal.type})
        if label.impasse is False:
            try:
                turns = parse_file(label.path()).turns
            except ImpasseError:
                continue
            for turn in turns:
                negatives += [s.text for s in split_sentences(turn) if len(s.text.split()) >= 4]
    return rows + [{"text": t, "label": "none"} for t in negatives[::every]]


def sentence_rows() -> list[dict[str, object]]:
    """The sentence reader's examples: the corpus's labelled sentences, then CaSiNo's, then the development set's quotes."""
    return _rows("sentences_*.jsonl") + _casino_sentences() + _devset_sentences()


def passage_rows() -> list[dict[str, object]]:
    """The corpus's passages as windows (with `source`, `lang`, `register` and `long`)."""
    from analyzer.learned.gate import windows

    rows: list[dict[str, object]] = []
    for number, r in enumerate(_rows("passages_*.jsonl")):
        label = "yes" if r["negotiation"] else "no"
        # Where each window comes from, for the leave-one-out checks (compare_embed.py).
        origin = {k: r.get(k) for k in ("lang", "register")}
        origin["source"] = f"passage:{number}"
        # passages_long.jsonl's texts run 800+ characters, the short files' under 500.
        origin["long"] = len(str(r["text"])) > 650
        rows += [
            {"text": w, "label": label, **origin} for w in windows(str(r["text"]).splitlines())
        ]
    return rows


@dataclass(frozen=True)
class GateCase:
    """A whole conversation the gate learns from: whether it is a negotiation, its
    language and where it comes from (`group`: the corpus folder, `dev`, `casino` or
    `real`)."""

    path: Path
    negotiation: bool
    language: str
    group: str


def gate_cases(*, with_conversations: bool = True, generated: bool = True) -> list[GateCase]:
    """The conversations behind the gate: the development set's and CaSiNo's (real
    negotiations), real texts that are not negotiations (reply-parser test mails, council
    captions, subtitles) and, `with_conversations`, the labelled training conversations
    (`generated=False` leaves out `conversations_gen_*`, for before/after comparisons on
    the same data)."""
    cases: list[GateCase] = []
    for labels in sorted((ROOT / "fixtures" / "devset" / "dev").glob("labels_*.jsonl")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                path = labels.parent / row["file"]
                cases.append(GateCase(path, True, row.get("language", "en"), "dev"))
    for path in sorted((CORPUS / "casino_train" / "dialogues").glob("*.txt")):
        cases.append(GateCase(path, True, "en", "casino"))
    real = ROOT / "fixtures" / "real"
    for path in sorted((real / "emails").rglob("*")):
        if (
            path.is_file()
            and path.suffix in {".txt", ".eml", ""}
            and path.name not in {"LICENSE", "SOURCE.md"}
        ):
            cases.append(GateCase(path, False, "en", "real"))
    for path in sorted((real / "transcripts").rglob("*.vtt")):
        cases.append(GateCase(path, False, "en", "real"))
    if with_conversations:
        cases += [
            GateCase(c.path, c.negotiation, c.language, c.path.parent.name)
            for c in conversation_labels()
            if generated or not c.path.parent.name.startswith("conversations_gen")
        ]
    return cases


def gate_rows(*, with_conversations: bool = True) -> list[dict[str, object]]:
    """Windows of negotiations and of other texts, as the gate reads them (with where each
    comes from: `source`, and `lang`, `register`, `long` for the corpus's passages)."""
    from analyzer.errors import ImpasseError
    from analyzer.learned.gate import window_texts
    from analyzer.parsers import parse_file

    rows = passage_rows()
    for case in gate_cases(with_conversations=with_conversations):
        try:
            parts = window_texts(parse_file(case.path))
        except ImpasseError:
            continue
        label = "yes" if case.negotiation else "no"
        rows.extend({"text": w, "label": label, "source": str(case.path)} for w in parts)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="held-out figures only")
    parser.add_argument("--gate-only", action="store_true", help="train the gate alone")
    args = parser.parse_args()
    if not args.gate_only:
        _fit(sentence_rows(), "label", "sentences", not args.check)
    if args.check:
        _fit(gate_rows(), "label", "gate", False, balanced=True)
    else:
        # The gate's two parts (window and conversation model) are trained together.
        from train_gate import train_gate

        train_gate(gate_cases(), MODELS_DIR)


if __name__ == "__main__":
    main()
