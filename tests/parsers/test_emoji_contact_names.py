"""A WhatsApp contact saved as emoji alone ("🦄✨") is someone: their messages are theirs,
not app lines dropped with a warning, and two such contacts stay two people."""

from __future__ import annotations

from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_text

CHAT = """\
12/03/2026, 14:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
12/03/2026, 14:05 - 🦄✨: Are we still on for the van at 350 a day?
12/03/2026, 14:06 - 🌵: I can do it for 300 if you pick it up
12/03/2026, 14:07 - Dana Reyes: 350 is too much, we said 300
12/03/2026, 14:09 - 🦄✨: 320 and it's yours, final
12/03/2026, 14:10 - 🌵: Still 300 from me
"""


def test_when_contacts_are_saved_as_emoji_then_their_messages_are_kept_apart() -> None:
    conversation = parse_text(CHAT)

    assert [t.speaker for t in conversation.turns] == ["🦄✨", "🌵", "Dana Reyes", "🦄✨", "🌵"]
    assert conversation.turns[0].text == "Are we still on for the van at 350 a day?"
    assert all("encrypted" not in t.text for t in conversation.turns)


def test_when_an_emoji_contact_is_the_other_side_then_the_analysis_names_it() -> None:
    options = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice.OFFLINE, drafts=False)

    analysis = analyze_text(CHAT, options)

    assert analysis.side.them == ["🦄✨", "🌵"]
    # "320 and it's yours, final" is the unicorn's line, and is quoted as theirs.
    assert [(s.speaker, s.quote) for s in analysis.signals if "final" in s.quote] == [
        ("🦄✨", "320 and it's yours, final")
    ]
