"""The one definition of the framework's vocabulary.

Stages, signal types, end types, causes and strategies, each with a one-line definition,
and the tables that tie them together (which signals belong to which stage, which
strategies fit which stage and end type). The UI, the CLI, the prompts, the rules and the
docs all read from here, so the vocabulary cannot drift between them.

The framework is Richard Shell's advice on negotiation impasses (Wharton Executive
Negotiation Workshop): diagnose *where* the impasse happens before choosing a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where in the negotiation the current impasse happens."""

    BEGINNING = "beginning"
    MIDDLE = "middle"
    END = "end"
    NONE = "none"


class EndType(StrEnum):
    """The two kinds of end-stage impasse."""

    FIRM = "firm"
    SOFT = "soft"


class SignalType(StrEnum):
    """What a party says (or does not say) that shows an impasse."""

    NO_RESPONSE = "no_response"
    SCHEDULING_AVOIDANCE = "scheduling_avoidance"
    HANDOFF_OR_DELAY = "handoff_or_delay"
    ALTERNATIVE_SHOPPING = "alternative_shopping"
    TOPIC_AVOIDANCE = "topic_avoidance"
    AUTHORITY_LIMIT = "authority_limit"
    DISCOMFORT = "discomfort"
    EXPECTATION_SHIFT = "expectation_shift"
    NEW_INFORMATION = "new_information"
    PRECEDENT_OR_POLICY = "precedent_or_policy"
    ULTIMATUM = "ultimatum"
    WALKOUT = "walkout"
    WEASEL_WORDS = "weasel_words"


class Cause(StrEnum):
    """Hypotheses about why the impasse happens (offered, never asserted)."""

    BUILDING_ALTERNATIVE = "building_alternative"
    PERSONNEL_CHANGE = "personnel_change"
    INTERNAL_POLITICS = "internal_politics"
    PRECEDENT_OR_PRINCIPLE = "precedent_or_principle"
    AUTHORITY_CONSTRAINT = "authority_constraint"
    SENSITIVE_ISSUE = "sensitive_issue"
    EXPECTATION_SHIFT = "expectation_shift"
    EMOTIONAL_DISPLAY = "emotional_display"
    GENUINE_DEALBREAKER = "genuine_dealbreaker"
    POSSIBLE_BLUFF = "possible_bluff"


class Strategy(StrEnum):
    """The moves the framework recommends."""

    TAP_NETWORK = "tap_network"
    LOWER_THE_STAKES = "lower_the_stakes"
    SEEK_SMALL_ADVANCE = "seek_small_advance"
    EMPATHY_STATEMENT = "empathy_statement"
    REVEAL_OWN_CONSTRAINT = "reveal_own_constraint"
    TRIAL_BALLOON = "trial_balloon"
    PROBE_UNDERLYING_REASONS = "probe_underlying_reasons"
    RELABEL_ISSUE = "relabel_issue"
    REFOCUS_ON_END_STATE = "refocus_on_end_state"
    CHANGE_MEDIUM = "change_medium"
    CALL_THE_QUESTION = "call_the_question"
    ASK_TIMING = "ask_timing"
    ASK_AUTHORITY = "ask_authority"
    PROPOSE_BREAK = "propose_break"
    UNDERSTAND_THE_WALKOUT = "understand_the_walkout"
    CONTROL_INFORMATION = "control_information"


@dataclass(frozen=True, slots=True)
class Term:
    """A vocabulary entry: its id, a short label for people, and a one-line definition."""

    id: str
    label: str
    definition: str


STAGES: dict[Stage, Term] = {
    Stage.BEGINNING: Term(
        "beginning",
        "Beginning",
        "No substantive negotiation yet: the other side will not engage, reply, or commit "
        "to a time or place to meet.",
    ),
    Stage.MIDDLE: Term(
        "middle",
        "Middle",
        "Terms are on the table and momentum stalls on one issue.",
    ),
    Stage.END: Term(
        "end",
        "End",
        "Near closing, someone declares a dealbreaker, issues a final offer or walks out.",
    ),
    Stage.NONE: Term("none", "No impasse", "The conversation shows no current impasse."),
}

END_TYPES: dict[EndType, Term] = {
    EndType.FIRM: Term(
        "firm",
        "Firm",
        "A true dealbreaker: they will not return unless one specific demand is met.",
    ),
    EndType.SOFT: Term(
        "soft",
        "Soft",
        "The same posture, hedged with weasel words about time or authority that leave a "
        "door open.",
    ),
}

