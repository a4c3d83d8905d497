"""From split messages to turns: signatures off, duplicates merged, oldest first.

A message quoted several times (each reply quoting the whole history) appears once: two
messages are the same when their words match (case, punctuation and line wrapping
ignored) and their senders do not contradict each other. The copy kept is the first in
reading order, completed with what the other copies know (sender, date, subject), and
a message sent as is wins over its quoted copies. A reply that quotes only some lines of
a message the file holds (cut, re-wrapped, with or without its "On ... wrote:" line) holds
a copy of that message too, not a message of its own, and so is a `>` excerpt with no
header that a note quotes from a message the file holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import pairwise

from analyzer.parsers.build import TurnDraft
from analyzer.parsers.emails.addresses import HeaderMeta, parse_address
from analyzer.parsers.emails.line_table import LineTable
from analyzer.parsers.emails.raw_message import RawMessage
from analyzer.parsers.emails.signatures import banner_end, disclaimer_start, signature_start
from analyzer.parsers.names import same_person

_NON_WORD = re.compile(r"[\W_]+")
_SIGNATURE_WINDOW = 80
_BANNER_WINDOW = 12


@lru_cache(maxsize=8192)
def _words(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


@dataclass(slots=True)
class Part:
    """One message, ready to become a turn."""

    meta: HeaderMeta
    header: str | None
    spans: list[tuple[int, int]]
    text: str
    signature: str | None
    boilerplate: str | None
    from_quote: bool
    quoted: bool  # recovered from `>`-quoted history (as opposed to pasted below)
    cut_for: str | None = None  # the sender known when the signature was split off

    def key(self) -> str:
        """The words of the message, for duplicate detection."""
        return _words(self.text)


@lru_cache(maxsize=8192)  # quoted history repeats the same messages many times
def _signature_cut(
    texts: tuple[str, ...], name: str | None, address: str | None, keep_signoff: bool
) -> int:
    return signature_start(list(texts), name, address, keep_signoff=keep_signoff)


# Gmail's stand-in for a collapsed quote, in the four analysis languages.
_HIDDEN_QUOTE = frozenset(
    {
        "[quoted text hidden]",
        "[zitierter text ausgeblendet]",
        "[texte des messages précédents masqué]",
        "[texto citado oculto]",
        "- show quoted text -",
    }
)


def _before_hidden_quote(texts: list[str]) -> int:
    """Where the "[Quoted text hidden]" lines closing a message begin (len(texts) if
    none): a placeholder, not anyone's words, kept with the boilerplate."""
    end = len(texts)
    found = False
    while end > 0:
        line = texts[end - 1].strip().lower()
        if line and line not in _HIDDEN_QUOTE:
            break
        found = found or bool(line)
        end -= 1
    return end if found else len(texts)


def to_part(
    table: LineTable, raw: RawMessage, *, from_quote: bool, sender: HeaderMeta | None = None
) -> Part:
    """Split banners, legal footer and signature off a message; compute spans and text."""
    t = table
    lines = raw.lines
    head = [t.text(i) for i in lines[:_BANNER_WINDOW]]
    top = banner_end(head)
    # Signatures sit at the end: only the tail is examined, keeping this linear.
    tail_from = max(top, len(lines) - _SIGNATURE_WINDOW)
    texts = [t.text(i) for i in lines[tail_from:]]
    foot = disclaimer_start(texts[: _before_hidden_quote(texts)])
    who = sender or raw.meta
    # A delegate's signature names her, not the principal the header names.
    names = " ".join(n for n in (who.name, who.delegate) if n) or None
    # No header names the writer, of this message or of the thread (an address at most, or
    # the name its own sign-off gives): a bare sign-off is all that names them, and stays
    # in the text ("Braxton" above "Sent from Mail for Windows 10").
    unnamed = sender is None and not raw.header and (not who.name or who.from_signoff)
    cut = tail_from + _signature_cut(tuple(texts[:foot]), names, who.address, unnamed)
    body = lines[top:cut]
    start, end = 0, len(body)
    while start < end and t.blank(body[start]):
        start += 1
    while end > start and t.blank(body[end - 1]):
        end -= 1
    spans: list[tuple[int, int]] = []
    starts, ends = t.starts, t.ends
    at = 0
    for i in body[start:end]:
        if i < 0:
            spans.append((at, at))
        else:
            at = ends[i]
            spans.append((starts[i], at))
    source = t.source
    text = "\n".join([source[a:b] for a, b in spans])
    signature = "\n".join(texts[cut - tail_from : foot]).strip("\n") or None
    boilerplate = "\n\n".join(
        piece
        for piece in ("\n".join(head[:top]).strip("\n"), "\n".join(texts[foot:]).strip("\n"))
        if piece
    )
    return Part(
        meta=raw.meta,
        header=raw.header,
        spans=spans,
        text=text,
        signature=signature,
        boilerplate=boilerplate or None,
        from_quote=from_quote,
        quoted=raw.level > 0,
        cut_for=names,
    )


