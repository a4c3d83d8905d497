"""Sign-offs with a note in brackets after the name ("Marisa (en nombre de Secretaría)",
"Birgit [Kundenservice]") name the writer, with or without a formula above; and the
lines Gmail's "show details" adds under a pasted newest message's sender ("mailed-by:",
"signed-by:", "security:") are header, not text."""

from __future__ import annotations

import pytest

from analyzer.parsers import parse_text
from analyzer.parsers.emails.signoff import read_name

_PASTE = """from:\tJordi Puig <jordi.puig@vallesvinyes.cat>
to:\tSecretaría Cooperativa <secretaria@coop-penedes.es>
date:\t9 mar 2026, 10:12
subject:\tRe: Liquidación uva 2025
mailed-by:\tvallesvinyes.cat
signed-by:\tvallesvinyes.cat
security:\tStandard encryption (TLS) Learn more

De acuerdo con la liquidación. Firmo el anexo esta semana.

Jordi

El vie, 6 mar 2026 a las 13:40, Secretaría Cooperativa <secretaria@coop-penedes.es> escribió:
> Le adjuntamos la liquidación de la uva entregada en 2025: 41.300 kg a 0,62 EUR/kg.
> Rogamos confirme antes del 13 de marzo.
>
> Marisa (en nombre de Secretaría)
"""


def test_when_a_team_mailbox_is_signed_with_a_bracketed_note_then_the_name_speaks() -> None:
    conversation = parse_text(_PASTE)
    assert [t.speaker for t in conversation.turns] == ["Marisa", "Jordi Puig"]
    newest = conversation.turns[-1]
    assert newest.text.startswith("De acuerdo con la liquidación.")  # no "mailed-by:" lines
    assert {p.name for p in conversation.participants} == {"Marisa", "Jordi Puig"}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Marisa (en nombre de Secretaría)", "Marisa"),
        ("Birgit [Kundenservice]", "Birgit"),
        ("Tom Reyes (Accounts)", "Tom Reyes"),
        ("(on behalf of Estates)", None),
    ],
)
def test_when_a_signed_name_carries_a_bracketed_note_then_the_note_is_dropped(
    line: str, name: str | None
) -> None:
    assert read_name(line) == name


_SPANISH_DETAILS = """de:\tNuria Vidal <nuria.vidal@olivares-baix.es>
para:\tPere Soler <pere@almazara-soler.cat>
fecha:\t11 mar 2026, 9:05
asunto:\tRe: Molturación campaña 2025
enviado por:\tolivares-baix.es
firmado por:\tolivares-baix.es
seguridad:\tCifrado estándar (TLS) Más información

Pere, confirmamos 18.000 kg para el lunes.

Nuria

El mar, 10 mar 2026 a las 18:12, Pere Soler <pere@almazara-soler.cat> escribió:
> Nuria, ¿cuántos kilos traéis el lunes?
>
> Pere
"""


def test_when_a_spanish_gmail_paste_shows_its_details_lines_then_they_are_header() -> None:
    conversation = parse_text(_SPANISH_DETAILS)
    assert [t.speaker for t in conversation.turns] == ["Pere Soler", "Nuria Vidal"]
    assert conversation.turns[-1].text.startswith("Pere, confirmamos 18.000 kg")
