"""WhatsApp chat exports (and the like): a date-time stamp before every message.

    12/03/2026, 14:05 - Dana: no deal            (Android)
    [12/03/2026, 14:05:33] Dana: no deal         (iOS)
    12.03.26, 14:05 - Dana: no deal              (German)
    12/03/2026 à 14:05 - Dana: no deal           (French)

They are read like any labelled lines (`speaker_text`), under their own format name, which
is what users call them. The app's own lines (the encryption notice, "X added Y") are not
anyone's words and are left out with a warning; what it writes in place of a photo, a file
or a deleted message ("<Media omitted>", iOS "image omitted") is a message of its sender,
kept as written.
"""

from __future__ import annotations

from analyzer.models import Conversation, InputFormat
from analyzer.parsers.transcripts import speaker_text
from analyzer.parsers.transcripts.chat_export import match_stamp
from analyzer.parsers.transcripts.cues import linear_time, prepare_source
from analyzer.parsers.transcripts.labels import looks_like_email

_SNIFF_LINES = 2000


def sniff(text: str) -> bool:
    """Stamped messages from the first lines on: at least two, and a third of the
    non-blank lines (a long message continues on unstamped lines)."""
    lines = prepare_source(text[:400_000]).split("\n")[:_SNIFF_LINES]
    if looks_like_email(lines):
        return False
    nonblank = stamped = labelled = 0
    for line in lines:
        if not line.strip():
            continue
        nonblank += 1
        if match_stamp(line) is not None:
            stamped += 1
            labelled += speaker_text.labelled_line(line) is not None
    return labelled >= 2 and stamped * 3 >= nonblank


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse a chat export into turns dated by their first message."""
    return speaker_text.parse_as(InputFormat.WHATSAPP, text)
