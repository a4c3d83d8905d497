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
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from analyzer.parsers.emails.signoff_words import NOT_SIGNERS
from analyzer.parsers.mailboxes import is_personal
from analyzer.parsers.names import dotted_title, fold, goes_by, tokens
from analyzer.parsers.transcripts.chat_roles import is_relation, named_part

_PHONE = re.compile(r"^~?\s*\+?\d[\d \u00a0()\-]{5,22}\d$")
# A name's word: capitalised, maybe hyphenated or with a capital inside ("Jean-Pierre",
# "McKenzie").
_WORD = r"[A-ZÀ-ÝÑ][a-zà-ÿñ'’-]+(?:[A-ZÀ-ÝÑ][a-zà-ÿñ'’-]+)*"
_NAME = r"(" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,2})"
# "this is Jessica Alvarez", "c'est Thierry", "hier ist Emre", "soy Lucía", "Carlos
# Mendes here", "Emre hier": how people say who is writing from an unknown number.
_INTRODUCTIONS = (
    re.compile(
        r"(?:^|[\s,.!])(?i:this is|it's|it’s|it is|c'est|c’est|ici|je suis|hier ist|ich bin|soy|habla|"
        r"aquí|le habla)[ \t]+" + _NAME
    ),
    re.compile(_NAME + r"[ \t]+(?:here|hier|ici|aquí|aqui)\b"),
)
_NOTE = re.compile(r"^(?P<name>[^()\[\]]+?)\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[-–|]\s.+)$")
# Words that follow "this is" / "c'est" without naming anyone.
_NOT_NAMES = frozenset(
    {
        "it", "me", "we", "great", "perfect", "fine", "good", "bon", "parfait", "super",
        "gut", "genau", "the", "a", "an", "not", "just", "bien", "ok", "okay", "noted",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    }
)  # fmt: skip
FIRST_MESSAGES = 3  # an introduction comes with the first few messages
_INTRO_CHARS = 240
# The app's lines start with the person they are about ("Thierry Vasseur a changé...").
_SYSTEM_NAME = re.compile(r"^\u200e?" + _NAME + r"\s")


def is_number(label: str) -> bool:
    """Whether a sender label is a phone number (the contact is not saved)."""
    return _PHONE.match(label.strip()) is not None


def introduced_name(text: str) -> str | None:
    """The name a message's sender introduces themself with, if any."""
    head = text[:_INTRO_CHARS]
    for pattern in _INTRODUCTIONS:
        for found in pattern.finditer(head):
            name = found.group(1).strip()
            words = name.split()
            while words and fold(words[-1]) in _NOT_NAMES:
                words.pop()
            if any(w.endswith(("'s", "’s")) for w in words):
                continue  # "this is Friday's plan": a possessive, not a name
            if words and fold(words[0]) not in _NOT_NAMES and is_personal(" ".join(words)):
                return " ".join(words)
    return None


def _is_decoration(ch: str) -> bool:
    """An emoji or pictograph people add to a contact name ("Nuria 🌻", "✈️ Tom Berg"),
    with its variation selector and joiners; not "+" or "&" of a firm's name."""
    return ch.isspace() or unicodedata.category(ch) in {"So", "Sk", "Cf", "Mn"}


def _without_note(label: str) -> str:
    found = _NOTE.match(label.strip())
    name = found.group("name").strip() if found else label.strip()
    start, end = 0, len(name)
    while start < end and _is_decoration(name[start]):
        start += 1
    while end > start and _is_decoration(name[end - 1]):
        end -= 1
    return name[start:end] if start < end and not is_number(label) else name


# Formulas that sign, not thanks ("Thanks, Tom Berg" may thank Tom).
_FORMULA = (
    r"(?i:best|regards|kind regards|best wishes|love|saludos|un saludo|un abrazo|abrazos|"
    r"besos|atentamente|cordialement|bien à vous|bises|bisous|amitiés|"
    r"(?:viele |liebe |beste |herzliche |schöne )?grüße|gruß|lg|vg|mfg)"
)
# Where a closing name starts: a line of its own (maybe after a dash) or after a sentence.
_CLOSING = r"(?:^|\n[ \t]*(?:[-–—~][ \t]*)?|[.!?)][ \t]+)"
# "Saludos, Nuria Sanchis", "Best, Tom Berg", "... desde pedido. Enrique Salas" closing a
# message: a sender signing in full, with or without a formula.
_SIGNED = re.compile(
    _CLOSING + r"(?:" + _FORMULA + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)?" + _NAME + r"[ \t]*$"
)


