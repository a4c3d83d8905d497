"""`--redact`: mask personal and financial identifiers before text leaves the machine.

Email addresses (also spelled out: "dana (at) northwind (dot) com"), phone numbers in
national and international formats, IBANs (any case, with or without spaces, whatever
their check digits: a mistyped IBAN still identifies an account), payment card numbers
(checked with Luhn) and account numbers introduced by a word such as "account" or
"routing", even with words in between ("the account number is …"), are replaced with
placeholders like `[EMAIL_1]`. The same value always gets
the same placeholder within one conversation, so the model can still tell who wrote to
whom; the placeholders are put back in everything the model returns (drafts, quotes,
explanations), so the user never sees them. The values of `--private` facts are masked
by the same object (see `analyzer.private_mask`), with or without `--redact`.

Checks (IBAN country codes and digit counts, Luhn, a minimum digit count for phones,
numbers grouped in thousands or followed by a currency or unit left alone) keep prices,
dates, percentages and quantities, which are the substance of a negotiation, from being
masked. Every pattern is bounded, so redaction stays linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel

from analyzer.models import Conversation, Participant, Turn
from analyzer.private_mask import PrivateMask

M = TypeVar("M", bound=BaseModel)


class Kind(StrEnum):
    """What a placeholder stands for."""

    EMAIL = "EMAIL"
    IBAN = "IBAN"
    CARD = "CARD"
    ACCOUNT = "ACCOUNT"
    PHONE = "PHONE"


_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# Written out to get past filters: "dana (at) northwind (dot) com", "dana[at]northwind[.]com",
# "dana at northwind dot com", "dana dot reyes at northwind dot co dot uk". The repeats
# are bounded so that a long run of "x dot x dot …" costs linear time, not quadratic.
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT = rf"(?:\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*|\s+at\s+|\s*@\s*)"
_DOT = rf"(?:\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+|\.)"
_LABEL = r"[A-Za-z0-9_%+-]+"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>{_LABEL}(?:{_DOT}{_LABEL}){{0,4}})(?P<at>{_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{0,5}}{_DOT}(?P<tld>[A-Za-z]{{2,}}))(?![\w@])",
    re.IGNORECASE,
)
# Top-level domains accepted when the address is spelled with bare words ("at", "dot"),
# so that prose such as "meet at noon dot" is never taken for an address.
_TLDS = frozenset(
    """com org net edu gov mil int io co uk de fr es it nl be ch at eu us ca au nz ie pt se
    no dk fi pl cz jp cn in br mx ar info biz me app dev ai tech email online""".split()  # noqa: SIM905 - a word list reads better as text
)  # fmt: skip
# Any IBAN shape, in any case, with or without spaces, whatever its check digits: a
# mistyped IBAN still identifies an account. Country codes keep words like "FY25" out.
_IBAN = re.compile(
    r"\b(?P<country>[A-Za-z]{2})\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b"
)
_IBAN_COUNTRIES = frozenset(
    """AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE
    GI GL GR GT HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI
    NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE""".split()  # noqa: SIM905
)  # fmt: skip
_IBAN_MIN_DIGITS = 10
_CARD = re.compile(r"(?<![\d+-])\d(?:[ -]?\d){12,18}(?![\d-])")
# An account number after a label, with a few connecting words allowed between them:
# "account number: 12345678", "the account number is 12345678", "acct no. for wire: …".
_ACCOUNT_FILLER = (
    r"(?:number|numbers|no|nr|num|nummer|numero|numéro|número|n°|nº|id|is|are|ist|est|es|"
    r"for|the|our|my|your|their|wire|wires|transfer|transfers|payment|payments|deposit|"
    r"deposits|bank|details|ending|in|at|with|of|to|please|use|as|follows|below|here|"
    r"de|del|la|le|el|du|des|für|die|das|unser|unsere|ihr|ihre|notre|votre|nuestra|"
    r"nuestro|su|pour|para|por|favor|bancaire|bancaria|iban|bic)"
)
_ACCOUNT = re.compile(
    r"(?i)\b(?:account|acct|a/c|routing|sort[ -]code|bsb|konto|kontonummer|compte|cuenta)\b"
    rf"(?:[\s:#.,/-]*\b{_ACCOUNT_FILLER}\b\.?){{0,6}}[\s:#.,/-]*"
    r"(?P<number>(?<![\d$€£])\d[\d -]{4,}\d)(?![\d.,]?\d)"
    r"(?!\s*(?:%|€|\$|£|percent|units?|pieces|pcs|seats|users|licen[cs]es|hours|days|"
    r"dollars?|euros?|pounds?|usd|eur|gbp|chf|k\b|m\b))"
)
# "+44 20 7946 0958", "0044 20 7946 0958", "+33 (0)1 23 45 67 89", "(555) 123-4567",
# "555.123.4567", "+1-202-555-0143", "+49 30 1234567", "+4915112345678".
_PHONE = re.compile(
    r"(?<![\w+$€£.,])(?:\+\d{7,15}|(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}"
    r"(?:[ .-]\d{1,8}){0,5})(?![\w]|[.,]\d)"
)
_PRICE_AFTER = re.compile(
    r"\s?(?:%|€|\$|£|(?:eur|usd|gbp|chf|dollars?|euros?|pounds?|percent|units?)\b)",
    re.IGNORECASE,
)
# "1 200 000 000" or "200.000.000": a number grouped in thousands, not a phone.
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?P<sep>[ .,])\d{3}(?:(?P=sep)\d{3})*$")
_YEARS = re.compile(r"^(?:(?:19|20)\d\d[ ,/-]*)+$")  # "2026 2027 2028"
_DATE_LIKE = re.compile(r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$")
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|IBAN|CARD|ACCOUNT|PHONE)_\d+\]")


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a card number (digits only)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616 check digits (mod 97 == 1)."""
    compact = candidate.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def iban_shaped(candidate: str) -> bool:
    """Whether a string looks like an IBAN (country, check digits, account), checksum aside."""
    compact = candidate.replace(" ", "").upper()
    return (
        15 <= len(compact) <= 34
        and compact[:2] in _IBAN_COUNTRIES
        and sum(c.isdigit() for c in compact) >= _IBAN_MIN_DIGITS
    )


