"""The cyclic garbage collector paused while a large input is parsed, for every format.

Parsing allocates hundreds of thousands of small, acyclic objects (lines, cues, tokens,
models) that all live until the end; each automatic collection rescans all of them, which
made parse time grow faster than the input and cost about a fifth of it. Reference
counting still frees everything; the collector is restored (and left to run) afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
