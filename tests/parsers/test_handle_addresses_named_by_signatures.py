"""A sender known only by a handle, an address that spells no name ("BayviewSailor@aol.com"),
is the person whose name opens the message's signature block when the block is the sender's
own closing; an address that spells a name, a signature that opens with no person's name, or
a message that hands over to a contact below ("details below", "let me introduce") keeps the
address's reading."""

from __future__ import annotations

from analyzer.parsers import parse_text

_HEADER = (
    "From: {sender}\n"
    "To: Harriet Cole <harriet.cole@harbourgallery.org>\n"
    "Subject: mooring fees\n"
    "Date: Tue, 4 Nov 2025 09:12:00 -0500\n\n"
)
_BODY = (
    "Harriet,\n\n"
    "The club agrees to the winter rate of $410 per month for both berths. Please send\n"
    "the revised schedule to my office.\n\n"
)


def _speaker(sender: str, signature: str) -> str:
    conversation = parse_text(_HEADER.format(sender=sender) + _BODY + signature)
    return conversation.turns[0].speaker


def test_when_a_handle_writes_and_a_name_opens_the_signature_then_it_is_that_person() -> None:
    signature = "Owen Pritchard\nPritchard & Lowe LLP\n555-0147\n"
    assert _speaker("BayviewSailor@aol.com", signature) == "Owen Pritchard"


def test_when_the_signature_opens_with_a_firm_then_the_handle_is_kept() -> None:
    signature = "Pritchard & Lowe LLP\n555-0147\n"
    assert "Pritchard" not in _speaker("BayviewSailor@aol.com", signature)


def test_when_the_address_spells_a_name_then_the_signature_does_not_replace_it() -> None:
    signature = "Owen Pritchard\nPritchard & Lowe LLP\n555-0147\n"
    assert _speaker("megan.price@pritchardlowe.com", signature) == "Megan Price"


def test_when_a_handle_gives_a_contact_below_its_text_then_the_contact_does_not_name_it() -> None:
    body = (
        "Harriet,\n\nFor the hull survey please call the surveyor we always use, details"
        " below. J.\n\nMike Jones\nJones Marine Surveys\n+1 555 0100\n"
    )
    conversation = parse_text(_HEADER.format(sender="JHTrustee@aol.com") + body)
    assert conversation.turns[0].speaker != "Mike Jones"


def test_when_a_handle_introduces_a_colleague_then_her_block_does_not_name_it() -> None:
    body = (
        "Harriet,\n\nLet me introduce my colleague; details below.\n\nSandra Mills\n"
        "Thorne & Beckwith LLP\nsandra.mills@thornebeckwith.com\n"
    )
    conversation = parse_text(_HEADER.format(sender="JHTrustee@aol.com") + body)
    assert conversation.turns[0].speaker != "Sandra Mills"


def test_when_a_german_handle_points_to_the_contact_below_then_it_is_not_that_contact() -> None:
    body = (
        "Hallo Harriet,\n\nbitte wenden Sie sich an unseren Gutachter, Kontakt unten.\n\n"
        "Jens Albers\nAlbers Schiffsgutachten\n+49 40 555 0100\n"
    )
    conversation = parse_text(_HEADER.format(sender="Hafenmeister1@web.de") + body)
    assert conversation.turns[0].speaker != "Jens Albers"
