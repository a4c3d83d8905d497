"""A signature is split off with the name of whoever wrote the message. When that is only
known once the message is read (a shared inbox signed by a person, a sender known by
address, an assistant), her name block is split off then: it is not her words. A bare
sign-off that is all a message says ("Un saludo,\\nLucía") stays text."""

from __future__ import annotations

from pathlib import Path

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_shared_inbox_is_signed_then_the_signers_name_block_is_signature() -> None:
    conversation = parse_file(CORPORATE / "outlook_es_shared_inbox_signature_block.txt")
    assert [t.speaker for t in conversation.turns] == ["Jorge Herrera", "Marta Quintana"]
    reply = conversation.turns[1]
    assert reply.text.endswith("próxima liquidación.")
    assert reply.signature is not None
    assert reply.signature.startswith("Un saludo,\nMarta Quintana\nAtención al Cliente")
    # The spans still give the text exactly.
    assert "\n".join(conversation.source[a:b] for a, b in reply.spans) == reply.text


def test_when_a_sender_known_by_address_signs_a_name_block_then_it_is_signature() -> None:
    thread = (
        "From: hkowalczyk@lindenhof-kliniken.example\n"
        "Sent: Monday, March 9, 2026 8:14 AM\n"
        "To: Dana Reyes <dana.reyes@northwind.io>\n"
        "Subject: RE: Linen contract\n\n"
        "We can sign the extension if the weekly pickup stays on Tuesdays.\n\n"
        "Best regards,\nHanna Kowalczyk\nHead of Procurement\nLindenhof Kliniken\n\n"
        "From: Dana Reyes <dana.reyes@northwind.io>\n"
        "Sent: Friday, March 6, 2026 3:30 PM\n"
        "To: hkowalczyk@lindenhof-kliniken.example\n"
        "Subject: Linen contract\n\n"
        "Would you extend the linen contract by a year at the current rate?\n\nDana Reyes\n"
    )
    conversation = parse_text(thread)
    reply = conversation.turns[1]
    assert (reply.speaker, reply.text) == (
        "Hanna Kowalczyk",
        "We can sign the extension if the weekly pickup stays on Tuesdays.",
    )


def test_when_a_bare_first_name_sign_off_is_all_that_names_the_writer_then_it_stays_text() -> None:
    thread = (
        "Hola Javier:\n\nPodemos firmar hoy si el plazo baja a tres semanas.\n\n"
        "Un saludo,\nLucía\n\n"
        "El mar, 10 mar 2026 a las 9:12, Javier Ortega (<javier@ortega-sl.example>) escribió:\n"
        "> Lucía, el plazo de entrega es de cinco semanas.\n"
    )
    conversation = parse_text(thread)
    newest = conversation.turns[-1]
    assert newest.speaker == "Lucía"
    assert newest.text.endswith("Un saludo,\nLucía")