SIGNALS: dict[SignalType, Term] = {
    SignalType.NO_RESPONSE: Term(
        "no_response",
        "No response",
        "The other side does not answer; our side sends follow-up after follow-up.",
    ),
    SignalType.SCHEDULING_AVOIDANCE: Term(
        "scheduling_avoidance",
        "Scheduling avoidance",
        "Will not commit to a specific time or place to meet (vague 'sometime', 'busy right now').",
    ),
    SignalType.HANDOFF_OR_DELAY: Term(
        "handoff_or_delay",
        "Hand-off or delay",
        "Defers to someone else, a role change or a later date, without a reason.",
    ),
    SignalType.ALTERNATIVE_SHOPPING: Term(
        "alternative_shopping",
        "Alternative shopping",
        "Hints at other options or competitors, often to buy time or leverage.",
    ),
    SignalType.TOPIC_AVOIDANCE: Term(
        "topic_avoidance",
        "Topic avoidance",
        "Refuses to discuss an issue or changes the subject ('let's park that').",
    ),
    SignalType.AUTHORITY_LIMIT: Term(
        "authority_limit",
        "Authority limit",
        "Says they lack the authority to discuss or decide the issue.",
    ),
    SignalType.DISCOMFORT: Term(
        "discomfort",
        "Discomfort",
        "Hedging, unease, or a tone turning short or cold around one issue.",
    ),
    SignalType.EXPECTATION_SHIFT: Term(
        "expectation_shift",
        "Expectation shift",
        "Their expectations or requirements change part-way through.",
    ),
    SignalType.NEW_INFORMATION: Term(
        "new_information",
        "New information",
        "A new fact surfaces that changes the deal.",
    ),
    SignalType.PRECEDENT_OR_POLICY: Term(
        "precedent_or_policy",
        "Precedent or policy",
        "Bound by a policy, a principle or a refusal given to someone else before.",
    ),
    SignalType.ULTIMATUM: Term(
        "ultimatum",
        "Ultimatum",
        "A demand stated as the condition for the deal to go on ('final offer', 'have "
        "this or we walk').",
    ),
    SignalType.WALKOUT: Term(
        "walkout",
        "Walkout",
        "Ends, or threatens to end, the talks.",
    ),
    SignalType.WEASEL_WORDS: Term(
        "weasel_words",
        "Weasel words",
        "Hedged finality that leaves a door open ('at this time', 'no authority to go "
        "further', 'right now').",
    ),
}

CAUSES: dict[Cause, Term] = {
    Cause.BUILDING_ALTERNATIVE: Term(
        "building_alternative",
        "Building an alternative",
        "They may be buying time to improve their alternatives and leverage.",
    ),
    Cause.PERSONNEL_CHANGE: Term(
        "personnel_change",
        "Personnel change",
        "Your counterpart may be changing roles and waiting to hand the deal off.",
    ),
    Cause.INTERNAL_POLITICS: Term(
        "internal_politics",
        "Internal politics",
        "Pressure inside their organisation (a boss favouring a competitor) they cannot "
        "talk about.",
    ),
    Cause.PRECEDENT_OR_PRINCIPLE: Term(
        "precedent_or_principle",
        "Precedent or principle",
        "They refused the same term to someone else, or feel bound in principle.",
    ),
    Cause.AUTHORITY_CONSTRAINT: Term(
        "authority_constraint",
        "Authority constraint",
        "The decision sits with someone your counterpart answers to.",
    ),
    Cause.SENSITIVE_ISSUE: Term(
        "sensitive_issue",
        "Sensitive issue",
        "The issue is a hot button for reasons not yet said.",
    ),
    Cause.EXPECTATION_SHIFT: Term(
        "expectation_shift",
        "Shifted expectations",
        "What they need from the deal has changed since the talks began.",
    ),
    Cause.EMOTIONAL_DISPLAY: Term(
        "emotional_display",
        "Emotional display",
        "A walkout or ultimatum meant to show how serious they are.",
    ),
    Cause.GENUINE_DEALBREAKER: Term(
        "genuine_dealbreaker",
        "Genuine dealbreaker",
        "The stated condition may be real: below it the deal is worse than their alternative.",
    ),
    Cause.POSSIBLE_BLUFF: Term(
        "possible_bluff",
        "Possible bluff",
        "The firm line may be a tactic to extract a last concession.",
    ),
}

