"""The offline drafter: fills the language's templates from what the thread holds.

For each recommended strategy it picks one phrasing, deterministically from the thread
(counterpart, issue, signals, tone), so the same thread always gets the same draft and
two threads rarely get the same phrasing. The medium follows the input: an email reply
(greeting, a short body, sign-off) for an email thread, talking points for a call. The
draft rules then check every draft; a draft that fails is given another phrasing once,
or withheld.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from analyzer.analysis import Analysis, Check, CheckStatus, Draft
from analyzer.drafting.context import DraftContext, Medium, draft_context, first_name
from analyzer.drafting.rules import apply_draft_rules, draft_rules
from analyzer.drafting.templates import (
    Audience,
    LanguagePack,
    Variant,
    load_pack,
    template_languages,
)
from analyzer.drafting.text import word_count
from analyzer.framework.rules import Rule
from analyzer.options import AnalyzeOptions, Tone
from analyzer.reading import Reading
from analyzer.taxonomy import Strategy

# Emails shorter than this read as curt; bridging sentences fill them out.
MIN_EMAIL_WORDS = 60

# Strategies whose draft must end on its question: no closing pleasantry after it.
_ENDS_ASKING = frozenset({Strategy.CALL_THE_QUESTION, Strategy.ASK_TIMING, Strategy.ASK_AUTHORITY})


class Writer:
    """Renders the phrasings of one thread's drafts in one language and tone."""

    def __init__(self, pack: LanguagePack, ctx: DraftContext, tone: Tone, private: bool) -> None:
        self.pack = pack
        self.ctx = ctx
        self.tone = tone
        self.private = private
        self.words = pack.tones[tone]

    # -- choosing ------------------------------------------------------------------------

    def variants(self, strategy: Strategy) -> list[Variant]:
        """The phrasings that suit this tone and medium, the thread's own choice first."""
        every = self.pack.strategies[strategy].variants
        eligible = [v for v in every if self.tone in v.tones and self.ctx.medium.value in v.media]
        eligible = eligible or list(every)
        start = self.ctx.pick(f"{strategy.value}|{self.tone.value}", len(eligible))
        return eligible[start:] + eligible[:start]

    def _one(self, options: Sequence[str], salt: str) -> str:
        return options[self.ctx.pick(f"{salt}|{self.tone.value}", len(options))]

    # -- filling -------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        full = self.ctx.counterpart
        name = first_name(full) if self.pack.name_style == "first" else full
        values = {
            "name": name or self.pack.them,
            "full": full or self.pack.them,
        }
        for key, (with_label, without) in self.pack.issue_forms.items():
            values[key] = with_label.format(label=self.ctx.issue) if self.ctx.issue else without
        return values

    def _fill(self, template: str) -> str:
        return template.format_map(self._values())

    def _signature(self) -> str | None:
        if not self.ctx.user:
            return None
        return first_name(self.ctx.user) if self.pack.name_style == "first" else self.ctx.user

    # -- rendering -----------------------------------------------------------------------

    def render(self, strategy: Strategy, variant: Variant) -> str:
        """One draft's text in the thread's medium."""
        audience = self.pack.strategies[strategy].audience
        sentences = [(role, self._fill(text)) for role, text in variant.lines]
        if audience is Audience.SELF:
            return self._note(sentences)
        if self.ctx.medium is Medium.CALL:
            return self._talking_points(strategy, audience, sentences)
        return self._email(strategy, audience, sentences)

    def _note(self, sentences: list[tuple[str, str]]) -> str:
        lines = [self.pack.headers["self_header"], *(f"- {s}" for _, s in sentences)]
        if self.private:
            lines.append(f"- {self.pack.notes['private'][0]}")
        return "\n".join(lines)

    def _email(
        self, strategy: Strategy, audience: Audience, sentences: list[tuple[str, str]]
    ) -> str:
        values = self._values()
        body = " ".join(s for _, s in sentences)
        if audience is Audience.NETWORK:
            greeting = self._one(self.pack.network_greeting, "greeting")
            opener = self._one(self.pack.notes["network_opener"], "opener")
            closer: str | None = self._one(self.pack.notes["network_closer"], "closer")
        else:
            if self.ctx.counterpart:
                greeting = self._one(self.words.greeting, "greeting").format_map(values)
            else:
                greeting = self._one(self.pack.greeting_unknown, "greeting")
            openers = self.words.opener_replied if self.ctx.replied else self.words.opener_silent
            opener = self._one(openers, f"opener|{strategy.value}")
            closer = (
                None
                if strategy in _ENDS_ASKING
                else self._one(self.words.closer, f"closer|{strategy.value}")
            )
        signoff = self._one(self.words.signoff, "signoff")
        signature = self._signature()
        ending = f"{signoff}\n{signature}" if signature else signoff
        bridges = (
            self.pack.notes["network_bridge"] if audience is Audience.NETWORK else self.words.bridge
        )
        start = self.ctx.pick(f"bridge|{strategy.value}", len(bridges))
        queue = [self._fill(b) for b in bridges[start:] + bridges[:start]]
        lead = opener
        while True:
            parts = [greeting, f"{lead} {body}", *([closer] if closer else []), ending]
            text = "\n\n".join(parts)
            # A very short email reads as curt: add a bridging sentence or two.
            if word_count(text) >= MIN_EMAIL_WORDS or not queue:
                return text
            lead = f"{lead} {queue.pop(0)}"

    def _talking_points(
        self, strategy: Strategy, audience: Audience, sentences: list[tuple[str, str]]
    ) -> str:
        values = self._values()
        left, right = self.pack.quotes
        known = self.ctx.counterpart is not None
        if audience is Audience.NETWORK:
            header = self.pack.headers["network_header" if known else "network_header_unknown"]
            points: list[tuple[str, str]] = []
        else:
            header = self.pack.headers["header" if known else "header_unknown"]
            opener = self._one(self.words.call_opener, f"call_opener|{strategy.value}")
            points = [("open", opener)]
        points += sentences
        lines = [header.format_map(values)]
        for role, sentence in points:
            cue = self.pack.cues.get(role, self.pack.cues["say"]).format_map(values)
            lines.append(f"- {cue}: {left}{sentence}{right}")
        return "\n".join(lines)

    def repair(self, strategy: Strategy) -> Callable[[Draft, Callable[[str], bool]], Draft | None]:
        """Another phrasing of the strategy that passes `accept`, for the draft rules."""

        def other(draft: Draft, accept: Callable[[str], bool]) -> Draft | None:
            for variant in self.variants(strategy):
                text = self.render(strategy, variant)
                if text != draft.text and accept(text):
                    return draft.model_copy(update={"text": text})
            return None

        return other


