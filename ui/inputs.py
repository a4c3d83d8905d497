"""The input half of the page: examples, paste area, uploader, side, private facts, engine."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import streamlit as st
from calls import UPLOAD_TYPES, LLMChoice, parse_input
from samples import Example, load_examples

from analyzer.analysis import SideHow
from analyzer.budget import app_budget, last_turns
from analyzer.errors import InputRejected
from analyzer.framework.side import resolve_side
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions
from analyzer.report import md_escape
from analyzer.taxonomy import STAGES
from analyzer.textio import max_input_bytes

PASTE_LABEL = "Paste the conversation (email thread or call transcript)"
NO_EXAMPLE = "Choose a sample thread…"
NEUTRAL = "I'd rather not say (neutral analysis)"


@dataclass(frozen=True)
class Prepared:
    """What the user has given so far: the parsed conversation (or why it failed)."""

    key: str  # a hash of the input, to notice when a result no longer matches it
    source: str  # how the input is named in reports
    conversation: Conversation | None = None
    error: str | None = None
    held: bool = False  # over the app's budget: the advice is shown, nothing is analysed
    uploaded: bool = False  # a file (named in suggested commands), not pasted text


@st.cache_data(show_spinner=False, max_entries=32)
def _examples() -> list[Example]:
    return load_examples()


@st.cache_data(show_spinner=False, max_entries=16)
def _parse(text: str, data: bytes | None, filename: str | None) -> Conversation:
    return parse_input(text, data, filename)


def _upload_limit_mb() -> int:
    """The parsers' size limit, in whole megabytes, so the uploader refuses what they would."""
    try:
        return max(1, max_input_bytes() // 1_000_000)
    except InputRejected:
        return 20  # a bad IMPASSE_MAX_INPUT_BYTES is reported when the input is parsed


def _load_example() -> None:
    """Callback: put the chosen example in the paste area (and drop any upload)."""
    chosen = st.session_state.get("example")
    for example in _examples():
        if example.title == chosen:
            st.session_state["paste"] = example.text
            st.session_state["example_file"] = example.file
            st.session_state["upload_nonce"] = st.session_state.get("upload_nonce", 0) + 1


def _pasted() -> None:
    """Callback: text typed by hand is no longer the example."""
    st.session_state.pop("example_file", None)


def input_panel() -> Prepared | None:
    """Draw the example picker, paste area and uploader; parse what was given."""
    st.selectbox(
        "Try an example",
        [NO_EXAMPLE, *(e.title for e in _examples())],
        key="example",
        on_change=_load_example,
        help="Realistic sample threads, one per stage; the text lands in the paste area.",
    )
    text = st.text_area(
        PASTE_LABEL,
        key="paste",
        height=300,
        on_change=_pasted,
        placeholder="Paste a whole thread as it appears in Gmail or Outlook (the newest "
        "message on top is fine), or a transcript with lines like 'Name: text'.",
    )
    # The types are checked by the app, not the widget, so that an unsupported file gets
    # the same clear message in every client.
    upload = st.file_uploader(
        "…or upload a file (" + ", ".join(f".{t}" for t in UPLOAD_TYPES) + ")",
        key=f"upload_{st.session_state.get('upload_nonce', 0)}",
        max_upload_size=_upload_limit_mb(),
        help="Email: .eml, .mbox, .txt. Transcripts: .vtt, .srt, .sbv, Otter or WhatsApp .txt, Teams .docx.",
    )
    data = upload.getvalue() if upload is not None else None
    if data is None and not text.strip():
        return None
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    if upload is not None:
        source = upload.name
        st.caption(
            f"Analysing the uploaded file **{md_escape(upload.name)}**; remove it to use the pasted text."
        )
    else:
        source = st.session_state.get("example_file") or "pasted text"
    try:
        # Over the app's budget, a file is not even read: parsing alone would hold the
        # server. The message says what to do instead.
        size = len(data) if data is not None else len(text.encode("utf-8"))
        too_large = app_budget().too_large(size, _command_name(source, upload is not None))
        if too_large is not None:
            return Prepared(key=digest[:16], source=source, error=too_large, held=True)
        conversation = _parse(text, data, upload.name if upload is not None else None)
    except InputRejected as exc:
        return Prepared(key=digest[:16], source=source, error=str(exc))
    return Prepared(
        key=digest[:16], source=source, conversation=conversation, uploaded=upload is not None
    )


def _command_name(source: str, uploaded: bool) -> str:
    """How to name the input in a suggested command (a file name, without backticks)."""
    name = source.replace("`", "").strip()
    return name if uploaded and name else "FILE"


def budget_gate(prepared: Prepared) -> Prepared:
    """Hold a conversation over the app's budget: say what to do, and offer its last turns."""
    conversation = prepared.conversation
    if conversation is None:
        return prepared
    try:
        budget = app_budget()
    except InputRejected as exc:
        return replace(prepared, conversation=None, error=str(exc))
    if budget.fits(conversation):
        return prepared
    st.warning(
        budget.advice(conversation, _command_name(prepared.source, prepared.uploaded)),
        icon=":material/hourglass_top:",
    )
    fitting = budget.last_fitting(conversation)
    if fitting >= 2 and st.checkbox(
        f"Analyse only the last {fitting:,} turns", key=f"last_{prepared.key}"
    ):
        return replace(prepared, conversation=last_turns(conversation, fitting))
    return replace(prepared, conversation=None, held=True)


def side_picker(prepared: Prepared, conversation: Conversation) -> list[str]:
    """Show the participants and let the user say who they are; returns `me`."""
    guess, _ = resolve_side(conversation, AnalyzeOptions())
    guessed = guess.us[0] if guess.how is SideHow.HEURISTIC and guess.us else None
    names = [p.name for p in conversation.participants]
    counts = {p.name: p.turns for p in conversation.participants}
    choices = [*names, NEUTRAL]

    def label(name: str) -> str:
        if name == NEUTRAL:
            return name
        n = counts.get(name, 0)
        words = f"{n} {'turn' if n == 1 else 'turns'}"
        return f"{name} ({words}, guessed)" if name == guessed else f"{name} ({words})"

    chosen = st.selectbox(
        "Who are you in this conversation?",
        choices,
        index=choices.index(guessed) if guessed else len(choices) - 1,
        format_func=label,
        key=f"me_{prepared.key}",
        help="Signals count only from the other side. 'guessed' marks the analyzer's guess "
        "from who sent the unanswered follow-ups.",
    )
    kind = "an email thread" if conversation.kind.value == "email" else "a call transcript"
    people = ", ".join(f"{md_escape(p.name)} ({p.turns})" for p in conversation.participants)
    st.caption(
        f"Read as {kind} ({conversation.format.value}), {len(conversation.turns)} turns. "
        f"Participants and their turns: {people}."
    )
    if chosen == NEUTRAL:
        return []
    # Leaving the guess as it is lets the analyzer keep explaining its own guess.
    return [] if chosen == guessed else [chosen]


def private_facts() -> list[str]:
    """The facts no draft may reveal, one per line."""
    text = st.text_area(
        "Facts I must not reveal (optional, one per line)",
        key="private",
        height=90,
        placeholder="Our walk-away price is $40 per seat\nWe must sign before June 30",
        help="No draft will contain these; a draft that would is rewritten or withheld.",
    )
    return [line.strip() for line in text.splitlines() if line.strip()]


def engine_sidebar() -> LLMChoice | None:
    """The engine choice; returns the LLM settings when the LLM is chosen."""
    from analyzer.llm.settings import DEFAULT_MODEL

    with st.sidebar.expander("The framework in one minute", icon=":material/school:"):
        st.markdown(
            "An impasse is normal; what to do depends on **where** it happens "
            "(Richard Shell's advice on negotiation impasses):\n\n"
            + "\n".join(f"- **{STAGES[s].label}**: {STAGES[s].definition}" for s in STAGES)
            + "\n\nAt the end, a **firm** impasse is tested by calling the question; a "
            "**soft** one (hedged with 'right now', 'not my call') by asking about timing "
            "or authority."
        )
    st.sidebar.header("Engine")
    engine = st.sidebar.radio(
        "Which engine analyses the text",
        ["offline", "llm"],
        format_func=lambda e: (
            "Offline (no key, nothing leaves this machine)"
            if e == "offline"
            else "LLM (OpenAI-compatible endpoint)"
        ),
        key="engine",
    )
    if engine != "llm":
        st.sidebar.caption(
            "The offline engine uses phrase lists and the framework's rules. Choose the LLM "
            "for subtler threads; its answers pass the same checks."
        )
        return None
    key = st.sidebar.text_input(
        "API key",
        type="password",
        key="llm_key",
        help="Used for this browser session only: never stored, logged or shown.",
    )
    base_url = st.sidebar.text_input(
        "Base URL (optional)",
        key="llm_base_url",
        placeholder="https://api.openai.com/v1",
        help="Any OpenAI-compatible endpoint: a gateway, Ollama, vLLM, LM Studio…",
    )
    model = st.sidebar.text_input("Model", value=DEFAULT_MODEL, key="llm_model")
    redact = st.sidebar.checkbox(
        "Mask addresses, phone and account numbers before sending",
        key="llm_redact",
        help="The model sees placeholders; the page shows the original text.",
    )
    st.sidebar.caption("If the LLM fails, the offline analysis is shown instead, marked as such.")
    return LLMChoice(api_key=key, base_url=base_url, model=model, redact=redact)
