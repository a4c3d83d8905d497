"""The conversation reader: weighs the evidence of the whole conversation, in context.

The detectors read one sentence at a time: an impasse whose sentences are each a little
under the bar is missed, and one stray sentence can raise a false alarm in a thread that
plainly ends in agreement. This reader describes the conversation in a few numbers
(`detect/context.py`), asks a small model how likely an impasse is (P), and adjusts the
candidates before the framework's rules judge them, as the rules judge every candidate:

- P below `LOW`: the weak candidates are withdrawn (the learned reader's and the replies
  turning curt); below `PHRASE_LOW` every other finding too (a phrase list's, a question
  passed over), unless it shows an end
  (an ultimatum, a walkout, weasel words) or it is a chase nobody answered;
- P at or above `HIGH` while the rules find no impasse in the candidates: the other side's
  best-supported sentences under the learned reader's bar are proposed (real sentences,
  at most `MAX_PROMOTED`, positions checked as the reader's own), so the rules can judge
  them;
- the rules already at the end: the sentences of the same speaker that read most as a
  walkout or an ultimatum, under the bar but from `CORROBORATE_FLOOR`, are proposed (at
  most `MAX_PROMOTED`): a threat's consequence half, said next to its condition.

Every proposed finding says the conversation reader's probability, and every withdrawal is
listed as a check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analyzer.analysis import Check, CheckStatus, excerpt
from analyzer.detect.base import Finding
from analyzer.detect.context import FEATURES, Examined, examine
from analyzer.detect.learned import DETECTOR_ID as LEARNED_ID
from analyzer.detect.learned import ReadSentence, end_allowed, finding_of, read_texts
from analyzer.reading import Reading, Sentence
from analyzer.taxonomy import END_SIGNALS, SignalType

# Chosen on the validation split (fixtures/devset/test) with `impasse eval` (the sweep is
# in training/MODEL_CARD.md). Proposing under the bar from 0.4 to 0.5 gave the same
# figures (impasse F1 0.82 -> 0.94, false-positive rate unchanged at 0.12), from 0.6 and
# 0.7 less recall; 0.5 is the model's own boundary. Withdrawing weak candidates changed
# nothing on the validation split below 0.2, and at 0.2 it lost a real CaSiNo walk-away
# whose only support besides a phrase was the learned reader: hence the cautious 0.1.
# Withdrawing phrase findings too below 0.05 removed one false alarm on the validation
# split (false-positive rate 0.12 -> 0.08); withdrawing the end signals among them as well
# lost two of the nine real CaSiNo walk-aways found: the model scores most walk-aways near
# 0 (long lay chats, unlike the written training threads), and their evidence is a phrase
# list's ultimatum or walkout. So end signals and chases stay (0.05 and 0.1: the same).
LOW = 0.1
HIGH = 0.5
PHRASE_LOW = 0.05
# A sentence proposed under the bar must still read as a signal at least this likely.
# (On the validation split 0.2 and 0.4 moved one conversation each; a higher floor for
# end signals alone, 0.45 to 0.75, lost recall and end-type accuracy.)
FLOOR = 0.3
MAX_PROMOTED = 2
# Once the rules keep an end-stage signal, the same speaker's sentences that read most as a
# walkout or an ultimatum are proposed from this probability. Chosen on the validation split
# (signal-type F1 0.69 -> 0.71; 0.3 the same, 0.5 no gain, stage and end type unchanged at
# each); weasel words are left out: proposed this way they turned two of the dev set's firm
# ends soft (end-type accuracy 0.99 -> 0.96).
CORROBORATE_FLOOR = 0.4
CORROBORATED = frozenset({SignalType.WALKOUT, SignalType.ULTIMATUM})
# A consequence clause shorter than this says too little to be read on its own.
_MIN_CLAUSE_WORDS = 4
KEPT_TYPES = END_SIGNALS | {SignalType.NO_RESPONSE}
RULE = "offline.conversation_reader"
# Candidates withdrawn when an impasse is unlikely: the learned reader's (wording no list
# holds) and a reply turning curt (a pattern, not words).
WEAK = frozenset({LEARNED_ID, "structure.curt_reply"})


@dataclass(frozen=True, slots=True)
class InContext:
    """The candidates after the conversation reader, its probability and its checks."""

    findings: list[Finding]
    probability: float
    checks: tuple[Check, ...]


def impasse_probability(examined: Examined) -> float:
    """P(impasse) for the examined conversation (the model is loaded on first use)."""
    from analyzer.learned.verdict import load

    return load(FEATURES).probability(list(examined.features))


def read_in_context(reading: Reading) -> InContext:
    """The candidates of every detector, adjusted by the conversation reader."""
    examined = examine(reading)
    p = impasse_probability(examined)
    findings = list(examined.findings)
    said = f"the conversation reader puts the chance of an impasse at {p:.0%}"
    if p < LOW:
        kept = [f for f in findings if not _weak(f, p)]
        checks = tuple(
            Check(
                rule=RULE,
                status=CheckStatus.DROPPED,
                detail=f"{f.type.value} at turn {f.turn} (\u201c{excerpt(f.quote)}\u201d) "
                f"withdrawn: {said}, and this evidence alone does not outweigh it.",
            )
            for f in findings
            if _weak(f, p)
        )
        return InContext(kept, p, checks)
    rules_found = examined.features[FEATURES.index("rules_impasse")] > 0
    if p >= HIGH and not rules_found:
        findings += _promoted(reading, examined, findings, said)
    elif examined.features[FEATURES.index("rules_end")] > 0:
        findings += _corroborating(reading, examined, findings)
    return InContext(findings, p, ())


def _weak(finding: Finding, p: float) -> bool:
    """Whether a candidate is withdrawn at this probability (below `LOW`)."""
    if finding.detector in WEAK:
        return True
    return p < PHRASE_LOW and finding.type not in KEPT_TYPES


def _corroborating(reading: Reading, examined: Examined, findings: list[Finding]) -> list[Finding]:
    """The walkouts and ultimatums under the bar of a speaker whose end-stage evidence the
    rules already keep: once someone has drawn a line, the consequence half of the same
    threat ("otherwise the slot goes elsewhere") need not clear the bar on its own. A
    sentence that holds both halves ("by Friday, or we walk") has its consequence clause
    read on its own too."""
    enders = {f.speaker for f in findings if f.type in END_SIGNALS}
    taken = {(f.turn, f.quote) for f in findings}
    turns = reading.conversation.turns
    mine = [r for r in examined.read if turns[r.turn].speaker in enders]
    ranked: list[tuple[float, int, Finding]] = []
    for item in [*mine, *_consequences(reading, mine)]:
        best = item.best_signal()
        if best is None or (item.turn, item.sentence.text) in taken:
            continue
        kind, p = best
        if kind in CORROBORATED and p >= CORROBORATE_FLOOR and end_allowed(reading, item, kind):
            backed = "the same speaker's other end-stage evidence backs it"
            ranked.append((p, item.turn, _proposed(reading, item, kind, p, backed)))
    ranked.sort(key=lambda t: (-t[0], -t[1]))
    out: list[Finding] = []
    for _, _, finding in ranked:
        if len(out) == MAX_PROMOTED:
            break
        if not any(_overlap(finding, other) for other in out):
            out.append(finding)
    return out


def _consequences(reading: Reading, read: list[ReadSentence]) -> list[ReadSentence]:
    """The consequence clauses of those sentences ("..., or we walk"), read on their own."""
    connective = reading.lexicon.phrase("consequence")
    lead = reading.lexicon.phrase("condition_lead")
    clauses: list[tuple[int, Sentence]] = []
    for item in read:
        text = item.sentence.text
        if len(text.lower()) != len(text):
            continue  # the phrases match the lower-cased text: its offsets would not fit
        match = lead.search(text)
        at = match.end() if match else -1
        if at < 0:
            match = connective.search(text)
            at = match.start() if match else -1
        raw = text[at:] if at > 0 else ""
        clause = raw.lstrip()
        if len(clause.split()) < _MIN_CLAUSE_WORDS:
            continue
        start = item.sentence.start + at + len(raw) - len(clause)
        clauses.append((item.turn, Sentence(turn=item.turn, start=start, text=clause)))
    return read_texts(clauses)


def _overlap(a: Finding, b: Finding) -> bool:
    """Whether two findings quote overlapping text of one turn."""
    a_end, b_end = a.quote_start + len(a.quote), b.quote_start + len(b.quote)
    return a.turn == b.turn and a.quote_start < b_end and b.quote_start < a_end


def _proposed(
    reading: Reading, item: ReadSentence, kind: SignalType, p: float, why: str
) -> Finding:
    """The finding a sentence under the bar makes, its explanation saying why it is proposed."""
    finding = finding_of(reading, item, kind, p)
    return replace(finding, explanation=finding.explanation.removesuffix(").") + f"; {why}).")


def _promoted(
    reading: Reading, examined: Examined, findings: list[Finding], said: str
) -> list[Finding]:
    """The other side's best sentences under the bar, as candidates for the rules."""
    taken = {(f.turn, f.quote) for f in findings}
    ranked = []
    for item in examined.read:
        best = item.best_signal()
        if best is None or (item.turn, item.sentence.text) in taken:
            continue
        kind, p = best
        if p >= FLOOR and end_allowed(reading, item, kind):
            ranked.append((p, item.turn, item, kind))
    ranked.sort(key=lambda t: (-t[0], -t[1]))
    out = []
    for p, _, item, kind in ranked[:MAX_PROMOTED]:
        out.append(_proposed(reading, item, kind, p, f"{said}, so it is proposed"))
    return out
