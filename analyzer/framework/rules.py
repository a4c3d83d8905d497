"""The framework's rules, one small class each, run on any analysis.

Each rule looks at an `Analysis` with the conversation at hand and returns the analysis
(corrected where the rule allows) and its findings as `Check`s. The model proposes, the
rules decide: an ungrounded quote is dropped, a misattributed one fixed, the stage set to
what the signals require. Draft rules (6 and 7) live with the drafts, in
`analyzer.drafting.rules`, and follow the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from analyzer.analysis import Analysis, Check, CheckStatus, Signal, StrategyItem, excerpt
from analyzer.framework import grounding
from analyzer.framework.replies import answer_to, deflects, evidence_of, named_them
from analyzer.framework.resolution import TurnsBySpeaker
from analyzer.framework.stage import (
    Resolver,
    deferrals_as_hedges,
    end_type_for,
    stage_for,
)
from analyzer.framework.strategies import rank_strategies
from analyzer.models import TurnSourceMap
from analyzer.parsers.build import UNKNOWN_SPEAKER
from analyzer.reading import Reading, Role
from analyzer.taxonomy import SIGNAL_STAGES, SignalType, Stage, Strategy, allowed_strategies

Outcome = tuple[Analysis, list[Check]]


class Rule(Protocol):
    """A framework rule: an id and a check that may correct the analysis."""

    @property
    def id(self) -> str:
        """The rule's id, e.g. 'R1.grounded_evidence'."""
        ...

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        """The (possibly corrected) analysis and what the rule found."""
        ...


# How R3 words a signal dropped because a later turn resolved it (read by the conversation
# reader's features, which count those drops).
RESOLVED_LATER = ": resolved later, at turn "


def _label(signal: Signal) -> str:
    return f"{signal.type.value} at turn {signal.turn} (\u201c{excerpt(signal.quote, 60)}\u201d)"


@dataclass(frozen=True, slots=True)
class GroundedEvidence:
    """Rule 1: every quote occurs, verbatim and on one line, in the turn it cites."""

    id: str = "R1.grounded_evidence"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        turns = reading.conversation.turns
        kept: list[Signal] = []
        checks: list[Check] = []
        maps: dict[int, TurnSourceMap] = {}
        for signal in analysis.signals:
            order = [signal.turn] if 0 <= signal.turn < len(turns) else []
            found: tuple[int, int, int] | None = None
            for index in order:
                loc = grounding.locate(turns[index].text, signal.quote)
                if loc:
                    found = (index, *loc)
            if found is None:
                # A quote cited at the wrong turn is fixed when it occurs in exactly one
                # turn (only then are the other turns searched: most quotes are in place).
                elsewhere = [t.index for t in turns if t.index not in order]
                hits = [
                    (i, loc)
                    for i in elsewhere
                    if (loc := grounding.locate(turns[i].text, signal.quote))
                ]
                if len(hits) == 1:
                    found = (hits[0][0], *hits[0][1])
            if found is None:
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.DROPPED,
                        detail=f"{_label(signal)}: the quote is not in the conversation.",
                    )
                )
                continue
            index, start, end = found
            text = turns[index].text
            start, end = grounding.single_line(text, start, end, evidence_of(signal, reading))
            quote = text[start:end]
            if not quote.strip():
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.DROPPED,
                        detail=f"{_label(signal)}: nothing of the quote is on one line.",
                    )
                )
                continue
            if index not in maps:  # one map per turn: walking the spans costs its length
                maps[index] = reading.conversation.source_map(turns[index])
            source_at = maps[index].offset(start)
            span = (source_at, source_at + len(quote)) if source_at is not None else None
            fixed = signal.model_copy(update={"turn": index, "quote": quote, "span": span})
            if index != signal.turn or quote != signal.quote:
                what = (
                    f"moved to turn {index}"
                    if index != signal.turn
                    else "re-cut to the verbatim text"
                )
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.FIXED,
                        detail=f"{_label(signal)}: quote {what}.",
                    )
                )
            kept.append(fixed)
        if kept and not any(c.status is not CheckStatus.FIXED for c in checks):
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.PASS,
                    detail=f"{len(kept)} quote(s) found verbatim in the turns they cite.",
                )
            )
        return analysis.model_copy(update={"signals": kept}), checks


