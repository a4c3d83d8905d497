"""Draft rules 6 and 7, with the same interface as the diagnosis rules.

Rule 6 (drafts fit their strategy): a trial balloon is conditional; an empathy statement
acknowledges and asks; a call-the-question draft restates "everything else but this"
and asks for confirmation; timing and authority questions end by asking; and no draft
promises a concession without a condition. Rule 7 (information control): no draft
reveals a fact the user marked private.

A draft that breaks a rule is repaired once when the caller can offer another phrasing
(the offline templates can; a model's draft is re-asked by the LLM chain instead), and
is otherwise withheld. Every draft's outcome is a `Check` naming its strategy, and no
check ever quotes a private fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analyzer.analysis import Analysis, Check, CheckStatus, Draft, DraftStatus, excerpt
from analyzer.drafting import text as draft_text
from analyzer.drafting.private import PrivateFact, compile_facts, revealed
from analyzer.drafting.templates import LanguagePack, load_pack, template_languages
from analyzer.framework.rules import Outcome, Rule
from analyzer.options import AnalyzeOptions
from analyzer.reading import Reading
from analyzer.taxonomy import Strategy

S = Strategy

# Given a draft and a test a phrasing must pass, another phrasing that passes, or None.
Repair = Callable[[Draft, Callable[[str], bool]], Draft | None]

# What each strategy's draft must do, beyond making no unconditional concession.
_NEEDS: dict[Strategy, tuple[str, ...]] = {
    S.TRIAL_BALLOON: ("conditional", "condition_link"),
    S.EMPATHY_STATEMENT: ("acknowledge", "question"),
    S.CALL_THE_QUESTION: ("everything_else", "last_question"),
    S.ASK_TIMING: ("time_question", "last_question"),
    S.ASK_AUTHORITY: ("who_question", "last_question"),
    S.UNDERSTAND_THE_WALKOUT: ("question",),
    S.PROBE_UNDERLYING_REASONS: ("question",),
    S.SEEK_SMALL_ADVANCE: ("question",),
    S.LOWER_THE_STAKES: ("question",),
}
_WHAT: dict[str, str] = {
    "conditional": "is not conditional (no 'might', 'could', 'if')",
    "condition_link": "does not tie the move to one from them ('if you would be open to')",
    "acknowledge": "does not acknowledge the difficulty",
    "question": "asks no question",
    "everything_else": "does not restate 'everything else but this'",
    "last_question": "does not end by asking for an answer",
    "time_question": "does not ask about timing",
    "who_question": "does not ask who decides",
}


def _pack(language: str) -> LanguagePack:
    return load_pack(language if language in template_languages() else "en")


def unconditional_concessions(text: str, language: str) -> list[str]:
    """The sentences of a draft that promise a concession with no condition or hedge."""
    checks = _pack(language).checks
    return [
        p.text
        for p in draft_text.body_pieces(text)
        if checks["concession"].search(p.text) and not checks["hedge"].search(p.text)
    ]


def fit_problems(strategy: Strategy, text: str, language: str) -> list[str]:
    """What keeps a draft from doing what its strategy asks (empty when it fits)."""
    checks = _pack(language).checks
    body = draft_text.body_pieces(text)
    questions = [p.text for p in body if draft_text.is_question(p.text)]
    whole = " ".join(p.text for p in body)
    problems: list[str] = []
    for need in _NEEDS.get(strategy, ()):
        if need == "question":
            ok = bool(questions)
        elif need == "last_question":
            ok = bool(body) and draft_text.is_question(body[-1].text)
        elif need == "time_question":
            ok = any(checks["time_words"].search(q) for q in questions)
        elif need == "who_question":
            ok = any(checks["who_words"].search(q) for q in questions)
        elif need == "condition_link":
            ok = bool(checks["condition_link"].search(whole))
        else:
            ok = bool(checks[need].search(whole))
        if not ok:
            problems.append(_WHAT[need])
    for sentence in unconditional_concessions(text, language):
        problems.append(f"makes an unconditional concession (\u201c{excerpt(sentence, 70)}\u201d)")
    return problems


def _withheld(draft: Draft, why: str) -> Draft:
    return draft.model_copy(
        update={"status": DraftStatus.WITHHELD, "text": f"{why} Write this one yourself."}
    )


@dataclass(frozen=True, slots=True)
class DraftsFitStrategy:
    """Rule 6: each ready draft does what its strategy asks and concedes nothing freely."""

    repair: Repair | None = None
    id: str = "R6.drafts_fit_strategy"

    def check(self, analysis: Analysis, ctx: Reading) -> Outcome:
        drafts: list[Draft] = []
        checks: list[Check] = []
        for draft in analysis.drafts:
            if draft.status is DraftStatus.WITHHELD:
                drafts.append(draft)
                continue
            name = draft.strategy.value
            problems = fit_problems(draft.strategy, draft.text, draft.language)
            if not problems:
                drafts.append(draft)
                checks.append(self._check(CheckStatus.PASS, f"{name} draft fits its strategy."))
                continue
            what = "; ".join(problems)
            fixed = self._repaired(draft)
            if fixed is not None:
                drafts.append(fixed)
                checks.append(self._check(
                    CheckStatus.FIXED, f"{name} draft {what}; replaced by another phrasing."
                ))  # fmt: skip
                continue
            drafts.append(_withheld(draft, f"Withheld: the {name} draft {what}."))
            checks.append(self._check(CheckStatus.DROPPED, f"{name} draft {what}; withheld."))
        return analysis.model_copy(update={"drafts": drafts}), checks

    def _repaired(self, draft: Draft) -> Draft | None:
        if self.repair is None:
            return None
        return self.repair(draft, lambda t: not fit_problems(draft.strategy, t, draft.language))

    def _check(self, status: CheckStatus, detail: str) -> Check:
        return Check(rule=self.id, status=status, detail=detail)


@dataclass(frozen=True, slots=True)
class InformationControl:
    """Rule 7: no draft reveals a private fact; the sentence goes, or the draft is withheld."""

    private: Sequence[str] = ()
    repair: Repair | None = None
    id: str = "R7.information_control"
    _facts: list[PrivateFact] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_facts", compile_facts(list(self.private)))

    def check(self, analysis: Analysis, ctx: Reading) -> Outcome:
        if not self._facts:
            return analysis, [
                self._check(CheckStatus.PASS, f"{d.strategy.value} draft: no fact marked private.")
                for d in analysis.drafts
                if d.status is DraftStatus.READY
            ]
        drafts: list[Draft] = []
        checks: list[Check] = []
        for draft in analysis.drafts:
            if draft.status is DraftStatus.WITHHELD:
                drafts.append(draft)
                continue
            new, check = self._one(draft)
            drafts.append(new)
            checks.append(check)
        return analysis.model_copy(update={"drafts": drafts}), checks

    def scrub(self, text: str) -> tuple[str, list[PrivateFact]]:
        """The text without the pieces that reveal a private fact, and the facts found."""
        kept: list[draft_text.Piece] = []
        found: list[PrivateFact] = []
        for piece in draft_text.pieces(text):
            hits = revealed(piece.text, self._facts)
            if hits:
                found += [f for f in hits if f not in found]
            else:
                kept.append(piece)
        return draft_text.join(kept, text), found

    def clean(self, text: str) -> bool:
        """Whether a text reveals no private fact at all."""
        return not any(revealed(p.text, self._facts) for p in draft_text.pieces(text))

    def _one(self, draft: Draft) -> tuple[Draft, Check]:
        name = draft.strategy.value
        scrubbed, found = self.scrub(draft.text)
        if not found:
            return draft, self._check(
                CheckStatus.PASS,
                f"{name} draft reveals none of the {len(self._facts)} private fact(s).",
            )
        which = ", ".join(f.label for f in found)
        body_left = draft_text.body_pieces(scrubbed)
        if body_left and not fit_problems(draft.strategy, scrubbed, draft.language):
            return draft.model_copy(update={"text": scrubbed}), self._check(
                CheckStatus.FIXED,
                f"{name} draft reveals a private fact ({which}); the sentence(s) were removed.",
            )
        if self.repair is not None:
            other = self.repair(
                draft,
                lambda t: self.clean(t) and not fit_problems(draft.strategy, t, draft.language),
            )
            if other is not None:
                return other, self._check(
                    CheckStatus.FIXED,
                    f"{name} draft reveals a private fact ({which}); replaced by another phrasing.",
                )
        return _withheld(
            draft, f"Withheld: the {name} draft could not be written without revealing {which}."
        ), self._check(
            CheckStatus.DROPPED, f"{name} draft reveals a private fact ({which}); withheld."
        )  # fmt: skip

    def _check(self, status: CheckStatus, detail: str) -> Check:
        return Check(rule=self.id, status=status, detail=detail)


def draft_rules(private: Sequence[str], repair: Repair | None = None) -> tuple[Rule, ...]:
    """Rules 6 then 7: fit first, so the information check sees the final phrasing."""
    return (
        DraftsFitStrategy(repair=repair),
        InformationControl(private=tuple(private), repair=repair),
    )


def apply_draft_rules(analysis: Analysis, reading: Reading, rules: Sequence[Rule]) -> Analysis:
    """Run draft rules and append their checks."""
    found: list[Check] = []
    for rule in rules:
        analysis, checks = rule.check(analysis, reading)
        found += checks
    return analysis.model_copy(update={"checks": [*analysis.checks, *found]})


def check_drafts(analysis: Analysis, reading: Reading, options: AnalyzeOptions) -> Analysis:
    """Check drafts written elsewhere (by a model): no repair here, the caller re-asks."""
    if not analysis.impasse:
        kept = [d for d in analysis.drafts if d.strategy is Strategy.CONTROL_INFORMATION]
        analysis = analysis.model_copy(update={"drafts": kept})
    return apply_draft_rules(analysis, reading, draft_rules(options.private))
