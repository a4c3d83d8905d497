"""Who wrote each message of corporate mail in the shapes real exports have: the speaker
sequence and the participants of every thread in `fixtures/conversations/email/corporate`,
and the pieces that read them (canonical names, header values, sign-offs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.parsers import parse_file, parse_text
from analyzer.parsers.claims import Claim
from analyzer.parsers.emails.addresses import parse_address, split_recipients
from analyzer.parsers.emails.attribution import match_attribution
from analyzer.parsers.emails.signoff import closing_name
from analyzer.parsers.identity import resolve
from analyzer.parsers.names import canonical_name, local_part_name, may_be_same, same_person

CORPORATE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "conversations" / "email" / "corporate"
)
LABELS: dict[str, dict[str, list[str]]] = json.loads(
    (CORPORATE / "labels.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_when_a_corporate_thread_is_parsed_then_each_message_has_its_author(name: str) -> None:
    conversation = parse_file(CORPORATE / name)
    assert [t.speaker for t in conversation.turns] == LABELS[name]["speakers"]
    assert sorted(p.name for p in conversation.participants) == sorted(LABELS[name]["participants"])


def test_when_every_fixture_is_labelled_then_none_is_left_out() -> None:
    files = {p.name for p in CORPORATE.iterdir() if p.suffix in {".txt", ".eml", ".mbox"}}
    assert files == set(LABELS)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Taylor, Mark E (Legal)", "Mark Taylor"),
        ("Taylor , Mark E ( Legal )", "Mark Taylor"),  # tokenised export
        ("Allen, Phillip K.", "Phillip Allen"),
        ("W. David Duran", "David Duran"),
        ("Dr. Weber, Anna", "Anna Weber"),
        ("i. A. Jonas Becker", "Jonas Becker"),
        ("ppa. Becker, Jonas", "Jonas Becker"),
        ("Davis, Dana (Houston)", "Dana Davis"),
        ("Ortega Ruiz, Javier", "Javier Ortega Ruiz"),
        ("DUPONT Marie", "Marie Dupont"),
        ("MARK TAYLOR", "Mark Taylor"),
        ("kimberly.watson", "Kimberly Watson"),
        ("Don Miller", "Don Miller"),  # a first name, not a title
        ("ACME, Inc.", "ACME, Inc."),
        ("J.R. Ewing", "Ewing"),
    ],
)
def test_when_a_name_is_decorated_then_the_canonical_form_is_the_name_people_go_by(
    written: str, canonical: str
) -> None:
    assert canonical_name(written) == canonical


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '"Jeff Dasovich" <jdasovic@enron.com>@ENRON [mailto:IMCEANOTES-+22Jeff+20Dasovich'
            "+22+20+3Cjdasovic+40enron+2Ecom+3E+40ENRON@ENRON.com]",
            ("Jeff Dasovich", "jdasovic@enron.com"),
        ),
        (
            "IMCEANOTES-Dana+20Davis+20+3Cdana+2Edavis+40enron+2Ecom+3E+40ENRON@ENRON.com",
            ("Dana Davis", "dana.davis@enron.com"),
        ),
        (
            "Davis, Dana <IMCEAEX-_O=ENRON_OU=NA_CN=RECIPIENTS_CN=DDAVIS@ENRON.com>",
            ("Davis, Dana", None),
        ),
        ("Vince J Kaminski@ECT on 10/12/2000 10:05 AM", ("Vince J Kaminski", None)),
        (
            "Richard Shapiro                           11/30/2000 09:58 AM",
            ("Richard Shapiro", None),
        ),
        # The delegate's address is not the principal's: it is dropped.
        (
            "Jenna Ruiz <jenna.ruiz@midwest-fab.com> On Behalf Of Harlan, Greg",
            ("Harlan, Greg", None),
        ),
        # A shared mailbox is nobody: the delegate wrote it.
        ("Jenna Ruiz <jr@x.com> On Behalf Of Sales Team <sales@x.com>", ("Jenna Ruiz", "jr@x.com")),
        ("Okafor, Tom [mailto:tom.okafor@acme.com]", ("Okafor, Tom", "tom.okafor@acme.com")),
    ],
)
def test_when_a_header_value_comes_from_a_corporate_gateway_then_name_and_address_are_read(
    value: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_address(value) == expected


@pytest.mark.parametrize(
    ("value", "entries"),
    [
        ("Richard Shapiro/NA/Enron@Enron, James D Steffes/NA/Enron@Enron", 2),
        ('"Reyes, Dana" <dana@x.com>, Tom Okafor <tom@x.com>', 2),
        ("Taylor, Mark E (Legal); Nemec, Gerald", 2),
        ("Reyes, Dana", 1),
        ("", 0),
    ],
)
def test_when_a_recipient_list_is_split_then_last_first_names_stay_whole(
    value: str, entries: int
) -> None:
    assert len(split_recipients(value)) == entries


def test_when_aol_attribution_then_its_us_date_and_address_are_read() -> None:
    found = match_attribution(
        [
            "In a message dated 10/12/00 4:05:33 PM Central Daylight Time,",
            "pallen@enron.com writes:",
        ]
    )
    assert found is not None
    used, meta = found
    assert (used, meta.address, meta.date) == (2, "pallen@enron.com", "2000-10-12T16:05:33")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Best I can do is $18,500.", "", "John Smith"], "John Smith"),
        (["Sounds good, let's sign.", "", "Mae"], "Mae"),
        (["Sounds good, let's sign.", "", "Agreed"], None),
        (["Sounds good,", "Mae"], None),  # not a paragraph of its own
    ],
)
def test_when_a_name_closes_a_message_alone_then_it_is_the_signer(
    lines: list[str], expected: str | None
) -> None:
    assert closing_name(lines) == expected


@pytest.mark.parametrize(
    ("signed", "sender", "same"),
    [
        ("Kim", "Watson, Kimberly", True),
        ("Jim", "James D Steffes", True),
        ("Bob", "Robert Klein", True),
        ("Dana", "Davis, Mark Dana", True),
        ("John Smith", "JSmith@austintx.com", True),
        ("Maureen", "Steven J Kean", False),
        ("Jenna Ruiz", "Harlan, Greg", False),
    ],
)
def test_when_a_sign_off_is_compared_with_the_header_then_short_forms_fit(
    signed: str, sender: str, same: bool
) -> None:
    assert may_be_same(signed, sender) is same


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Reyes, Dana", "dana.reyes@northwind.io", True),
        ("Phillip Allen", "pallen@enron.com", True),
        ("Javier Ortega", "Ortega Ruiz, Javier", True),
        ("Dana Reyes", "Dana Whitfield", False),
        ("Dana Reyes", "dwhitfield@orbit-supply.com", False),
    ],
)
def test_when_two_copies_of_a_message_name_their_sender_differently_then_only_one_person_matches(
    one: str, other: str, same: bool
) -> None:
    assert same_person(one, other) is same


def test_when_two_people_share_a_first_name_then_the_bare_name_joins_neither() -> None:
    resolution = resolve(
        [
            Claim("Reyes, Dana", "dana.reyes@northwind.io"),
            Claim("Whitfield, Dana", None),
            Claim("Dana", None),
        ]
    )
    assert resolution.speakers == ["Dana Reyes", "Dana Whitfield", "Dana"]


def test_when_a_shorter_spelling_fits_one_person_then_the_fullest_form_is_the_name() -> None:
    resolution = resolve(
        [
            Claim("Javier Ortega", None),
            Claim("Ortega Ruiz, Javier", "jortega@x.es"),
            Claim("Javi", None),
        ]
    )
    assert resolution.speakers == ["Javier Ortega Ruiz"] * 3


def test_when_only_an_address_is_known_then_its_local_part_is_the_name() -> None:
    assert local_part_name("brenda.huff@northwind-logistics.com") == "Brenda Huff"
    assert resolve([Claim(None, "brenda.huff@northwind-logistics.com")]).speakers == ["Brenda Huff"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "12/03/2026 à 14:05 - Julien Moreau: 12 000 € c'est notre dernier prix\n"
            "12/03/2026 à 14:07 - Camille: C'est trop, 10 500 max\n",
            ["Julien Moreau", "Camille"],
        ),
        (
            "12.03.26, 14:05 - Jonas Becker: 4,10 € ist unser letzter Preis\n"
            "12.03.26, 14:07 - Ana Kovač: Das ist zu wenig\nwir brauchen 4,30\n",
            ["Jonas Becker", "Ana Kovač"],
        ),
        (
            "[12/03/2026, 14:05:33] Dana Reyes: Final offer: $95k\n"
            "[12/03/2026, 14:06:10] Tom: We need $110k\n",
            ["Dana Reyes", "Tom"],
        ),
    ],
)
def test_when_a_whatsapp_export_comes_from_another_locale_then_each_line_has_its_speaker(
    text: str, speakers: list[str]
) -> None:
    conversation = parse_text(text)
    assert [t.speaker for t in conversation.turns] == speakers
    assert conversation.turns[0].timestamp is not None
    assert conversation.turns[0].timestamp.startswith("2026-03-12T14:05")


CHASE = (
    "Hi Tom, any news on the rates?\n\nSent from my iPhone\n\n"
    "On Oct 14, 2025, at 9:02 AM, Dana Reyes <dana@northwind.io> wrote:\n\n"
    "> Tom,\n>\n> We need 5% off the base rate.\n>\n> Dana\n>\n"
    "> On Oct 13, 2025, at 9:02 AM, Tom Okafor <tom@acme.com> wrote:\n>\n"
    ">> Dana, rates go up 3% in January.\n"
)
ANSWER_ONLY_GREETED = (
    "We can do 5%, no more.\n\nSent from my iPhone\n\n"
    "On Oct 14, 2025, at 9:02 AM, Okafor, Tom <tom.okafor@acme-freight.com> wrote:\n\n"
    "> Dana,\n>\n> Base rate up 3% in January.\n>\n> Tom\n"
)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # Two people: the newest message answers Dana, but greets Tom: Dana chasing.
        (CHASE, ["Tom Okafor", "Dana Reyes", "Dana Reyes"]),
        # Only the greeting of the message answered names the writer.
        (ANSWER_ONLY_GREETED, ["Tom Okafor", "Dana"]),
    ],
)
def test_when_the_newest_message_names_nobody_then_the_thread_around_it_does(
    text: str, speakers: list[str]
) -> None:
    conversation = parse_text(text)
    assert [t.speaker for t in conversation.turns] == speakers
    assert "attributed to" in conversation.warnings[0]


def test_when_a_tokenised_forward_line_spaces_its_slashes_then_the_forwarder_is_read() -> None:
    text = (
        "Jeff , please price this .\n\n"
        "---------------------- Forwarded by Phillip K Allen / HOU / ECT on 10/12/2000 01:42 PM"
        " ---------------------------\n\n\n"
        '" Buckner , Buck " < buck.buckner@honeywell.com > on 10/12/2000 01:12:21 PM\n'
        "To : Phillip K Allen / HOU / ECT @ ECT\ncc :\nSubject : FW : fixed price deal\n\n\n"
        "Phillip ,\n\nWe need a fixed price .\n\nThanks ,\nBuck\n"
    )
    assert [t.speaker for t in parse_text(text).turns] == ["Buck Buckner", "Phillip Allen"]


def test_when_a_to_list_wraps_without_indentation_then_it_stays_in_the_header() -> None:
    text = (
        "Fine by us.\n\nTom\n\n"
        "From: Reyes, Dana <dana.reyes@northwind.io>\n"
        "Sent: Tuesday, October 14, 2025 11:30 AM\n"
        "To: Okafor, Tom <tom.okafor@acme-freight.com>; Lind, Greta <greta@lindholm.com>; "
        "Becker, Jonas\n<j.becker@becker-soehne.de>; Kovac, Ana <ana.kovac@adria-plast.hr>\n"
        "Cc: Hollis, Mark <mark.hollis@corvid-med.com>\nSubject: RE: Freight rates Q1\n\n"
        "Tom, no surcharge.\n\nDana\n"
    )
    turns = parse_text(text).turns
    assert [t.speaker for t in turns] == ["Dana Reyes", "Tom Okafor"]
    assert turns[0].text == "Tom, no surcharge."


def test_when_attachments_are_listed_in_angle_brackets_then_they_are_not_aol_quotes() -> None:
    text = (
        "Mark,\n\nPlease see the attached budget.\n\n<<Q4 budget.xls>>\n<<Q4 headcount.doc>>\n\n"
        "Louise\n\n-----Original Message-----\nFrom: Taylor, Mark\n"
        "Sent: Monday, October 15, 2001 9:47 AM\nTo: Kitchen, Louise\nSubject: budget\n\n"
        "Louise, can you send the budget?\n\nMark\n"
    )
    turns = parse_text(text).turns
    assert [t.speaker for t in turns] == ["Mark Taylor", "Louise Kitchen"]
    assert "<<Q4 budget.xls>>" in turns[1].text


HEADER = (
    "From: Whitfield, Darren <darren.w@southerncross.com.au>\n"
    "Sent: Wednesday, June 17, 2026 4:40 PM\nTo: Clarke, Sienna <sienna@bilby.com.au>\n"
    "Subject: RE: pallet rates\n\nSienna, $14.20 is as low as I go.\n\n"
)


@pytest.mark.parametrize(
    ("closing", "speaker"),
    [
        # A nickname under the sender's own header, his full name below it: his.
        ("Cheers,\nDaz\n\nDarren Whitfield\nBusiness Development Manager\n", "Darren Whitfield"),
        # A company under a closing formula is nobody.
        ("Kind regards,\nSouthern Cross Logistics\n", "Darren Whitfield"),
        # His assistant, in full: hers.
        ("Thank you,\nMaureen Kelly\nAssistant to Darren Whitfield\n", "Maureen Kelly"),
        # A first name nobody else in the thread has: still his (a nickname).
        ("Thanks,\nMaureen\n", "Darren Whitfield"),
    ],
)
def test_when_a_headed_message_is_signed_then_only_someone_clearly_else_takes_it(
    closing: str, speaker: str
) -> None:
    assert parse_text(HEADER + closing).turns[0].speaker == speaker


def test_when_one_message_is_quoted_twice_with_different_closings_then_it_counts_once() -> None:
    # The same message in a Gmail quote (its contact line kept) and in an Outlook block
    # below it; the quote header names its sender by surname only.
    text = (
        "Fine, we tender then.\n\nDana\n\n"
        "On Mon, Oct 6, 2025 at 3:30 PM, Okafor <tom@acme.com> wrote:\n"
        "> Dana,\n>\n> 2% is the best I can do on the Chicago lanes for the next twelve "
        "months, fuel included.\n>\n> T.\n> Key Accounts, Acme Freight, 200 W Madison St, "
        "Chicago\n>\n> -----Original Message-----\n> From: Tom Okafor <tom@acme.com>\n"
        "> Sent: Monday, October 6, 2025 3:30 PM\n> To: Reyes, Dana\n> Subject: Re: Freight\n"
        ">\n> Dana,\n>\n> 2% is the best I can do on the Chicago lanes for the next twelve "
        "months, fuel included.\n>\n> T.\n"
    )
    conversation = parse_text(text)
    assert [t.speaker for t in conversation.turns] == ["Tom Okafor", "Dana Reyes"]
    tom = conversation.participants[0]
    assert "Okafor" in tom.aliases


def test_when_gmail_on_android_puts_the_date_after_schrieb_then_the_name_is_read() -> None:
    found = match_attribution(["Jonas Becker <j.becker@x.de> schrieb am Do., 15. Mai 2025, 10:14:"])
    assert found is not None
    assert (found[1].name, found[1].address, found[1].date) == (
        "Jonas Becker",
        "j.becker@x.de",
        "2025-05-15T10:14:00",
    )


def test_when_a_lotus_to_list_wraps_mid_route_then_its_people_still_name_a_sign_off() -> None:
    text = (
        "Louise - fine, 12 it is.\n\nJohn\n\n\n\n\nSally Beck\n03/14/2001 09:40 AM\n"
        "To: Louise Kitchen/HOU/ECT@ECT, John J Lavorato/Corp/Enron@Enron, Sally \n"
        "Beck/HOU/ECT@ECT\ncc: \nSubject: Mid-market headcount\n\n"
        "Operations can support 12 people on the desk.\n\nSally\n"
    )
    turns = parse_text(text).turns
    assert [t.speaker for t in turns] == ["Sally Beck", "John Lavorato"]
    assert turns[0].text == "Operations can support 12 people on the desk."


def test_when_gmail_cards_show_no_year_then_they_still_head_messages_oldest_first() -> None:
    text = (
        "Re: Venue deposit\nInbox\n\n"
        "Tom Becker <tom@lakeviewlodge.com>\nMon, Aug 11, 10:02 AM (3 days ago)\nto me\n\n"
        "Hi Hannah, our policy is a 50% deposit.\n\nTom\n\n"
        "Hannah Cole <hannah@colecreative.co>\nTue, Aug 12, 3:41 PM (2 days ago)\nto Tom\n\n"
        "Tom, 25% now and the rest later. Final offer.\n\nHannah\n"
    )
    turns = parse_text(text).turns
    assert [t.speaker for t in turns] == ["Tom Becker", "Hannah Cole"]
    assert turns[0].subject == "Re: Venue deposit"


def test_when_a_blackberry_header_dates_its_message_then_the_date_is_read() -> None:
    from analyzer.parsers.emails.dates import parse_date

    assert parse_date("Thu Nov 29 09:41:20 2001") == "2001-11-29T09:41:20"


@pytest.mark.parametrize("last", ["Understood.", "Tomorrow", "Agreed"])
def test_when_a_message_closes_with_a_one_word_reply_then_it_is_not_a_signer(last: str) -> None:
    assert closing_name(["We can move the delivery to Friday.", "", last]) is None
