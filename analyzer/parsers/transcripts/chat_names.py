"""Who a chat export's sender labels stand for: contact names as the phone saved them.

A chat export labels each message with what the exporting phone knows about the sender:
the contact name, which may carry a note ("Lucas (élec)", "Stefan (Lager)", "Jess -
Harborline Realty"), or only a phone number ("+33 6 55 51 23 40") when the contact is
not saved. People say who they are instead: "c'est Thierry, nouveau numéro", "Carlos
Mendes here from the Lisbon office", "this is Jessica Alvarez with Harborline Realty".
The app's own lines name people in full too ("Thierry Vasseur a changé de numéro",
"Hannah Wu added +1 415 555 0199").

`chat_names` maps each label to the name the person goes by:

- a number takes the name its sender introduces themself with (a first name alone is
  completed by the one full name the chat gives with it, from the app's lines or the
  other labels);
- a contact name takes the full name its sender introduces themself with when the two
  fit ("Jess" / "Jessica Alvarez");
- a note after the name is dropped ("Lucas (élec)" -> "Lucas", "Jess - Harborline
  Realty" -> "Jess"), unless another label is already that bare name, and so is a title
  before a given name and a surname ("Dr. Andrés Pizarro" -> "Andrés Pizarro");
- a contact saved as a given name and an initial ("Julia K.") takes the full name its
  sender writes with them ("Julia Kowalczyk, if anyone needs my surname");
- one person under two labels (a second phone, a new number saved again): a contact who
  introduces or signs themself with a name that is another label's given name, and that
  fits their own ("Terry here from my personal phone" under "Terrence Boyle", with a
  "Coach Terry" in the chat; "... old phone died. Jas" under "Jasmine Ortiz", with a
  "Jas"), makes the other label theirs, once a phone change is said ("my personal
  phone", "número nuevo", "neue Nummer", "nouveau numéro") or the app says the number
  changed; never two labels that answer each other or where one names the other ("Tom"
  writing "thanks Tom" to "Tom Berg" is another Tom).

What a label holds is read in `contact_names`, what a message says of its sender in
`sender_names`, and whether two labels may be one person in `same_person`.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from analyzer.parsers.names import goes_by, tokens
from analyzer.parsers.transcripts.chat_roles import is_relation, named_part
from analyzer.parsers.transcripts.contact_names import bare_name, completed_initial, is_number
from analyzer.parsers.transcripts.same_person import LabelPairing, same_person_labels
from analyzer.parsers.transcripts.sender_names import (
    APP_LINE_NAME,
    FIRST_MESSAGES,
    changed_to,
    end_signed,
    introduced_name,
    signed_name,
)


def _complete(first: str, full_names: list[str]) -> str:
    """A first name alone, completed by the one full name the chat gives with it, or
    with its full form ("Bea" for Beatriz Soto)."""
    word = tokens(first)
    if len(word) != 1:
        return first
    fits = {n for n in full_names if len(tokens(n)) >= 2 and goes_by(word[0], tokens(n))}
    return next(iter(fits)) if len(fits) == 1 else first


def _called(said: str, label: str, labels: list[str], called: Container[str]) -> bool:
    """Whether the others in the chat call the sender by the given name of the full name
    they sign ("Perfecto Enrique" to "Quique Encofrados", who signs "Enrique Salas"), and
    no other label is that name: the chat's evidence for a short form no list knows."""
    given = tokens(said)[:1]
    if not given:
        return False
    if any(o != label and tokens(bare_name(o))[:1] == given for o in labels):
        return False
    return given[0] in called


def _holders(labels: list[str]) -> dict[str, set[str]]:
    """Each name word (folded) -> the labels whose names hold it."""
    out: dict[str, set[str]] = {}
    for label in labels:
        for word in tokens(bare_name(label)):
            out.setdefault(word, set()).add(label)
    return out


def _alike(short: str, label: str, holders: dict[str, set[str]]) -> bool:
    """Whether a label shortened at its start to `short` ("Kapitän Hansen" -> "Hansen",
    "Taxi Mike" -> "Mike") would read as another label's name ("Jens Hansen", "Mike
    Jones"): the title or the trade is what tells the two apart, so it stays. (A note
    after the name goes: "Stefan (Lager)" is Stefan beside a Stefan Kraus.)"""
    if short.split()[:1] == label.split()[:1]:
        return False
    words = tokens(short)
    sharing = set.intersection(*(holders.get(w, set()) for w in words)) if words else set()
    return bool(sharing - {label})


