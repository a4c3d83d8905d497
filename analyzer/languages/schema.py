"""The shape of a language pack's files, checked when they are loaded.

Each file of `analyzer/languages/<lang>/` has a model here: `lexicon.toml` (`LexiconFile`),
`language.toml` (`LanguageFile`) and `drafts.toml` (`DraftsFile`). Unknown keys are errors,
so a misspelt key fails loudly instead of being ignored. The list-shaped values use the
types below, whose errors read as plain requirements ("must be a list of lists"): their
`ValueError` messages are what `pack` reports after the file and the key.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeGuard

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
)

from analyzer.options import Tone
from analyzer.taxonomy import SignalType, Strategy


def _is_strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _strings(value: object) -> tuple[str, ...]:
    if not _is_strings(value):
        raise ValueError("must be a list of strings")
    return tuple(value)


def _string_or_strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not _is_strings(value):
        raise ValueError("must be a string or a list of strings")
    return tuple(value)


def _lists_of_strings(value: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(_is_strings(group) for group in value):
        raise ValueError("must be a list of lists")
    return tuple(tuple(group) for group in value)


def _pair(value: object) -> tuple[str, str]:
    if not _is_strings(value) or len(value) != 2:
        raise ValueError("must be a pair of strings")
    return (value[0], value[1])


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not all(_is_strings(p) and len(p) == 2 for p in value):
        raise ValueError("must be a list of [role, sentence] pairs")
    return tuple((p[0], p[1]) for p in value)


Strings = Annotated[tuple[str, ...], BeforeValidator(_strings)]
StringOrStrings = Annotated[tuple[str, ...], BeforeValidator(_string_or_strings)]
ListsOfStrings = Annotated[tuple[tuple[str, ...], ...], BeforeValidator(_lists_of_strings)]
Pair = Annotated[tuple[str, str], BeforeValidator(_pair)]
Pairs = Annotated[tuple[tuple[str, str], ...], BeforeValidator(_pairs)]


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- lexicon.toml ---------------------------------------------------------------------


class LexiconMeta(_Table):
    """`[meta]`: the language code (the folder's name) and its common function words."""

    language: StrictStr
    stopwords: Strings = ()


class DetectorTable(_Table):
    """One `[[detector]]` table (see `lexicon.DetectorSpec` for what each key does)."""

    id: StrictStr
    signal: SignalType
    match: Strings
    with_: ListsOfStrings = Field(default=(), alias="with")
    unless: Strings = ()
    skip_questions: StrictBool = False
    explanation: StrictStr
    weight: StrictFloat | StrictInt = 0.7
    end_hint: Literal["soft", "firm"] | None = None
    needs_terms: StrictBool | None = None


class SentenceWords(_Table):
    """`[sentences]`: where a sentence does not end, and when a question only asks for a nod."""

    # Lower-case words a period follows without ending the sentence ("Mr.", "z.b", "p.ej").
    abbreviations: Strings = ()
    # Abbreviations only before a number ("No. 5", "Nr. 12"): "That is a no. We stop." ends.
    number_abbreviations: Strings = ()
    # Patterns of the tag after a comma that makes a question a statement (", right?").
    tag_questions: Strings = ()


class AddressWords(_Table):
    """`[address]`: how a message greets someone, so the name after it can be read."""

    greetings: Strings = ()  # patterns: "hi", "good (?:morning|afternoon)"
    titles: Strings = ()  # patterns between the greeting and the name: "mr\\.?", "herr"
    # Lower-case words that keep a display name whole ("Dr. Lee", not "Dr.").
    name_titles: Strings = ()
    # Lower-case courtesy titles a contact name keeps before a surname ("Mrs Carter").
    courtesy_titles: Strings = ()
    # Patterns besides the greetings that open a reply to someone by name ("thanks").
    thanks: Strings = ()
    # Lower-case words after a greeting or a thanks that name no one ("zusammen", "sir").
    not_names: Strings = ()


class AcceptanceWords(_Table):
    """`[acceptance]`: words that make an acceptance something else (a condition, a
    goodbye, an approval that has not happened, a refusal)."""

    contrasts: Strings = ()  # patterns after a comma or a dash: ", but"
    provisos: Strings = ()  # patterns: "as long as", "provided (?:that|we|you)"
    condition_starts: Strings = ()  # lower-case openings: "if "
    condition_near_start: Strings = ()  # lower-case words within the first 40 characters
    goodbyes: Strings = ()  # patterns: "thanks", "talk (?:soon|later)"
    not_now: Strings = ()  # patterns: "not yet", "last (?:year|time)"
    refusals: Strings = ()  # lower-case phrases: "cannot accept"


class MailWords(_Table):
    """`[mail]`: public email providers (their users are not colleagues of one another)."""

    public_domains: Strings = ()
    # Patterns of a message handing over to a contact block below it ("details below").
    handovers: Strings = ()


class LexiconFile(_Table):
    """`lexicon.toml`: phrase groups and detectors, and the words the readers share."""

    meta: LexiconMeta
    phrases: dict[str, Strings] = Field(default_factory=dict)
    detector: tuple[DetectorTable, ...] = ()
    sentences: SentenceWords = SentenceWords()
    address: AddressWords = AddressWords()
    acceptance: AcceptanceWords = AcceptanceWords()
    mail: MailWords = MailWords()


# --- language.toml --------------------------------------------------------------------


class LanguageMeta(_Table):
    """`[meta]` of `language.toml`: how a counterpart is named and quoted."""

    name_style: Literal["first", "full"]
    quote_open: StrictStr
    quote_close: StrictStr
    them: StrictStr


class IssueTerm(_Table):
    """One `[[issue.terms]]` entry: an issue's label in drafts and the patterns that find it."""

    label: StrictStr
    match: StringOrStrings


class IssueTable(_Table):
    """`[issue]`: the placeholders' forms and the issues a thread gets stuck on."""

    forms: dict[str, Pair]
    terms: tuple[IssueTerm, ...]


class EmailTable(_Table):
    """`[email]`: greetings when the counterpart is unknown, or a network contact."""

    greeting_unknown: StringOrStrings
    network_greeting: StringOrStrings


class ToneTable(_Table):
    """`[tone.<tone>]`: what a tone adds around the body of an email or a call."""

    greeting: StringOrStrings
    signoff: StringOrStrings
    opener_replied: StringOrStrings
    opener_silent: StringOrStrings
    call_opener: StringOrStrings
    closer: StringOrStrings
    bridge: StringOrStrings


class ToneTables(_Table):
    """`[tone]`: one table per `--tone`."""

    neutral: ToneTable
    warm: ToneTable
    firm: ToneTable

    def of(self, tone: Tone) -> ToneTable:
        """The table of one tone."""
        tables: dict[Tone, ToneTable] = {
            Tone.NEUTRAL: self.neutral,
            Tone.WARM: self.warm,
            Tone.FIRM: self.firm,
        }
        return tables[tone]


class LanguageFile(_Table):
    """`language.toml`: the frame of a draft and the draft rules' patterns."""

    meta: LanguageMeta
    issue: IssueTable
    email: EmailTable
    call: dict[str, StrictStr]
    cues: dict[str, StrictStr]
    notes: dict[str, StringOrStrings]
    tone: ToneTables
    checks: dict[str, StringOrStrings]


# --- drafts.toml ----------------------------------------------------------------------


class VariantTable(_Table):
    """One `[[<strategy>.variants]]` phrasing."""

    lines: Pairs
    tones: tuple[Tone, ...] = tuple(Tone)
    media: tuple[Literal["email", "call"], ...] = ("email", "call")


class StrategyTable(_Table):
    """`[<strategy>]`: who the draft is for and its phrasings."""

    audience: Literal["counterpart", "network", "self"] = "counterpart"
    variants: tuple[VariantTable, ...]


class DraftsFile(RootModel[dict[Strategy, StrategyTable]]):
    """`drafts.toml`: one table per strategy."""

    model_config = ConfigDict(frozen=True)
