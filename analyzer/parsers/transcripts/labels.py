"""Speaker labels ("Dana Reyes: ...") and the signs that text is an email, not a transcript.

A label is a short name before a colon. Names may hold spaces, dots, apostrophes, hyphens,
digits after the first letter ("Speaker 2") and accented letters ("José María", "O'Neil",
"Dr. Kim", "Anne-Marie"); words that open notes or links ("Note:", "PS:", "https:") and
sentences that happen to end in a colon ("The answer is:") are not speakers. Markdown
bold labels ("**Dana:**", "**Dana**:") are labels too. All patterns
are bounded, so each line costs constant work.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The name is at most 50 characters; the lazy bounded repeat cannot backtrack far, and
# the possessive space runs (`*+`) never give characters back.
_LABEL = re.compile(
    r"[ \t]*+(?:\*\*)?([^\W\d_][\w.'’\-() &]{0,49}?)(?:\*\*)?[ \t]*+:(?:\*\*)?(?=\s|$)"
)
_PARTICLES = frozenset(
    {
        "de", "da", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la",
        "le", "di", "du", "bin", "al", "el", "y", "e", "st.", "mc",
    }
)  # fmt: skip
NOT_SPEAKERS = frozenset(
    {
        "note", "notes", "nb", "n.b", "ps", "p.s", "pps", "p.p.s", "re", "fw", "fwd",
        "http", "https", "ftp", "mailto", "www", "tel", "phone", "fax", "email", "e-mail",
        "mobile", "cell", "web", "website", "url", "link", "source", "subject", "from", "to",
        "cc", "bcc", "sent", "date", "warning", "caution", "important", "update", "edit",
        "reminder", "action", "action items", "agenda", "summary", "todo", "to do", "tip",
        "example", "total", "price", "step", "time", "location", "address", "attachment",
        "attachments", "status", "result", "next steps", "minutes", "transcript", "meeting",
        "duration", "attendees", "participants", "title", "topic", "recording", "call",
    }
)  # fmt: skip
# Email header names in the languages the email parsers know (one line of a header block).
EMAIL_HEADER_NAMES = frozenset(
    {
        "from", "to", "cc", "bcc", "sent", "date", "subject", "reply-to",
        "von", "an", "gesendet", "betreff", "datum", "kopie",
        "de", "para", "enviado", "enviada", "asunto", "fecha", "assunto", "data", "em",
        "à", "a", "envoyé", "objet", "van", "aan", "verzonden", "onderwerp",
        "da", "inviato", "oggetto",
    }
)  # fmt: skip
_HEADER_LINE = re.compile(r"[ \t]*\*{0,2}([A-Za-zÀ-ÿ\-]{1,12})\*{0,2}[ \t]*:")
_QUOTE_HEADER_END = re.compile(
    r"(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu|skrev|napisał)[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_QUOTE_OPENERS = ("on ", "am ", "le ", "el ", "op ", "il ", "em ", "den ")
_QUOTE_VERBS = (
    "wrote", "schrieb", "a écrit", "escribió", "schreef", "ha scritto", "escreveu", "skrev",
)  # fmt: skip
_SEPARATORS = (
    "-----original message-----",
    "----- original message -----",
    "begin forwarded message",
    "---------- forwarded message",
    "-------- original message --------",
    "________________________________",
)


@lru_cache(maxsize=4096)  # a transcript repeats a handful of names thousands of times
def is_speaker_name(name: str) -> bool:
    """Whether `name` (the text before a colon) reads as a person or a speaker tag."""
    words = name.split()
    if not words or len(words) > 5:
        return False
    if name.lower().rstrip(".") in NOT_SPEAKERS:
        return False
    if len(words) > 1 and not name[0].isupper():
        return False  # a lower-case single word may be a chat handle; longer is a sentence
    for word in words[1:]:
        head = word.lstrip("(")
        if not head:
            return False
        if not (head[0].isupper() or head[0].isdigit() or word.lower() in _PARTICLES):
            return False
    return name.count("(") == name.count(")")


def match_label(text: str, start: int = 0) -> tuple[str, int] | None:
    """A speaker label at `text[start:]`: (name, offset just after the colon), or None."""
    match = _LABEL.match(text, start)
    if not match:
        return None
    name = match.group(1).strip()
    if not is_speaker_name(name):
        return None
    return name, match.end()


def header_name(line: str) -> str | None:
    """The lower-cased email header name a line starts with ("Subject: ..."), if any."""
    match = _HEADER_LINE.match(line)
    if not match:
        return None
    name = match.group(1).lower()
    return name if name in EMAIL_HEADER_NAMES else None


def _is_quote_header(line: str, lowered: str) -> bool:
    """'On Mon, 3 Mar 2025, Dana wrote:', 'Am 03.03.2025 um 10:02 schrieb Sam:', ..."""
    if match_label(line) is not None:
        return False  # a speaker saying "... wrote:" is not a quote header
    if _QUOTE_HEADER_END.search(line[-40:]):
        return True
    return (
        lowered.startswith(_QUOTE_OPENERS)
        and lowered.endswith(":")
        and any(verb in lowered for verb in _QUOTE_VERBS)
    )


def looks_like_email(lines: list[str]) -> bool:
    """Whether the text shows an email's structure: a header block, a quote header,
    `>`-quoted lines or a reply/forward separator."""
    recent: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(">"):
            return True
        lowered = stripped.lower()
        if any(lowered.startswith(sep) for sep in _SEPARATORS):
            return True
        if _is_quote_header(stripped, lowered):
            return True
        name = header_name(stripped)
        if name is None:
            continue
        recent = [(n, h) for n, h in recent if number - n <= 5]
        if any(h != name for _, h in recent):
            return True  # two different header names within a few lines: a header block
        recent.append((number, name))
    return False