@dataclass(frozen=True, slots=True)
class Attribution:
    """Rule 2: a signal names its turn's speaker, from the other side; `no_response`
    names the silent party and quotes our own follow-up."""

    id: str = "R2.attribution"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        turns = reading.conversation.turns
        later = TurnsBySpeaker(turns)
        kept: list[Signal] = []
        checks: list[Check] = []
        for signal in analysis.signals:
            turn = turns[signal.turn]
            role = reading.role(turn.speaker)
            if signal.type.value == "no_response":
                if signal.speaker == turn.speaker or role is Role.THEM:
                    checks.append(
                        Check(
                            rule=self.id,
                            status=CheckStatus.DROPPED,
                            detail=f"{_label(signal)}: no_response must quote our follow-up and name the silent party.",
                        )
                    )
                    continue
                # A later reply that only puts things off is not an answer.
                answer = later.next_by(signal.speaker, signal.turn)
                while answer is not None and deflects(answer, reading):
                    answer = later.next_by(signal.speaker, answer.index)
                if answer is not None:
                    checks.append(
                        Check(
                            rule=self.id,
                            status=CheckStatus.DROPPED,
                            detail=f"{_label(signal)}: {signal.speaker} answered at turn {answer.index}.",
                        )
                    )
                    continue
                kept.append(signal)
                continue
            if turn.speaker == UNKNOWN_SPEAKER and named_them(signal.speaker, reading):
                kept.append(signal)  # the parser had no name; the answer's is better
                continue
            if role in {Role.US, Role.OTHER}:
                whose = "our own side" if role is Role.US else "a colleague, not the other side"
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.DROPPED,
                        detail=f"{_label(signal)}: said by {turn.speaker}, {whose}.",
                    )
                )
                continue
            if signal.speaker != turn.speaker:
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.FIXED,
                        detail=f"{_label(signal)}: speaker {signal.speaker!r} corrected to {turn.speaker!r}.",
                    )
                )
                kept.append(signal.model_copy(update={"speaker": turn.speaker}))
                continue
            kept.append(signal)
        if kept and not checks:
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.PASS,
                    detail="every signal names the speaker of its turn.",
                )
            )
        return analysis.model_copy(update={"signals": kept}), checks


@dataclass(frozen=True, slots=True)
class StageFitsSignals:
    """Rule 3: resolved impasses are not current; the stage is the one the remaining
    signals require; evidence of an earlier stage is set aside."""

    id: str = "R3.stage_fits_signals"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        checks: list[Check] = []
        current: list[Signal] = []
        # One resolver for all the signals: each sentence is read once, not per signal.
        start = min((s.turn for s in analysis.signals), default=0)
        resolver = Resolver(reading, start=start)
        for signal in analysis.signals:
            resolved = resolver.resolve(signal)
            if signal.type is SignalType.NO_RESPONSE and answer_to(signal, reading) is None:
                resolved = None  # the silent party's later replies only put things off
            if resolved is None:
                current.append(signal)
                continue
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.DROPPED,
                    detail=f"{_label(signal)}{RESOLVED_LATER}{resolved.turn} (\u201c{excerpt(resolved.quote, 60)}\u201d).",
                )
            )
        stage = stage_for(current, reading)
        if stage is Stage.END:
            current, retyped = deferrals_as_hedges(current, reading)
            checks += [
                Check(rule=self.id, status=CheckStatus.FIXED,
                      detail=f"{_label(s)}: at the end, a deferral hedged on time reads as weasel words.")
                for s in retyped
            ]  # fmt: skip
        kept = [s for s in current if stage in SIGNAL_STAGES[s.type]]
        kept_ids = {id(s) for s in kept}  # by identity: comparing models is slow
        for signal in current:
            if id(signal) not in kept_ids:
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.DROPPED,
                        detail=f"{_label(signal)}: evidence of a {'/'.join(sorted(x.value for x in SIGNAL_STAGES[signal.type]))} impasse; the current one is at the {stage.value}.",
                    )
                )
        if stage is not analysis.stage:
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.FIXED,
                    detail=f"stage {analysis.stage.value} corrected to {stage.value}, as the signals require.",
                )
            )
        else:
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.PASS,
                    detail=f"stage {stage.value} fits the signals.",
                )
            )
        update = {"signals": kept, "stage": stage, "impasse": stage is not Stage.NONE}
        return analysis.model_copy(update=update), checks


