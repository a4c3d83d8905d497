"""What the page keeps between reruns: the last analysis and what produced it.

Streamlit reruns the whole script on every interaction; keeping the result here means
editing a draft or opening a tab never re-runs the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from calls import LLMChoice, Outcome

from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions

_KEY = "shown"


@dataclass(frozen=True)
class Shown:
    """The analysis on screen, with what is needed to redraft it."""

    outcome: Outcome
    conversation: Conversation
    options: AnalyzeOptions
    llm: LLMChoice | None
    input_key: str
    source: str
    run_id: int


def current() -> Shown | None:
    """The analysis on screen, if any."""
    shown = st.session_state.get(_KEY)
    return shown if isinstance(shown, Shown) else None


def keep(shown: Shown) -> None:
    """Put a new analysis on screen."""
    st.session_state[_KEY] = shown


def next_run_id() -> int:
    """A fresh number for a new analysis (draft editors are keyed by it)."""
    run_id = int(st.session_state.get("run_counter", 0)) + 1
    st.session_state["run_counter"] = run_id
    return run_id
