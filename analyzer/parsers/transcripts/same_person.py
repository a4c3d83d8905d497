"""One person under two labels (a second phone, a new number saved again): whether two
labels may be joined. It takes a phone-change cue, the sender's ("my personal phone",
"número nuevo", "neue Nummer") or the app's ("... changed their phone number"), and no
sign that the two are people talking to each other (labels answering each other, one
naming the other: "Tom" writing "thanks Tom" to "Tom Berg" is another Tom).
`same_person_labels` joins a label whose lone given name another sender says or signs
as their own to that sender, in the names `chat_names` gives the labels.
"""

from __future__ import annotations

import re

from analyzer.parsers.names import fold, goes_by, tokens
from analyzer.parsers.transcripts.contact_names import bare_name, given_name, is_number
from analyzer.parsers.transcripts.sender_names import (
    FIRST_MESSAGES,
    INTRO_CHARS,
    NUMBER_CHANGED,
    changed_to,
    end_signed,
    introduced_name,
)

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


class LabelPairing:
    """What may join two labels: a phone-change cue (the sender's or the app's), and no
    sign that they are two people talking (a back-and-forth, one naming the other)."""

    def __init__(self, messages: list[tuple[str, str]], system_lines: list[str]) -> None:
        self.texts: dict[str, list[str]] = {}
        self.cued: set[str] = set()
        self.talking: set[frozenset[str]] = set()  # labels answering each other: A, B, A
        runs: list[str] = []
        for label, text in messages:
            texts = self.texts.setdefault(label, [])
            if len(texts) < FIRST_MESSAGES and _PHONE_CHANGE.search(text[:INTRO_CHARS]):
                self.cued.add(label)
            texts.append(text)
            if not runs or runs[-1] != label:
                runs.append(label)
        for before, reply, after in zip(runs, runs[1:], runs[2:], strict=False):
            if before == after:
                self.talking.add(frozenset({before, reply}))
        self.changes = [line for line in system_lines if NUMBER_CHANGED.search(line)]

    def _cued(self, label: str) -> bool:
        """A phone-change cue in the label's first messages, or the app's line that the
        person changed their number ("Beatriz Soto changed their phone number")."""
        if label in self.cued:
            return True
        if is_number(label):
            return changed_to(label, self.changes) is not None
        return any(line.startswith(bare_name(label) + " ") for line in self.changes)

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
            or self._names(label, set(tokens(bare_name(other))) - set(tokens(name)))
        )


def same_person_labels(
    labels: list[str], said: dict[str, list[str]], out: dict[str, str], pairing: LabelPairing
) -> None:
    """A label whose lone given name another sender says or signs as their own joins
    that sender (see the module docstring)."""
    by_given: dict[str, list[str]] = {}
    for label in labels:
        given = given_name(label)
        if given is not None and not is_number(label):
            by_given.setdefault(given, []).append(label)
    for label, names in said.items():
        own = tokens(out.get(label, bare_name(label)))
        if len(own) < 2:
            continue
        for name in names:
            word = tokens(name)
            others = [o for o in by_given.get(word[0], []) if o != label] if len(word) == 1 else []
            fits = len(others) == 1 and goes_by(word[0], own) and others[0] not in out
            if fits and pairing.may_join(label, others[0], name):
                out[others[0]] = out.get(label, bare_name(label))
