"""`--redact`: mask personal and financial identifiers before text leaves the machine.

Email addresses, phone numbers, IBANs (checked with ISO 7064 mod 97), payment card
numbers (checked with Luhn) and account numbers introduced by a word such as "account"
or "routing" are replaced with placeholders like `[EMAIL_1]`. The same value always gets
the same placeholder within one conversation, so the model can still tell who wrote to
whom; the placeholders are put back in everything the model returns (drafts, quotes,
explanations), so the user never sees them.

Checks (IBAN checksum, Luhn, a minimum digit count for phones) keep prices, dates and
quantities, which are the substance of a negotiation, from being masked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel

from analyzer.models import Conversation, Participant, Turn

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
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_ACCOUNT = re.compile(
    r"(?i)\b(?:account|acct|a/c|routing|sort[ -]code|bsb|konto|compte|cuenta)"
    r"(?:\s*(?:number|no\.?|nr\.?|num\.?|#))?\s*[:#]?\s*"
    r"(?P<number>\d[\d -]{4,}\d)"
)
# "+44 20 7946 0958", "(555) 123-4567", "555.123.4567", "+1-202-555-0143".
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,5}){1,4}(?![\w])"
)
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


def _phone_ok(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    if _DATE_LIKE.match(text):
        return False
    # International numbers carry a '+'; without one, require a full national number.
    return 8 <= digits <= 15 if text.startswith("+") else 9 <= digits <= 15


@dataclass
class Redactor:
    """Masks identifiers with stable placeholders and puts them back."""

    _by_value: dict[tuple[Kind, str], str] = field(default_factory=dict)
    _by_placeholder: dict[str, str] = field(default_factory=dict)
    _counts: dict[Kind, int] = field(default_factory=dict)

    @property
    def masked(self) -> int:
        """How many distinct values were masked."""
        return len(self._by_placeholder)

    def _placeholder(self, kind: Kind, value: str) -> str:
        key = (kind, value.lower() if kind is Kind.EMAIL else re.sub(r"\D", "", value) or value)
        if key not in self._by_value:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = f"[{kind.value}_{self._counts[kind]}]"
            self._by_value[key] = placeholder
            self._by_placeholder[placeholder] = value
        return self._by_value[key]

    def redact(self, text: str) -> str:
        """The text with every identifier replaced by its placeholder."""
        text = _EMAIL.sub(lambda m: self._placeholder(Kind.EMAIL, m.group()), text)
        text = _IBAN.sub(
            lambda m: (
                self._placeholder(Kind.IBAN, m.group()) if iban_valid(m.group()) else m.group()
            ),
            text,
        )
        text = _CARD.sub(self._card, text)
        text = _ACCOUNT.sub(self._account, text)
        return _PHONE.sub(
            lambda m: (
                self._placeholder(Kind.PHONE, m.group()) if _phone_ok(m.group()) else m.group()
            ),
            text,
        )

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
                cues=[c.model_copy(update={"text": self.redact(c.text)}) for c in t.cues],
                spans=[],
                from_quote=t.from_quote,
            )
            for t in conversation.turns
        ]
        participants = [
            Participant(name=self.redact(p.name), address=r(p.address), turns=p.turns)
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
