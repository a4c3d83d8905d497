"""Mail headers: a "To:" line listing several people with ";" and no addresses is a list
of people, never one recipient's name ("Jana Krüger; Disposition Nord"); a shared
mailbox's message that no person signs is no one's, whether it closes with the team's
name, a formula and the team, or nothing."""

from __future__ import annotations

from analyzer.parsers import parse_text

_GERMAN_OUTLOOK = """Von: Markus Hein
Gesendet: Dienstag, 3. März 2026 09:14
An: Jana Krüger; Disposition Nord
Cc: Olaf Brandt
Betreff: AW: Tourenplan KW 11

Danke Jana, ich gebe das so an die Fahrer weiter.

Markus

Von: Jana Krüger
Gesendet: Montag, 2. März 2026 17:40
An: Markus Hein
Cc: Olaf Brandt
Betreff: AW: Tourenplan KW 11

Passt so. Die Tour 4 bitte erst ab 7 Uhr, der Kunde in Halstenbek öffnet später.

J.

Von: Markus Hein <markus.hein@spedition-hein.de>
Gesendet: Montag, 2. März 2026 15:02
An: Jana Krüger <jana.krueger@spedition-hein.de>
Betreff: Tourenplan KW 11

Hallo Jana,

anbei der Tourenplan für KW 11 mit 14 Touren. Bitte kurz freigeben.

Gruß
Markus Hein
"""


def test_when_a_to_line_lists_people_with_semicolons_then_no_speaker_is_named_by_the_list() -> None:
    conversation = parse_text(_GERMAN_OUTLOOK)
    assert [t.speaker for t in conversation.turns] == ["Markus Hein", "Jana Krüger", "Markus Hein"]
    assert {p.name for p in conversation.participants} == {"Markus Hein", "Jana Krüger"}


_FRENCH_MBOX = """From reservations@gite-des-cimes.fr Mon Mar  2 09:00:00 2026
From: Gîte des Cimes Réservations <contact.sejours@gite-des-cimes.fr>
To: Claire Dumas <claire.dumas@example.org>
Date: Mon, 2 Mar 2026 09:00:00 +0100
Subject: Séjour groupe du 14 au 16 mai

Votre demande pour 22 personnes est enregistrée. L'acompte de 30 % (1 188 EUR) est
à régler avant le 20 mars.

L'équipe Réservations du Gîte des Cimes

From claire.dumas@example.org Mon Mar  2 18:20:00 2026
From: Claire Dumas <claire.dumas@example.org>
To: Gîte des Cimes Réservations <contact.sejours@gite-des-cimes.fr>
Date: Mon, 2 Mar 2026 18:20:00 +0100
Subject: Re: Séjour groupe du 14 au 16 mai

Bonjour, pouvez-vous ramener l'acompte à 20 % ? Nous sommes une association.

Claire Dumas

From reservations@gite-des-cimes.fr Tue Mar  3 10:05:00 2026
From: Gîte des Cimes Réservations <contact.sejours@gite-des-cimes.fr>
To: Claire Dumas <claire.dumas@example.org>
Date: Tue, 3 Mar 2026 10:05:00 +0100
Subject: Re: Séjour groupe du 14 au 16 mai

C'est d'accord pour 20 %, soit 792 EUR.

Bien à vous,
Nadia
Accueil et réservations
"""


def test_when_a_team_mailbox_closes_with_its_own_name_only_then_the_writer_is_unknown() -> None:
    conversation = parse_text(_FRENCH_MBOX, input_format="mbox")
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Claire Dumas", "Nadia"]
    assert {p.name for p in conversation.participants} == {"Claire Dumas", "Nadia"}


def _newest_first(mbox: str) -> str:
    messages = ["From " + m for m in mbox.split("\nFrom ")]
    messages[0] = messages[0][len("From ") :]
    return "\n".join(reversed([m.rstrip("\n") + "\n" for m in messages]))


def test_when_a_person_signs_for_the_team_mailbox_elsewhere_then_its_unsigned_message_is_unknown_in_any_order() -> (
    None
):
    # Two addresses only, but Nadia signs for the mailbox: its unsigned notice is not hers,
    # nor the mailbox's, whichever message the file holds first.
    conversation = parse_text(_newest_first(_FRENCH_MBOX), input_format="mbox")
    assert sorted(t.speaker for t in conversation.turns) == ["Claire Dumas", "Nadia", "Unknown"]
    assert {p.name for p in conversation.participants} == {"Claire Dumas", "Nadia"}
