"""Gmail's web view copied in German, Spanish or French: the subject, the localised label
("Posteingang", "Recibidos", "Boîte de réception"), the card ("Name <addr>", the time and how
long ago, "an mich") head the newest message and are not part of what it says."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text

GERMAN = """\
Rahmenvertrag Etiketten 2027
Posteingang

Jonas Weber <j.weber@etiketten-weber.de>
Di., 3. Nov., 09:12 (vor 5 Tagen)
an mich

Hallo Frau Brandt,

den Preis von 4,20 € pro Rolle können wir leider nicht halten. Ab Januar gilt 4,60 €.

Viele Grüße
Jonas Weber

Am Mo., 2. Nov. 2026 um 16:40 Uhr schrieb Katrin Brandt <k.brandt@brandt-feinkost.de>:
> Hallo Herr Weber,
> können Sie den Preis von 4,20 € pro Rolle für 2027 bestätigen?
> Viele Grüße
> Katrin Brandt
"""

SPANISH = """\
Renovación contrato de limpieza
Recibidos

Lucía Fernández <lucia.fernandez@limpiezasfernandez.es>
mar, 3 nov, 9:12 (hace 5 días)
para mí

Hola Andrés:

No podemos mantener los 1.850 € al mes. A partir de enero serían 2.100 €.

Un saludo,
Lucía

El lun, 2 nov 2026 a las 16:40, Andrés Molina (<amolina@oficinasmolina.es>) escribió:
> Hola Lucía:
> ¿Podéis confirmar los 1.850 € al mes para 2027?
> Gracias,
> Andrés
"""

FRENCH = """\
Renouvellement contrat de maintenance
Boîte de réception

Julien Moreau <j.moreau@ascenseurs-moreau.fr>
mar. 3 nov. 09:12 (il y a 5 jours)
À moi

Bonjour Madame Leroy,

Nous ne pouvons pas maintenir 320 € par mois. À partir de janvier, ce sera 365 €.

Cordialement,
Julien Moreau

Le lun. 2 nov. 2026 à 16:40, Claire Leroy <claire.leroy@residence-leroy.fr> a écrit :
> Bonjour Monsieur Moreau,
> Pouvez-vous confirmer 320 € par mois pour 2027 ?
> Cordialement,
> Claire Leroy
"""


@pytest.mark.parametrize(
    ("text", "writer", "first_words", "heading"),
    [
        (GERMAN, "Jonas Weber", "Hallo Frau Brandt,", "Posteingang"),
        (SPANISH, "Lucía Fernández", "Hola Andrés:", "Recibidos"),
        (FRENCH, "Julien Moreau", "Bonjour Madame Leroy,", "Boîte de réception"),
    ],
)
def test_when_a_localised_gmail_card_heads_the_newest_message_then_it_is_read_as_its_header(
    text: str, writer: str, first_words: str, heading: str
) -> None:
    conversation = parse_text(text)

    newest = conversation.turns[-1]
    assert len(conversation.turns) == 2
    assert newest.speaker == writer
    assert newest.text.startswith(first_words)
    for card_line in (heading, "<", "(vor", "(hace", "(il y a", "an mich", "para mí", "À moi"):
        assert card_line not in newest.text


def test_when_a_short_reply_sits_above_a_localised_card_then_it_stays_a_message() -> None:
    # Only a subject and a label are a heading; words someone wrote are a message.
    text = "Passt so, danke.\n\n" + GERMAN.split("\n", 2)[2]

    conversation = parse_text(text)

    assert any("Passt so, danke." in turn.text for turn in conversation.turns)


SENTENCE_UNDER_THE_CARD = """\
Dana Reyes <dana@reyes-supply.com>
Tue, Aug 12, 3:41 PM (2 days ago)
{first}

Dana

On Mon, Aug 11, 2025 at 9:02 AM Mark Hill <mark@hillco.com> wrote:
> Dana, can you do $16 per unit on 5,000 units?
> Mark
"""


@pytest.mark.parametrize(
    "first",
    [
        "To be honest, we cannot go below $18 per unit. That is our floor.",
        "An alle: ab Januar gilt 4,60 € pro Rolle.",
        "À demain pour la signature, le prix reste 320 € par mois.",
        "Para el viernes necesito el pedido firmado.",
    ],
)
def test_when_the_first_line_under_a_card_is_a_sentence_then_it_is_not_the_recipient_line(
    first: str,
) -> None:
    newest = parse_text(SENTENCE_UNDER_THE_CARD.format(first=first)).turns[-1]

    assert newest.speaker == "Dana Reyes"
    assert newest.text.startswith(first)


def test_when_a_one_word_reply_is_a_label_word_then_it_stays_a_message() -> None:
    # "Gesendet" (sent) is one of Gmail's German labels, but here it is Katrin's reply.
    text = "Gesendet\nGruß Katrin\n\n" + GERMAN.split("\n", 3)[3]

    conversation = parse_text(text)

    assert any(turn.text.startswith("Gesendet") for turn in conversation.turns)
