"""A message nobody can be named for is spoken by "Unknown", which is no identity: it may
stand for several people and nobody can take its side, so it is not a participant."""

from __future__ import annotations

from analyzer.budget import last_turns
from analyzer.parsers import parse_text

# A Lotus Notes forward whose middle message came from a shared inbox, unsigned.
THREAD = """\
Tomás,

Nadie ha firmado la respuesta de abajo. ¿Sabes quién contesta en el buzón de recepción?

Saludos,
Irene Castaño

---------------------- Forwarded by Irene Castaño/ALMACEN/Grupo Norte on 12/02/2026 10:40 ---------------------------


"" <> on 12/02/2026 09:15:22
To:	Irene Castaño/ALMACEN/Grupo Norte@Grupo Norte
Subject:	RE: Palés dañados

Contamos 7 palés con cajas aplastadas en el camión del martes. El conductor no quiso anotarlo.

 -----Original Message-----
From: 	Castaño, Irene
Sent:	martes, 10 de febrero de 2026 16:05
To:	'recepcion.tienda7@gruponorte.es'
Subject:	Palés dañados

¿Cuántos palés llegaron dañados en el camión del martes? Necesito la cifra para reclamar.

Irene Castaño
"""


def test_when_a_message_has_no_known_writer_then_unknown_speaks_but_is_no_participant() -> None:
    conversation = parse_text(THREAD)
    assert [t.speaker for t in conversation.turns] == ["Irene Castaño", "Unknown", "Irene Castaño"]
    assert [p.name for p in conversation.participants] == ["Irene Castaño"]
    assert [p.name for p in last_turns(conversation, 2).participants] == ["Irene Castaño"]
