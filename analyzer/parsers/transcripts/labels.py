"""Speaker labels ("Dana Reyes: ...") and the signs that text is an email, not a transcript.

A label is a short name before a colon. Names may hold spaces, dots, apostrophes, hyphens,
digits after the first letter ("Speaker 2") and accented letters ("José María", "O'Neil",
"Dr. Kim", "Anne-Marie"), and what chat apps show for saved contacts: brackets, lower-case
words inside a name, a possessive, a phone number, emoji ("Tom's dad", "Mrs Carter (Y4
rep)", "Flat no. 18", "+33 6 12 34 56 78"); words that open notes or links ("Note:", "PS:", "https:") and
sentences that happen to end in a colon ("The answer is:") are not speakers. Markdown
bold labels ("**Dana:**", "**Dana**:") are labels too. All patterns
are bounded, so each line costs constant work.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The name is at most 60 characters of anything but a colon, then the colon (French
# typing puts a space, often a no-break one, before it). The lazy bounded repeat cannot
# backtrack far and the possessive space runs (`*+`) never give characters back; which
# characters a name may hold is decided by `is_speaker_name`, not by the pattern.
_LABEL = re.compile(
    r"[ \t]*+(?:\*\*)?([^\s:*][^:\n]{0,59}?)(?:\*\*)?[ \t\u00a0\u202f]*+:(?:\*\*)?(?=\s|$)"
)
# A phone number saved as no contact: "+33 6 12 34 56 78", "+1 (415) 555-0134".
_PHONE = re.compile(r"\+\d[\d \u00a0()\-]{5,22}\d")
_BRACKETS = re.compile(r"\([^()]{0,40}\)|\[[^\[\]]{0,40}\]")
# Punctuation a name may hold besides letters, digits, spaces and emoji.
_NAME_PUNCTUATION = frozenset(".'’-–—()[]&+~_")
# Words that, with "'s", open a sentence rather than name someone's relative ("Here's why").
_CONTRACTED = frozenset(
    {
        "here", "there", "that", "what", "it", "let", "who", "where", "how", "he", "she",
        "this", "everyone", "today", "now", "mine", "today's", "one", "nobody", "somebody",
    }
)  # fmt: skip
# "no. 18", "nº 4", "n° 12": an abbreviated "number" before a figure.
_NUMBER_WORDS = frozenset({"no.", "no", "nº", "n°", "nr.", "nr", "num.", "apt", "apt."})
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
def is_speaker_name(name: str, *, stamped: bool = False) -> bool:
    """Whether `name` (the text before a colon) reads as a person or a speaker tag.

    Names are what people save in their phones and put in minutes: "Dana Reyes",
    "Tom's dad", "Mrs Carter (Y4 rep)", "Flat no. 18", "Conseil de quartier
    Saint-Michel", "Club Forme+", "Host - Rick", "+33 6 12 34 56 78", "Mum 💐". Lines of
    prose that end a phrase with a colon ("Note:", "The answer is:", "Here's why:") are
    not. `stamped`: the name follows a chat export's date-time stamp, where the app
    itself wrote it, so lower-case words anywhere are accepted ("~ marie from work").
    """
    name = name.strip()
    if not name or len(name) > 60 or name.lower().rstrip(".") in NOT_SPEAKERS:
        return False
    if not all(_name_char(ch) for ch in name):
        return False
    if name.count("(") != name.count(")") or name.count("[") != name.count("]"):
        return False
    if _PHONE.fullmatch(name.lstrip("~ ")):
        return True
    words = [w for w in _BRACKETS.sub(" ", name).lstrip("~").split() if _lettered(w)]
    if not words and stamped:
        # A contact saved as emoji alone ("🦄✨"): the app wrote it, so it names someone.
        return any(unicodedata.category(ch) == "So" for ch in name)
    if not words or len(words) > (8 if stamped else 6):
        return False
    first = words[0]
    if not (first[0].isalpha() or not first[0].isascii()):
        return False  # "10:30:", "2 options:"
    if stamped:
        return True
    if len(words) == 1:
        return True  # a lower-case single word may be a chat handle
    if not first[0].isupper():
        return False  # longer lower-case text is a sentence
    if first.lower().rstrip(".") in NOT_SPEAKERS:
        return False  # "Update from Sam:", "Re the offer:"
    return _words_name_someone(words)


def _name_char(ch: str) -> bool:
    if ch.isalnum() or ch == " " or ch in _NAME_PUNCTUATION:
        return True
    # Emoji and their joiners and variation selectors, accents written apart.
    return unicodedata.category(ch) in {"So", "Sk", "Mn", "Me", "Cf"}


def _lettered(word: str) -> bool:
    """Whether a word carries a letter or a figure (not "-", "&" or an emoji alone)."""
    return any(ch.isalnum() for ch in word)


def _words_name_someone(words: list[str]) -> bool:
    """The words after a capitalised first word: capitalised words, figures and name
    particles, with a possessive's relative ("Tom's dad"), an abbreviated number ("Flat
    no. 18") or lower-case words inside a name that ends capitalised ("Conseil de
    quartier Saint-Michel")."""
    lower_inside = 0
    for index, word in enumerate(words[1:], start=1):
        head = word.lstrip("(['’+~")
        if not head or head[0].isupper() or head[0].isdigit() or word.lower() in _PARTICLES:
            continue
        previous = words[index - 1]
        numbered = index + 1 < len(words) and words[index + 1][0].isdigit()
        if word.lower() in _NUMBER_WORDS and numbered:
            continue  # "Flat no. 18"
        if index == len(words) - 1 and len(words) == 2 and _possessive(previous):
            continue  # "Tom's dad", "Mia’s mum"
        if index < len(words) - 1:
            lower_inside += 1
            continue
        return False  # a name does not end in a lower-case word: "The answer is"
    return lower_inside <= 2


def _possessive(word: str) -> bool:
    lowered = word.lower().replace("’", "'")
    return lowered.endswith("'s") and lowered[:-2] not in _CONTRACTED


def match_label(text: str, start: int = 0, *, stamped: bool = False) -> tuple[str, int] | None:
    """A speaker label at `text[start:]`: (name, offset just after the colon), or None.

    `stamped`: the label follows a chat export's date-time stamp (see `is_speaker_name`).
    """
    match = _LABEL.match(text, start)
    if not match:
        return None
    # WhatsApp shows a sender with no saved contact as "~ Marie": the tilde is not a name.
    name = match.group(1).strip().lstrip("~ \u202f")
    if not is_speaker_name(name, stamped=stamped):
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
