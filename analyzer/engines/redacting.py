"""What leaves the machine around the LLM engine: with `--redact`, identifiers; with
`--private`, the values of the private facts (always, `--redact` or not). They are masked
in everything sent (the conversation, the names, the fact list of the drafting prompt) and
restored in everything that comes back, before the framework checks it against the
original text. Drafts are checked once more against the real facts after restoring, so a
placeholder that comes back in a draft is caught like any other spelling of the fact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from analyzer.analysis import Analysis, CheckStatus, EngineName, Side
from analyzer.drafting.rules import InformationControl
from analyzer.engines.base import Engine, Proposal
from analyzer.options import AnalyzeOptions
from analyzer.private_mask import PrivateMask
from analyzer.reading import Reading, build_reading
from analyzer.redact import Redactor


def needs_masking(options: AnalyzeOptions) -> bool:
    """Whether anything must be masked before the LLM engine sends text away."""
    return options.redact or any(p.strip() for p in options.private)


@dataclass(frozen=True)
class RedactingEngine:
    """Wraps an engine that sends text away (the LLM engine), built per conversation with
    options whose names and private facts are masked too."""

    options: AnalyzeOptions
    make_inner: Callable[[AnalyzeOptions], Engine]

    @property
    def name(self) -> EngineName:
        """The wrapped engine's name."""
        return self.make_inner(self.options).name

    def _masked(self, reading: Reading) -> tuple[Redactor, Reading, Engine]:
        # The masking is deterministic (placeholders numbered in reading order), so the
        # drafting step masks the same values with the same placeholders.
        redactor = Redactor(
            identifiers=self.options.redact, private=PrivateMask(self.options.private)
        )
        masked = redactor.redact_conversation(reading.conversation)
        side = reading.side
        masked_side = Side(
            us=[redactor.redact(x) for x in side.us],
            them=[redactor.redact(x) for x in side.them],
            how=side.how,
        )
        options = self.options.model_copy(
            update={
                "me": [redactor.redact(x) for x in self.options.me],
                "them": [redactor.redact(x) for x in self.options.them],
                "private": redactor.masked_facts(),
            }
        )
        masked_reading = build_reading(masked, masked_side, reading.language)
        return (
            redactor,
            masked_reading,
            self._real_draft_rules(self.make_inner(options), redactor, reading),
        )

    def _real_draft_rules(self, inner: Engine, redactor: Redactor, reading: Reading) -> Engine:
        """The inner engine, its draft rules run on the restored drafts with the real
        private facts (the model saw placeholders; the rules must see the values), so a
        draft that reveals a fact in any spelling gets the chain's one rewrite."""
        # The LLM engine and its `Judges` are frozen dataclasses; other engines have none.
        judges: Any = getattr(inner, "judges", None)
        engine: Any = inner
        if not (self.options.private and hasattr(judges, "check_drafts")):
            return inner
        real_check: Callable[[Analysis, Reading, AnalyzeOptions], Analysis] = judges.check_drafts
        options = self.options

        def check_drafts(
            analysis: Analysis, _reading: Reading, _options: AnalyzeOptions
        ) -> Analysis:
            checked = real_check(redactor.restore_model(analysis), reading, options)
            return redactor.mask_model(checked)

        rewired: Engine = replace(engine, judges=replace(judges, check_drafts=check_drafts))
        return rewired

    def recall(self, reading: Reading) -> Analysis | None:
        """The wrapped engine's cache (its key includes the redact option)."""
        return self.make_inner(self.options).recall(reading)

    def propose(self, reading: Reading) -> Proposal:
        """The wrapped engine's proposal for the masked text, with the values restored."""
        redactor, masked, inner = self._masked(reading)
        proposal = inner.propose(masked)
        restored = redactor.restore_model(proposal.analysis)
        notices = [*restored.notices]
        if self.options.redact:
            notices.append(
                f"{redactor.masked} address(es), phone or account number(s) were masked "
                "before the LLM call and restored in this report."
            )
        if redactor.private.masked:
            notices.append(
                f"{redactor.private.masked} value(s) of your private facts were masked in "
                "every prompt and restored in this report."
            )
        analysis = restored.model_copy(update={"side": reading.side, "notices": notices})
        checks = tuple(redactor.restore_model(c) for c in proposal.checks)
        return Proposal(
            analysis=analysis,
            evidence_only=proposal.evidence_only,
            weights=proposal.weights,
            checks=checks,
        )

    def batch_request(self, reading: Reading) -> dict[str, Any] | None:
        """The wrapped engine's first request, built from the masked text and options."""
        _, masked, inner = self._masked(reading)
        request = getattr(inner, "batch_request", None)  # only engines that send text have one
        if request is None:
            return None
        body: dict[str, Any] | None = request(masked)
        return body

    def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
        """Drafts written from the masked text and analysis, restored for the user, then
        checked against the real private facts (the model only ever saw placeholders)."""
        redactor, masked, inner = self._masked(reading)
        drafted = inner.draft(redactor.mask_model(analysis), masked)
        restored = redactor.restore_model(drafted)
        restored = restored.model_copy(update={"signals": analysis.signals, "side": analysis.side})
        if not self.options.private:
            return restored
        guard = InformationControl(private=tuple(self.options.private))
        guarded, checks = guard.check(restored, reading)
        # Only what the guard changed is news: the drafts already passed rule 7 masked.
        found = [c for c in checks if c.status is not CheckStatus.PASS]
        return guarded.model_copy(update={"checks": [*guarded.checks, *found]})

    def remember(self, reading: Reading, analysis: Analysis) -> None:
        """The wrapped engine's cache."""
        self.make_inner(self.options).remember(reading, analysis)
