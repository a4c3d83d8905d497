"""Property: on any thread, each turn's text is exactly its spans' slices of the source.

Random threads are assembled from the pieces real mail clients produce (quote headers
in several languages, Outlook blocks, separators, `>` quoting at random depths,
signatures, blank lines, stray markers). The parser must keep the span invariant that
`Conversation.turn_source_offset` relies on, never put a quote marker into a span, and
raise nothing but the product's own input errors.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import InputRejected
from analyzer.models import Conversation
from analyzer.parsers.emails import mime, thread

HEADERS = [
    "On Tue, Mar 4, 2025 at 4:12 PM Marcus Webb <marcus@helix.io> wrote:",
    "Am 12.03.2025 um 14:21 schrieb Stefan Becker <sb@k.de>:",
    "Le 12 mars 2025 à 17:40, Antoine Roux <antoine@omega.fr> a écrit :",
    "El 19/03/2014 11:34, Juan Pérez <juan@x.com> escribió:",
    "-----Original Message-----",
    "---------- Forwarded message ---------",
    "From: Sharma, Priya <priya@vp.com>\nSent: Wednesday, March 5, 2025 11:42 AM\n"
    "To: Tom <tom@bl.co.uk>\nSubject: RE: Supply",
    "Van: Pieter Jansen <p@ht.nl>\nVerzonden: vrijdag 14 maart 2025 15:22\nAan: Sanne",
    "________________________________",
    "----- Forwarded by Karen Holt/ACME on 03/10/2025 09:12 AM -----",
    "On Dec 16, 2011, at 12:47 PM, Corey Donohoe\n<reply@reply.github.com>\nwrote:",
]
BODY_LINES = [
    "We can accept $38 per seat on a three-year term.",
    "Net 60 is not negotiable for us.",
    "",
    "",
    "   indented: 1,200 units",
    "Thanks,",
    "Dana",
    "--",
    "-- ",
    "Sent from my iPhone",
    "Get Outlook for iOS",
    "-Abhishek Kona",
    "CONFIDENTIALITY NOTICE: this email is confidential.",
    "> ",
    ">",
    ">:",
    "On Thursday:",
    "From: someone@example.com",
    "Ça va — 40 € ?",
    "\t",
    "写道：",
]

_line = st.sampled_from(BODY_LINES) | st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"),
    max_size=30,
)


@st.composite
def threads(draw: st.DrawFn) -> str:
    """A random paste: message bodies, headers and quoting at random depths."""
    chunks: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, 4))
        prefix = draw(st.sampled_from([">", "> ", ">>", "> > "])) * depth if depth else ""
        lines: list[str] = []
        if draw(st.booleans()):
            lines += draw(st.sampled_from(HEADERS)).split("\n")
        lines += draw(st.lists(_line, min_size=0, max_size=8))
        chunks.append("\n".join(prefix + line for line in lines))
    return "\n".join(chunks)


def _assert_spans(conversation: Conversation) -> None:
    source = conversation.source
    for turn in conversation.turns:
        pieces = [source[a:b] for a, b in turn.spans]
        assert turn.text == "\n".join(pieces)
        for a, b in turn.spans:
            assert 0 <= a <= b <= len(source)
            assert "\n" not in source[a:b]
        for position in range(0, len(turn.text), max(1, len(turn.text) // 7)):
            if turn.text[position] == "\n":
                continue  # a separator between two spans has no source position
            offset = conversation.turn_source_offset(turn, position)
            assert offset is not None
            assert source[offset] == turn.text[position]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(threads())
def test_when_random_thread_then_text_equals_span_slices_and_only_input_errors(text: str) -> None:
    try:
        conversation = thread.parse(text)
    except InputRejected:
        return
    _assert_spans(conversation)
    assert [t.index for t in conversation.turns] == list(range(len(conversation.turns)))
    assert all(t.speaker for t in conversation.turns)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(threads(), st.sampled_from(["plain", "html"]))
def test_when_random_body_in_eml_then_spans_index_the_rendered_source(
    body: str, subtype: str
) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Dana Reyes <dana@northwind.com>"
    message["Date"] = "Mon, 10 Mar 2025 09:14:22 +0100"
    message["Message-ID"] = "<p@x>"
    if subtype == "html":
        from html import escape

        message.set_content("<br>".join(escape(x) for x in body.split("\n")), subtype="html")
    else:
        message.set_content(body)
    try:
        conversation = mime.parse_eml("", bytes(message))
    except InputRejected:
        return
    _assert_spans(conversation)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_when_arbitrary_text_then_parser_never_raises_anything_else(text: str) -> None:
    try:
        conversation = thread.parse(text)
    except InputRejected:
        return
    _assert_spans(conversation)
