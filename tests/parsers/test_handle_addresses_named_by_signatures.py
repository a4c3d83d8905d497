"""A sender known only by a handle, an address that spells no name ("BayviewSailor@aol.com"),
is the person whose name opens the message's signature block; an address that spells a
name, or a signature that opens with no person's name, keeps the address's reading."""

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
