"""The conversation reader's features: the evidence of one conversation, read in context.

Each detector reads one sentence at a time; this module describes the whole conversation
in a few numbers, so that a small model (`analyzer/learned/verdict.py`, trained by
`training/train_verdict.py`) can say how likely an impasse is. The features, in order:

| name | what it measures |
|---|---|
| `sig_max` | the highest probability, over the other side's sentences the sentence reader read, that one shows any signal |
| `sig_top2` | the mean of the two highest |
| `share_above_03`, `share_above_05` | the share of those sentences above 0.3 / 0.5 |
| `begin_max`, `middle_max`, `end_max` | the highest probability of a signal of that stage |
| `late_max` | `sig_max` over the last third of the turns |
| `last_turn_max` | `sig_max` over the other side's last turn |
| `learned` | a learned finding over the proposal bar (0/1) |
| `phrase_begin`, `phrase_middle`, `phrase_end` | a phrase finding of that stage (0/1) |
| `phrase_late` | a phrase finding in the last third of the turns (0/1) |
| `phrase_best` | the best phrase finding's score |
| `structure` | a structural finding: unanswered follow-ups, curt replies, a skipped question |
| `them_last` | the other side spoke last (1), we did (0), no side known (0.5) |
| `rules_impasse` | the framework's rules, run on the candidates, find an impasse (0/1) |
| `rules_begin`, `rules_middle`, `rules_end` | the stage the rules set (0/1 each) |
| `kept_log` | log(1 + signals the rules keep, counted up to 3: bounded, like every feature) |
| `resolved` | share of the candidates the rules drop as resolved later |
| `closes_in_agreement` | the last two turns hold an acceptance or assent that is not a question |
| `terms` | terms are on the table by the last turn (0/1) |
| `terms_share` | the share of turns with terms on the table |

No feature counts anything that grows with the conversation's length (turns, sentences,
findings): with such counts the model learned that long real chats (the CaSiNo sample)
end in agreement, and the cross-validated AUC on the validation split fell (0.976 -> 0.965,
`training/MODEL_CARD.md`). Shares and maxima describe a conversation of any length.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.analysis import CheckStatus
from analyzer.detect.base import Finding
from analyzer.detect.learned import DETECTOR_ID as LEARNED_ID
from analyzer.detect.learned import ReadSentence
from analyzer.reading import Reading, Role
from analyzer.taxonomy import SIGNAL_STAGES, SignalType, Stage

FEATURES: tuple[str, ...] = (
    "sig_max",
    "sig_top2",
    "share_above_03",
    "share_above_05",
    "begin_max",
    "middle_max",
    "end_max",
    "late_max",
    "last_turn_max",
    "learned",
    "phrase_begin",
    "phrase_middle",
    "phrase_end",
    "phrase_late",
    "phrase_best",
    "structure",
    "them_last",
    "rules_impasse",
    "rules_begin",
    "rules_middle",
    "rules_end",
    "kept_log",
    "resolved",
    "closes_in_agreement",
    "terms",
    "terms_share",
)
_STRUCTURE = ("structure.", "topics.")
# Signals kept by the rules count up to this many: a count that grew with the thread would
# push every long conversation towards "impasse".
KEPT_CAP = 3


@dataclass(frozen=True, slots=True)
class RulesView:
    """What the framework's rules make of the candidates: the stage (NONE: no impasse),
    how many signals they keep, and how many candidates they drop as resolved later."""

    stage: Stage
    kept: int
    resolved: int


def rules_view(reading: Reading, findings: Sequence[Finding]) -> RulesView:
    """Run the framework's rules on the candidates, as the pipeline's first pass does."""
    from analyzer.detect.offline import evidence_analysis
    from analyzer.framework.check import check
    from analyzer.framework.rules import RESOLVED_LATER, StageFitsSignals

    proposal = evidence_analysis(reading, list(findings))
    derived = check(proposal, reading, weights={f.detector: f.score for f in findings})
    resolved = sum(
        1
        for c in derived.checks
        if c.status is CheckStatus.DROPPED
        and c.rule == StageFitsSignals().id
        and RESOLVED_LATER in c.detail
    )
    return RulesView(stage=derived.stage, kept=len(derived.signals), resolved=resolved)


def signal_probability(read: ReadSentence) -> float:
    """How likely the sentence shows any signal (one minus the probability of none)."""
    return 1.0 - read.probabilities[read.classes.index("none")]


def _stage_max(read: Sequence[ReadSentence], stage: Stage) -> float:
    columns = [
        i
        for i, c in enumerate(read[0].classes)
        if c != "none" and stage in SIGNAL_STAGES[SignalType(c)]
    ]
    return max((r.probabilities[i] for r in read for i in columns), default=0.0)


def _phrase_stage(findings: Sequence[Finding], stage: Stage) -> float:
    return float(any(stage in SIGNAL_STAGES[f.type] for f in findings))


def features(
    reading: Reading,
    findings: Sequence[Finding],
    read: Sequence[ReadSentence],
    rules: RulesView,
) -> list[float]:
    """The conversation's features, in the order of `FEATURES`."""
    turns = reading.conversation.turns
    n = max(len(turns), 1)
    late_from = n - max(1, math.ceil(n / 3))
    probs = sorted((signal_probability(r) for r in read), reverse=True)
    them_turns = [t.index for t in turns if reading.counts_as_them(t)]
    last_them = them_turns[-1] if them_turns else -1
    phrase = [
        f for f in findings if f.detector != LEARNED_ID and not f.detector.startswith(_STRUCTURE)
    ]
    structure = [f for f in findings if f.detector.startswith(_STRUCTURE)]
    learned = [f for f in findings if f.detector == LEARNED_ID]
    stages = (Stage.BEGINNING, Stage.MIDDLE, Stage.END)
    count = max(len(probs), 1)
    return [
        probs[0] if probs else 0.0,
        sum(probs[:2]) / 2 if probs else 0.0,
        sum(p > 0.3 for p in probs) / count,
        sum(p > 0.5 for p in probs) / count,
        *(_stage_max(read, s) if read else 0.0 for s in stages),
        max((signal_probability(r) for r in read if r.turn >= late_from), default=0.0),
        max((signal_probability(r) for r in read if r.turn == last_them), default=0.0),
        float(bool(learned)),
        *(_phrase_stage(phrase, s) for s in stages),
        float(any(f.turn >= late_from for f in phrase)),
        max((f.score for f in phrase), default=0.0),
        float(bool(structure)),
        _them_last(reading),
        float(rules.stage is not Stage.NONE),
        *(float(rules.stage is s) for s in stages),
        math.log1p(min(rules.kept, KEPT_CAP)),
        rules.resolved / len(findings) if findings else 0.0,
        _closes_in_agreement(reading),
        float(bool(reading.terms_by_turn and reading.terms_by_turn[-1])),
        sum(reading.terms_by_turn) / n,
    ]


