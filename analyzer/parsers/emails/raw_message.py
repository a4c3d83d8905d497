"""A message as the splitter finds it (its header, its lines, its quoted history), and
the small repairs made to one before the next header starts."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.parsers.emails.addresses import HeaderMeta
from analyzer.parsers.emails.headers import is_rule
from analyzer.parsers.emails.line_table import LineTable


@dataclass(slots=True)
class RawMessage:
    """One message found in a block, before signatures are split off."""

    meta: HeaderMeta
    header: str | None
    level: int
    lines: list[int] = field(default_factory=list)
    quoted: list[int] = field(default_factory=list)
    quote_meta: HeaderMeta | None = None
    quote_header: str | None = None


def credit_forwarder(t: LineTable, cur: RawMessage, forwarder: HeaderMeta | None) -> None:
    """The note above "Forwarded by Louise Kitchen/HOU/ECT on ..." is Louise Kitchen's,
    when nothing else names its writer."""
    if forwarder is None or not (forwarder.name or forwarder.address):
        return
    if cur.meta.name or cur.meta.address or all(t.blank(i) for i in cur.lines):
        return
    cur.meta.name, cur.meta.address = forwarder.name, forwarder.address
    cur.meta.date = cur.meta.date or forwarder.date
    cur.meta.inferred = True


def drop_trailing_rules(t: LineTable, cur: RawMessage) -> None:
    """Rule lines just above a header ("_____", "-----") belong to the header."""
    lines = cur.lines
    while lines and (t.blank(lines[-1]) or is_rule(t.text(lines[-1]))):
        lines.pop()
