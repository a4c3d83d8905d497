"""Splitting one email body into the messages it contains, newest first.

The body is read line by line once (`line_table.py`: each line's quote depth and the
span of its content after the markers). A block of lines at one quote level holds the messages written at that level:
its own lines, split by quote headers into the newest message and the older messages
pasted below it (Outlook style), and runs of deeper lines, which are the quoted history
of the message around them (top-posting, bottom-posting and inline replies alike). That
history is itself a block one level down. Blocks are walked with an explicit stack, so
deeply nested quoting cannot exhaust the recursion limit, and a level with no text of
its own is skipped in one step, so the work stays linear in practice.

Besides the quote headers of `headers.py` and `attribution.py`, three paste shapes head a
message: header lines left above the newest message ("Subject: Re: dinner", "To: Kirk"),
the cards of Gmail's web view ("Name <addr>", the date, "to me"), whose subject and
"Inbox" heading are not a message, and those of its "Print all" view ("Name <addr>", a
tab, the date, then "To:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.parsers.emails.addresses import (
    HeaderMeta,
    delegate_of,
    parse_address,
    read_recipients,
)
from analyzer.parsers.emails.attribution import match_attribution
from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.headers import (
    BARE_WROTE,
    field_role,
    is_separator,
    match_field_block,
    match_lotus_forward,
    match_notes_sender,
    may_attribute,
    maybe_header,
)
from analyzer.parsers.emails.line_table import BREAK, LineTable
from analyzer.parsers.emails.raw_message import (
    RawMessage,
    credit_forwarder,
    drop_trailing_rules,
)

# The web view's recipient line: "to me", "to Dana, me", "an mich", "À moi", "para mí",
# "aan mij": a lower-case "to" (or French "À") and only names or "me", never a sentence
# ("To be honest, ...", "An alle: ...", "À demain").
_RECIPIENT = r"(?:me|mich|moi|mí|mi|mij|[A-ZÀ-ÝÑ][\w'’.-]*(?: [A-ZÀ-ÝÑ][\w'’.-]*)?)"
_GMAIL_TO = re.compile(
    rf"^(?:(?:to|an|à|a|para|aan) |À (?=moi\b|[A-ZÀ-ÝÑ])){_RECIPIENT}"
    rf"(?:(?:, | and | und | et | y | e | en ){_RECIPIENT})*(?: \+\d+)?$"
)
# The labels the web view shows above a thread, in the languages people run Gmail in.
_GMAIL_LABELS = frozenset(
    {
        *("inbox", "important", "external", "starred", "sent", "updates", "work", "personal"),
        *("posteingang", "wichtig", "extern", "markiert", "gesendet", "arbeit", "privat"),
        *("boîte de réception", "externe", "suivis", "messages envoyés", "envoyés"),
        *("recibidos", "importante", "externo", "destacados", "enviados", "trabajo"),
        *("postvak in", "caixa de entrada", "posta in arrivo"),
    }
)
# Today's and this year's mail: a time and how long ago, "3:41 PM (2 days ago)",
# "09:12 (vor 5 Tagen)", "09:12 (il y a 5 jours)", "9:12 (hace 5 días)".
_GMAIL_WHEN = re.compile(
    r"\d{1,2}[:.]\d{2}\s*(?:[AP]\.?\s?M\.?)?\s*"
    r"\((?:[^()]{0,25}\b(?:ago|vor|hace|il y a|há|geleden|fa)\b[^()]{0,25})\)$",
    re.IGNORECASE,
)
_SENT_BY = re.compile(r"^\s*sent by:", re.IGNORECASE)
_MESSAGE_COUNT = re.compile(r"^\d{1,4} messages?$")  # the print view's "3 messages"
_TOP_ROLES = frozenset({"from", "sent", "to", "cc", "subject"})


@dataclass(slots=True)
class _Header:
    consumed: int
    meta: HeaderMeta
    text: str
    separator: bool
    lotus_lines: int = 0
    forwarder: HeaderMeta | None = None  # "Forwarded by <name> on <date>": the note's author


class _Walker:
    def __init__(self, table: LineTable) -> None:
        self.t = table

    def own_texts(self, idxs: list[int], p: int, level: int, limit: int) -> list[str]:
        out: list[str] = []
        t = self.t
        depth, starts, ends, source = t.depth, t.starts, t.ends, t.source
        for i in idxs[p : p + limit]:
            if i < 0:
                out.append("")  # a paragraph break between quoted runs
                continue
            if depth[i] != level:
                break
            out.append(source[starts[i] : ends[i]])
        return out

    def header_at(self, idxs: list[int], p: int, level: int, cur: RawMessage) -> _Header | None:
        t = self.t
        line = t.text(idxs[p])
        if not maybe_header(line):
            return None
        wrapped = self._wrapped_forward(idxs, p, level, line)
        if wrapped or is_separator(line) or match_lotus_forward(line) is not None:
            head = 1 + wrapped
            line = "\n".join(self.own_texts(idxs, p, level, head))
            texts = self.own_texts(idxs, p + head, level, 18)
            skip = 1 if texts and not texts[0].strip() else 0
            block = match_field_block(texts[skip:])
            forwarder = match_lotus_forward(" ".join(line.split("\n")))
            if block is not None:
                used, meta, _ = block
                consumed = head + skip + used
                text = "\n".join([line, *texts[skip : skip + used]])
                return _Header(consumed, meta, text, True, forwarder=forwarder)
            return _Header(head, HeaderMeta(), line, True, forwarder=forwarder)
        if field_role(line) is not None:
            texts = self.own_texts(idxs, p, level, 8)
            block = match_field_block(texts)
            if block is not None and block[0] >= 7:  # a long block: look further
                texts = self.own_texts(idxs, p, level, 24)
                block = match_field_block(texts)
            if block is not None:
                used, meta, has_from = block
                header = _Header(used, meta, "\n".join(texts[:used]), False)
                if not has_from:
                    self._lotus_sender(cur, header)
                return header
        card = self._gmail_card(idxs, p, level, line)
        if card is not None:
            self._absorb_heading(cur, card)
            return card
        if not may_attribute(line):
            return None
        texts = self.own_texts(idxs, p, level, 4)
        found = match_attribution(texts)
        if found is not None:
            used, meta = found
            return _Header(used, meta, "\n".join(texts[:used]), False)
        return self._bare_attribution(idxs, p, level, line)

    def _bare_attribution(self, idxs: list[int], p: int, level: int, line: str) -> _Header | None:
        """ "Dana Reyes wrote:" with no date or address, right above `>`-quoted lines
        (clients that omit the date, replies edited by hand): the quote is Dana's."""
        found = BARE_WROTE.match(line.strip())
        if found is None or p + 1 >= len(idxs) or idxs[p + 1] < 0:
            return None
        if self.t.depth[idxs[p + 1]] <= level:
            return None
        name, _ = parse_address(found.group(1))
        return _Header(1, HeaderMeta(name=name), line, False) if name else None

    def _gmail_card(self, idxs: list[int], p: int, level: int, line: str) -> _Header | None:
        """Gmail's web view, copied: "Name <addr>", the date, then "to me" or "to Dana";
        or its "Print all" view: "Name <addr>", a tab, the date, then "To:"/"Cc:" lines."""
        if len(line) > 160 or "@" not in line:
            return None
        if not line.endswith(">"):
            return self._print_card(idxs, p, level, line)
        texts = self.own_texts(idxs, p, level, 3)
        if len(texts) < 2 or len(texts[1]) > 60:
            return None
        if len(texts) == 3 and field_role(texts[2]) is not None:
            return None  # Lotus Notes: name, date, then "To:/cc:/Subject:" (_lotus_sender)
        name, address = parse_address(line)
        stamp = parse_date(texts[1])
        # This year's and today's mail show no year: "Tue, Aug 12, 3:41 PM (2 days ago)".
        if address is None or (stamp is None and not _GMAIL_WHEN.search(texts[1])):
            return None
        used = 3 if len(texts) == 3 and _GMAIL_TO.match(texts[2].strip()) else 2
        meta = HeaderMeta(name=name, address=address, date=stamp, card=True)
        return _Header(used, meta, "\n".join(texts[:used]), False)

    def _print_card(self, idxs: list[int], p: int, level: int, line: str) -> _Header | None:
        cut = line.rfind(">")
        if cut < 0 or not line[cut + 1 :].strip():
            return None
        gap = line[cut + 1 :]
        if not gap.startswith(("\t", "  ")):
            return None
        name, address = parse_address(line[: cut + 1])
        stamp = parse_date(gap.strip())
        if address is None or stamp is None:
            return None
        texts = self.own_texts(idxs, p, level, 6)
        used = 1
        while used < len(texts):
            found = field_role(texts[used])
            if found is None or found[0] not in {"to", "cc"}:
                break
            used += 1
        if used == 1:
            return None  # the print view always names the recipients
        meta = HeaderMeta(name=name, address=address, date=stamp, card=True)
        return _Header(used, meta, "\n".join(texts[:used]), False)

    def _absorb_heading(self, cur: RawMessage, card: _Header) -> None:
        """The subject and label lines Gmail's web view shows above its first card
        ("Budget for the Q3 offsite", "Inbox") are a heading, not a message."""
        t = self.t
        if cur.header is not None or cur.meta.name or cur.meta.address or cur.quoted:
            return
        filled = [i for i in cur.lines if not t.blank(i)]
        if not filled or len(filled) > 3 or any(len(t.text(i)) > 100 for i in filled):
            return
        lowered = [t.text(i).strip().lower() for i in filled]
        printed = lowered[0].startswith("gmail") or bool(_MESSAGE_COUNT.match(lowered[-1]))
        # The subject, then only labels ("Inbox", "Posteingang"): a one-word reply that
        # happens to be a label word ("Wichtig", "Gesendet") above its sign-off is a message.
        labelled = len(lowered) > 1 and all(x in _GMAIL_LABELS for x in lowered[1:])
        if not printed and not labelled:
            return  # a short reply written above the card: a message, not a heading
        subject = t.text(filled[1] if printed and len(filled) > 2 else filled[0]).strip()
        card.meta.subject = card.meta.subject or subject
        card.text = "\n".join([*(t.text(i) for i in filled), card.text])
        cur.lines.clear()

    def top_fields(self, idxs: list[int], p: int, cur: RawMessage) -> _Header | None:
        """Header lines pasted above the newest message ("Subject: Re: dinner", "From:",
        "To:", "Date:"): even a lone "Subject:" heads the message, at the very top."""
        texts = self.own_texts(idxs, p, 0, 8)
        meta = HeaderMeta()
        used = 0
        for text in texts:
            found = field_role(text)
            if found is None or not found[1]:
                break
            if found[0] not in _TOP_ROLES and not (used and found[0] == "other"):
                break  # Gmail's "mailed-by:", "security:" only under the sender's lines
            role, value = found
            if role == "from":
                meta.name, meta.address = parse_address(value)
                meta.delegate, meta.delegate_address = delegate_of(value)
            elif role == "sent":
                meta.date = parse_date(value, day_first=True)
            elif role == "subject":
                meta.subject = value.strip("* ") or None
            elif role == "to":
                read_recipients(meta, value)
            used += 1
        if not used:
            return None
        return _Header(used, meta, "\n".join(texts[:used]), False)

    def _wrapped_forward(self, idxs: list[int], p: int, level: int, line: str) -> int:
        """1 when a "----- Forwarded by Name on <date>" line wraps onto the next line."""
        lead = line.strip().lstrip("-").strip().lower()
        if not lead.startswith("forwarded by ") or line.rstrip().endswith("-"):
            return 0
        pair = self.own_texts(idxs, p, level, 2)
        if len(pair) < 2 or not pair[1].rstrip().endswith("---") or len(pair[1]) > 80:
            return 0
        return 1 if match_lotus_forward(" ".join(x.strip() for x in pair)) else 0

    def _lotus_sender(self, cur: RawMessage, header: _Header) -> None:
        """Lotus Notes puts the sender and the date above "To:/cc:/Subject:": on two lines
        ("Name/ORG" then "11/27/2001 09:09 AM", maybe with "Sent by: Assistant" between
        them: the message is still the named sender's) or on one ("Name/ORG on
        11/27/2001 ...", "Name <addr> 11/27/2001 09:09 AM").
        """
        t = self.t
        filled = [k for k in range(len(cur.lines) - 1, -1, -1) if not t.blank(cur.lines[k])][:3]
        if not filled or filled[0] < len(cur.lines) - 3:  # at most two blank lines below
            return
        one_line = match_notes_sender(t.text(cur.lines[filled[0]]))
        if one_line is not None:
            header.meta.name, header.meta.address = one_line.name, one_line.address
            header.meta.date = header.meta.date or one_line.date
            header.text = "\n".join([t.text(cur.lines[filled[0]]), header.text])
            del cur.lines[filled[0] :]
            return
        texts = [t.text(cur.lines[k]) for k in filled]
        if len(texts) == 3 and _SENT_BY.match(texts[1]):
            # "Sent by: Maureen McVicker" between name and date: known, not the sender.
            assistant = parse_address(texts[1].split(":", 1)[1])
            if assistant[0]:
                header.meta.known.append(assistant)
            del filled[1], texts[1]
        if len(filled) < 2:
            return
        date_line, name_line = texts[0], texts[1]
        stamp = parse_date(date_line) if len(date_line.strip()) <= 40 else None
        if stamp is None or len(name_line) > 80 or field_role(name_line) is not None:
            return
        header.meta.name, header.meta.address = parse_address(name_line)
        header.meta.date = header.meta.date or stamp
        first = min(filled[:2])
        header.text = "\n".join(
            [*(t.text(i) for i in cur.lines[first:] if not t.blank(i)), header.text]
        )
        del cur.lines[first:]

    def walk(
        self, level: int, idxs: list[int], meta: HeaderMeta | None, header: str | None
    ) -> list[RawMessage]:
        t = self.t
        depth, starts, ends = t.depth, t.starts, t.ends
        cur = RawMessage(meta=meta or HeaderMeta(), header=header, level=level)
        messages = [cur]
        last_quoted = after_quote = False
        # The first line of a paste (no header given) may carry the newest message's
        # own header lines.
        at_top = meta is None and header is None
        p, n = 0, len(idxs)
        while p < n:
            i = idxs[p]
            if i >= 0 and depth[i] > level:
                # A run of deeper lines: quoted history of the current message.
                if cur.quoted and not last_quoted:
                    cur.quoted.append(BREAK)
                r = p + 1
                while r < n:
                    j = idxs[r]
                    if j < 0 or depth[j] <= level:
                        break
                    r += 1
                cur.quoted.extend(idxs[p:r])
                last_quoted = after_quote = True
                p = r
                continue
            if i < 0 or starts[i] == ends[i]:
                # Blank lines right after a removed quote were its surroundings.
                if not after_quote:
                    cur.lines.append(i)
                last_quoted = False
                p += 1
                continue
            last_quoted = after_quote = False
            if at_top and level == 0:
                at_top = False
                top = self.top_fields(idxs, p, cur)
                if top is not None:
                    cur.meta, cur.header = top.meta, top.text
                    p += top.consumed
                    continue
            found = self.header_at(idxs, p, level, cur)
            if found is None:
                cur.lines.append(i)
                p += 1
                continue
            q = p + found.consumed
            r = q
            while r < n and t.blank(idxs[r]) and (idxs[r] < 0 or t.depth[idxs[r]] == level):
                r += 1
            quoted_next = r < n and idxs[r] >= 0 and t.depth[idxs[r]] > level
            if quoted_next and not found.separator and cur.quote_meta is None:
                cur.quote_meta, cur.quote_header = found.meta, found.text
                if cur.quoted:
                    cur.quoted.append(BREAK)
            elif quoted_next and not found.separator:
                cur = RawMessage(
                    meta=HeaderMeta(),
                    header=None,
                    level=level,
                    quote_meta=found.meta,
                    quote_header=found.text,
                )
                messages.append(cur)
            else:
                drop_trailing_rules(t, cur)
                credit_forwarder(t, cur, found.forwarder)
                cur = RawMessage(meta=found.meta, header=found.text, level=level)
                messages.append(cur)
            p = q
        return messages


def split_messages(
    table: LineTable, first_meta: HeaderMeta | None = None, first_header: str | None = None
) -> list[RawMessage]:
    """All messages in the table's region, in document order (newest first)."""
    walker = _Walker(table)
    out: list[RawMessage] = []
    Block = tuple[int, list[int], HeaderMeta | None, str | None]
    stack: list[RawMessage | Block] = [(0, list(range(len(table))), first_meta, first_header)]
    while stack:
        item = stack.pop()
        if isinstance(item, RawMessage):
            out.append(item)
            continue
        level, idxs, meta, header = item
        nonblank = [i for i in idxs if i >= 0 and not table.blank(i)]
        if nonblank and not any(table.depth[i] == level for i in nonblank):
            # Skip levels that hold nothing but deeper quoting.
            level = min(table.depth[i] for i in nonblank)
        pending: list[RawMessage | Block] = []
        for message in walker.walk(level, idxs, meta, header):
            pending.append(message)
            if message.quoted:
                deeper = [table.depth[i] for i in message.quoted if i >= 0]
                sub_level = min(deeper) if deeper else level + 1
                pending.append(
                    (sub_level, message.quoted, message.quote_meta, message.quote_header)
                )
        stack.extend(reversed(pending))
    return out
