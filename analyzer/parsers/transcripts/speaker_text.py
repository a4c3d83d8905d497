"""Labelled text transcripts: "Name: text", "[00:12:03] Name: text", "00:12:03 Name: text".

Chat exports with a date on every line ("12.03.26, 14:05 - Name: text", WhatsApp's
"[12/03/26, 14:05:10] Name: text") are read here too; their turns get date-times (see
`chat_export`).

Also plain chat haggling ("Alex: no deal" paragraphs separated by blank lines) and
Zoom's saved chat ("10:02:15 From Dana Reyes to Everyone:" then the message). Each
labelled line (with the unlabelled lines that follow it) is one source cue; consecutive
cues of one speaker merge into one turn, joined with a newline because each labelled line
is a separate utterance. Lines before the first label: a short heading (a title, a date)
is left out with a warning that quotes it; longer text is kept as a turn by "Unknown".

Sniffing is careful not to claim email threads, which also have "Word: value" lines: text
with an email header block, a quote header ("On ... wrote:") or `>`-quoted lines is
refused, and at least two distinct speakers must label most of the non-blank lines.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from analyzer.errors import ParseError
from analyzer.models import Conversation, InputFormat
from analyzer.parsers.build import UNKNOWN_SPEAKER
from analyzer.parsers.emails.dates import find_date
from analyzer.parsers.lines import line_spans
from analyzer.parsers.names import CAPITALISED, fold, tokens
from analyzer.parsers.transcripts.answered_names import answered_names, own_signature
from analyzer.parsers.transcripts.chat_export import (
    ChatStamp,
    day_marker,
    is_placeholder,
    match_stamp,
    to_iso,
)
from analyzer.parsers.transcripts.chat_names import chat_names
from analyzer.parsers.transcripts.chat_roles import (
    called_by_others,
    named_part,
    nouns_in,
    opens_with_trade,
)
from analyzer.parsers.transcripts.contact_names import is_initialled, is_number
from analyzer.parsers.transcripts.cues import (
    Segment,
    SourceCue,
    cues_to_conversation,
    finish_labelled_cues,
    linear_time,
    prepare_source,
)
from analyzer.parsers.transcripts.labels import is_speaker_name, looks_like_email, match_label
from analyzer.parsers.transcripts.markup import Token
from analyzer.parsers.transcripts.sender_names import FIRST_MESSAGES, role_signer
from analyzer.parsers.transcripts.timecodes import clock_seconds

# "[00:12:03] ", "(12:03) ", "00:12:03 - ": a clock before the label.
# A capitalised word: a name others may call someone by ("Perfecto Enrique").
_CAPITALISED = re.compile(r"\b" + CAPITALISED)
_CLOCK_PREFIX = re.compile(
    r"[ \t]*[\[(]?((?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)[\])]?[ \t]+(?:[-–—|][ \t]+)?"
)
# "[09/06 07:42] ", "[9.6. 07:42] ": a day, month and clock (phone SMS exports, chat
# copies). Without a year the date cannot be placed, so only the label is taken.
_DATED_PREFIX = re.compile(
    r"[ \t]*\[\d{1,2}[./-]\d{1,2}\.?,?[ \t]+\d{1,2}:\d{2}(?::\d{2})?\][ \t]+(?:[-–—|][ \t]+)?"
)
_SNIFF_LINES = 2000


def labelled_line(line: str) -> tuple[float | None, str, int] | None:
    """(clock seconds, speaker, offset where the said text starts) of a labelled line."""
    return _labelled(line, match_stamp(line))


def _labelled(
    line: str, stamped: tuple[ChatStamp, int] | None
) -> tuple[float | None, str, int] | None:
    """`labelled_line` with the line's chat stamp (`match_stamp`) already read."""
    clock = None
    start = 0
    if stamped is not None:
        # A chat export's date and time: the label follows; the date-time is kept apart.
        found = match_label(line, stamped[1], stamped=True)
        return None if found is None else (None, found[0], found[1])
    dated = _DATED_PREFIX.match(line)
    if dated is not None:
        found = match_label(line, dated.end(), stamped=True)
        return None if found is None else (None, found[0], found[1])
    prefix = _CLOCK_PREFIX.match(line)
    if prefix:
        clock = clock_seconds(prefix.group(1))
        if clock is not None:
            start = prefix.end()
    found = _zoom_chat_label(line, start) if clock is not None else None
    if found is not None:
        return clock, found[0], found[1]
    found = match_label(line, start)
    if found is None:
        return None
    name, end = found
    return clock, name, end


