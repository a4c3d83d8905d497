"""What the learned models learn from: rows and whole conversations read from the corpus.

Shared by the training scripts (`train_readers.py`, `train_gate.py`, `gate_check.py`,
`compare_embed.py`), so that new training data goes in one place: the sentence reader's
examples (`sentence_rows`), the gate's passages and conversations (`passage_rows`,
`gate_cases`, `gate_rows`) and the labelled training conversations
(`conversation_labels`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "training" / "corpus"


def corpus_rows(pattern: str) -> list[dict[str, object]]:
    """Every JSON line of the corpus files matching `pattern`."""
    rows: list[dict[str, object]] = []
    for path in sorted(CORPUS.glob(pattern)):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows


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
    return corpus_rows("sentences_*.jsonl") + _casino_sentences() + _devset_sentences()


def passage_rows() -> list[dict[str, object]]:
    """The corpus's passages as windows (with `source`, `lang`, `register` and `long`)."""
    from analyzer.learned.gate import windows

    rows: list[dict[str, object]] = []
    for number, r in enumerate(corpus_rows("passages_*.jsonl")):
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