def _them_last(reading: Reading) -> float:
    turns = reading.conversation.turns
    if not turns or not reading.side.us:
        return 0.5
    return float(reading.role(turns[-1].speaker) is Role.THEM)


def _closes_in_agreement(reading: Reading) -> float:
    """Whether one of the last two turns accepts or agrees (not in a question)."""
    phrases = reading.lexicon.phrases
    groups = [phrases[name] for name in ("resolution", "assent") if name in phrases]
    for sentences in reading.sentences[-2:]:
        for sentence in sentences:
            if sentence.is_question:
                continue
            if any(group.search(sentence.index) for group in groups):
                return 1.0
    return 0.0


@dataclass(frozen=True, slots=True)
class Examined:
    """One conversation as the conversation reader sees it: the candidates of every
    detector (the learned reader's included), the sentences it read, and the features."""

    findings: tuple[Finding, ...]
    read: tuple[ReadSentence, ...]
    features: tuple[float, ...]


def examine(reading: Reading) -> Examined:
    """Run every detector and the sentence reader once, and describe the conversation."""
    from analyzer.detect.learned import read_sentences
    from analyzer.detect.offline import find

    findings = find(reading, learned=True)
    read = read_sentences(reading)
    row = features(reading, findings, read, rules_view(reading, findings))
    return Examined(tuple(findings), tuple(read), tuple(row))