def parts_of(
    table: LineTable, raws: list[RawMessage], sender: HeaderMeta | None = None
) -> list[Part]:
    """Parts in document order; the first message with text is the one sent as is."""
    parts: list[Part] = []
    sent_found = False
    for raw in raws:
        is_first = not sent_found and raw.level == 0
        part = to_part(table, raw, from_quote=not is_first, sender=sender if is_first else None)
        if is_first and part.text.strip():
            sent_found = True
        elif is_first:
            part.from_quote = True
        parts.append(part)
    return parts


def _merge_meta(kept: HeaderMeta, other: HeaderMeta) -> None:
    kept.name = kept.name or other.name
    kept.address = kept.address or other.address
    kept.date = kept.date or other.date
    kept.subject = kept.subject or other.subject
    kept.alias = kept.alias or other.alias
    kept.signed_as = kept.signed_as or other.signed_as
    for name in (other.name, other.alias, *other.also):
        if name and name not in (kept.name, kept.alias) and name not in kept.also:
            kept.also.append(name)
    kept.known += [pair for pair in other.known if pair not in kept.known]


def _same_sender(a: HeaderMeta, b: HeaderMeta) -> bool:
    """Whether two copies of one text can come from one sender: the same address, or
    names that do not contradict each other ("Reyes, Dana" and dana.reyes@northwind.io,
    the quoted copy of a message an mbox also holds)."""
    if a.address and b.address and a.address.strip().lower() == b.address.strip().lower():
        return True
    ours = [x for x in (a.name, a.address) if x]
    theirs = [x for x in (b.name, b.address) if x]
    if not ours or not theirs:
        return True
    return any(same_person(x, y) for x in ours for y in theirs)


def dedupe(parts: list[Part]) -> list[Part]:
    """Drop repeated messages (see the module docstring); empty messages are dropped.

    A copy that keeps a few more (or fewer) closing lines than the original (a contact
    block only one copy split off, a quote cut short) is the same message too, when it
    starts with the same words, at least `_HEAD_CHARS` characters of them, and its
    sender fits.
    """
    parts = _without_excerpts(parts)
    kept: list[Part] = []
    keys: list[str] = []
    originals: list[int] = []  # kept messages sent as is, and kept quoted copies
    quotes: list[int] = []
    by_text: dict[str, list[int]] = {}
    by_head: dict[str, list[int]] = {}
    for part in parts:
        key = part.key()
        if not key:
            continue
        match = next(
            (i for i in by_text.get(key, []) if _same_sender(kept[i].meta, part.meta)), None
        )
        head = _head(key)
        if match is None and head is not None:
            # The latest few messages opening with the same words: a thread whose
            # messages all open alike must not make this quadratic.
            recent = by_head.get(head, [])[-_HEAD_CANDIDATES:]
            match = next(
                (
                    i
                    for i in reversed(recent)
                    if _extends(keys[i], key) and _same_sender(kept[i].meta, part.meta)
                ),
                None,
            )
        if match is None:
            match = _copy_among(part, key, kept, keys, originals if part.from_quote else quotes)
        if match is None:
            (quotes if part.from_quote else originals).append(len(kept))
            by_text.setdefault(key, []).append(len(kept))
            if head is not None:
                by_head.setdefault(head, []).append(len(kept))
            kept.append(part)
            keys.append(key)
            continue
        target = kept[match]
        if target.from_quote and not part.from_quote:
            if match in quotes:
                originals.append(match)  # now the message sent as is
            part_meta = part.meta
            _merge_meta(part_meta, target.meta)
            kept[match], keys[match] = part, key
            by_text.setdefault(key, []).append(match)
        else:
            _merge_meta(target.meta, part.meta)
    return kept


_HEAD_CHARS = 60  # about a dozen words
_HEAD_CANDIDATES = 4
# A partial quote is looked for among this many latest messages: a reply quotes what it
# answers, which is near it in time; the bound keeps a 50,000-message mailbox linear.
_QUOTE_WINDOW = 32
_QUOTE_MIN_CHARS = 12  # "ok", "thanks": too short to say which message it copies
_PROBE_CHARS = 12  # the opening words of the first quoted line (rarely shorter)


def _copy_among(
    part: Part, key: str, kept: list[Part], keys: list[str], candidates: list[int]
) -> int | None:
    """The kept message a partial quote copies, or the kept partial quote this message is
    the original of: every quoted line's words appear, in order within the line, in the
    full message (a client may quote lines 1 and 3 only, or re-wrap them), and the
    senders fit. A quote with or without its "On ... wrote:" line is the message it
    quotes, not a new one."""
    if len(key) < _QUOTE_MIN_CHARS:
        return None
    for index in reversed(candidates[-_QUOTE_WINDOW:]):
        other = kept[index]
        if part.from_quote == other.from_quote:
            continue
        quote, full = (part.text, keys[index]) if part.from_quote else (other.text, key)
        quote_key = key if part.from_quote else keys[index]
        # A copy is never longer than its original, and its opening words are in it (a
        # cheap probe that rejects almost every candidate); the sender check costs most.
        if len(full) < len(quote_key) or quote_key[:_PROBE_CHARS] not in full:
            continue
        if not _lines_within(quote, full):
            continue
        if _same_sender(other.meta, part.meta):
            return index
    return None


