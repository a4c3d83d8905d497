"""Reply drafts (one tab per strategy: edit, copy, redraft in a tone) and the downloads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from exports import json_report, markdown_report
from session import Shown

from analyzer.analysis import DraftStatus, EngineName
from analyzer.options import Tone
from analyzer.report import md_escape
from analyzer.taxonomy import STRATEGIES, Stage

TONE_LABELS = {Tone.NEUTRAL: "Neutral", Tone.WARM: "Warm", Tone.FIRM: "Firm"}


def _editor_key(shown: Shown, index: int) -> str:
    return f"draft_{shown.run_id}_{index}"


def edited_texts(shown: Shown) -> dict[int, str]:
    """The drafts' texts as the user has edited them so far."""
    out: dict[int, str] = {}
    for i, _ in enumerate(shown.outcome.analysis.drafts):
        value = st.session_state.get(_editor_key(shown, i))
        if isinstance(value, str):
            out[i] = value
    return out


def drafts_panel(shown: Shown, redraft: Callable[[Tone], None], drafting: bool) -> None:
    """The tone choice and regenerate button, then one tab per draft: edit, copy."""
    analysis = shown.outcome.analysis
    st.subheader("Reply drafts")
    if drafting and analysis.stage is not Stage.NONE:
        _tone_row(shown, redraft)
    if not analysis.drafts:
        if not drafting:
            message = "Reply drafts are not available in this installation."
        elif analysis.stage is Stage.NONE:
            message = "No impasse, so no reply is drafted: carry on with your next step."
        else:
            message = "No reply draft was written for this analysis."
        st.info(message, icon=":material/mail:")
        return
    labels = [
        STRATEGIES[d.strategy].label + (" (withheld)" if d.status is DraftStatus.WITHHELD else "")
        for d in analysis.drafts
    ]
    for i, (tab, draft) in enumerate(zip(st.tabs(labels), analysis.drafts, strict=True)):
        with tab:
            st.caption(STRATEGIES[draft.strategy].definition)
            if draft.status is DraftStatus.WITHHELD:
                reason = (
                    draft.text
                    if draft.text.lower().startswith("withheld")
                    else f"Withheld: {draft.text}"
                )
                st.warning(md_escape(reason), icon=":material/lock:")
                continue
            if "issue" in draft.gaps:
                st.warning(
                    "Fill in: the thread does not name the disputed point, so this draft says "
                    "\u201cthis point\u201d. Replace it with the issue in your own words.",
                    icon=":material/edit:",
                )
            edit, copy = st.columns(2, gap="medium")
            to = f" to {md_escape(draft.addressed_to)}" if draft.addressed_to else ""
            text = edit.text_area(
                f"Draft{to}: edit freely, your changes are kept",
                value=draft.text,
                key=_editor_key(shown, i),
                height=260,
            )
            with copy:
                st.caption("Ready to send: copy it with the button at the box's top right.")
                st.code(text, language=None, wrap_lines=True)


def _tone_row(shown: Shown, redraft: Callable[[Tone], None]) -> None:
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        tone = st.segmented_control(
            "Tone of the drafts",
            list(Tone),
            default=shown.options.tone,
            format_func=lambda t: TONE_LABELS[t],
            key=f"tone_{shown.run_id}",
        )
    llm = shown.outcome.analysis.engine is EngineName.LLM
    with right:
        clicked = st.button(
            "Regenerate drafts",
            icon=":material/refresh:",
            help="Asks the model again (a fresh call)."
            if llm
            else "Rewrites the drafts in the chosen tone; edits are replaced.",
        )
    if clicked:
        redraft(tone or shown.options.tone)


def downloads(shown: Shown) -> None:
    """Markdown (readable, with the edited drafts) and JSON (the CLI's contract)."""
    analysis = shown.outcome.analysis
    stem = Path(shown.source).stem or "analysis"
    st.subheader("Export")
    left, right = st.columns(2)
    left.download_button(
        "Download report (Markdown)",
        data=markdown_report(analysis, edited_texts(shown)),
        file_name=f"impasse-{stem}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        "Download analysis (JSON)",
        data=json_report(analysis),
        file_name=f"impasse-{stem}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        width="stretch",
    )
    st.caption("The report includes your edited drafts; the JSON is the analysis as produced.")
