"""Quote headers in every supported language, header blocks, separators and dates."""

from __future__ import annotations

import pytest

from analyzer.parsers.emails.addresses import parse_address
from analyzer.parsers.emails.attribution import match_attribution
from analyzer.parsers.emails.dates import parse_date
from analyzer.parsers.emails.headers import (
    is_separator,
    match_field_block,
    match_lotus_forward,
)
from analyzer.parsers.emails.thread import parse

ATTRIBUTIONS = [
    # (language, header lines, name, address, date)
    (
        "en",
        ["On Tue, Mar 4, 2025 at 4:12 PM Marcus Webb <marcus@helix.io> wrote:"],
        "Marcus Webb",
        "marcus@helix.io",
        "2025-03-04T16:12:00",
    ),
    (
        "en-apple",
        ["On 6 Mar 2025, at 10:02, Jordan Lee <jordan@fabrikam.com> wrote:"],
        "Jordan Lee",
        "jordan@fabrikam.com",
        "2025-03-06T10:02:00",
    ),
    (
        "en-wrapped",
        ["On Dec 16, 2011, at 12:47 PM, Corey Donohoe", "<reply@reply.github.com>", "wrote:"],
        "Corey Donohoe",
        "reply@reply.github.com",
        "2011-12-16T12:47:00",
    ),
    (
        "de",
        ["Am 12.03.2025 um 14:21 schrieb Stefan Becker <s.becker@kontor-it.de>:"],
        "Stefan Becker",
        "s.becker@kontor-it.de",
        "2025-03-12T14:21:00",
    ),
    (
        "fr",
        ["Le 12 mars 2025 à 17:40, Antoine Roux <antoine@omega.fr> a écrit :"],
        "Antoine Roux",
        "antoine@omega.fr",
        "2025-03-12T17:40:00",
    ),
    (
        "es",
        ["El 19/03/2014 11:34, Juan Pérez <juan.perez@mailcatch.com> escribió:"],
        "Juan Pérez",
        "juan.perez@mailcatch.com",
        "2014-03-19T11:34:00",
    ),
    (
        "nl",
        ["Op 17 mrt. 2025 om 10:02 schreef Pieter Jansen <p.jansen@hollandtech.nl>:"],
        "Pieter Jansen",
        "p.jansen@hollandtech.nl",
        "2025-03-17T10:02:00",
    ),
    (
        "it",
        ["Il giorno lun 17 mar 2025 alle ore 11:48 Marco Rossi <marco@edilnord.it> ha scritto:"],
        "Marco Rossi",
        "marco@edilnord.it",
        "2025-03-17T11:48:00",
    ),
    (
        "pt",
        ["Em ter., 18 de mar. de 2025 às 09:12, Rui Almeida <rui@frutas.pt> escreveu:"],
        "Rui Almeida",
        "rui@frutas.pt",
        "2025-03-18T09:12:00",
    ),
    (
        "pl",
        ["W dniu 7 stycznia 2015 15:24 użytkownik Paweł Brzoski <pb@gmail.com> napisał:"],
        "Paweł Brzoski",
        "pb@gmail.com",
        "2015-01-07T15:24:00",
    ),
    (
        "da",
        ["Den 08/06/2015 kl. 21.21 skrev Test user <test@example.com>:"],
        "Test user",
        "test@example.com",
        "2015-06-08T21:21:00",
    ),
    (
        "no",
        ["tir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com>:"],
        "Test user",
        "test@example.com",
        "2017-04-18T13:09:00",
    ),
    (
        "zh",
        ["在 2016年11月8日，下午2:23，Test user <test@example.com> 写道："],
        "Test user",
        "test@example.com",
        "2016-11-08T14:23:00",
    ),
    (
        "ja",
        ["2016/11/08 14:26、Test user <test@example.com> のメッセージ:"],
        "Test user",
        "test@example.com",
        "2016-11-08T14:26:00",
    ),
    (
        "ko",
        ["2016. 11. 8. 오후 12:39 Test user <test@example.com> 작성:"],
        "Test user",
        "test@example.com",
        "2016-11-08T12:39:00",
    ),
    (
        "gmail-intl",
        ["2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:"],
        "Rémi Dolan",
        "do_not_reply@dolan.com",
        "2014-03-20T08:48:00+01:00",
    ),
]


@pytest.mark.parametrize(
    ("lang", "lines", "name", "address", "date"), ATTRIBUTIONS, ids=[a[0] for a in ATTRIBUTIONS]
)
def test_when_attribution_in_language_then_sender_and_date_read(
    lang: str, lines: list[str], name: str, address: str, date: str
) -> None:
    found = match_attribution(lines)
    assert found is not None, lang
    used, meta = found
    assert used == len(lines)
    assert (meta.name, meta.address, meta.date) == (name, address, date)


@pytest.mark.parametrize(
    "line",
    [
        "Something wrote:",
        "On Thursday:",
        "On your remote host you can run:",
        "On Thursday, I get proper rendering.",
        "In 2019 our CFO wrote this about pricing:",
    ],
)
def test_when_line_only_resembles_attribution_then_not_a_header(line: str) -> None:
    assert match_attribution([line]) is None


