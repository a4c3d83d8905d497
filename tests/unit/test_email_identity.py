"""One identity per person: merging names and addresses, corporate export formats,
sign-off names, banners and legal footers."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.cli.parse_cmd import render_text
from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.claims import Claim
from analyzer.parsers.emails.addresses import parse_address
from analyzer.parsers.emails.signatures import banner_end
from analyzer.parsers.emails.signoff import signoff_name
from analyzer.parsers.identity import resolve

EMAIL = Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email"


def _speakers(claims: list[Claim]) -> list[str]:
    return resolve(claims).speakers


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (  # address only, then the same address with a name
            [Claim(None, "heather.dunton@enron.com"), Claim("Heather Dunton", None)],
            ["Heather Dunton", "Heather Dunton"],
        ),
        (  # "Last, First" and the address local part
            [Claim("Davis, Dana", None), Claim(None, "Dana.Davis@ENRON.com")],
            ["Dana Davis", "Dana Davis"],
        ),
        (  # the same address in another case, another name form
            [Claim("kimberly.watson", "kimberly.watson@enron.com"), Claim("Kimberly Watson", None)],
            ["Kimberly Watson", "Kimberly Watson"],
        ),
        (  # first initial + last name as the local part
            [Claim("Phillip K Allen", None), Claim(None, "pallen@enron.com")],
            ["Phillip Allen", "Phillip Allen"],
        ),
        (  # a unique sign-off name joins the one person with that first name
            [Claim("Mae Lin", "mae.lin@gmail.com"), Claim("Mae", None)],
            ["Mae Lin", "Mae Lin"],
        ),
        (  # two people share a first name: never merged, the bare name stays apart
            [Claim("Dana Davis", None), Claim("Dana Reyes", None), Claim("Dana", None)],
            ["Dana Davis", "Dana Reyes", "Dana"],
        ),
        (  # X-From display name as an alias of an address-only sender
            [Claim(None, "phillip.allen@enron.com", ["Phillip K Allen"]), Claim("Phillip", None)],
            ["Phillip Allen", "Phillip Allen"],
        ),
        (  # nobody named: each "Unknown" stays unknown
            [Claim(None, None), Claim(None, None)],
            ["Unknown", "Unknown"],
        ),
    ],
)
def test_when_claims_name_one_person_then_they_share_one_canonical_name(
    claims: list[Claim], expected: list[str]
) -> None:
    assert _speakers(claims) == expected


def test_when_identities_merge_then_the_participant_keeps_aliases_and_addresses() -> None:
    resolution = resolve(
        [
            Claim("Davis, Dana", "dana.davis@enron.com"),
            Claim("Dana Davis", "ddavis@ect.enron.com"),
            Claim("Tom Okafor", "tom@acme.com"),
        ]
    )
    dana, tom = resolution.participants
    assert (dana.name, dana.turns) == ("Dana Davis", 2)
    assert dana.aliases == ["Davis, Dana"]
    assert dana.addresses == ["dana.davis@enron.com", "ddavis@ect.enron.com"]
    assert tom.aliases == [] and tom.address == "tom@acme.com"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('" Davis, Dana " < Dana. Davis@ENRON.com >', ("Davis, Dana", "Dana.Davis@ENRON.com")),
        ("Kimberly Watson/ENRON@enronXgate on 11/27/2001 09:09 AM", ("Kimberly Watson", None)),
        ("Tim Belden <Tim Belden/Enron@EnronXGate>", ("Tim Belden", None)),
        ("Allen, Phillip K. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=PALLEN>", ("Allen, Phillip K.", None)),
    ],
)
def test_when_header_is_mangled_then_name_and_address_are_repaired(
    value: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_address(value) == expected


def test_when_mangled_from_header_then_the_speaker_is_the_person() -> None:
    text = (
        'From: " Davis, Dana " < Dana. Davis@ENRON.com >\n'
        "Sent: Tuesday, November 27, 2001 9:09 AM\n"
        "To: Watson, Kimberly\nSubject: capacity\n\nKim , can you release it ?\n"
    )
    turn = parse_text(text).turns[0]
    assert (turn.speaker, turn.speaker_address) == ("Dana Davis", "Dana.Davis@ENRON.com")


@pytest.mark.parametrize(
    ("name", "speakers", "people"),
    [
        (
            "corpus_x_headers.txt",
            ["Dana Davis", "Kimberly Watson"],
            {"Dana Davis": ["Davis, Dana"], "Kimberly Watson": ["Watson, Kimberly"]},
        ),
        (
            "lotus_notes_chain.txt",
            ["Buck Buckner", "Phillip Allen", "Buck Buckner"],
            {"Buck Buckner": ["Buckner, Buck", "Buck"], "Phillip Allen": ["Phillip K Allen"]},
        ),
        (
            "gmail_paste_newest_headers.txt",
            ["Mae Lin", "Kirk Hammett", "Mae Lin"],
            {"Mae Lin": ["Mae"], "Kirk Hammett": []},
        ),
        (
            "gmail_web_copy.txt",
            ["Sarah Klein", "Tom Okafor", "Sarah Klein"],
            {"Sarah Klein": [], "Tom Okafor": []},
        ),
        (
            "outlook_banner_disclaimer.txt",
            ["Jonas Becker", "Laura Méndez", "Jonas Becker"],
            {"Jonas Becker": ["Becker, Jonas"], "Laura Méndez": []},
        ),
    ],
)
def test_when_corporate_export_parsed_then_each_person_is_one_participant(
    name: str, speakers: list[str], people: dict[str, list[str]]
) -> None:
    conversation = parse_file(EMAIL / name)
    assert [t.speaker for t in conversation.turns] == speakers
    assert {p.name: p.aliases for p in conversation.participants} == people
    listing = render_text(conversation)
    for person in people:
        assert sum(line.startswith(f"  - {person} (") for line in listing.splitlines()) == 1


def test_when_corpus_export_has_x_headers_then_they_stay_out_of_the_text() -> None:
    conversation = parse_file(EMAIL / "corpus_x_headers.txt")
    assert all("X-From" not in t.text and "X-Folder" not in t.text for t in conversation.turns)
    assert conversation.turns[0].text.startswith("Kim , El Paso is asking")


def test_when_lotus_sender_line_follows_a_message_then_it_is_not_glued_to_it() -> None:
    conversation = parse_file(EMAIL / "lotus_notes_chain.txt")
    allen = conversation.turns[1]
    assert allen.text.endswith("Let me know by Monday .")
    assert all(
        "Forwarded by" not in t.text and "01:42 PM" not in t.text for t in conversation.turns
    )
    assert conversation.turns[0].timestamp == "2000-10-12T13:12:21"


def test_when_gmail_paste_starts_with_header_lines_then_they_leave_the_text() -> None:
    newest = parse_file(EMAIL / "gmail_paste_newest_headers.txt").turns[-1]
    assert newest.text.startswith("Yes! 7 works for me.")
    assert newest.subject == "Re: Saturday dinner"


def test_when_banners_and_footers_are_present_then_they_are_boilerplate_not_text() -> None:
    conversation = parse_file(EMAIL / "outlook_banner_disclaimer.txt")
    for turn in conversation.turns:
        for words in ("CAUTION", "PRECAUCIÓN", "vertrauliche", "AVISO LEGAL", "confidentiels"):
            assert words not in turn.text
        assert "+49" not in turn.text and "+34" not in turn.text
    newest = conversation.turns[-1]
    assert newest.text.startswith("Hi Laura,")
    assert newest.boilerplate is not None and "CAUTION" in newest.boilerplate
    assert newest.signature is not None and "Head of Procurement" in newest.signature


@pytest.mark.parametrize(
    "banner",
    [
        "[External] CAUTION: This email originated from outside of the organization.",
        "CAUTION: External email. Do not click links unless you trust the sender.",
        "[EXTERN] Achtung: Diese E-Mail stammt von außerhalb der Organisation.",
        "[EXTERNE] ATTENTION : Ce courriel provient de l'extérieur de l'organisation.",
        "[EXTERNO] PRECAUCIÓN: Este correo electrónico se originó fuera de la organización.",
    ],
)
def test_when_message_opens_with_a_gateway_banner_then_the_text_starts_below_it(
    banner: str,
) -> None:
    lines = [banner, "Do not click links or open attachments.", "", "Hi Dana,", "Fine by us."]
    assert banner_end(lines) == 2


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (["Can we do Tuesday ?", "", "Thanks , Phillip"], "Phillip"),
        (["See you then", "", "love Mae"], "Mae"),
        (["Let me know.", "", "Cheers", "Kirk"], "Kirk"),
        (["Fine by me.", "-Phillip"], "Phillip"),
        (["Bonne journée,", "", "Thomas Girard"], "Thomas Girard"),
        (["Thanks, all"], None),
        (["Phillip,", "", "Can you call me?"], None),  # a greeting, not a sign-off
    ],
)
def test_when_message_is_signed_then_the_sign_off_names_the_writer(
    tail: list[str], expected: str | None
) -> None:
    assert signoff_name(tail) == expected


MBOX = (
    "From MAILER-DAEMON Tue Nov 27 09:09:00 2001\n"
    "Message-ID: <1.1075@thyme>\nDate: Tue, 27 Nov 2001 09:09:00 -0800 (PST)\n"
    "From: dana.davis@enron.com\nTo: kimberly.watson@enron.com\nSubject: capacity\n"
    "X-From: Davis, Dana\nX-To: Watson, Kimberly\n\n"
    "Kim , can we release the capacity on December 1 ?\n\n"
    "From MAILER-DAEMON Tue Nov 27 09:41:00 2001\n"
    "Message-ID: <2.1075@thyme>\nDate: Tue, 27 Nov 2001 09:41:00 -0800 (PST)\n"
    "From: kimberly.watson@enron.com\nTo: dana.davis@enron.com\nSubject: RE: capacity\n\n"
    "Not before the 15th .\n\nKim\n"
)


def test_when_mbox_senders_have_addresses_only_then_x_from_and_x_to_name_them() -> None:
    conversation = parse_text(MBOX)
    assert [t.speaker for t in conversation.turns] == ["Dana Davis", "Kimberly Watson"]
    dana = conversation.participants[0]
    assert dana.aliases == ["Davis, Dana"] and dana.addresses == ["dana.davis@enron.com"]
    assert conversation.turns[1].text == "Not before the 15th ."


def test_when_lotus_from_field_carries_the_date_then_sender_and_date_are_read() -> None:
    text = (
        "Agreed, let us hold at max rate.\n\nDana\n\n"
        "From:\tKimberly Watson/ENRON@enronXgate on 11/27/2001 09:09 AM\n"
        "To:\tDana Davis/HOU/ECT@ECT\ncc:\t \nSubject:\tRE: Capacity\n\n"
        "Dana, El Paso wants the capacity early. Max rate only.\n\nKim\n"
    )
    turns = parse_text(text).turns
    assert [(t.speaker, t.timestamp) for t in turns] == [
        ("Kimberly Watson", "2001-11-27T09:09:00"),
        ("Dana Davis", None),
    ]
    assert turns[0].text == "Dana, El Paso wants the capacity early. Max rate only."


def test_when_parse_text_on_a_corporate_export_then_each_person_is_listed_once() -> None:
    from typer.testing import CliRunner

    from analyzer.cli.main import app

    result = CliRunner().invoke(
        app, ["parse", str(EMAIL / "lotus_notes_chain.txt"), "--format", "text"]
    )
    assert result.exit_code == 0, result.output
    listed = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert listed == [
        "  - Buck Buckner (2 turns); also: Buckner, Buck; Buck; buck.buckner@honeywell.com",
        "  - Phillip Allen (1 turn); also: Phillip K Allen",
    ]


TOKENISED_REPLY = (
    "Kim , we ca n't do that .\n\nThanks ,\nDana\n\n"
    "-----Original Message-----\n"
    "From: \tWatson, Kimberly  \nSent:\tTuesday, November 27, 2001 9:09 AM\n"
    "To:\tDavis, Dana\nSubject:\tRE: capacity\n\n"
    "Dana , El Paso wants it early .\n\nThanks ,\nKim\n"
)


def test_when_a_bare_sign_off_matches_the_one_recipient_named_then_it_takes_the_full_name() -> None:
    conversation = parse_text(TOKENISED_REPLY)
    assert [t.speaker for t in conversation.turns] == ["Kimberly Watson", "Dana Davis"]
    assert conversation.turns[0].text == "Dana , El Paso wants it early ."  # "Thanks ,\nKim" off


def test_when_two_named_people_share_the_sign_off_name_then_it_stays_bare() -> None:
    resolution = resolve(
        [Claim("Kimberly Watson", None), Claim("Dana", None)],
        [("Davis, Dana", None), ("Dana Reyes", "dreyes@acme.com")],
    )
    assert resolution.speakers == ["Kimberly Watson", "Dana"]


def test_when_json_predates_identities_then_it_still_validates() -> None:
    from analyzer.models import Conversation

    old = {
        "kind": "email",
        "format": "email_text",
        "participants": [{"name": "Dana Reyes", "address": "dana@acme.com", "turns": 1}],
        "turns": [{"index": 0, "speaker": "Dana Reyes", "text": "Our offer stands."}],
    }
    conversation = Conversation.model_validate(old)
    person = conversation.participants[0]
    assert (person.aliases, person.addresses) == ([], [])
    assert conversation.turns[0].boilerplate is None


def test_when_a_corpus_header_block_sits_inside_a_paste_then_it_heads_a_message() -> None:
    text = (
        "Fine by me , release it on the 15th .\n\nKim\n\n"
        "Message-ID: <21984432.1075840284451.JavaMail.evans@thyme>\n"
        "Date: Tue, 27 Nov 2001 09:09:00 -0800 (PST)\n"
        "From: dana.davis@enron.com\nTo: kimberly.watson@enron.com\n"
        "Subject: Transwestern capacity release\nMime-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n"
        "X-From: Davis, Dana </O=ENRON/OU=NA/CN=RECIPIENTS/CN=DDAVIS>\n"
        "X-To: Watson, Kimberly </O=ENRON/OU=NA/CN=RECIPIENTS/CN=Kwatson>\n"
        "X-cc: \nX-bcc: \nX-Folder: \\DDAVIS (Non-Privileged)\\Davis, Dana\\Sent Items\n"
        "X-Origin: Davis-D\nX-FileName: DDAVIS (Non-Privileged).pst\n\n"
        "Kim , can we release the 20,000 MMBtu/d on December 1 ?\n"
    )
    conversation = parse_text(text)
    assert [t.speaker for t in conversation.turns] == ["Dana Davis", "Kimberly Watson"]
    assert conversation.turns[0].text == "Kim , can we release the 20,000 MMBtu/d on December 1 ?"
    assert conversation.turns[0].timestamp == "2001-11-27T09:09:00-08:00"