STRATEGIES: dict[Strategy, Term] = {
    Strategy.TAP_NETWORK: Term(
        "tap_network",
        "Tap their network",
        "Ask someone near them (an assistant, a colleague, a mutual contact) what is "
        "happening behind the scenes.",
    ),
    Strategy.LOWER_THE_STAKES: Term(
        "lower_the_stakes",
        "Lower the stakes",
        "Reframe the ask from 'a proposal' to 'researching the market' and ask for a few minutes.",
    ),
    Strategy.SEEK_SMALL_ADVANCE: Term(
        "seek_small_advance",
        "Seek a small advance",
        "Ask for one small next step and use it to learn their needs and decision process.",
    ),
    Strategy.EMPATHY_STATEMENT: Term(
        "empathy_statement",
        "Empathy statement",
        "Acknowledge the issue is hard for them, ask why it is sensitive, offer to work around it.",
    ),
    Strategy.REVEAL_OWN_CONSTRAINT: Term(
        "reveal_own_constraint",
        "Reveal a constraint of your own",
        "Build trust by sharing a problem on your side and making common cause.",
    ),
    Strategy.TRIAL_BALLOON: Term(
        "trial_balloon",
        "Trial balloon",
        "A conditional move: you might move on an issue they value if they would move on "
        "the tough one.",
    ),
    Strategy.PROBE_UNDERLYING_REASONS: Term(
        "probe_underlying_reasons",
        "Probe the underlying reasons",
        "Ask questions that get at why the issue is a hot button.",
    ),
    Strategy.RELABEL_ISSUE: Term(
        "relabel_issue",
        "Relabel the issue",
        "Give the issue another label, e.g. an option for year two instead of a concession today.",
    ),
    Strategy.REFOCUS_ON_END_STATE: Term(
        "refocus_on_end_state",
        "Refocus on the end state",
        "Step back to what success must look like for them at the end of the deal.",
    ),
    Strategy.CHANGE_MEDIUM: Term(
        "change_medium",
        "Change the medium",
        "Widen the channel: from email to a call, from a call to meeting in person.",
    ),
    Strategy.CALL_THE_QUESTION: Term(
        "call_the_question",
        "Call the question",
        "Restate 'everything else but this means the deal is over?' and ask them to "
        "confirm, to test for a bluff.",
    ),
    Strategy.ASK_TIMING: Term(
        "ask_timing",
        "Ask about timing",
        "Ask what time frame would be better to revisit the issue.",
    ),
    Strategy.ASK_AUTHORITY: Term(
        "ask_authority",
        "Ask about authority",
        "Ask with whom you should be dealing on this issue.",
    ),
    Strategy.PROPOSE_BREAK: Term(
        "propose_break",
        "Propose a break",
        "Suggest pausing and getting back together later.",
    ),
    Strategy.UNDERSTAND_THE_WALKOUT: Term(
        "understand_the_walkout",
        "Understand the walkout",
        "Ask what is behind the walkout; treat it as a display of seriousness.",
    ),
    Strategy.CONTROL_INFORMATION: Term(
        "control_information",
        "Control information",
        "Prepare for impasses; hold key details back until the timing is right.",
    ),
}


# Which stages a signal type can evidence. A signal outside the analysis's stage is
# evidence of an earlier (or different) impasse, not of the current one.
SIGNAL_STAGES: dict[SignalType, frozenset[Stage]] = {
    SignalType.NO_RESPONSE: frozenset({Stage.BEGINNING}),
    SignalType.SCHEDULING_AVOIDANCE: frozenset({Stage.BEGINNING}),
    SignalType.HANDOFF_OR_DELAY: frozenset({Stage.BEGINNING}),
    SignalType.ALTERNATIVE_SHOPPING: frozenset({Stage.BEGINNING, Stage.MIDDLE}),
    SignalType.TOPIC_AVOIDANCE: frozenset({Stage.MIDDLE}),
    SignalType.AUTHORITY_LIMIT: frozenset({Stage.MIDDLE, Stage.END}),
    SignalType.DISCOMFORT: frozenset({Stage.MIDDLE}),
    SignalType.EXPECTATION_SHIFT: frozenset({Stage.MIDDLE}),
    SignalType.NEW_INFORMATION: frozenset({Stage.MIDDLE}),
    SignalType.PRECEDENT_OR_POLICY: frozenset({Stage.MIDDLE, Stage.END}),
    SignalType.ULTIMATUM: frozenset({Stage.END}),
    SignalType.WALKOUT: frozenset({Stage.END}),
    SignalType.WEASEL_WORDS: frozenset({Stage.END}),
}