@dataclass(frozen=True, slots=True)
class NoImpasseNoInvention:
    """Rule 8: with no grounded signal there is no impasse, and nothing is invented."""

    id: str = "R8.no_impasse_no_invention"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        if analysis.signals:
            return analysis, []
        invented = (
            bool(analysis.causes)
            or any(s.id is not Strategy.CONTROL_INFORMATION for s in analysis.strategies)
            or analysis.impasse
        )
        update = {
            "impasse": False,
            "stage": Stage.NONE,
            "end_type": None,
            "causes": [],
            "strategies": [],
            "drafts": [d for d in analysis.drafts if d.strategy is Strategy.CONTROL_INFORMATION],
        }
        status = CheckStatus.FIXED if invented else CheckStatus.PASS
        detail = (
            "no grounded signal: impasse, causes and strategies removed."
            if invented
            else "no grounded signal, and no impasse claimed."
        )
        return analysis.model_copy(update=update), [
            Check(rule=self.id, status=status, detail=detail)
        ]


@dataclass(frozen=True, slots=True)
class EndTypeFitsWording:
    """Rule 4: hedges on time or authority make an end impasse soft; else it is firm."""

    id: str = "R4.end_type_fits_wording"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        if analysis.stage is not Stage.END:
            if analysis.end_type is None:
                return analysis, []
            return analysis.model_copy(update={"end_type": None}), [
                Check(
                    rule=self.id,
                    status=CheckStatus.FIXED,
                    detail=f"end type {analysis.end_type.value} removed: the stage is {analysis.stage.value}.",
                )
            ]
        wanted = end_type_for(analysis.signals, reading)
        if wanted is analysis.end_type:
            return analysis, [
                Check(
                    rule=self.id,
                    status=CheckStatus.PASS,
                    detail=f"end type {wanted.value} fits the wording.",
                )
            ]
        before = analysis.end_type.value if analysis.end_type else "none"
        why = (
            "hedges on time or authority"
            if wanted.value == "soft"
            else "no hedge on time or authority"
        )
        return analysis.model_copy(update={"end_type": wanted}), [
            Check(
                rule=self.id,
                status=CheckStatus.FIXED,
                detail=f"end type {before} corrected to {wanted.value}: the evidence has {why}.",
            )
        ]


@dataclass(frozen=True, slots=True)
class StrategyFitsStage:
    """Rule 5: only strategies listed for the stage (and end type) are recommended."""

    id: str = "R5.strategy_fits_stage"

    def check(self, analysis: Analysis, reading: Reading) -> Outcome:
        allowed = set(allowed_strategies(analysis.stage, analysis.end_type))
        kept: list[StrategyItem] = []
        checks: list[Check] = []
        seen: set[Strategy] = set()
        for item in analysis.strategies:
            if item.id in seen:
                continue
            seen.add(item.id)
            if item.id in allowed:
                kept.append(item)
            else:
                checks.append(
                    Check(
                        rule=self.id,
                        status=CheckStatus.DROPPED,
                        detail=f"{item.id.value} does not fit a {_where(analysis)} impasse.",
                    )
                )
        if analysis.impasse and not any(s.id is not Strategy.CONTROL_INFORMATION for s in kept):
            kept = rank_strategies(analysis.stage, analysis.end_type, analysis.signals)
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.FIXED,
                    detail=f"no fitting strategy was proposed; the framework's moves for a {_where(analysis)} impasse were added.",
                )
            )
        if not checks:
            checks.append(
                Check(
                    rule=self.id,
                    status=CheckStatus.PASS,
                    detail=f"every strategy fits a {_where(analysis)} impasse.",
                )
            )
        drafts = [d for d in analysis.drafts if d.strategy in {s.id for s in kept}]
        return analysis.model_copy(update={"strategies": kept, "drafts": drafts}), checks


def _where(analysis: Analysis) -> str:
    if analysis.stage is Stage.END and analysis.end_type is not None:
        return f"{analysis.end_type.value} end-stage"
    return f"{analysis.stage.value}-stage"


# The order matters: ground, attribute, find the current impasse, then type and moves.
DIAGNOSIS_RULES: tuple[Rule, ...] = (
    GroundedEvidence(),
    Attribution(),
    StageFitsSignals(),
    NoImpasseNoInvention(),
    EndTypeFitsWording(),
    StrategyFitsStage(),
)
