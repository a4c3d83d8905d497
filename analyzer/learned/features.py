"""Hashed n-gram features, the same for training and for use.

Words (and word pairs) catch phrasing; character n-grams inside words catch inflection and
spelling variants across English, German, French and Spanish without a tokenizer.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

DIMENSIONS = 1 << 15
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+|[?!]", re.UNICODE)


def _hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & (DIMENSIONS - 1)


def _words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return ["<num>" if w.isdigit() else w for w in words]


def _grams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]


def tokens(text: str) -> list[str]:
    """The feature strings of a text (words, word pairs, character 3- and 4-grams)."""
    words = _words(text)
    out = [f"w:{w}" for w in words]
    out += [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f"<{word}>"
        for n in (3, 4):
            out += [f"c{n}:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return out


@lru_cache(maxsize=1 << 16)
def _word_buckets(word: str) -> tuple[int, tuple[int, ...]]:
    """A word's own bucket and its character n-grams' buckets, in `tokens` order (most
    words of a conversation recur, so each is hashed once)."""
    grams = _grams(word)
    return _hash(f"w:{word}"), tuple(_hash(f"c{len(g)}:{g}") for g in grams)


def sparse(text: str) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """The non-zero buckets of one text and their L2-normalised counts (the same values
    as its `featurize` row, without the 32,768 zeros)."""
    words = _words(text)
    known = [_word_buckets(w) for w in words]
    # Counted in the order of `tokens` (words, pairs, n-grams): the buckets' order is the
    # order of the sum in the model's dot product, so the float result is the same.
    buckets = [own for own, _ in known]
    buckets += [_hash(f"b:{a} {b}") for a, b in itertools.pairwise(words)]
    for _, grams in known:
        buckets += grams
    counts = Counter(buckets)
    index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    norm = float(np.linalg.norm(values))
    if norm:
        values /= norm
    return index, values


def featurize(texts: list[str]) -> NDArray[np.float32]:
    """One L2-normalised row of hashed counts per text."""
    rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(texts):
        for token in tokens(text):
            rows[i, _hash(token)] += 1.0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    rows /= norms
    return rows


class HashedRows:
    """The `featurize` rows of many texts kept sparse (row offsets, buckets, values): what
    training multiplies, at a hundredth of the dense matrix's cost."""

    def __init__(self, texts: list[str]) -> None:
        pieces = [sparse(text) for text in texts]
        lengths = np.array([len(index) for index, _ in pieces], dtype=np.int64)
        self.rows = len(texts)
        self.offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self.buckets = (
            np.concatenate([index for index, _ in pieces]) if pieces else np.zeros(0, np.int64)
        )
        self.values = (
            np.concatenate([values for _, values in pieces]) if pieces else np.zeros(0, np.float32)
        )
        self._row_of = np.repeat(np.arange(self.rows), lengths)

    def dot(self, weights: NDArray[np.float32]) -> NDArray[np.float32]:
        """rows @ weights (rows x columns of `weights`)."""
        out = np.zeros((self.rows, weights.shape[1]), dtype=np.float32)
        if not len(self.values):
            return out
        products = self.values[:, None] * weights[self.buckets]
        starts = np.minimum(self.offsets[:-1], len(self.values) - 1)
        sums = np.add.reduceat(products, starts, axis=0)
        filled = self.offsets[1:] > self.offsets[:-1]  # reduceat leaves empty rows wrong
        out[filled] = sums[filled]
        return out

    def transpose_dot(self, gradient: NDArray[np.float32]) -> NDArray[np.float32]:
        """rows.T @ gradient (DIMENSIONS x columns of `gradient`)."""
        contributions = self.values[:, None] * gradient[self._row_of]
        out = np.empty((DIMENSIONS, gradient.shape[1]), dtype=np.float32)
        for column in range(gradient.shape[1]):
            out[:, column] = np.bincount(
                self.buckets, weights=contributions[:, column], minlength=DIMENSIONS
            )
        return out