def _zoom_chat_label(line: str, start: int) -> tuple[str, int] | None:
    """Zoom's saved chat: "10:02:15 From Dana Reyes to Everyone:" (text on this line or the
    next), or the older "10:02:15 From Dana Reyes : text"."""
    if not line.startswith("From ", start):
        return None
    colon = line.find(":", start, start + 160)
    if colon < 0 or (colon + 1 < len(line) and not line[colon + 1].isspace()):
        return None
    sender = " ".join(line[start + 5 : colon].split())
    sender = sender.split(" to ", 1)[0].strip()
    if not is_speaker_name(sender):
        return None
    return sender, colon + 1


def sniff(text: str) -> bool:
    """Two or more labelled speakers covering most non-blank lines, and no email signs."""
    lines = prepare_source(text[:400_000]).split("\n")[:_SNIFF_LINES]
    if looks_like_email(lines):
        return False
    nonblank = 0
    labelled = 0
    speakers: set[str] = set()
    label_alone = False  # the previous line was a label with its text on the next line
    for line in lines:
        if not line.strip():
            continue
        nonblank += 1
        found = labelled_line(line)
        if found is not None:
            labelled += 1
            speakers.add(found[1].casefold())
            label_alone = not line[found[2] :].strip()
        elif label_alone:
            labelled += 1  # covered by the label above it
            label_alone = False
    return len(speakers) >= 2 and labelled * 2 > nonblank


def _stamp_of(
    line: str, day: date | None, stamped: tuple[ChatStamp, int] | None
) -> ChatStamp | datetime | None:
    """A labelled line's date-time: its own chat stamp (`stamped`), or the day's date and
    its clock."""
    if stamped is not None:
        return stamped[0]
    prefix = _CLOCK_PREFIX.match(line) if day is not None else None
    if day is None or prefix is None:
        return None
    # Under a day separator, "[15:40]" is a time of day, not minutes into a call.
    parts = [int(p) for p in re.split(r"[:.,]", prefix.group(1))[:3]]
    if len(parts) == 2:
        parts.append(0)
    hour, minute, second = parts[:3]
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    return datetime.combine(day, time(hour, minute, second))


def _stripped(source: str, a: int, b: int) -> tuple[int, int]:
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    return a, b