# Signals that put the negotiation at its end (rule 3) unless a later turn resolves them.
END_SIGNALS: frozenset[SignalType] = frozenset(
    {SignalType.ULTIMATUM, SignalType.WALKOUT, SignalType.WEASEL_WORDS}
)
# Signals that put a meeting or the talks off (a date settles them; at the end they hedge).
DEFERRAL_SIGNALS: frozenset[SignalType] = frozenset(
    {SignalType.SCHEDULING_AVOIDANCE, SignalType.HANDOFF_OR_DELAY}
)

# Strategies recommended for each stage; at the end, per end type. `control_information`
# fits any impasse (and is the only move allowed when there is none).
_ANY: tuple[Strategy, ...] = (Strategy.CONTROL_INFORMATION,)
STAGE_STRATEGIES: dict[Stage, tuple[Strategy, ...]] = {
    Stage.BEGINNING: (
        Strategy.SEEK_SMALL_ADVANCE,
        Strategy.LOWER_THE_STAKES,
        Strategy.TAP_NETWORK,
        *_ANY,
    ),
    Stage.MIDDLE: (
        Strategy.EMPATHY_STATEMENT,
        Strategy.PROBE_UNDERLYING_REASONS,
        Strategy.TRIAL_BALLOON,
        Strategy.RELABEL_ISSUE,
        Strategy.REVEAL_OWN_CONSTRAINT,
        Strategy.REFOCUS_ON_END_STATE,
        Strategy.CHANGE_MEDIUM,
        Strategy.SEEK_SMALL_ADVANCE,
        *_ANY,
    ),
    Stage.NONE: _ANY,
}
END_STRATEGIES: dict[EndType, tuple[Strategy, ...]] = {
    EndType.FIRM: (
        Strategy.CALL_THE_QUESTION,
        Strategy.UNDERSTAND_THE_WALKOUT,
        *_ANY,
    ),
    EndType.SOFT: (
        Strategy.ASK_TIMING,
        Strategy.ASK_AUTHORITY,
        Strategy.PROPOSE_BREAK,
        Strategy.UNDERSTAND_THE_WALKOUT,
        *_ANY,
    ),
}


def allowed_strategies(stage: Stage, end_type: EndType | None) -> tuple[Strategy, ...]:
    """Strategies that fit a stage (and, at the end, an end type), in default rank order.

    An end-stage impasse whose type is unknown gets only the moves that fit both types.
    """
    if stage is Stage.END:
        if end_type is None:
            firm, soft = END_STRATEGIES[EndType.FIRM], END_STRATEGIES[EndType.SOFT]
            return tuple(s for s in firm if s in soft)
        return END_STRATEGIES[end_type]
    return STAGE_STRATEGIES[stage]


def forbidden_strategies(stage: Stage, end_type: EndType | None) -> tuple[Strategy, ...]:
    """Every strategy outside `allowed_strategies(stage, end_type)`."""
    allowed = set(allowed_strategies(stage, end_type))
    return tuple(s for s in Strategy if s not in allowed)


def strategy_stages(strategy: Strategy) -> list[str]:
    """Human-readable list of where a strategy fits ("middle", "end (soft)")."""
    places = [st.value for st, moves in STAGE_STRATEGIES.items() if strategy in moves]
    places += [f"end ({et.value})" for et, moves in END_STRATEGIES.items() if strategy in moves]
    if strategy is Strategy.CONTROL_INFORMATION:
        return ["any"]
    return places


def as_markdown() -> str:
    """The vocabulary as Markdown tables (docs/taxonomy.md is generated from this)."""
    lines = ["# The impasse vocabulary", "", "Generated from `analyzer/taxonomy.py`.", ""]
    lines += ["## Stages", "", "| id | meaning |", "|---|---|"]
    lines += [f"| `{t.id}` | {t.definition} |" for t in STAGES.values()]
    lines += ["", "## Signals", "", "| id | stages | meaning |", "|---|---|---|"]
    for signal, term in SIGNALS.items():
        stages = ", ".join(s.value for s in Stage if s in SIGNAL_STAGES[signal])
        lines.append(f"| `{term.id}` | {stages} | {term.definition} |")
    lines += ["", "## End types", "", "| id | meaning |", "|---|---|"]
    lines += [f"| `{t.id}` | {t.definition} |" for t in END_TYPES.values()]
    lines += ["", "## Likely causes", "", "| id | meaning |", "|---|---|"]
    lines += [f"| `{t.id}` | {t.definition} |" for t in CAUSES.values()]
    lines += ["", "## Strategies", "", "| id | fits | what it is |", "|---|---|---|"]
    for strategy, term in STRATEGIES.items():
        lines.append(
            f"| `{term.id}` | {', '.join(strategy_stages(strategy))} | {term.definition} |"
        )
    return "\n".join(lines) + "\n"
