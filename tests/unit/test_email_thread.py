"""Pasted email threads: our own negotiation fixtures, one per client and language.

Each case pins the turn count, the speakers in order (oldest first), the dates, where
each turn's text starts and ends, and what was split off as signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from analyzer.models import Conversation, InputFormat
from analyzer.parsers import parse_file
from analyzer.parsers.emails import thread

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email"


@dataclass(frozen=True)
class T:
    """What one turn must look like."""

    speaker: str
    timestamp: str | None
    starts: str
    ends: str
    signature: str | None = None  # a substring of the signature; None = no signature


CASES: dict[str, list[T]] = {
    "gmail_renewal.txt": [
        T("Dana Reyes", "2025-03-03T09:05:00", "Marcus,", "two other vendors.", "Dana"),
        T("Marcus Webb", "2025-03-04T16:12:00", "Dana,", "include premium support.", "Marcus"),
        T("Dana Reyes", None, "Hi Marcus,", "for this budget cycle.", "Head of Procurement"),
    ],
    "outlook_procurement.txt": [
        T("Tom Okafor", "2025-03-04T15:18:00", "Priya,", "Can you confirm?", "Tom"),
        T("Priya Sharma", "2025-03-05T11:42:00", "Tom,", "within 10 days instead.", "Kind regards"),
        T("Tom Okafor", None, "Priya,", "works for us.", "any attachments are confidential"),
    ],
    "outlook_web_ios.txt": [
        T("Lena Fischer", "2025-03-06T08:47:10", "Sam, we need", "without the deposit?", "Lena"),
        T("Sam Carter", None, "Understood.", "back to the pool.", "Get Outlook for iOS"),
    ],
    "apple_mail_bottom.txt": [
        T("Jordan Lee", "2025-03-06T10:02:00", "Our best offer", "on the unit price.", "Jordan"),
        T("Alex", None, "A rebate only helps", "Alex", "Sent from my iPhone"),
    ],
    "inline_reply.txt": [
        T("Chen Wei", "2025-03-07T14:30:00", "1. Delivery", "3. Warranty: 12 months."),
        T("Maria Lopez", None, "Four weeks works.", "not negotiable for us.", "maria.lopez@"),
    ],
    "lotus_notes_forward.txt": [
        T("Paul Dubois", "2025-03-07T17:55:00", "Karen,", "our marketing spend.", "Paul"),
        T("Karen Holt", "2025-03-10T09:12:00", "Team, see below", "before we reply.", "Karen"),
    ],
    "rfc822_headers.txt": [
        T("Owen Price", "2025-03-07T16:40:03+00:00", "Nadia, the 9%", "another two years.", "Owen"),
        T("Nadia Haddad", "2025-03-10T09:14:22+01:00", "Owen, we can", "before 31 March.", "Nadia"),
    ],
    "forwarded_message.txt": [
        T("Sofia Marin", "2025-03-11T18:03:00", "Ellen,", "six\nmonths of fees.", "Sofia"),
        T("Ellen Park", None, "Ravi, FYI", "the exit clause."),
    ],
    "de_gmail_outlook.txt": [
        T("Julia Wagner", "2025-03-11T09:30:00", "Sehr geehrter", "anbieten?", "Julia Wagner"),
        T(
            "Stefan Becker",
            "2025-03-12T14:21:00",
            "Sehr geehrte",
            "Listenpreis anbieten.",
            "Viele Grüße",
        ),
        T("Julia Wagner", None, "Hallo Herr Becker,", "mindestens 12 %.", "Mit freundlichen"),
    ],
    "fr_outlook.txt": [
        T("Antoine Roux", "2025-03-12T17:40:00", "Bonjour Claire,", "avant vendredi ?", "Antoine"),
        T("Claire Martin", "2025-03-13T10:05:00", "Bonjour Antoine,", "deux ans.", "Bien à vous"),
        T("Antoine Roux", None, "Bonjour Claire,", "d'autres éditeurs.", "Cordialement"),
    ],
    "es_gmail.txt": [
        T("Javier Ortega", "2025-03-14T12:10:00", "Lucía:", "cinco semanas.", "Saludos"),
        T("Lucía", None, "Hola Javier:", "Lucía"),
    ],
    "nl_outlook.txt": [
        T("Pieter Jansen", "2025-03-14T15:22:00", "Beste Sanne,", "twaalf\nmaanden.", "Groet"),
        T("Sanne de Vries", None, "Beste Pieter,", "plaats van twaalf.", "Met vriendelijke groet"),
    ],
    "it_gmail.txt": [
        T("Marco Rossi", "2025-03-17T11:48:00", "Buongiorno Giulia,", "a 30\ngiorni.", "Marco"),
        T("Giulia", None, "Buongiorno Marco,", "Giulia"),
    ],
    "pt_outlook.txt": [
        T("Rui Almeida", "2025-03-18T09:12:00", "Olá Beatriz,", "doze\nmeses.", "Cumprimentos"),
        T("Beatriz Costa", None, "Olá Rui,", "revisão semestral.", "Atenciosamente"),
    ],
}


def _check(conversation: Conversation, expected: list[T]) -> None:
    got = [(t.speaker, t.timestamp) for t in conversation.turns]
    assert got == [(e.speaker, e.timestamp) for e in expected]
    for turn, want in zip(conversation.turns, expected, strict=True):
        assert turn.text.startswith(want.starts), turn.text
        assert turn.text.endswith(want.ends), turn.text
        split_off = "\n".join(x for x in (turn.signature, turn.boilerplate) if x)
        if want.signature is None:
            assert not split_off
        else:
            assert want.signature in split_off
        assert ">" not in "".join(line[:1] for line in turn.text.split("\n"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_when_thread_fixture_parsed_then_turns_speakers_dates_and_signatures_match(
    name: str,
) -> None:
    conversation = parse_file(FIXTURES / name)
    assert conversation.format is InputFormat.EMAIL_TEXT
    _check(conversation, CASES[name])
    assert conversation.turns[-1].from_quote is False
    assert all(t.from_quote for t in conversation.turns[:-1]) or name == "rfc822_headers.txt"


def test_when_newest_sender_missing_then_recipient_of_answered_message_with_warning() -> None:
    conversation = parse_file(FIXTURES / "outlook_web_ios.txt")
    assert conversation.turns[-1].speaker_address == "sam@cartervenues.com"
    assert any("attributed to Sam Carter" in w for w in conversation.warnings)
    gmail = parse_file(FIXTURES / "gmail_renewal.txt")  # named by the sign-off "Dana"
    assert gmail.turns[-1].speaker_address == "dana.reyes@northwind.com"
    assert not gmail.warnings


def test_when_outlook_headers_then_last_first_names_reordered_and_addresses_kept() -> None:
    conversation = parse_file(FIXTURES / "outlook_procurement.txt")
    assert conversation.turns[1].speaker_address == "priya.sharma@vantagepack.com"
    assert [p.name for p in conversation.participants] == ["Tom Okafor", "Priya Sharma"]
    assert conversation.participants[0].turns == 2


def test_when_thread_has_32_messages_then_every_message_is_a_turn_in_order() -> None:
    conversation = parse_file(FIXTURES / "long_thread_32.txt")
    turns = conversation.turns
    assert len(turns) == 32
    assert [t.speaker for t in turns[:4]] == ["Dana Reyes", "Marcus Webb"] * 2
    assert turns[-1].speaker == "Marcus Webb"  # inferred from the sign-off "Marcus"
    assert turns[0].text.endswith("talk about the seat price.")
    assert turns[0].timestamp == "2025-02-03T09:00:00"
    stamps = [t.timestamp for t in turns[:-1]]
    assert stamps == sorted(s for s in stamps if s)
    assert turns[-1].text.startswith("Dana,\n\nLet us know which wording they need.")
    assert all(t.signature in {"Dana", "Marcus"} for t in turns)
    assert all(t.subject == "RE: Platform renewal 2025" for t in turns[:-1])


def test_when_message_quoted_twice_then_it_appears_once() -> None:
    text = (FIXTURES / "gmail_renewal.txt").read_text(encoding="utf-8")
    again = (
        text + "\n\nOn Mon, Mar 3, 2025 at 9:05 AM Dana Reyes <dana.reyes@northwind.com> wrote:\n"
    )
    again += "> Marcus,\n>\n> Our renewal budget is flat this year. We need the seat price at $34 or we\n"
    again += "> will have to run an RFP with two other vendors.\n"
    conversation = thread.parse(again)
    firsts = [t for t in conversation.turns if "renewal budget is flat" in t.text]
    assert len(firsts) == 1


def test_when_no_structure_then_one_unknown_turn_with_warning_and_signature_split() -> None:
    conversation = parse_file(FIXTURES / "plain_no_structure.txt")
    assert conversation.format is InputFormat.PLAIN
    assert len(conversation.turns) == 1
    turn = conversation.turns[0]
    assert turn.speaker == "Unknown"
    assert turn.signature == "Sent from my iPhone"
    assert turn.text.endswith("otherwise we cannot sign.")
    assert "no email headers" in conversation.warnings[0]


@pytest.mark.parametrize(
    ("header", "speaker"),
    [
        ("From: dana@northwind.com", "Dana"),  # the local part spells the name
        ("From: Reyes, Dana <dana@northwind.com>", "Dana Reyes"),
        ('From: "Webb, Marcus" <marcus@helixsoft.io>', "Marcus Webb"),
        # A firm's mailbox that no one signs, the only other party: the firm, as written
        # (not turned round), so the analysis keeps a counterpart.
        ("From: ACME, Inc. <sales@acme.com>", "ACME, Inc."),
    ],
)
def test_when_from_line_varies_then_speaker_is_display_name_or_address(
    header: str, speaker: str
) -> None:
    text = f"Ok, agreed.\n\n{header}\nSent: Monday, March 3, 2025 9:00 AM\nSubject: Offer\n\nFinal offer: $40.\n"
    conversation = thread.parse(text)
    assert conversation.turns[0].speaker == speaker
    assert conversation.turns[0].text == "Final offer: $40."


def test_when_quote_markers_nested_then_removed_from_text_and_spans() -> None:
    text = "New terms attached.\n\n> > > Original ask: net 60.\n> > Counter: net 45.\n> Final: net 30?\n"
    conversation = thread.parse(text)
    assert [t.text for t in conversation.turns] == [
        "Original ask: net 60.",
        "Counter: net 45.",
        "Final: net 30?",
        "New terms attached.",
    ]
    for turn in conversation.turns:
        assert all(">" not in conversation.source[a:b] for a, b in turn.spans)
