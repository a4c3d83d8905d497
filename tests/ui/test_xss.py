"""Pasted conversations are data: HTML or script inside an email shows as text."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest
from ui_helpers import click, html_bodies, paste

from analyzer.analysis import Analysis, EngineName, Signal
from analyzer.parsers import parse_text
from analyzer.taxonomy import SignalType, Stage

HOSTILE = """Nina: Hello <script>alert('x')</script> we cannot go further on price at this time.
Omar: <img src=x onerror="alert(1)"> Why not?
Nina: I don't have the authority to discuss price. Let's leave it there for today. <u onmouseover=alert(2)>underlined</u>
Omar: "><svg onload=alert(3)> see attached
"""

# Markup an attacker could use; none may survive as a tag in what the page renders.
LIVE_MARKUP = re.compile(r"<\s*(script|img|svg|u)\b|<[^>]*\son\w+\s*=", re.IGNORECASE)


def test_when_html_is_pasted_then_the_page_shows_it_as_text(app: AppTest) -> None:
    paste(app, HOSTILE)
    click(app, "Analyze")
    bodies = html_bodies(app)
    conversation = next(h for h in bodies if 'class="imp-turn' in h)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in conversation
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in conversation
    for body in bodies:
        assert not LIVE_MARKUP.search(body), body
    for element in (*app.markdown, *app.caption, *app.info, *app.warning):
        assert "<script" not in str(element.value)


def test_when_a_quote_and_explanation_carry_markup_then_the_highlight_escapes_both() -> None:
    from highlight import conversation_html, timeline_html

    conversation = parse_text(HOSTILE)
    quote = '<img src=x onerror="alert(1)"> Why not?'
    signal = Signal(
        type=SignalType.DISCOMFORT,
        speaker="Omar",
        turn=1,
        quote=quote,
        explanation='Says "<script>x</script>" and <i>more</i>',
    )
    analysis = Analysis(
        source="-", engine=EngineName.OFFLINE, impasse=True, stage=Stage.MIDDLE, confidence=0.5,
        signals=[signal],
    )  # fmt: skip
    page = conversation_html(conversation, analysis) + timeline_html(conversation, analysis)
    assert not LIVE_MARKUP.search(page)
    assert "<i>" not in page
    assert 'title="Discomfort: Says &quot;&lt;script&gt;x&lt;/script&gt;&quot;' in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Why not?</mark>" in page