def signed_name(text: str) -> str | None:
    """The full name a chat message closes with ("Saludos, Nuria Sanchis"; "Plazo en dos
    semanas. Enrique Salas")."""
    found = _SIGNED.search(text[-_INTRO_CHARS:])
    if found is None:
        return None
    name = found.group(1).strip()
    return name if len(name.split()) >= 2 and is_personal(name) else None


def _complete(first: str, full_names: list[str]) -> str:
    """A first name alone, completed by the one full name the chat gives with it, or
    with its full form ("Bea" for Beatriz Soto)."""
    word = tokens(first)
    if len(word) != 1:
        return first
    fits = {n for n in full_names if len(tokens(n)) >= 2 and goes_by(word[0], tokens(n))}
    return next(iter(fits)) if len(fits) == 1 else first


_DIGITS = re.compile(r"\D")
# "Thierry Vasseur changed to +33 6 55 51 23 40", "... a changé son numéro pour +33...",
# "... hat die Nummer zu +49 ... geändert", "... cambió su número a +34 ...".
_CHANGED = re.compile(r"\b(?:changed|chang[ée]|ge(?:ä|ae)ndert|gewechselt|cambi[óo])\b", re.I)


def _changed_to(number: str, system_lines: list[str]) -> str | None:
    """The person the app says changed their number to `number`."""
    digits = _DIGITS.sub("", number)
    for line in system_lines:
        if _CHANGED.search(line) and digits and digits in _DIGITS.sub("", line):
            found = _SYSTEM_NAME.match(line)
            if found is not None and not is_number(found.group(1)):
                return found.group(1)
    return None


# Words a phone's contact name puts before a person's name: titles, roles, kinship.
_HONORIFICS = frozenset(
    {
        "dr", "dra", "prof", "mr", "mrs", "ms", "miss", "herr", "frau", "mme", "mlle", "m",
        "sr", "sra", "srta", "don", "doña", "coach", "pastor", "father", "uncle", "aunt",
        "tío", "tía", "tio", "tia", "onkel", "tante", "oncle", "tata", "maître", "maitre",
        "me", "doc", "trainer", "trainerin", "entraîneur", "profe",
    }
)  # fmt: skip


def _untitled(label: str, keep: int) -> list[str]:
    """A contact name's words without its note and the titles before the last `keep`."""
    words = _without_note(label).split()
    while len(words) > keep and (fold(words[0]).strip(".") in _HONORIFICS or dotted_title(words)):
        words.pop(0)
    return words


def _bare(label: str) -> str:
    """A contact name without its note and the titles before a given name and a surname."""
    return " ".join(_untitled(label, 2))


def _given(label: str) -> str | None:
    """The one name left of a label once notes and titles are off ("Coach Terry" ->
    "terry"), folded; None for a label with a surname or none at all."""
    words = _untitled(label, 0)
    found = tokens(" ".join(words)) if len(words) == 1 else ()
    return found[0] if len(found) == 1 else None


# "... old phone died. Jas", "see you at 7\n- Bea": a message closing with a name alone.
# "... old phone died. Jas", "see you at 7\n- Bea", "geht das auch anteilig? LG Petra": a
# message closing with a name alone, after a sentence, on a line of its own or a formula.
_END_SIGNED = re.compile(
    r"(?:[.!?)]\s+|\n[ \t]*(?:[-–—~][ \t]*)?)(?:" + _FORMULA + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)?"
    r"(" + _WORD + r")(?:[ \t]+x{1,3})?[ \t]*$"  # "Claire x": a kiss after the name
)


def end_signed(text: str) -> str | None:
    """The lone given name a chat message ends with, after its last sentence or on a
    line of its own ("... old phone died. Jas"); not "thanks Terry", which thanks him."""
    found = _END_SIGNED.search(text[-_INTRO_CHARS:])
    return found.group(1) if found else None


_INITIALLED = re.compile(r"^([A-ZÀ-ÝÑ][a-zà-ÿñ'’-]+)[ \t]+([A-ZÀ-ÝÑ])\.?$")


@lru_cache(maxsize=4096)  # asked for every message: a chat has few labels
def is_initialled(label: str) -> bool:
    """Whether a contact is saved as a given name and an initial ("Julia K.")."""
    return _INITIALLED.match(_without_note(label)) is not None


