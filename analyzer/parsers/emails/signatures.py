"""Where a message's signature (or legal disclaimer) begins.

Strong markers end the message wherever they sit near its end: the "-- " delimiter,
"Sent from my iPhone" and its kin in seven languages, a disclaimer's opening words, a
rule line above a mailing-list footer or contact lines. Above that point, weaker
evidence extends the signature upwards: a "-Name" sign-off, a block naming the sender
(with the closing formula just above it), or a contact block (name, then phone, address
or web lines). Without a known sender a bare "Thanks,\\nAlex" stays in the text: it may
be the only thing the person said.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzer.parsers.emails.headers import is_rule
from analyzer.parsers.emails.patterns import (
    BANNER_PREFIXES,
    DISCLAIMER_PREFIXES,
    MOBILE_SIGNATURE_PREFIXES,
    VALEDICTION_SET,
)
from analyzer.parsers.names import PARTICLES

_MAX_SIGNATURE_LINES = 40
_BLOCK_MAX = 10  # lines of one signature paragraph (name, title, company, address, phones)
# "-Abhishek Kona", "-- Tim", "— Alex": a single dash sticks to the name, so a bullet
# such as "- Next steps" is not a sign-off.
_DASH_NAME = re.compile(r"^(?:-(?=[A-Z])|(?:--|—|–) ?)[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}$")
_PHONE = re.compile(r"(?:\+|\b)\d[\d ().-]{6,}\d\b")
_CONTACT_HINT = re.compile(r"@|https?://|www\.|\bmailing list\b|unsubscribe", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")


_DELIMITERS = frozenset({"--", "—", "__", "---"})
_RULE_CHARS = frozenset("-_=*~")
_MOBILE_STARTS = ("sent ", *MOBILE_SIGNATURE_PREFIXES)


def _is_mobile(line: str) -> bool:
    lowered = line.strip().lower()
    if not lowered or len(lowered) > 70 or "," in lowered:
        return False
    if lowered.startswith(MOBILE_SIGNATURE_PREFIXES):
        return True
    return lowered.startswith("sent from ") and len(lowered.split()) <= 8


def _has_contact(lines: list[str]) -> bool:
    return any(_CONTACT_HINT.search(x) or _PHONE.search(x) for x in lines)


def _strong_start(lines: list[str]) -> int | None:
    total = len(lines)
    for i in range(max(0, total - _MAX_SIGNATURE_LINES), total):
        line = lines[i]
        if not line:
            continue
        low = line.strip().lower()
        if low in _DELIMITERS or _is_disclaimer(low):
            return i
        if low.startswith(_MOBILE_STARTS) and _is_mobile(line):
            return i
        if low[:1] in _RULE_CHARS and is_rule(line) and _has_contact(lines[i + 1 :]):
            return i
    return None


@lru_cache(maxsize=1024)
def _sender_tokens(name: str | None, address: str | None) -> frozenset[str]:
    tokens = {w.lower() for w in _WORD.findall(name or "")}
    if address:
        local = address.split("@", 1)[0]
        tokens |= {w.lower() for w in _WORD.findall(local.replace(".", " ").replace("_", " "))}
    return frozenset(t for t in tokens if len(t) >= 2)


def _names_sender(line: str, tokens: frozenset[str]) -> bool:
    stripped = line.strip()
    if not tokens or len(stripped) > 40 or stripped.endswith(":") or len(stripped.split()) > 5:
        return False
    head = line.strip()[:14].lower()
    return any(w in tokens or _nickname(w, tokens) for w in _WORD.findall(head))


def _nickname(word: str, tokens: frozenset[str]) -> bool:
    """'kim' for Kimberly, 'phil' for Phillip: a short form that starts a sender token."""
    return len(word) >= 3 and any(len(t) > len(word) and t.startswith(word) for t in tokens)


def _is_valediction(line: str) -> bool:
    return line.strip().rstrip(",.! ").lower() in VALEDICTION_SET  # "Thanks ," tokenised


def _looks_like_name(line: str) -> bool:
    words = line.replace("|", " ").replace(",", " ").split()
    return 1 <= len(words) <= 8 and words[0][:1].isupper() and len(line) <= 60


def _paragraph_head(lines: list[str], first: int, tokens: frozenset[str]) -> int:
    """A signature block can run longer than the lines read above its end: when the
    paragraph around `first` opens with the sender's name ("Sara Shackleton", then
    company, street, city, phones, address), it starts there."""
    head = first
    while head > 0 and lines[head - 1] and first - head < _BLOCK_MAX:
        head -= 1
    short = all(len(lines[i]) <= 60 for i in range(head, first))
    return head if head < first and short and _names_sender(lines[head], tokens) else first


def _weak_start(lines: list[str], end: int, tokens: frozenset[str]) -> int:
    """Extend the signature upwards from `end` with the weaker evidence."""
    above: list[int] = []
    for i in range(end - 1, -1, -1):
        if lines[i]:
            above.append(i)
            if len(above) == 6:
                break
    if not above:
        return end
    start = end
    if _DASH_NAME.match(lines[above[0]].strip()):
        start = above[0]
    # A greeting on the message's first line ("Dana,") may name the sender too, when
    # both share a first name: it never starts a signature.
    top = next((i for i, x in enumerate(lines) if x), end)
    named = [i for i in above if i > top and _names_sender(lines[i], tokens)]
    if named:
        first = _paragraph_head(lines, min(named), tokens)
        block = [lines[i] for i in range(first, end) if lines[i]]
        short = all(len(x) <= 60 for x in block)
        if short and first > 0:
            start = min(start, first)
            before = [i for i in range(first - 1, -1, -1) if lines[i]][:1]
            if before and _is_valediction(lines[before[0]]):
                start = before[0]
        if short or first == 0:
            return start
        # A name block with a long address line: read as a contact block below.
    # A contact block: the last paragraph, a name line then phone/address/web lines.
    para_start = end
    while para_start > 0 and lines[para_start - 1]:
        para_start -= 1
    block = lines[para_start:end]
    if (
        para_start > 0
        and 2 <= len(block) <= 7
        and all(len(x) <= 80 for x in block)
        and _looks_like_name(block[0])
        and (_PHONE.search("\n".join(block[1:])) or _CONTACT_HINT.search("\n".join(block[1:])))
    ):
        start = min(start, para_start)
    elif para_start > 0 and _title_block(block):
        # "Aisha Rahman / Pricing Analyst, Transpacific / Bluefin Logistics": a name over
        # a job title or a firm, with no phone; a lone first name above it signs too.
        start = min(start, para_start)
        above_block = [i for i in range(para_start - 1, -1, -1) if lines[i]][:1]
        if above_block and (
            lines[above_block[0]].strip().lower() == block[0].split()[0].lower()
            or _is_valediction(lines[above_block[0]])
        ):
            start = min(start, above_block[0])
    return start


_TITLE_WORDS = frozenset(
    {
        "manager", "director", "analyst", "engineer", "officer", "coordinator", "assistant",
        "president", "partner", "head", "lead", "owner", "founder", "specialist", "consultant",
        "counsel", "ceo", "cfo", "coo", "cto", "vp", "associate", "executive", "administrator",
        "superintendent", "supervisor", "agent", "broker", "buyer", "planner", "accountant",
        "inc", "llc", "ltd", "gmbh", "corp", "plc", "s.l", "s.a", "sarl", "sas", "ag",
        "leiter", "leiterin", "geschäftsführer", "geschäftsführerin", "referent", "referentin",
        "directeur", "directrice", "responsable", "chargé", "chargée", "gérant", "gérante",
        "directora", "jefe", "jefa", "gerente", "técnico", "técnica",
    }
)  # fmt: skip


# A word of a name: letters, and the hyphen or apostrophe of "Achterberg-Wood", "O'Neill".
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def _title_block(block: list[str]) -> bool:
    """A name line over one to three short lines naming a job title or a firm."""
    if not 2 <= len(block) <= 4:
        return False
    name = block[0].strip().split()
    if not 2 <= len(name) <= 3 or not all(w[:1].isupper() and _NAME_WORD.match(w) for w in name):
        return False
    rest = [x.strip() for x in block[1:]]
    if any(len(x) > 60 or not x[:1].isupper() or x.endswith((".", "!", "?", ":")) for x in rest):
        return False
    words = {w.strip(",.()|").lower() for x in rest for w in x.split()}
    return bool(words & _TITLE_WORDS)


def signature_start(
    lines: list[str],
    name: str | None = None,
    address: str | None = None,
    *,
    keep_signoff: bool = False,
) -> int:
    """Index of the first signature line in a message's own lines (len(lines) if none).

    `lines` are the message's lines with quote markers removed, blank lines as "".
    `name`/`address` identify the sender when known, to recognise a name block.
    `keep_signoff`: no header of the message's own names its writer, so a bare sign-off
    ("Braxton", "Thanks,\nMichael Scott") is all that does: it stays in the text.
    """
    strong = _strong_start(lines)
    end = len(lines) if strong is None else strong
    while end > 0 and not lines[end - 1]:
        end -= 1
    start = _weak_start(lines, end, _sender_tokens(name, address))
    if start < end and not (keep_signoff and is_bare_signoff(lines[start:end])):
        return start
    return strong if strong is not None else len(lines)


_SIGNOFF_LINES = 3


def is_bare_signoff(lines: list[str]) -> bool:
    """Whether lines are a sign-off and nothing else: a closing formula and a name of one
    to four words ("Thanks,", "Michael Scott"), no title, firm, phone or address (a
    "-Name" after a dash is the signature delimiter's, not a bare sign-off)."""
    filled = [x.strip() for x in lines if x.strip()]
    if not 1 <= len(filled) <= _SIGNOFF_LINES:
        return False
    names = [x for x in filled if not _is_valediction(x)]
    if len(names) != 1 or names[0][:1] in "-–—~":
        return False
    words = names[0].split()
    return (
        1 <= len(words) <= 4
        and words[0][:1].isupper()
        and all(
            (w[:1].isupper() or w in PARTICLES)
            and _NAME_WORD.match(w.rstrip(".,"))
            and w.lower() not in _TITLE_WORDS
            for w in words
        )
    )


_BANNER_MAX_LINES = 8
_BANNER_MAX_CHARS = 900
_TAG = re.compile(
    r"^[*\[(]{0,3}\s*(?:external|extern|externe|externo)\s*[*\])]{0,3}\s*[:\-]?\s*", re.I
)


def _is_disclaimer(low: str) -> bool:
    return low.lstrip("*#>[( ").startswith(DISCLAIMER_PREFIXES)


def _is_banner(line: str) -> bool:
    low = line.strip().lower()
    if low.startswith(BANNER_PREFIXES):
        return True
    rest = _TAG.sub("", low, count=1)
    return rest != low and (not rest or rest.lstrip("*").startswith(BANNER_PREFIXES))


def banner_end(lines: list[str]) -> int:
    """Where the text starts under the gateway banners at the top of a message (0: none).

    A banner is a paragraph opening with words such as "[External] CAUTION: This email
    originated from outside..." (in English, German, French or Spanish), wrapped over a
    few lines.
    """
    pos = 0
    end = 0
    while True:
        while pos < len(lines) and not lines[pos].strip():
            pos += 1
        if pos >= len(lines) or not _is_banner(lines[pos]):
            return end
        stop = pos
        size = 0
        while stop < len(lines) and lines[stop].strip() and stop - pos < _BANNER_MAX_LINES:
            size += len(lines[stop])
            stop += 1
        if size > _BANNER_MAX_CHARS:
            return end
        pos = end = stop


def disclaimer_start(lines: list[str]) -> int:
    """Index of the legal footer at the end of a message's lines (len(lines) if none).

    The footer runs from its opening words ("This e-mail is the property of...",
    "Diese E-Mail enthält vertrauliche...", "Ce message est confidentiel...") to the end;
    a rule line just above it belongs to it.
    """
    total = len(lines)
    for i in range(max(0, total - _MAX_SIGNATURE_LINES), total):
        low = lines[i].strip().lower()
        if low and _is_disclaimer(low):
            start = i
            above = [k for k in range(i - 1, max(-1, i - 3), -1) if lines[k].strip()][:1]
            if above and is_rule(lines[above[0]]):
                start = above[0]
            return start
    return total
