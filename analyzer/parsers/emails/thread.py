"""Pasted email threads (format `email_text`): Gmail, Outlook, Apple Mail, Lotus Notes...

The thread is split into its messages (`splitter.py`), signatures are split off and
repeated messages merged (`assemble.py`), and the turns come out oldest first, the last
being the newest message. Spans index the pasted text itself. Text with no structure at
all (no header, no quote header, no `>` quoting) is one message by an unknown speaker,
returned as `plain` with a warning, its signature still split off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.build import build_conversation, display_name
from analyzer.parsers.collector import gc_paused
from analyzer.parsers.emails.addresses import HeaderMeta, parse_address
from analyzer.parsers.emails.assemble import (
    Part,
    chronological,
    dedupe,
    directory,
    parts_of,
    to_drafts,
)
from analyzer.parsers.emails.crediting import credit_signers
from analyzer.parsers.emails.inline import move_inline_answers
from analyzer.parsers.emails.line_table import LineTable
from analyzer.parsers.emails.patterns import VALEDICTION_SET
from analyzer.parsers.emails.raw_message import RawMessage
from analyzer.parsers.emails.signoff import signoff_name
from analyzer.parsers.emails.splitter import split_messages
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import fold, goes_by, same_person, tokens
from analyzer.parsers.titles import TITLES

NO_STRUCTURE_WARNING = (
    "no email headers, quote markers or speaker labels were found; the text was "
    "read as one message by an unknown speaker. Name the speaker with "
    "'Name: text' lines, or paste the full thread with its headers."
)
_SNIFF_LINES = 4000
_SIGN_OFF_WINDOW = 12
_PEOPLE_WINDOW = 400  # the messages right below the newest one name its sender


@dataclass(slots=True)
class ThreadParse:
    """A parsed thread with the details the conversation model does not carry."""

    conversation: Conversation
    messages: list[Part]  # every message found, newest first, before de-duplication

    @property
    def quote_headers(self) -> list[str]:
        """The header text of every quoted or forwarded message found."""
        return [m.header for m in self.messages if m.header]


def _structured(raws: list[RawMessage]) -> bool:
    return len(raws) > 1 or any(r.header or r.quoted or r.quote_header for r in raws)


def _infer_sender(table: LineTable, raws: list[RawMessage]) -> HeaderMeta | None:
    """The newest message's sender, when a paste starts without a header.

    Its sign-off usually names one of the thread's other participants ("Marcus" after
    messages from "Webb, Marcus"): the last such line, read from the bottom, names the
    sender. Greetings ("Dana,") end with a comma and are skipped.
    """
    newest = raws[0]
    stated = (newest.meta.name or newest.meta.address) and not newest.meta.inferred
    if newest.level or stated:
        return None
    people: dict[str, HeaderMeta] = {}
    shared: set[str] = set()  # first names two people share: they name neither
    for raw in raws[1:_PEOPLE_WINDOW]:
        for meta in (raw.meta, raw.quote_meta):
            if meta is not None and meta.name:
                shown = display_name(meta.name, meta.address)
                people.setdefault(shown.lower(), meta)
                first = shown.split()[0].lower()
                known = people.setdefault(first, meta)
                if display_name(known.name, known.address) != shown:
                    shared.add(first)
    for first in shared:
        del people[first]
    tail = [i for i in newest.lines[-_SIGN_OFF_WINDOW:] if not table.blank(i)]
    for i in reversed(tail):
        line = table.text(i).strip()
        if len(line) > 60 or line.endswith(","):
            continue
        name = line.split("|")[0].strip().strip(".!-—").lower()
        if name in people:
            found = people[name]
            return HeaderMeta(name=found.name, address=found.address)
    return _signed_name(table, tail)


def _signed_name(table: LineTable, tail: list[int]) -> HeaderMeta | None:
    """A full name signed under a closing formula ("Bonne journée,\n\nThomas Girard")."""
    for k, i in enumerate(tail[:-1]):
        if table.text(i).strip().rstrip(",.! ").lower() not in VALEDICTION_SET:
            continue
        candidate = table.text(tail[k + 1]).strip()
        words = candidate.split()
        if (
            2 <= len(words) <= 4
            and len(candidate) <= 40
            and all(
                w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words
            )
        ):
            return HeaderMeta(name=candidate) if is_personal(candidate) else None
    return None


def _recipient_of_answered(raws: list[RawMessage]) -> HeaderMeta | None:
    """The single "To:" of the message right below the newest one: its likely author."""
    # An empty separator ("Forwarded by ...") is not the message answered: skip it.
    below = next((r for r in raws[1:] if r.level == 0 and r.header and (r.lines or r.quoted)), None)
    if below is None or not below.meta.recipient:
        return None
    name, address = parse_address(below.meta.recipient)
    if not (name or address):
        return None
    return HeaderMeta(name=name, address=address)


# Words a greeting opens with, folded like the words they are compared with; a title is no
# name either ("Sehr geehrte Frau Kovač", "Dear Cllr Hughes").
_GREETING_WORDS = frozenset(
    map(
        fold,
        [
            "hi", "hello", "hey", "dear", "hallo", "hola", "bonjour", "salut", "ciao", "liebe",
            "lieber", "sehr", "geehrte", "geehrter", "estimado", "estimada", "buenos", "días",
            "good", "morning", "afternoon", "thanks", "thank", "you",
        ],
    )
) | TITLES  # fmt: skip


def _greeted(table: LineTable, raw: RawMessage) -> tuple[str, ...] | None:
    """The name a message opens by greeting ("Hi Tom,", "Dana -", "Sehr geehrte Frau
    Kovač,", "Hi Tom, any news?"), as name tokens: whoever it greets did not write it."""
    first = next(
        (table.text(i).strip("\ufeff\u200b \t") for i in raw.lines if not table.blank(i)), ""
    )
    head = first.split(",", 1)[0] if "," in first else first
    if not head or len(head) > 40 or (head == first and not first.endswith((":", "!", "-", "—"))):
        return None
    words = [w for w in head.rstrip(":!-— ").split() if fold(w).strip(".") not in _GREETING_WORDS]
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return None
    return tokens(" ".join(words)) or None


_NAME_LIST = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")


def _greets_several(table: LineTable, raw: RawMessage) -> bool:
    """Whether a message opens by greeting two people or more ("Helen, Victor,", "Hi
    Helen and Victor,", "Hola Ana y Luis:")."""
    first = next((table.text(i).strip() for i in raw.lines if not table.blank(i)), "")
    if not first or len(first) > 50 or not first.endswith((",", ":", "!", "-", "—")):
        return False
    head = first.rstrip(",:!-— ")
    words = head.split()
    while words and fold(words[0]).strip(".,") in _GREETING_WORDS:
        words.pop(0)
    names = [n for n in _NAME_LIST.split(" ".join(words)) if n]
    return len(names) >= 2 and all(
        1 <= len(n.split()) <= 2 and all(w[:1].isupper() for w in n.split()) for n in names
    )


def _greets(greeted: tuple[str, ...] | None, meta: HeaderMeta) -> bool:
    if not greeted:
        return False
    person = tokens(display_name(meta.name, meta.address))
    return bool(person) and (goes_by(greeted[0], person) or greeted[-1] == person[-1])


def _same(one: HeaderMeta, other: HeaderMeta) -> bool:
    if one.address and other.address and one.address.lower() == other.address.lower():
        return True
    return same_person(display_name(one.name, one.address), display_name(other.name, other.address))


def _other_party(raws: list[RawMessage], below: HeaderMeta) -> HeaderMeta | None:
    """In a thread between two people, the one who did not write the message answered."""
    people: list[HeaderMeta] = []
    for raw in raws[1:_PEOPLE_WINDOW]:
        for meta in (raw.meta, raw.quote_meta):
            if meta is None or not (meta.name or meta.address):
                continue
            if not any(_same(meta, p) for p in people):
                people.append(meta)
                if len(people) > 2:
                    return None
    if len(people) != 2:
        return None
    others = [p for p in people if not _same(below, p)]
    if len(others) != 1:
        return None
    return HeaderMeta(name=others[0].name, address=others[0].address, inferred=True)


def _greeted_by(table: LineTable, raws: list[RawMessage], below: HeaderMeta) -> HeaderMeta | None:
    """The person the message answered greets ("Dana,"): the one who answers it."""
    answered = next((r for r in raws[1:] if r.meta is below), None)
    greeted = _greeted(table, answered) if answered is not None else None
    if not greeted or _greets(greeted, below):
        return None
    return HeaderMeta(name=" ".join(w.capitalize() for w in greeted), inferred=True)


def _answered(raws: list[RawMessage]) -> HeaderMeta | None:
    """Who wrote the message the newest one answers: the one it quotes ("On ... Dana
    wrote:"), else the next message pasted below it."""
    quoted = raws[0].quote_meta
    if quoted is not None and (quoted.name or quoted.address):
        return quoted
    below = (r for r in raws[1:] if r.level == 0 and (r.meta.name or r.meta.address) and r.lines)
    return next((r.meta for r in below), None)


def _guess_writer(table: LineTable, raws: list[RawMessage]) -> HeaderMeta | None:
    """The newest message's writer when nothing names it: the recipient of the message
    it answers, else the other party of a two-person thread; but a message that greets
    that person ("Hi Tom, any news?") is a follow-up by the writer of the message below."""
    below = _answered(raws)
    guess = _recipient_of_answered(raws)
    if guess is None and below is not None:
        answered = next((r for r in raws[1:] if r.meta is below), None)
        if answered is not None and _greets_several(table, answered):
            return None  # "Helen, Victor," - either of them may have answered
        guess = _other_party(raws, below) or _greeted_by(table, raws, below)
    if guess is None:
        return None
    guess.inferred = True
    greeted = _greeted(table, raws[0])
    if below is not None and _greets(greeted, guess) and not _greets(greeted, below):
        return HeaderMeta(name=below.name, address=below.address, inferred=True)
    return guess


def _named_in_headers(raws: list[RawMessage], name: str) -> bool:
    """Whether a header of the thread names `name` ("Aan: Sanne de Vries <...>")."""
    wanted = tokens(name)
    return any(
        tokens(n) == wanted
        for raw in raws[1:]
        for n, _ in [(raw.meta.name, raw.meta.address), *raw.meta.people()]
        if n
    )


def sniff(text: str) -> bool:
    """Whether the text carries email structure: a quote header, headers or `>` quoting."""
    head = text[:200_000]
    cut = head.rfind("\n") if len(text) > len(head) else len(head)
    table = LineTable(head, 0, max(cut, 0))
    if len(table) > _SNIFF_LINES:
        table = LineTable(head, 0, table.starts[_SNIFF_LINES])
    return _structured(split_messages(table))


def parse_details(text: str, *, sender: HeaderMeta | None = None) -> ThreadParse:
    """Parse a pasted thread, keeping per-message details (headers, all copies).

    `sender` names the author of the newest message when the paste does not (it helps
    recognise a signature that starts with their name).
    """
    with gc_paused():
        return _parse_details(text, sender)


def _parse_details(text: str, sender: HeaderMeta | None) -> ThreadParse:
    table = LineTable(text)
    raws = split_messages(table)
    warnings: list[str] = []
    guessed: str | None = None  # the newest message's writer, guessed from the thread
    headless = any(not table.blank(i) for i in raws[0].lines)  # text above any header
    if sender is None and len(raws) > 1 and headless:
        inferred = _infer_sender(table, raws)
        # A sign-off naming the writer ("Thanks, Phillip") is read once signatures are
        # split (`credit_signers`); only without one is the recipient guessed.
        signed = signoff_name([table.text(i) for i in raws[0].lines[-_SIGN_OFF_WINDOW:]])
        if inferred is None and not (raws[0].meta.name or raws[0].meta.address or signed):
            inferred = _guess_writer(table, raws)
            if inferred is not None and raws[0].level == 0:
                guessed = display_name(inferred.name, inferred.address)
        full = signed is not None and len(signed.split()) >= 2  # a first name alone stays text
        if inferred is None and full and not (raws[0].meta.name or raws[0].meta.address):
            # "Met vriendelijke groet,\nSanne de Vries": the sign-off names the writer,
            # and lets the signature be recognised as theirs.
            alone = not _named_in_headers(raws, signed or "")  # nothing else names them
            inferred = HeaderMeta(name=signed, inferred=True, from_signoff=alone)
        if inferred is not None and raws[0].level == 0:
            raws[0].meta = inferred
    parts = parts_of(table, raws, sender)
    move_inline_answers(text, parts)
    if not _structured(raws):
        drafts = to_drafts([p for p in parts if p.text.strip()][:1])
        for draft in drafts:
            draft.speaker, draft.speaker_address, draft.from_quote = None, None, False
        conversation = build_conversation(InputFormat.PLAIN, text, drafts, [NO_STRUCTURE_WARNING])
    else:
        # Signers are read once per message, after its copies are merged.
        unique = dedupe(parts)
        credit_signers(unique)
        if guessed and display_name(raws[0].meta.name, raws[0].meta.address) == guessed:
            warnings.append(  # said only if no name the message closes with replaced it
                f"the newest message has no sender line or sign-off; it was attributed "
                f"to {guessed}, from the message it answers."
            )
        ordered = chronological(unique)
        conversation = build_conversation(
            InputFormat.EMAIL_TEXT, text, to_drafts(ordered), warnings, directory=directory(parts)
        )
    if not conversation.turns:
        raise ParseError(
            "no message text was found: the input holds only signatures, headers or "
            "empty quotes; paste the messages themselves."
        )
    return ThreadParse(conversation=conversation, messages=parts)


def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse a pasted thread into turns, oldest first (see the module docstring)."""
    return parse_details(text).conversation
