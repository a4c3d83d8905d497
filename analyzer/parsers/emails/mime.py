""".eml and .mbox files, read with the standard library's `email` package.

MIME structure, transfer encodings and charsets are the `email` package's job
(`policy.default`); the text/plain part is preferred, an HTML-only body is turned into
text (`html_text.py`). Each message body is then split like a pasted thread, so its
quoted history becomes earlier turns, de-duplicated across the whole mailbox.

Decoded bodies are not substrings of the file, so the conversation's `source` is a
rendering of the messages (a short header, then the decoded body, one after another);
spans index that rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser, Parser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.build import build_conversation
from analyzer.parsers.collector import gc_paused
from analyzer.parsers.emails.addresses import HeaderMeta, parse_address
from analyzer.parsers.emails.assemble import (
    Part,
    chronological,
    dedupe,
    directory,
    instant,
    parts_of,
    to_drafts,
)
from analyzer.parsers.emails.crediting import credit_signers
from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.html_text import html_to_text
from analyzer.parsers.emails.inline import move_inline_answers
from analyzer.parsers.emails.line_table import LineTable
from analyzer.parsers.emails.splitter import split_messages
from analyzer.parsers.emails.thread import ThreadParse
from analyzer.textio import normalise_newlines

_HEADER_NAME = re.compile(r"^[!-9;-~]{1,76}:")
_TRANSPORT = frozenset(
    {
        "received",
        "message-id",
        "mime-version",
        "content-type",
        "return-path",
        "delivered-to",
        "dkim-signature",
        "content-transfer-encoding",
        "x-mailer",
        "in-reply-to",
        "references",
        "user-agent",
        "thread-topic",
        "x-originating-ip",
    }
)
_MBOX_FROM = re.compile(r"^From \S+.*$", re.MULTILINE)
_MBOX_FROM_BYTES = re.compile(rb"^From \S+.*$", re.MULTILINE)


def _header_names(text: str) -> list[str] | None:
    names: list[str] = []
    for line in text[:20000].split("\n")[:200]:
        if not line.strip():
            return names
        if line[:1] in (" ", "\t") and names:
            continue
        if not _HEADER_NAME.match(line):
            return None
        names.append(line.split(":", 1)[0].strip().lower())
    return names


def sniff_eml(text: str) -> bool:
    """A file that starts with an RFC 822 header block carrying transport headers."""
    names = _header_names(text.lstrip("\n"))
    return (
        names is not None
        and len(names) >= 2
        and any(n in _TRANSPORT or n.startswith("x-") for n in names)
    )


def sniff_mbox(text: str) -> bool:
    """An mbox: a "From " envelope line followed by a header."""
    return re.match(r"From \S+[^\n]*\n[!-9;-~]{1,76}:", text) is not None


@dataclass(slots=True)
class _Rendered:
    meta: HeaderMeta
    header: str
    begin: int
    end: int


def _undeclared_charset(part: Message) -> str | None:
    """A text part with 8-bit bytes and no declared charset, decoded as mail readers do:
    UTF-8 when the bytes are valid UTF-8, else Windows-1252. The standard library would
    read them as ASCII and turn every "£" or "é" into replacement characters."""
    if part.get_content_charset() is not None:
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or payload.isascii():
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def _decoded_content(part: Message) -> str:
    undeclared = _undeclared_charset(part)
    if undeclared is not None:
        return undeclared
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
    except (LookupError, UnicodeError, ValueError, KeyError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            return payload.decode("utf-8", errors="replace")
    return ""


def body_text(message: EmailMessage) -> str:
    """The message's readable body: text/plain preferred, else HTML turned into text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = _decoded_content(part)
    if part.get_content_type() == "text/html":
        content = html_to_text(content)
    return normalise_newlines(content).strip("\n")


