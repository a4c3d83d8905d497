"""Realistic threads with their diagnoses, for the draft tests.

Each case is a conversation (built as the parsers build them) and the checked analysis
the framework would give it: stage, end type, grounded signals and the fitting
strategies. The drafting layer is tested on these without depending on the detectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.analysis import Analysis, EngineName, Side, SideHow, Signal
from analyzer.drafting import add_drafts as _add_drafts
from analyzer.drafting import check_drafts as _check_drafts
from analyzer.drafting.rules import apply_draft_rules as _apply_draft_rules
from analyzer.framework.rules import Rule
from analyzer.framework.strategies import rank_strategies
from analyzer.models import Conversation, InputFormat
from analyzer.options import AnalyzeOptions
from analyzer.parsers.build import TurnDraft, build_conversation
from analyzer.reading import Reading, build_reading
from analyzer.taxonomy import EndType, SignalType, Stage, Strategy


@dataclass(frozen=True)
class Case:
    """One thread: who speaks, what they say, and the diagnosis."""

    name: str
    language: str
    fmt: InputFormat
    us: str
    them: str
    turns: tuple[tuple[str, str], ...]  # (speaker, text)
    stage: Stage
    end_type: EndType | None
    signals: tuple[tuple[SignalType, int, str], ...]  # (type, turn, quote)


def conversation(case: Case) -> Conversation:
    """The conversation of a case, with spans into a source text."""
    source = ""
    drafts: list[TurnDraft] = []
    for speaker, text in case.turns:
        start = len(source)
        source += text
        drafts.append(TurnDraft(speaker=speaker, spans=[(start, len(source))]))
        source += "\n\n"
    return build_conversation(case.fmt, source, drafts)


def analysis(case: Case, **update: object) -> Analysis:
    """The checked diagnosis of a case."""
    signals = [
        Signal(
            type=kind,
            speaker=case.them,
            turn=turn,
            quote=quote,
            explanation="test evidence",
        )
        for kind, turn, quote in case.signals
    ]
    assert all(s.quote in case.turns[s.turn][1] for s in signals), case.name
    result = Analysis(
        source=case.name,
        engine=EngineName.OFFLINE,
        language=case.language,
        impasse=case.stage is not Stage.NONE,
        stage=case.stage,
        end_type=case.end_type,
        confidence=0.8,
        side=Side(us=[case.us], them=[case.them], how=SideHow.OPTION),
        signals=signals,
        strategies=rank_strategies(case.stage, case.end_type, signals),
    )
    return result.model_copy(update=update)


T = SignalType
EMAIL, VTT = InputFormat.EMAIL_TEXT, InputFormat.VTT

MSA_CAP = Case(
    "msa_cap", "en", EMAIL, "Jordan Pike", "Chidi Okonkwo",
    (
        ("Chidi Okonkwo", "Attached are our redlines on the MSA, including the standard liability language in 11.2."),
        ("Jordan Pike", "We can accept most changes. The one we can't take is unlimited liability; our insurers cap us at 2x fees."),
        ("Chidi Okonkwo", "I hear you on the cap, but honestly liability is above my pay grade. Let's park the cap for now and go through the rate card on Monday."),
    ),
    Stage.MIDDLE, None,
    ((T.AUTHORITY_LIMIT, 2, "liability is above my pay grade"), (T.TOPIC_AVOIDANCE, 2, "Let's park the cap for now")),
)  # fmt: skip
SAAS_FINAL = Case(
    "saas_final", "en", EMAIL, "Nikhil Rao", "Stephanie Wu",
    (
        ("Nikhil Rao", "Our renewal proposal is $198,000 for three years, all modules."),
        ("Stephanie Wu", "Our final position is $184,000 for the three-year term. If that price does not work, we will sign with the other vendor on Friday."),
    ),
    Stage.END, EndType.FIRM,
    ((T.ULTIMATUM, 1, "Our final position is $184,000 for the three-year term."),),
)  # fmt: skip
EXCLUSIVITY_SOFT = Case(
    "exclusivity_soft", "en", EMAIL, "Maya Brooks", "Owen Hart",
    (
        ("Maya Brooks", "Could we settle the exclusivity for the northern region this week?"),
        ("Owen Hart", "We cannot continue these discussions at this time. I have no authority to talk about exclusivity any further."),
    ),
    Stage.END, EndType.SOFT,
    ((T.WEASEL_WORDS, 1, "We cannot continue these discussions at this time."), (T.AUTHORITY_LIMIT, 1, "I have no authority to talk about exclusivity any further.")),
)  # fmt: skip
RENEWAL_SILENT = Case(
    "renewal_silent", "en", EMAIL, "Priya Shah", "Tom Baker",
    (
        ("Tom Baker", "Happy to look at the renewal sometime, just busy right now."),
        ("Priya Shah", "Could we find 20 minutes next week to walk through the renewal?"),
        ("Priya Shah", "Just following up on my note about the renewal."),
    ),
    Stage.BEGINNING, None,
    ((T.SCHEDULING_AVOIDANCE, 0, "just busy right now"), (T.NO_RESPONSE, 2, "Just following up on my note about the renewal.")),
)  # fmt: skip
ESCROW_CALL = Case(
    "escrow_call", "en", VTT, "Nadia Rossi", "Victor Hale",
    (
        ("Nadia Rossi", "Can we talk about the escrow amount again?"),
        ("Victor Hale", "We're not in a position to move on the escrow for now. I think we should leave it there for today."),
    ),
    Stage.END, EndType.SOFT,
    ((T.WEASEL_WORDS, 1, "We're not in a position to move on the escrow for now."), (T.WALKOUT, 1, "I think we should leave it there for today.")),
)  # fmt: skip
DE_MIETE = Case(
    "de_miete", "de", EMAIL, "Elisabeth Gruber", "Thomas Pichler",
    (
        ("Elisabeth Gruber", "Offen ist für uns nach wie vor die Wertsicherung: eine jährliche Anpassung zu 100 % nach VPI ist nicht kalkulierbar."),
        ("Thomas Pichler", "Über die Wertsicherung möchte ich derzeit nicht sprechen. Das ist Sache der Eigentümerin."),
    ),
    Stage.MIDDLE, None,
    ((T.TOPIC_AVOIDANCE, 1, "Über die Wertsicherung möchte ich derzeit nicht sprechen."), (T.AUTHORITY_LIMIT, 1, "Das ist Sache der Eigentümerin.")),
)  # fmt: skip
FR_TRANSPORT = Case(
    "fr_transport", "fr", EMAIL, "Nicolas Perrin", "Hervé Blanchard",
    (
        ("Nicolas Perrin", "Nous vous proposons une hausse de 3,5 % sur les tarifs."),
        ("Hervé Blanchard", "Notre position est la suivante : 7 % au 1er janvier, c'est à prendre ou à laisser."),
    ),
    Stage.END, EndType.FIRM,
    ((T.ULTIMATUM, 1, "c'est à prendre ou à laisser"),),
)  # fmt: skip
ES_FLETE = Case(
    "es_flete", "es", EMAIL, "Elena Castro", "Ignacio Ruiz",
    (
        ("Elena Castro", "Le proponemos un 2,5 % sobre la tarifa actual."),
        ("Ignacio Ruiz", "Por ahora no podemos bajar de 1,45 € por kilómetro. No depende de mí."),
    ),
    Stage.END, EndType.SOFT,
    ((T.WEASEL_WORDS, 1, "Por ahora no podemos bajar de 1,45 € por kilómetro."), (T.AUTHORITY_LIMIT, 1, "No depende de mí.")),
)  # fmt: skip
NO_IMPASSE = Case(
    "agreed", "en", EMAIL, "Dana Reyes", "Sam Lee",
    (
        ("Dana Reyes", "Shall we confirm 120 per seat for three years?"),
        ("Sam Lee", "Agreed, send over the paperwork."),
    ),
    Stage.NONE, None, (),
)  # fmt: skip

IMPASSES = (
    MSA_CAP,
    SAAS_FINAL,
    EXCLUSIVITY_SOFT,
    RENEWAL_SILENT,
    ESCROW_CALL,
    DE_MIETE,
    FR_TRANSPORT,
    ES_FLETE,
)
ENGLISH = tuple(c for c in IMPASSES if c.language == "en")


def reading_of(analysis: Analysis, conversation: Conversation) -> Reading:
    """The reading the pipeline would build for this analysis (its side and language)."""
    language = analysis.language if analysis.language in {"en", "de", "fr", "es"} else "en"
    return build_reading(conversation, analysis.side, language)


def add_drafts(
    analysis: Analysis,
    conversation: Conversation,
    options: AnalyzeOptions,
    *,
    only: list[Strategy] | None = None,
) -> Analysis:
    """`analyzer.drafting.add_drafts` on the conversation's reading."""
    return _add_drafts(analysis, reading_of(analysis, conversation), options, only=only)


def check_drafts(
    analysis: Analysis, conversation: Conversation, options: AnalyzeOptions
) -> Analysis:
    """`analyzer.drafting.check_drafts` on the conversation's reading."""
    return _check_drafts(analysis, reading_of(analysis, conversation), options)


def apply_draft_rules(
    analysis: Analysis, conversation: Conversation, rules: list[Rule] | tuple[Rule, ...]
) -> Analysis:
    """`apply_draft_rules` on the conversation's reading."""
    return _apply_draft_rules(analysis, reading_of(analysis, conversation), rules)