BLOCKS = [
    (
        "outlook-en",
        [
            "From: Sharma, Priya <priya@vp.com>",
            "Sent: Wednesday, March 5, 2025 11:42 AM",
            "To: Tom <tom@bl.co.uk>",
            "Subject: RE: Supply",
        ],
        "Sharma, Priya",
        "2025-03-05T11:42:00",
    ),
    (
        "outlook-bold",
        [
            "*From:* Kim via Site [mailto:noreply@site.com]",
            "*Sent:* Monday, January 15, 2018 2:15 AM",
            "*To:* user@x.com",
            "*Subject:* New message",
        ],
        "Kim via Site",
        "2018-01-15T02:15:00",
    ),
    (
        "de",
        [
            "Von: Wagner, Julia <julia@sw.de>",
            "Gesendet: Dienstag, 11. März 2025 09:30",
            "An: Becker, Stefan <sb@k.de>",
            "Betreff: Verlängerung",
        ],
        "Wagner, Julia",
        "2025-03-11T09:30:00",
    ),
    (
        "fr",
        [
            "De : Claire Martin <claire@alpha.fr>",
            "Envoyé : jeudi 13 mars 2025 10:05",
            "À : Antoine <a@o.fr>",
            "Objet : Proposition",
        ],
        "Claire Martin",
        "2025-03-13T10:05:00",
    ),
    (
        "es",
        [
            "De: Javier Ortega <jo@sur.es>",
            "Enviado el: viernes, 14 de marzo de 2025 12:10",
            "Para: Lucía <l@x.es>",
            "Asunto: Plazo",
        ],
        "Javier Ortega",
        "2025-03-14T12:10:00",
    ),
    (
        "nl",
        [
            "Van: Pieter Jansen <p@ht.nl>",
            "Verzonden: vrijdag 14 maart 2025 15:22",
            "Aan: Sanne <s@db.nl>",
            "Onderwerp: Offerte",
        ],
        "Pieter Jansen",
        "2025-03-14T15:22:00",
    ),
    (
        "it",
        [
            "Da: Marco Rossi <m@en.it>",
            "Inviato: martedì 3 gennaio 2017 10:35",
            "A: Giulia <g@x.it>",
            "Oggetto: Offerta",
        ],
        "Marco Rossi",
        "2017-01-03T10:35:00",
    ),
    (
        "pt",
        [
            "De: Rui Almeida <r@fn.pt>",
            "Enviado: terça-feira, 18 de março de 2025 09:12",
            "Para: Beatriz <b@mb.pt>",
            "Assunto: Proposta",
        ],
        "Rui Almeida",
        "2025-03-18T09:12:00",
    ),
    (
        "zh",
        [
            "发件人: Company Questions <q@company.com>",
            "发送时间: 2017年8月2日 15:37",
            "收件人: Sylvie",
            "主题: Offer",
        ],
        "Company Questions",
        "2017-08-02T15:37:00",
    ),
    (
        "rfc822",
        [
            "From: Nadia Haddad <nadia@ql.com>",
            "To: Owen <o@mb.com>",
            "Date: Mon, 10 Mar 2025 09:14:22 +0100",
            "Subject: Licence",
        ],
        "Nadia Haddad",
        "2025-03-10T09:14:22+01:00",
    ),
]


@pytest.mark.parametrize(("lang", "lines", "name", "date"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_when_header_block_in_language_then_fields_read(
    lang: str, lines: list[str], name: str, date: str
) -> None:
    found = match_field_block([*lines, "", "Body text."])
    assert found is not None, lang
    used, meta, has_from = found
    assert used == len(lines) and has_from
    assert parse_address(name)[0] == meta.name
    assert meta.date == date


@pytest.mark.parametrize(
    "line",
    [
        "-----Original Message-----",
        "---------- Forwarded message ---------",
        "-----Ursprüngliche Nachricht-----",
        "-------- Message d'origine --------",
        "-------- Mensaje original --------",
        "-----Oorspronkelijk bericht-----",
        "-------- Messaggio originale --------",
        "-------- Mensagem original --------",
        "Begin forwarded message:",
    ],
)
def test_when_separator_line_then_recognised(line: str) -> None:
    assert is_separator(line)


def test_when_lotus_forward_line_then_forwarder_and_date_read() -> None:
    meta = match_lotus_forward("----- Forwarded by Karen Holt/ACME on 03/10/2025 09:12 AM -----")
    assert meta is not None
    assert (meta.name, meta.date) == ("Karen Holt", "2025-03-10T09:12:00")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Thursday, February 09, 2012 1:36 PM", "2012-02-09T13:36:00"),
        ("Friday, 23 March 2012 5:08 p.m.", "2012-03-23T17:08:00"),
        ("Wed, 4 Apr 2012 22:22:42 -0700 (PDT)", "2012-04-04T22:22:42-07:00"),
        ("jeudi 15 décembre 2016 09:35", "2016-12-15T09:35:00"),
        ("Monday, 3 March 2025 09:14 CET", "2025-03-03T09:14:00+01:00"),
        ("Nov 26, 2013", "2013-11-26"),
        ("no date here", None),
        ("31/02/2025 10:00", None),
    ],
)
def test_when_date_written_by_client_then_iso_8601(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_when_german_thread_quoted_then_each_language_header_splits_a_message() -> None:
    text = (
        "Einverstanden.\n\nAm 12.03.2025 um 14:21 schrieb Stefan Becker <sb@k.de>:\n> 7 % Rabatt.\n"
    )
    conversation = parse(text)
    assert [t.speaker for t in conversation.turns] == ["Stefan Becker", "Unknown"]
    assert conversation.turns[0].text == "7 % Rabatt."
