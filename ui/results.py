"""The diagnosis half of the page: headline, evidence in the conversation, causes, moves."""

from __future__ import annotations

from html import escape

import streamlit as st
from calls import Outcome
from highlight import CSS, conversation_html, legend_html, signals_html, timeline_html

from analyzer.analysis import Analysis, CheckStatus, EngineName
from analyzer.models import Conversation
from analyzer.report import verdict
from analyzer.taxonomy import CAUSES, END_TYPES, STAGES, STRATEGIES, Stage

_STAGE_COLOURS = {
    Stage.BEGINNING: "#3d7be0",
    Stage.MIDDLE: "#e39b17",
    Stage.END: "#d64b3a",
    Stage.NONE: "#2e9d5b",
}
_TOP_STRATEGIES = 4  # the rest are folded: a short list is read, a long one skimmed
_CHECK_ICONS = {
    CheckStatus.PASS: ":material/check_circle:",
    CheckStatus.FIXED: ":material/build:",
    CheckStatus.DROPPED: ":material/delete:",
    CheckStatus.WARN: ":material/warning:",
}


def headline(outcome: Outcome) -> None:
    """The verdict in the taxonomy's words, then confidence, engine and a plain sentence."""
    a = outcome.analysis
    definition = STAGES[a.stage].definition
    if a.end_type is not None:
        definition += f" {END_TYPES[a.end_type].label}: {END_TYPES[a.end_type].definition}"
    st.html(
        f'<div class="imp-verdict" style="border-left:8px solid {_STAGE_COLOURS[a.stage]};'
        'padding:.7rem 1rem;background:#f7f8fa;border-radius:8px">'
        f'<div style="font-size:1.9rem;font-weight:700;color:#1f2430">{escape(verdict(a))}</div>'
        f'<div style="color:#1f2430;font-size:1.05rem;margin:.2rem 0">{escape(a.summary)}</div>'
        f'<div style="color:#5f6673;font-size:.85rem">{escape(definition)}</div></div>'
    )
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Confidence", f"{a.confidence:.0%}")
    engine = "LLM" if a.engine is EngineName.LLM else "Offline"
    if outcome.llm_problem:
        engine = "Offline (LLM failed)"
    c2.metric("Engine", engine, help=f"Model: {a.model}" if a.model else None)
    c3.metric("Signals", len(a.signals))
    c4.metric("Language", a.language)
    if outcome.llm_problem:
        problem = outcome.llm_problem
        if "offline analysis" not in problem:  # the chain's own notice already says so
            problem = (
                f"The LLM engine could not be used, so this is the offline analysis: {problem}"
            )
        st.warning(_md(problem), icon=":material/warning:")
    for notice in a.notices:
        if notice == outcome.llm_problem:
            continue
        # The analyzer speaks to the command line; on this page the choice is a control.
        text = notice.replace("Use --me to choose.", "Change it under 'Who are you'.")
        st.info(_md(text[:1].upper() + text[1:]), icon=":material/info:")


def evidence(conversation: Conversation, analysis: Analysis) -> None:
    """The stage timeline and the conversation turn by turn, quotes highlighted."""
    st.html(CSS)
    st.subheader("Timeline")
    st.caption("Each box is a turn; the dots are the signals it carries (hover for names).")
    st.html(timeline_html(conversation, analysis))
    st.subheader("The conversation, with the evidence")
    if analysis.signals:
        st.html(
            '<div style="font-size:.85rem;color:#5f6673">Hover a highlight for why it counts. '
            f"Key: {legend_html(analysis)}</div>"
        )
    else:
        st.caption("No sentence in this conversation shows an impasse.")
    st.html(conversation_html(conversation, analysis))


def diagnosis(analysis: Analysis) -> None:
    """The signals, likely causes, ranked strategies with their why, and the checks."""
    if analysis.signals:
        st.subheader("Signals")
        st.html(signals_html(analysis))
    st.subheader("Likely causes")
    if analysis.causes:
        for cause in analysis.causes:
            st.markdown(f"**{CAUSES[cause.id].label}** — {_md(cause.why)}")
        st.caption("Hypotheses to test in your next exchange, not facts.")
    else:
        st.caption("None: there is no impasse to explain.")
    st.subheader("Recommended strategies")
    if analysis.strategies:
        for rank, item in enumerate(analysis.strategies[:_TOP_STRATEGIES], 1):
            st.markdown(f"**{rank}. {STRATEGIES[item.id].label}** — {_md(item.why)}")
        more = analysis.strategies[_TOP_STRATEGIES:]
        if more:
            with st.expander(f"{len(more)} more moves that fit this stage"):
                for rank, item in enumerate(more, _TOP_STRATEGIES + 1):
                    st.markdown(f"**{rank}. {STRATEGIES[item.id].label}** — {_md(item.why)}")
    else:
        st.caption("No move needed: carry on with your normal next step.")
    with st.expander(f"Framework checks ({len(analysis.checks)})", expanded=False):
        if not analysis.checks:
            st.caption("No rule had anything to say.")
        for check in analysis.checks:
            icon = _CHECK_ICONS.get(check.status, "•")
            st.markdown(f"{icon} `{check.rule}` **{check.status.value}** — {_md(check.detail)}")


def _md(text: str) -> str:
    """Conversation text inside Markdown: escape what Markdown would interpret."""
    from analyzer.report import md_escape

    return md_escape(text)