def read_cues(
    source: str,
    stamps: list[ChatStamp | datetime | None] | None = None,
    *,
    stamped_only: bool = False,
    system_lines: list[str] | None = None,
) -> tuple[list[SourceCue], list[str]]:
    """The labelled cues of the text, plus warnings. Raises ParseError with no labels.

    `stamps`, when given, receives each labelled cue's date-time (or None): a chat
    export's own stamp, or a day separator line ("[Monday 16 November 2026]") followed by
    "[09:30] Name:" clock times. Day separators are not speech and stay out of the turns.
    `stamped_only` (a chat export): only a stamped line opens a message; "Syndic: 12%"
    on a line of its own continues the message above it. `system_lines`, when given,
    receives the text of the app's own lines ("Dana added Tom").
    """
    cues: list[SourceCue] = []
    extents: list[list[int]] = []  # [first line start, last line end] of each cue
    preamble: list[tuple[int, int]] = []
    day: date | None = None
    system = placeholders = 0
    first_system = ""
    for a, b in line_spans(source):
        line = source[a:b]
        if not line.strip():
            continue
        stamp = match_stamp(line)  # read once: the label, the date and the app's lines
        found = _labelled(line, stamp)
        if found is not None and stamped_only and stamp is None:
            found = None
        if found is not None:
            clock, name, end = found
            text_start, text_end = _stripped(source, a + end, b)
            said = source[text_start:text_end]
            if is_placeholder(said):
                # "<Media omitted>", iOS "\u200eimage omitted": what the sender sent,
                # kept as their message (the mark is the app's, not theirs).
                while text_start < text_end and source[text_start] == "\u200e":
                    text_start += 1
                placeholders += 1
            elif said.startswith("\u200e") and stamp is not None:
                # iOS marks its own lines, even under the group's name ("Budget:
                # \u200eDana added Tom"), with a left-to-right mark.
                system += 1
                first_system = first_system or said.strip("\u200e")[:80]
                if system_lines is not None:
                    system_lines.append(said.strip("\u200e "))
                continue
            tokens: list[Token] = [(text_start, text_end)] if text_start < text_end else []
            segment = Segment(tokens, new_speaker=True, speaker=name)
            cues.append(SourceCue(clock, None, "", None, [segment]))
            extents.append([a, b])
            if stamps is not None:
                stamps.append(_stamp_of(line, day, stamp))
            continue
        if stamp is not None:
            # "X added Y", "Messages and calls are end-to-end encrypted": the app's words.
            system += 1
            first_system = first_system or line[stamp[1] :].strip()[:80]
            if system_lines is not None:
                system_lines.append(line[stamp[1] :].strip())
            continue
        if stamps is not None:
            marker = day_marker(line)
            if marker is not None:
                day = marker
                continue
            if not cues and day is None:
                # A heading such as "Chat with Kim, 2 November 2026" dates what follows.
                heading = find_date(line)
                day = heading[0] if heading else None
        piece = _stripped(source, a, b)
        if not cues:
            preamble.append(piece)
            continue
        segment = cues[-1].segments[-1]
        if segment.tokens:
            segment.tokens.append("\n")
        segment.tokens.append(piece)
        extents[-1][1] = b
    if not cues:
        raise ParseError(
            "no 'Name: text' lines were found; label each line with its speaker, "
            "e.g. 'Dana: we can do 40'."
        )
    cues, warnings = finish_labelled_cues(source, cues, extents, preamble)
    if system:
        warnings.append(
            f"{system} chat system line(s) (encryption notice, members added or left, "
            f"group changes) were not read as anyone's words: {first_system!r}."
        )
    if placeholders:
        warnings.append(
            f"{placeholders} message(s) are the app's stand-in for media or a deleted "
            "message ('<Media omitted>'); each is kept, as written, as its sender's message."
        )
    return cues, warnings


@linear_time
def parse(text: str, raw: bytes | None = None) -> Conversation:
    """Parse "Name: text" lines into turns."""
    return parse_as(InputFormat.SPEAKER_TEXT, text)


def parse_as(fmt: InputFormat, text: str) -> Conversation:
    """Parse labelled lines into turns of the format `fmt` (chat exports share the reading)."""
    source = prepare_source(text)
    stamps: list[ChatStamp | datetime | None] = []
    chat = fmt is InputFormat.WHATSAPP
    system_lines: list[str] = []
    cues, warnings = read_cues(source, stamps, stamped_only=chat, system_lines=system_lines)
    if chat:
        _rename_senders(source, cues, system_lines)
    origin = _date_cues(cues, to_iso(stamps)) if any(stamps) else None
    conversation = cues_to_conversation(fmt, source, cues, warnings, cue_separator="\n")
    return conversation if origin is None else _date_turns(conversation, origin)


