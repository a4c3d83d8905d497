"""`--private` facts masked before any prompt leaves the machine, with or without `--redact`.

The model never needs a walk-away price or a deadline to diagnose a conversation or to
write a reply, and what it never sees it cannot reveal. So every value that would give a
private fact away (its numbers, dates and names in any spelling the draft rules recognise:
"$95k", "95,000", "ninety-five thousand", "Mar. 31st", "3/31"; and the fact's own wording)
is replaced with a placeholder such as `[PRIVATE_1]` in the conversation, the names and
the fact list of the drafting prompt. One placeholder stands for one exact piece of text,
so putting placeholders back yields the original text character for character (a quote
that held one is grounded against the original turn). The draft rules then check the
restored drafts against the real facts, so a placeholder that comes back in a draft is
removed like any other revealing sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analyzer.drafting.private import PrivateFact, compile_facts, fact_spans, reveals

PLACEHOLDER = re.compile(r"\[PRIVATE_\d+\]")
# Pieces separated only by spaces ("Kestrel Logistics") become one placeholder.
_GAP = re.compile(r"[ \t\u00a0]*")


@dataclass
class PrivateMask:
    """Masks the values of the user's private facts with stable placeholders."""

    facts: Sequence[str] = ()
    _compiled: list[PrivateFact] = field(init=False, default_factory=list)
    _wordings: list[re.Pattern[str]] = field(init=False, default_factory=list)
    _by_text: dict[str, str] = field(init=False, default_factory=dict)
    _by_placeholder: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        kept = [f for f in self.facts if f.strip()]
        self._compiled = compile_facts(kept)
        # The fact's own wording, in any case and spacing.
        self._wordings = [
            re.compile(r"\s+".join(re.escape(w) for w in f.split()), re.IGNORECASE) for f in kept
        ]

    @property
    def masked(self) -> int:
        """How many distinct pieces of text were masked."""
        return len(self._by_placeholder)

    def _placeholder(self, piece: str) -> str:
        if piece not in self._by_text:
            placeholder = f"[PRIVATE_{len(self._by_text) + 1}]"
            self._by_text[piece] = placeholder
            self._by_placeholder[placeholder] = piece
        return self._by_text[piece]

    def mask(self, text: str, *, wording: bool = True) -> str:
        """`text` with every value of every fact (and, with `wording`, each fact's whole
        wording) replaced by its placeholder."""
        if not self._compiled or not text:
            return text
        spans = fact_spans(text, self._compiled)
        if wording:
            spans += [m.span() for p in self._wordings for m in p.finditer(text)]
        return self._replace(text, spans)

    def _replace(self, text: str, spans: list[tuple[int, int]]) -> str:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= _GAP.match(text, merged[-1][1]).end():  # type: ignore[union-attr]
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out: list[str] = []
        position = 0
        for start, end in merged:
            out += [text[position:start], self._placeholder(text[start:end])]
            position = end
        out.append(text[position:])
        return "".join(out)

    def masked_facts(self, before: Callable[[str], str] | None = None) -> list[str]:
        """The facts as the drafting prompt lists them: their values masked ("our floor
        is $[PRIVATE_1]"), or the whole fact when what is left would still give it away.
        `before` masks other things first (`--redact`'s identifiers)."""
        out: list[str] = []
        for text, fact in zip([f for f in self.facts if f.strip()], self._compiled, strict=True):
            if text in self._by_text:  # the conversation says it word for word
                out.append(self._by_text[text])
                continue
            masked = self.mask(before(text) if before else text, wording=False)
            out.append(masked if not reveals(masked, fact) else self._placeholder(text))
        return out

    def restore(self, text: str) -> str:
        """`text` with every known placeholder replaced by the original piece."""
        return PLACEHOLDER.sub(lambda m: self._by_placeholder.get(m.group(), m.group()), text)