def _meta(message: EmailMessage) -> tuple[HeaderMeta, str]:
    raw_from = str(message.get("From", "") or "")
    if "@" not in raw_from:
        # A list archive's "jmoreno at example.com (Jill Moreno)": the policy's parsing
        # drops the comment that is the name.
        raw_from = _raw_headers(message).get("from", "") or raw_from
    name, address = parseaddr(raw_from)
    ours = parse_address(raw_from) if raw_from else (None, None)
    if ours[1] and (
        " " in raw_from.rsplit("<", 1)[-1].strip(" >") or not address or "@" not in address
    ):
        name, address = ours[0] or "", ours[1]  # a mangled header: '< Dana. Davis@X.com >'
    elif address and ours == (None, None):
        name, address = "", ""  # "Alerts <noreply@x.com>": no person wrote it
    alias = parse_address(_raw_headers(message).get("x-from", ""))[0]
    if not name and alias:
        name, alias = alias, None
    raw_date = str(message.get("Date", "") or "")
    stamp: str | None = None
    if raw_date:
        try:
            stamp = parsedate_to_datetime(raw_date).isoformat()
        except (TypeError, ValueError, IndexError):
            stamp = parse_date(raw_date)
    subject = str(message.get("Subject", "") or "") or None
    meta = HeaderMeta(
        name=name or None, address=address or None, date=stamp, subject=subject, alias=alias
    )
    meta.known = _recipients(message)
    lines = [f"From: {raw_from}"] if raw_from else []
    lines += [f"Date: {raw_date}"] if raw_date else []
    lines += [f"Subject: {subject}"] if subject else []
    return meta, "\n".join(lines)


_PEOPLE_HEADERS = frozenset({"from", "to", "cc", "x-to", "x-from"})


def _raw_headers(message: EmailMessage) -> dict[str, str]:
    """The To/Cc/X-To/X-From values, unfolded and decoded, without the policy's parsing
    (which costs more than the rest of a message: an export has tens of thousands)."""
    out: dict[str, str] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key in _PEOPLE_HEADERS and key not in out:
            text = " ".join(str(value).split())
            if "=?" in text:
                text = str(make_header(decode_header(text)))
            out[key] = text
    return out


def _recipients(message: EmailMessage) -> list[tuple[str | None, str | None]]:
    """(name, address) of each recipient, named by X-To when To: gives addresses only.

    Corpus exports carry "To: a@x.com, b@x.com" and "X-To: Ann Lee, Bob Ng" in the same
    order; the pairs name senders who later write with an address alone.
    """
    raw = _raw_headers(message)
    to, cc, x_to = raw.get("to", ""), raw.get("cc", ""), raw.get("x-to", "").strip()
    x_names = [n.strip() for n in x_to.split(",") if n.strip()]
    to_pairs = getaddresses([to]) if to else []
    pairs = to_pairs + (getaddresses([cc]) if cc else [])
    out: list[tuple[str | None, str | None]] = [(n or None, a or None) for n, a in pairs if a]
    if not x_to:
        return out
    to_only = [a for _, a in to_pairs if a]
    if len(to_only) == 1 and x_to:
        x_names = [x_to]  # one recipient: its name may hold a comma ("Watson, Kimberly")
    elif len(x_names) == 2 * len(to_only):
        x_names = [f"{a}, {b}" for a, b in zip(x_names[::2], x_names[1::2], strict=True)]
    if len(x_names) == len(to_only):
        named = [parse_address(x)[0] for x in x_names]
        out += [(n, a) for n, a in zip(named, to_only, strict=True) if n]
    return out


def _load(text: str, raw: bytes | None) -> EmailMessage:
    if raw is not None:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    else:
        message = Parser(policy=policy.default).parsestr(text)
    if not isinstance(message, EmailMessage):
        raise ParseError("the file is not an email message.")
    return message


# mboxrd writes a body line starting "From " as ">From " (and ">From " as ">>From "),
# so it is not read as the next message's envelope: one ">" is the format's, not a quote.
_ESCAPED_FROM = re.compile(r"^>(>*From )", re.MULTILINE)