def _rename_senders(source: str, cues: list[SourceCue], system_lines: list[str]) -> None:
    """Contact labels to the names people go by (`chat_names`)."""
    messages: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    texts: dict[str, list[str]] = {}  # every message of a "Julia K." label
    labelled: list[tuple[SourceCue, int, int]] = []  # each message and where its text is
    early: list[str] = []  # each sender's first messages, whole
    words: dict[str, set[str]] = {}  # the capitalised words in each sender's first messages
    for cue in cues:
        segment = cue.segments[0] if cue.segments else None
        if segment is None or segment.speaker is None:
            continue
        pieces = [t for t in segment.tokens if isinstance(t, tuple)]
        start, end = (pieces[0][0], pieces[-1][1]) if pieces else (0, 0)
        labelled.append((cue, start, end))
        if is_initialled(segment.speaker) and pieces:
            texts.setdefault(segment.speaker, []).append(source[start:end])
        # Every message goes to `chat_names`: the first few may introduce their sender, any
        # may name another (two labels that name each other are two people).
        # The first line may introduce the sender, the last may sign ("Saludos, Nuria S.").
        ends = pieces[:1] + pieces[1:][-1:]
        messages.append((segment.speaker, "\n".join(source[a:b] for a, b in ends)))
        count = seen.get(segment.speaker, 0)
        seen[segment.speaker] = count + 1
        if count >= FIRST_MESSAGES:
            continue  # role nouns and the names the others call a sender: first messages only
        whole = source[start:end]
        early.append(whole)
        words.setdefault(segment.speaker, set()).update(map(fold, _CAPITALISED.findall(whole)))
    nouns = nouns_in(early)
    mentions = {label: frozenset(found) for label, found in words.items()}
    called = called_by_others(mentions)
    # "Grúas Paco" signing "Paco": the trade goes, the given name stays (`named_part`).
    signs = _signs(messages, {label for label in mentions if opens_with_trade(label)})
    roles = {
        label
        for label in mentions
        if named_part(label, nouns, called[label], signs.get(label, frozenset())) == ""
    }
    names = chat_names(messages, system_lines, texts, nouns, called, signs=signs)
    unnamed = {label for label in mentions if label not in names and is_number(label)}
    if unnamed:
        shown = {label: names.get(label, label) for label in mentions}
        names.update(answered_names(messages, unnamed, shown))
    _keep_numbers_apart(names, set(mentions))
    if not names and not roles:
        return
    for cue, start, end in labelled:
        for segment in cue.segments:
            if segment.speaker in roles:
                # A role's phone ("Ops Duty Manager"): whoever signs, else no one known.
                segment.speaker = role_signer(source[start:end]) or UNKNOWN_SPEAKER
            elif segment.speaker in names:
                segment.speaker = names[segment.speaker]


def _keep_numbers_apart(names: dict[str, str], labels: set[str]) -> None:
    """Two unsaved numbers given one name that no label of the chat bears are two people
    who pasted the same text (a signature, a contact card), not one: both keep their
    numbers. (A number takes a saved contact's name only when it says it is a new phone,
    in `chat_names`.)"""
    given: dict[str, list[str]] = {}
    for label, name in names.items():
        if is_number(label) and name not in labels:
            given.setdefault(name, []).append(label)
    for shared in (group for group in given.values() if len(group) > 1):
        for label in shared:
            del names[label]


def _signs(messages: list[tuple[str, str]], labels: set[str]) -> dict[str, frozenset[str]]:
    """The lone names (folded) the messages of `labels` sign with ("Paco")."""
    out: dict[str, set[str]] = {label: set() for label in labels}
    for label, text in messages:
        if label in labels:
            found = tokens(own_signature(text, label) or "")
            if len(found) == 1:
                out[label].add(found[0])
    return {label: frozenset(words) for label, words in out.items()}


def _date_cues(cues: list[SourceCue], stamps: list[str | None]) -> datetime | None:
    """Give each dated message (chat exports) its seconds since the first dated one, so
    days of silence inside a run of one speaker's messages stay visible; return the first
    message's date-time."""
    # The labelled cues, in the order their stamps were read (not a kept preamble).
    labelled = [c for c in cues if c.segments and c.segments[0].speaker is not None]
    times = [datetime.fromisoformat(s) if s else None for s in stamps]
    origin = next((t for t in times if t is not None), None)
    if origin is None:
        return None
    for cue, when in zip(labelled, times, strict=True):
        cue.start_s = (when - origin).total_seconds() if when is not None else None
    return origin


def _date_turns(conversation: Conversation, origin: datetime) -> Conversation:
    """Each turn's date-time is its first dated message's."""
    turns = []
    for turn in conversation.turns:
        first = next((c.start_s for c in turn.cues if c.start_s is not None), None)
        if first is None:
            turns.append(turn)
            continue
        stamp = (origin + timedelta(seconds=first)).isoformat()
        turns.append(turn.model_copy(update={"timestamp": stamp}))
    return conversation.model_copy(update={"turns": turns})
