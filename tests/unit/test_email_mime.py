""".eml and .mbox files through the standard library, and HTML bodies turned into text."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import InputRejected
from analyzer.models import Conversation, InputFormat
from analyzer.parsers import parse_bytes, parse_file
from analyzer.parsers.emails import mime
from analyzer.parsers.emails.html_text import html_to_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email"


def _spans_hold(conversation: Conversation) -> None:
    for turn in conversation.turns:
        assert turn.text == "\n".join(conversation.source[a:b] for a, b in turn.spans)


def test_when_multipart_quoted_printable_cp1252_then_decoded_and_history_split() -> None:
    conversation = parse_file(FIXTURES / "renewal_multipart.eml")
    assert conversation.format is InputFormat.EML
    old, new = conversation.turns
    assert (old.speaker, old.timestamp, old.from_quote) == (
        "Hannah Schmidt",
        "2025-03-18T17:05:00",
        True,
    )
    assert "1 900 € ?" in old.text
    assert (new.speaker, new.speaker_address) == ("Sébastien Moreau", "s.moreau@transports-lyon.fr")
    assert new.timestamp == "2025-03-19T08:42:10+01:00"
    assert new.subject == "Re: Tarifs transport 2025 – contre-proposition"
    assert new.text.startswith("Hannah,\n\nNous acceptons 1 950 €")
    assert new.text.endswith("le tarif reste à 2 100 €.")
    assert new.signature is not None and new.signature.startswith("Cordialement,")
    _spans_hold(conversation)


def test_when_html_only_base64_then_text_without_script_and_blockquote_is_history() -> None:
    conversation = parse_file(FIXTURES / "html_only.eml")
    old, new = conversation.turns
    assert old.speaker == "Oliver Grant" and old.from_quote
    assert "$305" in old.text
    assert new.speaker == "Linh Nguyen"  # "Nguyen, Linh" reordered
    assert new.text.startswith("Oliver,\n\nWe can hold $312 per tonne")
    assert "track()" not in conversation.source and "margin" not in conversation.source
    assert new.signature == "Linh"
    _spans_hold(conversation)


def test_when_mbox_then_each_message_once_oldest_first_across_quotes() -> None:
    conversation = parse_file(FIXTURES / "negotiation.mbox")
    assert conversation.format is InputFormat.MBOX
    assert [t.speaker for t in conversation.turns] == [
        "Aisha Bello",
        "Erik Lindqvist",
        "Aisha Bello",
        "Erik Lindqvist",
    ]
    assert [t.from_quote for t in conversation.turns] == [False] * 4
    assert conversation.turns[-1].text.endswith("That is as far\nas we can go.")
    assert conversation.turns[0].signature == "Aisha Bello\nHead of Procurement"
    stamps = [t.timestamp or "" for t in conversation.turns]
    assert stamps == sorted(stamps)
    _spans_hold(conversation)


def test_when_mbox_given_as_text_then_same_turns_as_from_bytes() -> None:
    data = (FIXTURES / "negotiation.mbox").read_bytes()
    from_text = mime.parse_mbox(data.decode("utf-8"), None)
    from_bytes = mime.parse_mbox("", data)
    assert [t.text for t in from_text.turns] == [t.text for t in from_bytes.turns]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("renewal_multipart.eml", InputFormat.EML), ("negotiation.mbox", InputFormat.MBOX)],
)
def test_when_mime_file_has_no_extension_then_detected_from_content(
    name: str, fmt: InputFormat
) -> None:
    conversation = parse_bytes((FIXTURES / name).read_bytes(), filename=None)
    assert conversation.format is fmt


def test_when_eml_has_no_text_part_then_specific_error() -> None:
    data = (
        b"From: a@example.com\r\nMessage-ID: <1@x>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
    )
    with pytest.raises(InputRejected, match="no message text"):
        mime.parse_eml("", data)


def test_when_eml_charset_is_unknown_then_decoded_with_replacement_not_crash() -> None:
    data = (
        b"From: Ana <ana@example.com>\nMessage-ID: <2@x>\nContent-Type: text/plain; "
        b"charset=x-no-such-charset\n\nWe accept 5% off.\n"
    )
    conversation = mime.parse_eml("", data)
    assert conversation.turns[0].text == "We accept 5% off."


_NO_CHARSET_MBOX = (
    "From dev@unit7-lettings.co.uk Tue Mar  3 09:12:00 2026\n"
    "From: Dev Sharma <dev@unit7-lettings.co.uk>\nTo: Claire Moss <claire@mossbakery.co.uk>\n"
    "Subject: Unit 7 heads of terms\nDate: Tue, 3 Mar 2026 09:12:00 +0000\n\n"
    "Rent stays at £14,500 a year; the landlord won't go below that.\n\n"
    "From claire@mossbakery.co.uk Tue Mar  3 11:40:00 2026\n"
    "From: Claire Moss <claire@mossbakery.co.uk>\nTo: Dev Sharma <dev@unit7-lettings.co.uk>\n"
    "Subject: Re: Unit 7 heads of terms\nDate: Tue, 3 Mar 2026 11:40:00 +0000\n\n"
    "At £14,500 the café doesn't work for us. Could he do £13,000 with a rent-free month?\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_when_mbox_declares_no_charset_then_pound_signs_and_accents_survive(encoding: str) -> None:
    # Exports of old mailboxes often carry 8-bit text with no Content-Type at all.
    conversation = parse_bytes(_NO_CHARSET_MBOX.encode(encoding), filename="unit7.mbox")
    first, second = (t.text for t in conversation.turns)
    assert first == "Rent stays at £14,500 a year; the landlord won't go below that."
    assert second.startswith("At £14,500 the café doesn't work for us.")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<div>A<br>B</div><script>x()</script><style>p{}</style>", "A\nB"),
        (
            "<div>Yes</div><blockquote><div>Offer?</div><blockquote>Ask</blockquote></blockquote>",
            "Yes\n> Offer?\n> > Ask",
        ),
        ("<div>x</div><pre>  a\n  b</pre>", "x\n  a\n  b"),
        ("Price&nbsp;&euro;40 &amp; terms", "Price €40 & terms"),
    ],
)
def test_when_html_then_text_keeps_paragraphs_and_quotes(markup: str, text: str) -> None:
    assert html_to_text(markup) == text
