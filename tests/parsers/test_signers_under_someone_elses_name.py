"""A message sent under a name that is not its writer's: a delegate "On Behalf Of" a
mailbox, or a shared mailbox with a name no word list knows, signed in full by the
person who wrote it. The full name over a title block credits the writer."""

from __future__ import annotations

from pathlib import Path

from analyzer.parsers import parse_file, parse_text

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)


def test_when_a_delegate_or_a_mailbox_message_is_signed_in_full_then_the_signer_wrote_it() -> None:
    conversation = parse_file(CORPORATE / "outlook_delegate_and_mailbox_signers.txt")
    assert [t.speaker for t in conversation.turns] == [
        "Rosalind Achterberg-Wood",  # "Brightwater Intake", signed over her title
        "Aaron Pell",
        "Ines Carvalho",  # "Ines Carvalho <...> On Behalf Of Brightwater Intake"
    ]
    assert {p.name for p in conversation.participants} == {
        "Rosalind Achterberg-Wood",
        "Aaron Pell",
        "Ines Carvalho",
    }


def test_when_a_signature_has_a_long_address_line_then_it_is_still_split_off() -> None:
    conversation = parse_file(CORPORATE / "outlook_delegate_and_mailbox_signers.txt")
    newest = conversation.turns[-1]
    assert newest.text.endswith("before it is countersigned.")
    assert newest.signature is not None
    assert newest.signature.startswith("Ines Carvalho\nClient Intake Coordinator")
    assert "Harbour Exchange Square" in newest.signature
    oldest = conversation.turns[0]
    assert oldest.text.endswith("drawn down against hourly fees.")
    assert oldest.signature is not None and oldest.signature.startswith("Kind regards")


def test_when_a_message_hands_over_to_a_contact_then_the_sender_keeps_it() -> None:
    thread = (
        "From: Dana Reyes <dana.reyes@northwind.example>\n"
        "Sent: Tuesday, May 5, 2026 10:14 AM\n"
        "To: Tom Okafor <tom@okafor-freight.example>\n"
        "Subject: RE: demurrage claim\n\n"
        "Tom,\n\nWe will not pay the demurrage at the rate you quote. For the survey, "
        "please call our broker:\n\n"
        "Hamid Farouk\nChartering Manager\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Dana Reyes"]


def test_when_the_sender_signs_a_short_name_above_a_contact_block_then_the_message_stays_his() -> (
    None
):
    thread = (
        "From: Robert Hale <rhale@northwind.example>\n"
        "Sent: Tuesday, May 5, 2026 10:14 AM\n"
        "To: Tom Okafor <tom@okafor-freight.example>\n"
        "Subject: RE: demurrage claim\n\n"
        "Tom,\n\nWe will not pay the demurrage at the rate you quote. Our broker will "
        "call you about the survey this afternoon.\n\n"
        "Bob\n\n"
        "Copying our broker, who has the survey report.\n\n"
        "Hamid Farouk\nChartering Manager\nBaltic Tonnage Ltd\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Robert Hale"]