def _phone_ok(match: re.Match[str]) -> bool:
    text = match.group()
    digits = sum(c.isdigit() for c in text)
    if _DATE_LIKE.match(text) or _THOUSANDS.match(text) or _YEARS.match(text):
        return False
    if _PRICE_AFTER.match(match.string, match.end()):
        return False
    international = text.startswith(("+", "00"))
    if not international and not re.search(r"[ .()-]", text):
        return False  # a bare run of digits is an order number or a quantity
    # International numbers carry a prefix; without one, require a full national number.
    return 8 <= digits <= 15 if international else 9 <= digits <= 15


def _spelled_email(match: re.Match[str]) -> str | None:
    """The plain address a spelled-out one stands for, or None when it is prose."""
    at = match["at"].strip().lower()
    whole = match.group()
    if at == "at" and match["tld"].lower() not in _TLDS:
        return None
    if at == "@" and "@" in whole and not re.search(r"[\s(\[{<]", whole):
        return None  # a plain address, already handled
    dot = re.compile(_DOT, re.IGNORECASE)
    local = dot.sub(".", match["local"])
    domain = dot.sub(".", match["domain"])
    return f"{local}@{domain}".lower()


@dataclass
class Redactor:
    """Masks identifiers (with `identifiers`, i.e. `--redact`) and the values of the
    user's private facts (`private`, always) with stable placeholders, and puts them back."""

    identifiers: bool = True
    private: PrivateMask = field(default_factory=PrivateMask)
    _by_value: dict[tuple[Kind, str], str] = field(default_factory=dict)
    _by_placeholder: dict[str, str] = field(default_factory=dict)
    _counts: dict[Kind, int] = field(default_factory=dict)

    @property
    def masked(self) -> int:
        """How many distinct identifiers were masked."""
        return len(self._by_placeholder)

    def _placeholder(self, kind: Kind, value: str, key_value: str | None = None) -> str:
        if key_value is not None:
            key = (kind, key_value)
        elif kind is Kind.EMAIL:
            key = (kind, value.lower())
        elif kind is Kind.IBAN:
            key = (kind, re.sub(r"\W", "", value).upper())
        else:
            key = (kind, re.sub(r"\D", "", value) or value)
        if key not in self._by_value:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = f"[{kind.value}_{self._counts[kind]}]"
            self._by_value[key] = placeholder
            self._by_placeholder[placeholder] = value
        return self._by_value[key]

    def redact(self, text: str) -> str:
        """The text with every identifier and private value replaced by its placeholder.

        Identifiers go first, so a private amount's digits never cut a phone number or an
        IBAN in two (the whole identifier is masked, then the private values left)."""
        if self.identifiers:
            text = self._identifiers(text)
        return self.private.mask(text)

    def masked_facts(self) -> list[str]:
        """The private facts as a prompt may list them (see `PrivateMask.masked_facts`)."""
        return self.private.masked_facts(self._identifiers if self.identifiers else None)

    def _identifiers(self, text: str) -> str:
        text = _EMAIL.sub(lambda m: self._placeholder(Kind.EMAIL, m.group()), text)
        text = _SPELLED_EMAIL.sub(self._spelled, text)
        text = _IBAN.sub(
            lambda m: (
                self._placeholder(Kind.IBAN, m.group()) if iban_shaped(m.group()) else m.group()
            ),
            text,
        )
        text = _CARD.sub(self._card, text)
        text = _ACCOUNT.sub(self._account, text)
        return _PHONE.sub(
            lambda m: self._placeholder(Kind.PHONE, m.group()) if _phone_ok(m) else m.group(),
            text,
        )

    def _spelled(self, match: re.Match[str]) -> str:
        address = _spelled_email(match)
        if address is None:
            return match.group()
        return self._placeholder(Kind.EMAIL, match.group(), address)

    def _card(self, match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return self._placeholder(Kind.CARD, match.group()) if luhn_valid(digits) else match.group()

    def _account(self, match: re.Match[str]) -> str:
        start, end = match.span("number")
        whole = match.group()
        offset = match.start()
        placeholder = self._placeholder(Kind.ACCOUNT, match.group("number"))
        return whole[: start - offset] + placeholder + whole[end - offset :]

    def restore(self, text: str) -> str:
        """The text with every known placeholder replaced by the original value."""
        text = self.private.restore(text)
        return _PLACEHOLDER.sub(lambda m: self._by_placeholder.get(m.group(), m.group()), text)

    # -- whole objects ------------------------------------------------------------------

    def redact_conversation(self, conversation: Conversation) -> Conversation:
        """A copy whose text fields are masked. `source` and `spans` are dropped: they
        point into the original text, and the original must not travel with the copy."""
        r = self._optional
        turns = [
            Turn(
                index=t.index,
                speaker=self.redact(t.speaker),
                speaker_address=r(t.speaker_address),
                timestamp=t.timestamp,
                offset_s=t.offset_s,
                subject=r(t.subject),
                text=self.redact(t.text),
                signature=r(t.signature),
                boilerplate=r(t.boilerplate),
                cues=[c.model_copy(update={"text": self.redact(c.text)}) for c in t.cues],
                spans=[],
                from_quote=t.from_quote,
            )
            for t in conversation.turns
        ]
        participants = [
            Participant(
                name=self.redact(p.name),
                address=r(p.address),
                turns=p.turns,
                aliases=[self.redact(a) for a in p.aliases],
                addresses=[self.redact(a) for a in p.addresses],
            )
            for p in conversation.participants
        ]
        return conversation.model_copy(
            update={
                "turns": turns,
                "participants": participants,
                "warnings": [self.redact(w) for w in conversation.warnings],
                "source": "",
            }
        )

    def _optional(self, text: str | None) -> str | None:
        return None if text is None else self.redact(text)

    def mask_model(self, model: M) -> M:
        """A copy of a pydantic model with every identifier in its strings masked."""
        return type(model).model_validate(_map_strings(model.model_dump(), self.redact))

    def restore_model(self, model: M) -> M:
        """A copy of a pydantic model with placeholders restored in every string."""
        return type(model).model_validate(_map_strings(model.model_dump(), self.restore))


def _map_strings(value: object, fn: Callable[[str], str]) -> object:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    if isinstance(value, tuple):
        return tuple(_map_strings(v, fn) for v in value)
    return value
