"""Who a header names: the sender's display name and address, read from a header value.

Header values are repaired before they are read: `< Dana. Davis@ENRON.com >` is an
address, "Tim Belden <Tim Belden/Enron@EnronXGate>" a name, Lotus Notes' "Jane Doe/ACME"
is Jane Doe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyzer.parsers.mailboxes import is_personal

MAX_HEADER_CHARS = 400
EMAIL = re.compile(r"[\w.+'=-]+@[\w-]+(?:\.[\w-]+)+")
SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"<([^<>@]{0,80}@[^<>]{1,120})>")
# " on 11/27/2001 09:09 AM" after a Lotus Notes sender, or the date set off by a wide gap
# ("From:  Richard Shapiro                 11/30/2000 09:58 AM").
NOTES_DATE_TAIL = re.compile(
    r"(?:\s+on|\s{2,}|\t)\s*\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*$",
    re.I,
)
_NOT_NAMES = frozenset({"you", "vous", "du", "sie", "usted", "tu", "jij", "u"})


@dataclass(slots=True)
class HeaderMeta:
    """What a header says about its message."""

    name: str | None = None
    address: str | None = None
    date: str | None = None
    subject: str | None = None
    recipient: str | None = None  # the "To:" field, when it names exactly one person
    alias: str | None = None  # the sender's display name from "X-From:"
    recipient_alias: str | None = None  # the recipient's display name from "X-To:"
    known: list[tuple[str | None, str | None]] = field(default_factory=list)
    # What other copies of the same message call the sender ("Okafor" in a quote
    # header, "Tom Okafor" in the message itself): more names for one identity.
    also: list[str] = field(default_factory=list)
    # A Gmail web or print view card: those views list a thread oldest first.
    card: bool = False
    # Who sent it "On Behalf Of" the sender: a signature may carry her name instead.
    delegate: str | None = None
    delegate_address: str | None = None  # hers, never the principal's
    # The sender's name as they sign it when the header turns it round ("Camille Lefèvre"
    # under "From: Lefèvre Camille"): the order the name is read in.
    signed_as: str | None = None
    # Guessed, not stated by a header of the message's own ("Forwarded by" above it):
    # the message's sign-off outweighs it.
    inferred: bool = False
    # The name is the message's own sign-off ("Met vriendelijke groet,\nSanne de Vries"),
    # nothing else names the writer: that sign-off stays in the text.
    from_signoff: bool = False

    def people(self) -> list[tuple[str | None, str | None]]:
        """(name, address) pairs this header states about people other than the sender
        (the address may be unknown: Lotus Notes and Outlook often give names only)."""
        if not self.recipient:
            return list(self.known)
        name, address = parse_address(self.recipient)
        if self.recipient_alias:
            name = parse_address(self.recipient_alias)[0] or name
        return [*self.known, *([(name, address)] if name else [])]


# Mailman/pipermail archives hide addresses from harvesters: "jmoreno at example.com".
_SPELLED_AT = re.compile(r"(?<![\w.@])([\w.+'-]+) at ((?:[\w-]+\.)+[A-Za-z]{2,})(?![\w@-])")


def unhide_addresses(text: str) -> str:
    """ "jmoreno at example.com" -> "jmoreno@example.com" (list archives' spelling)."""
    return _SPELLED_AT.sub(r"\1@\2", text) if " at " in text else text


@lru_cache(maxsize=4096)
def parse_address(value: str) -> tuple[str | None, str | None]:
    """("Dana Reyes", "dana@acme.com") from 'Dana Reyes <dana@acme.com>' and its variants.

    Handles "[mailto:addr]", "<mailto:addr>", a bare address, quoted names, Lotus
    Notes' "Name/ORG@ORG" (not an address: its domain has no dot), the IMCEANOTES
    addresses Exchange gave Notes users (decoded to the name and address they wrap), and
    Outlook's "Delegate <addr> On Behalf Of Principal" (the principal, see `_principal`).
    """
    text = _repair(unhide_addresses(value.strip().strip("*").strip()))
    if "mailto:" in text or ">@" in text:
        # '"Jeff Dasovich" <jdasovic@enron.com>@ENRON [mailto:IMCEANOTES-...]': the
        # Exchange gateway's route after the address says nothing more.
        text = _ROUTE.sub("", _MAILTO.sub(_mailto, text)).strip() or text
    behalf = _ON_BEHALF.search(text)
    if behalf is not None:
        return _principal(text[: behalf.start()], text[behalf.end() :])
    match = EMAIL.search(text)
    address = match.group(0).strip(".'") if match else None
    relayed = _VIA.match(text[: match.start()] if match else text)
    if relayed is not None:
        name = parse_address(relayed.group("name"))[0]
        if name:
            return name, None
    if match and address and address.lower().startswith(("imceanotes-", "imceaex-")):
        return _exchange_wrapped(text, match)
    name = text
    if match:
        name = text[: match.start()] + text[match.end() :]
    name = name.replace("mailto:", "").replace("<>", "").replace("[]", "")
    bracket = name.find("<")
    if bracket > 0 and name[:bracket].strip(" \"'"):
        name = name[:bracket]  # 'Tim Belden <Tim Belden/Enron@EnronXGate>': a Notes route
    name = _unwrap_brackets(name.strip(" \t<>[]\"'*,;:"))
    if name.count("(") > name.count(")"):
        name += ")"  # "Taylor, Mark E (Legal)" keeps its closing bracket
    if " / " in name or " @ " in name:
        # Tokenised exports: "Phillip K Allen / HOU / ECT", "Kimberly Watson / ENRON @ x".
        name = _SLASH.sub("/", name).replace(" @ ", "@")
    head, at, domain = name.partition("@")
    if at and head.strip() and domain and "." not in domain and " " not in domain.strip():
        name = head  # Lotus Notes "Vince J Kaminski@ECT", "Jane Doe/ACME@ACME"
    head, slash, org = name.partition("/")
    inside_brackets = head.count("(") > head.count(")")  # "Jordan Lee (he/him)"
    if slash and head.strip() and org and " " not in org.strip() and not inside_brackets:
        name = head  # Lotus Notes "Jane Doe/ACME"
    name = SPACES.sub(" ", name).strip(" \"'")
    if address and _NO_REPLY.match(address):
        return None, None  # an automated notice: no person wrote it, whatever it is called
    if not name or "@" in name or name.lower() in _NOT_NAMES:
        return None, address
    return name, address


# Machines' sender addresses ("noreply@", "do-not-reply@", "mailer-daemon@"): alerts,
# receipts and bounces that no person wrote.
_NO_REPLY = re.compile(
    r"^(?:no|(?:please[._-]?)?do[._-]?not)[._-]?reply[\w.+-]*@|^mailer-daemon@|^postmaster@",
    re.IGNORECASE,
)


def relayed(value: str) -> bool:
    """Whether a sender is shown as relayed by a list ("Theo Brandt via Kelbrook
    Partners <partners@kelbrook.com>"): the address is then the list's, not theirs."""
    match = EMAIL.search(value)
    return _VIA.match(value[: match.start()] if match else value) is not None


def delegate_of(value: str) -> tuple[str | None, str | None]:
    """The delegate's name and address in "Jenna Ruiz <jr@x.com> On Behalf Of Harlan,
    Greg" ((None, None) without a delegation)."""
    behalf = _ON_BEHALF.search(value)
    return parse_address(value[: behalf.start()]) if behalf is not None else (None, None)


def _unwrap_brackets(name: str) -> str:
    """A display name's own brackets kept, stray ones dropped.

    "jl@acme.example (Jordan Lee)" leaves "(Jordan Lee)", an RFC 822 comment that is the
    whole name: unwrapped. "(Acme Ltd) Jordan Lee" and "Jordan Lee (Acme Ltd)" keep
    theirs (the canonical name drops them, the alias keeps them); a bracket left alone at
    either end by a cut ("Jordan Lee (", ") Jordan") goes.
    """
    if name.startswith("(") and name.endswith(")") and _balanced(name[1:-1]):
        name = name[1:-1].strip(" \t\"'")
    while name.startswith(")") or name.endswith("("):
        name = name.strip("(").strip(")").strip()
    if name.startswith("(") and ")" not in name:
        name = name[1:].strip()
    return name


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


# Outlook's delegate line in its display languages: "On Behalf Of", "Im Auftrag von",
# "de la part de", "en nombre de".
_ON_BEHALF = re.compile(
    r"\s+(?:on behalf of|im auftrag von|de la part de|en nombre de)\s+", re.IGNORECASE
)
# A mailing list or Google Group relays a member's mail under the list's address:
# "Theo Brandt via Kelbrook Partners <partners@kelbrook.com>" is Theo Brandt, and the
# address is the group's, shared by every member who posts through it.
_VIA = re.compile(r"^(?P<name>.+?)\s+via\s+\S.*$")
_MAILTO = re.compile(r"\s*\[mailto:([^\]]{0,300})\]", re.IGNORECASE)
_ROUTE = re.compile(r"(?<=>)@[\w.-]{1,40}")
_SLASH = re.compile(r"\s*/\s*")
_HEX = re.compile(r"\+([0-9A-Fa-f]{2})")


def _mailto(match: re.Match[str]) -> str:
    """ "[mailto:tom@x.com]" is the address; "[mailto:IMCEANOTES-...]" only repeats it."""
    inner = match.group(1).strip()
    return "" if inner.lower().startswith("imcea") else f" <{inner}>"


def _principal(delegate: str, principal: str) -> tuple[str | None, str | None]:
    """ "Jenna Ruiz <jr@x.com> On Behalf Of Harlan, Greg": the message goes out under the
    principal's name, so it is his unless it is signed otherwise (the thread parser
    reads the sign-off). The address is the delegate's and is not kept for him. A shared
    mailbox ("On Behalf Of Sales Team") is nobody: the delegate wrote it."""
    name, address = parse_address(principal)
    if name and len(name.split()) >= 2 and is_personal(name):
        return name, address
    return parse_address(delegate)


def _exchange_wrapped(text: str, match: re.Match[str]) -> tuple[str | None, str | None]:
    """IMCEANOTES-Dana+20Davis+20+3Cdana+2Edavis+40enron+2Ecom+3E+40ENRON@ENRON.com wraps
    'Dana Davis <dana.davis@enron.com>@ENRON'; an IMCEAEX- address wraps an X.500 path
    and names nobody."""
    outer = (text[: match.start()] + text[match.end() :]).strip(" \t<>\"'")
    local = match.group(0).split("@", 1)[0]
    if local.lower().startswith("imceaex-"):
        return (parse_address(outer)[0] if outer else None), None
    inner = _HEX.sub(lambda m: chr(int(m.group(1), 16)), local[len("imceanotes-") :])
    inner = re.sub(r"@[\w.-]*$", "", inner.replace("_", " "))
    name, address = parse_address(inner) if "imcea" not in inner.lower() else (None, None)
    if outer:
        name = parse_address(outer)[0] or name
    return name, address


def _repair(text: str) -> str:
    """Undo the damage exports do to a header value before it is read.

    Spaces inside an address (`< Dana. Davis@ENRON.com >`) are removed, and Lotus
    Notes' " on 11/27/2001 09:09 AM" after a sender is dropped.
    """
    if "<" in text and " " in text:
        text = _BRACKETED.sub(lambda m: "<" + "".join(m.group(1).split()) + ">", text)
    return NOTES_DATE_TAIL.sub("", text)


_LIST_COMMA = re.compile(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)(?![^<]*>)")


def read_recipients(meta: HeaderMeta, value: str) -> None:
    """A "To:" line into `meta`: one person is its recipient (a reply's writer may be
    them); a list ("Felicity Dunmore; Catering Ops", two addresses) is everyone it names,
    never one name with a separator in it."""
    entries = split_recipients(value)
    if len(entries) == 1 and value.count("@") <= 1:
        meta.recipient = value or None
    else:
        meta.known += [pair for pair in map(parse_address, entries) if pair[0]]


def split_recipients(value: str) -> list[str]:
    """The entries of a To/Cc list: split on ";" (Outlook), else on commas that are not
    inside quotes or <...> when the entries carry addresses or Lotus Notes routes
    ("Ann Lee <ann@x.com>, Bob Ng <bob@x.com>", "Jane Doe/HOU/ECT@ECT, Tom Lee/HOU/ECT@ECT");
    "Reyes, Dana" alone is one name."""
    value = value.strip()
    if not value:
        return []
    if ";" in value:
        return [v.strip() for v in value.split(";") if v.strip()]
    pieces = [v.strip() for v in _LIST_COMMA.split(value) if v.strip()]
    routed = sum(1 for v in pieces if "@" in v or "/" in v)
    if len(pieces) > 1 and routed >= max(2, len(pieces) - 1):  # the last may be cut by a wrap
        return pieces
    return [value]