def chat_names(
    messages: list[tuple[str, str]],
    system_lines: list[str],
    texts: dict[str, list[str]] | None = None,
    nouns: frozenset[str] = frozenset(),
    called: Mapping[str, Container[str]] | None = None,
    *,
    signs: dict[str, frozenset[str]] | None = None,
) -> dict[str, str]:
    """Label -> name for the labels to rename (see the module docstring).

    `messages`: (label, text) of each message in file order; `system_lines`: the app's
    own lines (without their stamps); `texts`: every message of each label saved as a
    given name and an initial ("Julia K."); `nouns`: the words the chat uses as common
    nouns (`chat_roles.nouns_in`); `called`: for each label, the capitalised words
    (folded) everyone else writes; `signs`: for each label, the lone names (folded) its
    messages sign with.
    """
    texts = texts or {}
    called = called or {}
    labels = list(dict.fromkeys(label for label, _ in messages))
    seen: dict[str, int] = {}
    intro: dict[str, str] = {}
    pairing = LabelPairing(messages, system_lines)
    own_names: dict[str, list[str]] = {}  # names a label says or signs alone as its own
    for label, text in messages:
        count = seen.get(label, 0)
        seen[label] = count + 1
        if count >= FIRST_MESSAGES:
            continue
        introduced = introduced_name(text)
        alone = [n for n in (introduced, end_signed(text)) if n]
        if alone:
            own_names.setdefault(label, []).extend(alone)
        if label in intro:
            continue
        found = introduced or signed_name(text)
        if found is not None:
            intro[label] = found
    named_by_app = [m.group(1) for m in map(APP_LINE_NAME.match, system_lines) if m]
    full_names = [n for n in [*named_by_app, *labels] if not is_number(n)]
    bare = {label.strip() for label in labels}
    holders = _holders(labels)
    out: dict[str, str] = {}
    for label in labels:
        said = intro.get(label)
        if is_number(label):
            if said is None:
                # "Perdonad, número nuevo. Bea": a new number that only signs says who it
                # is, when the name fits one full name the chat gives ("Gracias" fits none).
                signed = next(iter(own_names.get(label, [])), None)
                full = _complete(signed, full_names) if signed else None
                fits = full is not None and signed is not None and len(tokens(full)) >= 2
                said = full if fits and pairing.may_join(label, full or "", signed or "") else None
            if said is not None:
                whole = _complete(said, full_names)
                other = whole in bare  # another label's name: two labels would be one
                if not other or pairing.may_join(label, whole, said):
                    out[label] = whole
                elif said.strip() not in bare:
                    out[label] = said
                # Else the number signs with another label's very name and says nothing
                # of a new phone: a pasted signature, so the number keeps its label.
            elif (changed := changed_to(label, system_lines)) is not None:
                out[label] = changed
            continue
        others = called.get(label, frozenset())
        part = named_part(label, nouns, others, (signs or {}).get(label, frozenset()))
        if part == "":
            continue  # a role alone: each message is whoever signs it (`role_signer`)
        if is_relation(label):
            # "Mama von Leon ... LG Petra": the name she signs or says is hers.
            signed = said or next(iter(own_names.get(label, [])), None)
            if signed is not None:
                out[label] = _complete(signed, full_names)
            continue
        short = part or bare_name(label)
        if said is not None and len(tokens(said)) >= 2:
            own = tokens(short)
            joins = said in bare and said != label.strip()  # another label's full name
            fits = bool(own) and (
                goes_by(own[0], tokens(said)) or _called(said, label, labels, others)
            )
            if fits and (not joins or pairing.may_join(label, said, short)):
                out[label] = said
                continue
        completed = completed_initial(label, texts.get(label, []))
        if completed is not None and completed not in bare:
            out[label] = completed
            continue
        shorter = short != label.strip() and short not in bare and tokens(short)
        if shorter and not _alike(short, label, holders):
            out[label] = short
    same_person_labels(labels, own_names, out, pairing)
    return out