def completed_initial(label: str, texts: list[str]) -> str | None:
    """The full name a sender saved as "Julia K." writes with their messages ("Julia
    Kowalczyk, falls jemand meinen Nachnamen braucht"): the same given name, a surname
    with that initial."""
    found = _INITIALLED.match(_without_note(label))
    if found is None:
        return None
    given, initial = found.groups()
    full = re.compile(re.escape(given) + r"[ \t]+(" + re.escape(initial) + r"[a-zà-ÿñ'’-]{2,})\b")
    for text in texts:
        named = full.search(text)
        if named is not None:
            return f"{given} {named.group(1)}"
    return None


# "my new number", "desde el móvil del trabajo", "nouveau numéro", "neue Nummer": a
# sender saying they write from another phone. Without it, two labels are two people.
_PHONE_CHANGE = re.compile(
    r"(?i)\b(?:(?:new|other|another|personal|private|work|second|old|spare)[ \t]+"
    r"(?:phone|number|mobile|cell)|(?:phone|mobile|cell)[ \t]+(?:died|broke)|"
    r"(?:neue|neuen|neues|andere|anderen|anderes|alte|altes|private|privates|zweite|zweites)"
    r"[ \t]+(?:nummer|handynummer|handy|telefon)|(?:dienst|privat|arbeits|firmen)handy|"
    r"(?:nouveau|nouvel|autre|ancien|deuxième)[ \t]+(?:numéro|num|téléphone|tél|portable)|"
    r"(?:numéro|téléphone|portable|tél)[ \t]+(?:pro|perso|professionnel|personnel|du travail)|"
    r"(?:número|móvil|movil|teléfono|telefono|celular)[ \t]+(?:nuevo|personal|privado|"
    r"del trabajo|de trabajo)|(?:nuevo|otro)[ \t]+(?:número|móvil|movil|teléfono|celular))\b"
)
_WORDS = re.compile(r"[^\W\d_]+")


class _Pairing:
    """What may join two labels: a phone-change cue (the sender's or the app's), and no
    sign that they are two people talking (a back-and-forth, one naming the other)."""

    def __init__(self, messages: list[tuple[str, str]], system_lines: list[str]) -> None:
        self.texts: dict[str, list[str]] = {}
        self.cued: set[str] = set()
        self.talking: set[frozenset[str]] = set()  # labels answering each other: A, B, A
        runs: list[str] = []
        for label, text in messages:
            texts = self.texts.setdefault(label, [])
            if len(texts) < FIRST_MESSAGES and _PHONE_CHANGE.search(text[:_INTRO_CHARS]):
                self.cued.add(label)
            texts.append(text)
            if not runs or runs[-1] != label:
                runs.append(label)
        for before, reply, after in zip(runs, runs[1:], runs[2:], strict=False):
            if before == after:
                self.talking.add(frozenset({before, reply}))
        self.changes = [line for line in system_lines if _CHANGED.search(line)]

    def _cued(self, label: str) -> bool:
        """A phone-change cue in the label's first messages, or the app's line that the
        person changed their number ("Beatriz Soto changed their phone number")."""
        if label in self.cued:
            return True
        if is_number(label):
            return _changed_to(label, self.changes) is not None
        return any(line.startswith(_bare(label) + " ") for line in self.changes)

    def _names(self, label: str, words: set[str]) -> bool:
        """Whether `label` writes one of `words` other than to say or sign its own name."""
        for text in self.texts.get(label, []):
            found = [fold(w) for w in _WORDS.findall(text)]
            own = [*tokens(introduced_name(text) or ""), *map(fold, [end_signed(text) or ""])]
            for word in own:
                if word in found:
                    found.remove(word)
            if words.intersection(found):
                return True
        return False

    def may_join(self, label: str, other: str, name: str) -> bool:
        """Whether `label`, saying or signing `name`, may be the person of `other`."""
        if label == other or not (self._cued(label) or self._cued(other)):
            return False
        if frozenset({label, other}) in self.talking:
            return False
        return not (
            self._names(other, set(tokens(name)))
            or self._names(label, set(tokens(_bare(other))) - set(tokens(name)))
        )


