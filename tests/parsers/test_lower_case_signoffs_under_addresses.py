"""A sender known only by an address who signs a given name in lower case ("-max",
"jim"), as people type on a phone or in webmail, is named by it when the address spells
it (its start, or its initial before a surname: "mhuber@" and "max" make Max Huber);
a lower-case word the address does not spell names no one."""

from __future__ import annotations

from analyzer.parsers import parse_text

_MBOX = """From s.koenig@holzbau-koenig.de Tue Mar 10 08:12:00 2026
From: Sabine König <s.koenig@holzbau-koenig.de>
To: mhuber@web.de
Date: Tue, 10 Mar 2026 08:12:00 +0100
Subject: Carport Angebot 2026-031

Guten Tag Herr Huber,

anbei unser Angebot für den Carport aus Lärche: 6.480 EUR inkl. Montage.

Mit freundlichen Grüßen
Sabine König

From mhuber@web.de Tue Mar 10 21:40:00 2026
From: mhuber@web.de
To: Sabine König <s.koenig@holzbau-koenig.de>
Date: Tue, 10 Mar 2026 21:40:00 +0100
Subject: Re: Carport Angebot 2026-031

hallo frau könig, passt soweit. geht die montage noch im april?
-max

From a.weiss@gmx.de Wed Mar 11 07:02:00 2026
From: a.weiss@gmx.de
To: Sabine König <s.koenig@holzbau-koenig.de>
Date: Wed, 11 Mar 2026 07:02:00 +0100
Subject: Carport Nachbar

wir hätten auch interesse, gleiche ausführung.
gruss
"""


def test_when_an_address_only_sender_signs_in_lower_case_then_the_address_completes_the_name() -> (
    None
):
    conversation = parse_text(_MBOX, input_format="mbox")
    speakers = [t.speaker for t in conversation.turns]
    assert speakers[:2] == ["Sabine König", "Max Huber"]
    assert speakers[2] != "Gruss"  # a lower-case closing word the address does not spell
