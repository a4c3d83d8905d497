"""impasse web app: paste a negotiation, see which impasse it is, the evidence, and replies.

Run with `impasse ui` or `streamlit run ui/app.py`. Presentation only: every decision
(stage, signals, causes, strategies, drafts, checks) comes from the `analyzer` package.
"""

from __future__ import annotations

import streamlit as st
from calls import LLMChoice, drafting_ready, run_analysis
from drafts import downloads, drafts_panel
from inputs import (
    Prepared,
    budget_gate,
    engine_sidebar,
    input_panel,
    private_facts,
    side_picker,
)
from results import diagnosis, evidence, headline
from samples import load_examples
from session import Shown, current, keep, next_run_id

from analyzer.errors import ImpasseError
from analyzer.languages.lexicon import available_languages, load_lexicon
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions, EngineChoice, Tone
from analyzer.parsers import parse_text
from analyzer.pipeline import analyze_conversation
from analyzer.report import md_escape


@st.cache_resource(show_spinner=False)
def _warm_up() -> tuple[str, ...]:
    """Compile every phrase list and load the draft templates once per server (about a
    second), so that no user waits for them on their first click."""
    languages = tuple(available_languages())
    for language in languages:
        load_lexicon(language)
    sample = load_examples()[0]
    options = AnalyzeOptions(engine=EngineChoice.OFFLINE, drafts=drafting_ready())
    analyze_conversation(parse_text(sample.text), options, sample.file)
    return languages


@st.cache_resource(show_spinner=False)
def _can_draft() -> bool:
    return drafting_ready()


def _analyse(
    conversation: Conversation,
    options: AnalyzeOptions,
    llm: LLMChoice | None,
    prepared_key: str,
    source: str,
) -> bool:
    label = "Asking the model…" if llm else "Analysing…"
    try:
        with st.spinner(label, show_time=llm is not None):
            outcome = run_analysis(conversation, options, source, llm)
    except ImpasseError as exc:  # the analyzer's own errors say what to do
        st.error(
            f"The analysis could not be completed: {md_escape(str(exc))}", icon=":material/block:"
        )
        return False
    keep(Shown(outcome, conversation, options, llm, prepared_key, source, next_run_id()))
    return True


def _redraft(tone: Tone) -> None:
    shown = current()
    if shown is None:
        return
    options = shown.options.model_copy(update={"tone": tone, "use_cache": False})
    if _analyse(shown.conversation, options, shown.llm, shown.input_key, shown.source):
        st.rerun()


def main() -> None:
    """Draw the page."""
    st.set_page_config(
        page_title="impasse: negotiation impasse diagnosis",
        page_icon=":material/explore:",
        layout="wide",
    )
    _warm_up()
    st.title("impasse")
    st.markdown(
        "Paste a stalled negotiation. You get **which kind of impasse** it is (beginning, "
        "middle or end, in Richard Shell's framework), **the sentences that show it**, "
        "and **replies you can edit and send**."
    )
    llm = engine_sidebar()
    left, right = st.columns([3, 2], gap="large")
    with left:
        prepared = input_panel()
    me: list[str] = []
    with right:
        if prepared is not None:
            prepared = budget_gate(prepared)
        if prepared is not None and prepared.conversation is not None:
            me = side_picker(prepared, prepared.conversation)
        elif prepared is not None and prepared.held and not prepared.error:
            pass  # the budget's advice is shown above
        elif prepared is not None and prepared.error:
            st.error(
                f"This input cannot be read: {md_escape(prepared.error)}", icon=":material/block:"
            )
        else:
            st.caption(
                "Paste a thread, upload a file or pick an example: the participants appear here."
            )
        private = private_facts()
        clicked = st.button("Analyze", type="primary", width="stretch")
    if clicked:
        _on_analyze(prepared, me, private, llm)
    shown = current()
    if shown is None:
        return
    st.divider()
    if prepared is not None and prepared.key != shown.input_key:
        st.caption("The input has changed since this analysis: click **Analyze** to update it.")
    headline(shown.outcome)
    conv_col, diag_col = st.columns([3, 2], gap="large")
    with conv_col:
        evidence(shown.conversation, shown.outcome.analysis)
    with diag_col:
        diagnosis(shown.outcome.analysis)
    st.divider()
    drafts_panel(shown, _redraft, _can_draft())
    downloads(shown)


def _on_analyze(
    prepared: Prepared | None, me: list[str], private: list[str], llm: LLMChoice | None
) -> None:
    if prepared is None:
        st.warning(
            "Paste a conversation, upload a file or pick an example first.",
            icon=":material/edit_note:",
        )
        return
    if prepared.conversation is None:
        return  # the parse error is already shown beside the input
    shown = current()
    tone = shown.options.tone if shown else Tone.NEUTRAL
    options = AnalyzeOptions(me=me, private=private, tone=tone, drafts=_can_draft())
    _analyse(prepared.conversation, options, llm, prepared.key, prepared.source)


main()
