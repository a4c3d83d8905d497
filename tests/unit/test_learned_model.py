"""The learned readers' linear model: deterministic training, a saved model reads alike."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np

from analyzer.learned.features import (
    DIMENSIONS,
    HashedRows,
    _word_buckets,
    featurize,
    sparse,
    tokens,
)
from analyzer.learned.model import LinearModel, train

TEXTS = [
    "This is our last number; take it or we end the talks.",
    "Without the price floor there is no deal for us.",
    "Thursday at three works for us, see you then.",
    "Thanks, the revised schedule looks fine.",
]
LABELS = ["ultimatum", "ultimatum", "none", "none"]


def test_when_text_is_featurized_then_rows_are_unit_length_and_hashed_in_range() -> None:
    rows = featurize([*TEXTS, ""])
    assert rows.shape == (5, DIMENSIONS)
    assert np.allclose(np.linalg.norm(rows[:4], axis=1), 1.0)
    assert not rows[4].any()
    assert "c3:<ta" in tokens("take") and "b:take it" in tokens("take it")


def test_when_trained_twice_then_the_same_weights() -> None:
    first = train(TEXTS, LABELS, epochs=20)
    second = train(TEXTS, LABELS, epochs=20)
    assert np.array_equal(first.weights, second.weights)


def test_when_trained_then_it_separates_its_examples(tmp_path: Path) -> None:
    model = train(TEXTS, LABELS, epochs=60)
    predicted = [model.classes[i] for i in model.probabilities(TEXTS).argmax(axis=1)]
    assert predicted == LABELS
    model.save(tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz") as data:
        again = LinearModel(
            weights=data["weights"].astype(np.float32),
            bias=data["bias"],
            classes=tuple(str(c) for c in data["classes"]),
        )
    assert [again.classes[i] for i in again.probabilities(TEXTS).argmax(axis=1)] == LABELS


def test_when_read_sparsely_then_the_same_probabilities_as_the_dense_row() -> None:
    model = train(TEXTS, LABELS, epochs=20)
    logits = featurize(TEXTS) @ model.weights + model.bias
    logits -= logits.max(axis=1, keepdims=True)
    dense = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert np.allclose(model.probabilities(TEXTS), dense, atol=1e-6)


def test_when_read_sparsely_then_the_buckets_and_values_of_the_feature_strings_in_order() -> None:
    # The order of the buckets is the order of the model's dot product: the same order
    # as the feature strings gives the same float result, to the last bit. Words recur
    # (within and across texts), which the sparse reading hashes only once.
    for text in [*TEXTS, "Take it, take it or leave it: 45 or 46 units?", "Ça coûte 45 €.", ""]:
        counts: dict[int, float] = {}
        for token in tokens(text):
            bucket = zlib.crc32(token.encode("utf-8")) & (DIMENSIONS - 1)
            counts[bucket] = counts.get(bucket, 0.0) + 1.0
        values = np.array(list(counts.values()), dtype=np.float32)
        if values.size:
            values /= float(np.linalg.norm(values))
        index, got = sparse(text)
        assert index.tolist() == list(counts)
        assert np.array_equal(got, values)


def test_when_a_word_recurs_then_its_buckets_are_hashed_once() -> None:
    _word_buckets.cache_clear()
    sparse("take it or leave it; take it today")
    info = _word_buckets.cache_info()
    assert (info.misses, info.hits) == (5, 3)  # take, it, or, leave, today; take, it, it


def test_when_rows_are_kept_sparse_then_products_match_the_dense_matrix() -> None:
    texts = [*TEXTS, "", "?!"]  # empty and punctuation-only rows included
    dense = featurize(texts)
    rows = HashedRows(texts)
    rng = np.random.default_rng(3)
    weights = rng.standard_normal((DIMENSIONS, 3)).astype(np.float32)
    gradient = rng.standard_normal((len(texts), 3)).astype(np.float32)
    assert np.allclose(rows.dot(weights), dense @ weights, atol=1e-5)
    assert np.allclose(rows.transpose_dot(gradient), dense.T @ gradient, atol=1e-5)