def draft_language(analysis: Analysis, options: AnalyzeOptions) -> str:
    """The language to write in: the one asked for, else the conversation's, else English."""
    available = template_languages()
    for language in (options.language, analysis.language):
        if language and language in available:
            return language
    return "en"


def add_drafts(
    analysis: Analysis,
    reading: Reading,
    options: AnalyzeOptions,
    *,
    only: Sequence[Strategy] | None = None,
) -> Analysis:
    """Write a checked draft for each recommended strategy (or those in `only`).

    With no impasse there is nothing to answer (rule 8): the only draft is a note on the
    next step. Every draft passes rules 6 and 7, is repaired once, or is withheld.
    """
    language = draft_language(analysis, options)
    pack = load_pack(language)
    notices = list(analysis.notices)
    if language not in {analysis.language, options.language}:
        notices.append(
            f"no draft templates for language {analysis.language!r}; drafts are in English."
        )
    ctx = draft_context(analysis, reading.conversation, pack)
    writer = Writer(pack, ctx, options.tone, private=bool(options.private))
    checks: list[Check] = []
    if not analysis.impasse:
        text = "\n".join(
            [pack.headers["self_header"], *(f"- {line}" for line in pack.notes["next_step"])]
        )
        drafts = [Draft(strategy=Strategy.CONTROL_INFORMATION, text=text, language=language)]
        checks.append(Check(
            rule="R8.no_impasse_no_invention", status=CheckStatus.PASS,
            detail="no impasse: no reply drafts, only a note on the next step.",
        ))  # fmt: skip
        update = {"drafts": drafts, "checks": [*analysis.checks, *checks], "notices": notices}
        checked = analysis.model_copy(update=update)
        return apply_draft_rules(checked, reading, draft_rules(options.private))
    wanted = [s.id for s in analysis.strategies if only is None or s.id in only]
    drafts = []
    for strategy in wanted:
        audience = pack.strategies[strategy].audience
        text = writer.render(strategy, writer.variants(strategy)[0])
        addressed = ctx.counterpart if audience is Audience.COUNTERPART else None
        # "this point" stands in for an issue the thread did not name: the user fills it in.
        unnamed = ctx.issue is None and any(
            without in text for _, without in pack.issue_forms.values() if without
        )
        drafts.append(
            Draft(
                strategy=strategy,
                text=text,
                language=language,
                addressed_to=addressed,
                gaps=["issue"] if unnamed else [],
            )
        )
    result = analysis.model_copy(update={"drafts": drafts, "notices": notices})
    for strategy in wanted:
        # Each strategy's draft is checked with a repair that knows its other phrasings.
        rules = draft_rules(options.private, repair=writer.repair(strategy))
        result = _check_one(result, reading, rules, strategy)
    return result


def _check_one(
    analysis: Analysis,
    reading: Reading,
    rules: Sequence[Rule],
    strategy: Strategy,
) -> Analysis:
    mine = [d for d in analysis.drafts if d.strategy is strategy]
    others = [d for d in analysis.drafts if d.strategy is not strategy]
    alone = analysis.model_copy(update={"drafts": mine})
    checked = apply_draft_rules(alone, reading, rules)
    order = [d.strategy for d in analysis.drafts]
    drafts = sorted([*others, *checked.drafts], key=lambda d: order.index(d.strategy))
    return checked.model_copy(update={"drafts": drafts})
