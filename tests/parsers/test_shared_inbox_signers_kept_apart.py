"""A shared inbox signed with a bare nickname ("Thanks,\\nRick" from info@) is written by
someone at the inbox's company: never by the message's own recipient or a person at
another domain whose given name the nickname fits. The signed name stays, with the
inbox's address as its alias."""

from __future__ import annotations

from analyzer.parsers import parse_text

_RECIPIENT_THREAD = (
    "From: Richard Shapiro <richard.shapiro@coastal-builders.com>\n"
    "Sent: Tuesday, March 3, 2026 10:15 AM\n"
    "To: info@harbor-supply.com\nSubject: RE: decking boards\n\n"
    "That is well above what we budgeted. We will need to think about it.\n\n"
    "Richard Shapiro\nCoastal Builders\n\n"
    "From: info@harbor-supply.com\nSent: Monday, March 2, 2026 4:40 PM\n"
    "To: Richard Shapiro <richard.shapiro@coastal-builders.com>\nSubject: decking boards\n\n"
    "Richard, we can't go below 14.50 per board. That's our final offer.\n\n"
    "Thanks,\nRick\n"
)


def test_when_an_inbox_signs_the_recipients_nickname_then_the_signer_stays_apart() -> None:
    conversation = parse_text(_RECIPIENT_THREAD)
    assert [t.speaker for t in conversation.turns] == ["Rick", "Richard Shapiro"]
    rick = next(p for p in conversation.participants if p.name == "Rick")
    assert "info@harbor-supply.com" in rick.aliases
    assert rick.addresses == []  # the inbox's address is not his own


def test_when_an_inbox_signer_fits_a_colleague_of_its_domain_then_it_is_the_colleague() -> None:
    thread = (
        "From: Dana Reyes <dana.reyes@coastal-builders.com>\n"
        "Sent: Tuesday, March 3, 2026 10:15 AM\n"
        "To: info@harbor-supply.com\nCc: Rick Alvarez <rick.alvarez@harbor-supply.com>\n"
        "Subject: RE: decking boards\n\n"
        "Rick, that is above budget. Can you hold 13.90 until Friday?\n\n"
        "Dana\n\n"
        "From: Rick Alvarez <rick.alvarez@harbor-supply.com>\n"
        "Sent: Monday, March 2, 2026 5:05 PM\n"
        "To: Dana Reyes <dana.reyes@coastal-builders.com>\nSubject: RE: decking boards\n\n"
        "Adding myself here so you have my direct line.\n\n"
        "From: info@harbor-supply.com\nSent: Monday, March 2, 2026 4:40 PM\n"
        "To: Dana Reyes <dana.reyes@coastal-builders.com>\nSubject: decking boards\n\n"
        "We can't go below 14.50 per board.\n\nThanks,\nRick\n"
    )
    conversation = parse_text(thread)
    assert [t.speaker for t in conversation.turns] == ["Rick Alvarez", "Rick Alvarez", "Dana Reyes"]