def _without_excerpts(parts: list[Part]) -> list[Part]:
    """The parts without the `>` excerpts a note quotes from a message the thread holds
    ("Owen's original question was:\n> Is the intake still limited...", then his
    message forwarded below): with no header of their own, they are no new message."""
    dropped: set[int] = set()
    for i, part in enumerate(parts):
        meta = part.meta
        if part.header or not part.quoted or meta.name or meta.address:
            continue  # almost every message: nothing more is computed
        key = part.key()
        if len(key) < _QUOTE_MIN_CHARS:
            continue
        near = range(max(0, i - _QUOTE_WINDOW), min(len(parts), i + _QUOTE_WINDOW + 1))
        for k in near:
            other = parts[k].key() if k != i and k not in dropped else ""
            if len(other) < len(key) or key[:_PROBE_CHARS] not in other:
                continue
            if _lines_within(part.text, other):
                dropped.add(i)
                break
    return [p for i, p in enumerate(parts) if i not in dropped] if dropped else parts


def _lines_within(quote: str, full: str) -> bool:
    padded = f" {full} "
    seen = False
    for raw in quote.split("\n"):
        line = _NON_WORD.sub(" ", raw.lower()).strip()
        if not line:
            continue
        if f" {line} " not in padded:
            return False  # most candidates fail on the first line
        seen = True
    return seen


def _head(key: str) -> str | None:
    """The opening words a copy shares with its original, as a bucket for lookups."""
    return key[:_HEAD_CHARS] if len(key) > _HEAD_CHARS else None


def _extends(one: str, other: str) -> bool:
    """Whether one text is the other with lines added or cut at the end."""
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    return len(short) < len(long) and long.startswith(short) and long[len(short)] == " "


def to_drafts(parts: list[Part]) -> list[TurnDraft]:
    """Turn drafts in the given order."""
    return [
        TurnDraft(
            speaker=p.meta.name,
            speaker_address=p.meta.address,
            timestamp=p.meta.date,
            subject=p.meta.subject,
            spans=p.spans,
            signature=p.signature,
            boilerplate=p.boilerplate,
            from_quote=p.from_quote,
            speaker_aliases=[n for n in (p.meta.alias, *p.meta.also) if n],
            signed_as=p.meta.signed_as,
            recipients=_recipients(p.meta),
            joined=p.text,
        )
        for p in parts
    ]


def _recipients(meta: HeaderMeta) -> list[tuple[str | None, str | None]]:
    """Whom a message is written to: its To line (with or without a name) and Cc."""
    recipient = parse_address(meta.recipient) if meta.recipient else None
    return [*meta.people(), *([recipient] if recipient and recipient[1] else [])]


def directory(parts: list[Part]) -> list[tuple[str | None, str | None]]:
    """The (name, address) pairs the messages' To/X-To headers state."""
    return [pair for p in parts for pair in p.meta.people()]


@lru_cache(maxsize=8192)
def instant(stamp: str) -> str:
    """A sortable form of a date: UTC when it carries an offset ("10:02-05:00" and
    "12:40-03:00" are the same moment), else as written."""
    if len(stamp) <= 19:
        return stamp  # no offset: already comparable as written
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:19]
    if when.tzinfo is None:
        return when.isoformat()[:19]
    return when.astimezone(UTC).isoformat()[:19]


def chronological(parts: list[Part]) -> list[Part]:
    """Oldest first. A paste is read newest first unless its dates say otherwise, or
    its messages are the cards of Gmail's web or print view (listed oldest first).

    Only dates that can be compared say so: all with a time-zone offset or all without
    one (a corpus export's "Date: ... -0700" above a Lotus Notes block's local time is
    not evidence of order).
    """
    dated = [p.meta.date for p in parts if p.meta.date]
    if len({len(d) > 19 for d in dated}) > 1:
        return list(reversed(parts))
    stamps = [instant(d) for d in dated]
    headed = [p for p in parts if p.header]
    if len(stamps) < 2 and headed and all(p.meta.card for p in headed):
        return list(parts)  # this year's cards show no year: their order is the view's
    ascending = len(stamps) >= 2 and all(a <= b for a, b in pairwise(stamps))
    if ascending and stamps[0] < stamps[-1]:
        return list(parts)
    newest_last = list(reversed(parts))
    if len(stamps) >= 3 and len(stamps) == len(parts):
        # Every message dated: a forward of two reply branches ("Original Message" under
        # Laura's reply, then Tom's newer reply below it) is put in the order sent. Dates
        # out of order everywhere are not evidence of branches but of unreliable dates.
        order = stamps[::-1]
        descents = sum(1 for a, b in pairwise(order) if a > b)
        if descents <= max(1, len(order) // 4):
            return sorted(newest_last, key=lambda p: instant(p.meta.date or ""))
    return newest_last