def _render(messages: Iterable[EmailMessage], *, mbox: bool = False) -> tuple[str, list[_Rendered]]:
    chunks: list[str] = []
    rendered: list[_Rendered] = []
    pos = 0
    for message in messages:
        meta, header = _meta(message)
        body = body_text(message)
        if mbox and ">From " in body:
            body = _ESCAPED_FROM.sub(r"\1", body)
        head = f"{header}\n\n" if header else ""
        begin = pos + len(head)
        chunks.append(head + body + "\n\n")
        rendered.append(_Rendered(meta, header, begin, begin + len(body)))
        pos += len(head) + len(body) + 2
    return "".join(chunks), rendered


def _parts(source: str, item: _Rendered) -> list[Part]:
    table = LineTable(source, item.begin, item.end)
    raws = split_messages(table, item.meta, item.header or None)
    parts = parts_of(table, raws)
    move_inline_answers(source, parts)
    return parts


def _conversation(fmt: InputFormat, messages: Iterable[EmailMessage]) -> ThreadParse:
    # Rendered with the collector on: the email package's header parse trees are cyclic
    # garbage, and a mailbox of 50,000 messages would keep them all until the end.
    source, rendered = _render(messages, mbox=fmt is InputFormat.MBOX)
    with gc_paused():
        return _assemble(fmt, source, rendered)


def _assemble(fmt: InputFormat, source: str, rendered: list[_Rendered]) -> ThreadParse:
    groups = [_parts(source, item) for item in rendered]
    dated = [g[0].meta.date for g in groups if g and g[0].meta.date]
    if len(dated) == len(groups) and len(groups) > 1:
        groups.sort(key=lambda g: instant(g[0].meta.date or ""))  # the moment, zones apart
    ordered: list[Part] = []
    for group in groups:
        # A body is read newest first unless its dates say otherwise (corpus exports
        # pasted one after another, oldest first, in one file).
        ordered.extend(chronological(group))
    warnings = [
        f"message {n + 1} has no readable text part."
        for n, r in enumerate(rendered)
        if r.begin == r.end
    ]
    unique = dedupe(ordered)
    credit_signers(unique)  # once per message, after its copies are merged
    conversation = build_conversation(
        fmt, source, to_drafts(unique), warnings, directory=directory(ordered)
    )
    if not conversation.turns:
        raise ParseError(f"the {fmt.value} file holds no message text.")
    newest_first = [p for g in reversed(groups) for p in g]
    return ThreadParse(conversation=conversation, messages=newest_first)


def parse_eml_details(text: str, raw: bytes | None = None) -> ThreadParse:
    """Parse one RFC 822 message, keeping per-message details."""
    return _conversation(InputFormat.EML, [_load(text, raw)])


def parse_eml(text: str, raw: bytes | None = None) -> Conversation:
    """Parse one RFC 822 message (.eml) into turns, oldest first."""
    return parse_eml_details(text, raw).conversation


def _split_mbox(text: str, raw: bytes | None) -> Iterator[EmailMessage]:
    # One message at a time: a mailbox of 50,000 messages never holds them all parsed.
    if raw is not None:
        starts = [m.start() for m in _MBOX_FROM_BYTES.finditer(raw)]
        for a, b in zip(starts, [*starts[1:], len(raw)], strict=True):
            chunk = raw[a:b]
            yield _load("", chunk.split(b"\n", 1)[1] if b"\n" in chunk else b"")
        return
    starts = [m.start() for m in _MBOX_FROM.finditer(text)]
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = text[a:b]
        yield _load(piece.split("\n", 1)[1] if "\n" in piece else "", None)


def parse_mbox(text: str, raw: bytes | None = None) -> Conversation:
    """Parse an mbox export: every message, its quoted history de-duplicated."""
    found = _MBOX_FROM_BYTES.search(raw) if raw is not None else _MBOX_FROM.search(text)
    if found is None:
        raise ParseError("no 'From ' envelope line was found; this is not an mbox file.")
    return _conversation(InputFormat.MBOX, _split_mbox(text, raw)).conversation