def _same_person_labels(
    labels: list[str], said: dict[str, list[str]], out: dict[str, str], pairing: _Pairing
) -> None:
    """A label whose lone given name another sender says or signs as their own joins
    that sender (see the module docstring)."""
    by_given: dict[str, list[str]] = {}
    for label in labels:
        given = _given(label)
        if given is not None and not is_number(label):
            by_given.setdefault(given, []).append(label)
    for label, names in said.items():
        own = tokens(out.get(label, _bare(label)))
        if len(own) < 2:
            continue
        for name in names:
            word = tokens(name)
            others = [o for o in by_given.get(word[0], []) if o != label] if len(word) == 1 else []
            fits = len(others) == 1 and goes_by(word[0], own) and others[0] not in out
            if fits and pairing.may_join(label, others[0], name):
                out[others[0]] = out.get(label, _bare(label))


def _called(said: str, label: str, labels: list[str], called: frozenset[str]) -> bool:
    """Whether the others in the chat call the sender by the given name of the full name
    they sign ("Perfecto Enrique" to "Quique Encofrados", who signs "Enrique Salas"), and
    no other label is that name: the chat's evidence for a short form no list knows."""
    given = tokens(said)[:1]
    if not given:
        return False
    if any(o != label and tokens(_bare(o))[:1] == given for o in labels):
        return False
    return given[0] in called


def chat_names(
    messages: list[tuple[str, str]],
    system_lines: list[str],
    texts: dict[str, list[str]] | None = None,
    nouns: frozenset[str] = frozenset(),
    called: dict[str, frozenset[str]] | None = None,
) -> dict[str, str]:
    """Label -> name for the labels to rename (see the module docstring).

    `messages`: (label, text) of each message in file order; `system_lines`: the app's
    own lines (without their stamps); `texts`: every message of each label saved as a
    given name and an initial ("Julia K."); `nouns`: the words the chat uses as common
    nouns (`chat_roles.nouns_in`); `called`: for each label, the capitalised words
    (folded) everyone else writes.
    """
    texts = texts or {}
    called = called or {}
    labels = list(dict.fromkeys(label for label, _ in messages))
    seen: dict[str, int] = {}
    intro: dict[str, str] = {}
    pairing = _Pairing(messages, system_lines)
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
    named_by_app = [m.group(1) for m in map(_SYSTEM_NAME.match, system_lines) if m]
    full_names = [n for n in [*named_by_app, *labels] if not is_number(n)]
    bare = {label.strip() for label in labels}
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
                out[label] = said if other and not pairing.may_join(label, whole, said) else whole
            elif (changed := _changed_to(label, system_lines)) is not None:
                out[label] = changed
            continue
        others = called.get(label, frozenset())
        part = named_part(label, nouns, others)
        if part == "":
            continue  # a role alone: each message is whoever signs it (`role_signer`)
        if is_relation(label):
            # "Mama von Leon ... LG Petra": the name she signs or says is hers.
            signed = said or next(iter(own_names.get(label, [])), None)
            if signed is not None:
                out[label] = _complete(signed, full_names)
            continue
        short = part or _bare(label)
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
        if short != label.strip() and short not in bare and tokens(short):
            out[label] = short
    _same_person_labels(labels, own_names, out, pairing)
    return out


# A role's phone is signed on a line of its own, after a dash or after a formula ("- Karen",
# "Un saludo, Marta"); a word closing a sentence's line ("... signed off. Confirmed") is
# not taken for a name there.
_ROLE_SIGNED = re.compile(
    r"(?:\n[ \t]*(?:[-–—~][ \t]*)?|[ \t][-–—~][ \t]*|(?:^|\n|[.!?)][ \t]+)"
    + _FORMULA
    + r"[ \t]*[,!.]?[ \t]*\n?[ \t]*)("
    + _WORD
    + r")(?:[ \t]+x{1,3})?[ \t]*$"
)


def role_signer(text: str) -> str | None:
    """Who wrote a message from a contact saved as a role alone ("Ops Duty Manager"):
    the name it says or signs ("this is Grace", "- Karen", "Un saludo, Marta"), else None
    (no one known)."""
    found = introduced_name(text) or signed_name(text)
    if found is None:
        signed = _ROLE_SIGNED.search(text[-_INTRO_CHARS:])
        found = signed.group(1) if signed else None
    if found is None or fold(found) in NOT_SIGNERS or fold(found) in _NOT_NAMES:
        return None
    return found if is_personal(found) else None
