"""The web app's flows, driven with Streamlit's AppTest: example, paste, upload, side,
analyse, edit a draft, download, bad input."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import APP, FIXTURES, TIMEOUT, click, html_bodies, page_text, paste

from analyzer.analysis import Analysis, DraftStatus

MIDDLE_TITLE = "Middle: a liability cap nobody wants to discuss (Outlook chain)"

TRANSCRIPT = """Weekly sync: distribution agreement

Sam Lee: We have gone through the draft. Pricing works for us.
Priya Nair: Good. What about exclusivity in the northern region?
Sam Lee: Let's park that for now, I'd rather not get into exclusivity today.
Priya Nair: It matters to us. Can we at least agree on a date to talk about it?
Sam Lee: I don't have the authority to discuss exclusivity. That sits with our board.
"""


def choose_example(at: AppTest, title: str) -> AppTest:
    at.selectbox(key="example").select(title)
    at.run()
    assert not at.exception, at.exception
    return at


def shown_analysis(at: AppTest) -> Analysis:
    analysis = at.session_state["shown"].outcome.analysis
    assert isinstance(analysis, Analysis)
    return analysis


def test_when_page_opens_then_paste_area_is_the_first_text_area(app: AppTest) -> None:
    assert app.text_area[0].label == "Paste the conversation (email thread or call transcript)"
    assert app.text_area[0].key == "paste"
    assert [b.label for b in app.button] == ["Analyze"]
    assert app.selectbox(key="example").label == "Try an example"
    assert ".vtt" in app.file_uploader[0].label  # the readable formats are named
    assert app.sidebar.radio[0].value == "offline"


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Beginning: a prospect who will not commit to a call (Gmail thread)", "Stage: Beginning"),
        (MIDDLE_TITLE, "Stage: Middle"),
        (
            "End, soft: a supplier with no authority 'right now' (call transcript)",
            "Stage: End (soft)",
        ),
        ("End, firm: a final offer on a renewal (Gmail thread)", "Stage: End (firm)"),
        ("No impasse: terms agreed (Outlook chain)", "No impasse"),
    ],
)
def test_when_example_analysed_then_headline_names_its_stage(
    app: AppTest, title: str, headline: str
) -> None:
    choose_example(app, title)
    assert (app.text_area(key="paste").value or "").strip(), "the example fills the paste area"
    click(app, "Analyze")
    assert f">{headline}<" in html_bodies(app)[0]
    assert shown_analysis(app).engine.value == "offline"


def test_when_thread_pasted_then_participants_appear_and_analysis_highlights_quotes(
    app: AppTest,
) -> None:
    paste(app, TRANSCRIPT)
    picker = next(s for s in app.selectbox if (s.key or "").startswith("me_"))
    assert {"Sam Lee", "Priya Nair"} <= {o.split(" (")[0] for o in picker.options}
    picker.select("Priya Nair")
    app.run()
    click(app, "Analyze")
    analysis = shown_analysis(app)
    assert analysis.side.us == ["Priya Nair"]
    assert analysis.signals, "the pasted transcript carries impasse signals"
    conversation_html = next(h for h in html_bodies(app) if 'class="imp-turn' in h)
    for signal in analysis.signals:
        assert f"sig-{signal.type.value}" in conversation_html
    assert "Likely causes" in page_text(app)
    assert "Recommended strategies" in page_text(app)


def test_when_heuristic_guesses_the_side_then_the_choice_says_guessed(app: AppTest) -> None:
    choose_example(app, "Beginning: a prospect who will not commit to a call (Gmail thread)")
    picker = next(s for s in app.selectbox if (s.key or "").startswith("me_"))
    assert picker.value == "Rachel Kim"
    assert any(o.startswith("Rachel Kim") and "guessed" in o for o in picker.options)


@pytest.mark.parametrize(
    ("path", "mime", "speakers"),
    [
        ("email/gmail_renewal.txt", "text/plain", {"Dana Reyes", "Marcus Webb"}),
        ("email/renewal_multipart.eml", "message/rfc822", None),
        ("transcript/zoom_supplier_renewal.vtt", "text/vtt", None),
    ],
)
def test_when_file_uploaded_then_it_is_parsed_and_analysed(
    app: AppTest, path: str, mime: str, speakers: set[str] | None
) -> None:
    data = (FIXTURES / path).read_bytes()
    app.file_uploader[0].set_value((path.rsplit("/", 1)[1], data, mime))
    app.run()
    assert not app.error, [e.value for e in app.error]
    picker = next(s for s in app.selectbox if (s.key or "").startswith("me_"))
    if speakers:
        assert speakers <= {o.split(" (")[0] for o in picker.options}
    click(app, "Analyze")
    analysis = shown_analysis(app)
    assert analysis.source == path.rsplit("/", 1)[1]
    assert html_bodies(app)[0].startswith('<div class="imp-verdict"')


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("contract.pdf", b"%PDF-1.7 binary", "not supported"),
        ("thread.txt", b"\x00\x01\x02\xff" * 200, "cannot be read"),
    ],
)
def test_when_input_is_unreadable_then_a_clear_message_not_a_traceback(
    app: AppTest, filename: str, data: bytes, expected: str
) -> None:
    app.file_uploader[0].set_value((filename, data, "application/octet-stream"))
    app.run()
    assert not app.exception
    assert app.error, "an error message is shown"
    assert expected in app.error[0].value
    click(app, "Analyze")
    assert "shown" not in app.session_state


def test_when_analyze_clicked_with_nothing_then_the_user_is_told_what_to_do(app: AppTest) -> None:
    click(app, "Analyze")
    assert "Paste a conversation" in app.warning[0].value
    assert "shown" not in app.session_state


def test_when_a_draft_is_edited_then_the_analysis_is_not_run_again(app: AppTest) -> None:
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    runs = app.session_state["run_counter"]
    analysis = shown_analysis(app)
    ready = [i for i, d in enumerate(analysis.drafts) if d.status is DraftStatus.READY]
    assert ready, "a middle-stage impasse gets reply drafts"
    editor = app.text_area(key=f"draft_{runs}_{ready[0]}")
    assert editor.value == analysis.drafts[ready[0]].text
    editor.input("My own words for Mark.")
    app.run()
    assert app.session_state["run_counter"] == runs
    assert shown_analysis(app) is analysis
    assert app.text_area(key=f"draft_{runs}_{ready[0]}").value == "My own words for Mark."
    assert any(c.value == "My own words for Mark." for c in app.code), "the copy box follows"


def test_when_regenerate_clicked_then_drafts_are_rewritten_in_the_chosen_tone(
    app: AppTest,
) -> None:
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    assert shown_analysis(app).drafts
    runs = app.session_state["run_counter"]
    app.segmented_control(key=f"tone_{runs}").set_value("firm")
    app.run()
    click(app, "Regenerate drafts")
    assert app.session_state["run_counter"] == runs + 1
    assert app.session_state["shown"].options.tone.value == "firm"


def test_when_there_is_no_impasse_then_at_most_a_next_step_note_is_offered(app: AppTest) -> None:
    choose_example(app, "No impasse: terms agreed (Outlook chain)")
    click(app, "Analyze")
    strategies = {d.strategy.value for d in shown_analysis(app).drafts}
    assert strategies <= {"control_information"}
    assert [t.label for t in app.tabs] == ["Control information"] * len(strategies)
    if not strategies:
        assert any("no reply is drafted" in i.value for i in app.info)
    assert not any(b.label == "Regenerate drafts" for b in app.button)


def test_when_analysed_then_both_downloads_are_offered(app: AppTest) -> None:
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    labels = [d.label for d in app.download_button]
    assert labels == ["Download report (Markdown)", "Download analysis (JSON)"]


def test_when_private_facts_entered_then_they_reach_the_analysis(app: AppTest) -> None:
    choose_example(app, MIDDLE_TITLE)
    app.text_area(key="private").input("our floor is 6% off list\n\n  we need to sign by June 30 ")
    app.run()
    click(app, "Analyze")
    shown = app.session_state["shown"]
    assert shown.options.private == ["our floor is 6% off list", "we need to sign by June 30"]
    for draft in shown.outcome.analysis.drafts:
        assert "6%" not in draft.text


def test_when_a_draft_would_reveal_a_private_fact_then_its_tab_says_it_is_withheld(
    app: AppTest,
) -> None:
    choose_example(app, MIDDLE_TITLE)
    app.text_area(key="private").input("liability cap")
    app.run()
    click(app, "Analyze")
    drafts = shown_analysis(app).drafts
    withheld = [d for d in drafts if d.status is DraftStatus.WITHHELD]
    assert withheld, "the drafts name the issue at stake, so some cannot be written"
    assert any(t.label.endswith("(withheld)") for t in app.tabs)
    assert any(w.value.startswith("Withheld") for w in app.warning)
    for draft in drafts:
        if draft.status is DraftStatus.READY:
            assert "liability cap" not in draft.text.lower()


def test_when_the_llm_cannot_be_reached_then_the_offline_result_is_shown_and_marked(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPASSE_MAX_RETRIES", "0")
    monkeypatch.setenv("IMPASSE_TIMEOUT", "3")
    secret = "sk-test-DO-NOT-ECHO-0123456789"
    app.sidebar.radio[0].set_value("llm")
    app.run()
    app.sidebar.text_input(key="llm_key").input(secret)
    app.sidebar.text_input(key="llm_base_url").input("http://127.0.0.1:9/v1")
    app.run()
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    analysis = shown_analysis(app)
    assert analysis.engine.value == "offline"
    assert "offline analysis" in app.warning[0].value
    assert any(m.label == "Engine" and m.value == "Offline (LLM failed)" for m in app.metric)
    assert secret not in page_text(app)
    assert secret not in repr(app.session_state["shown"])


def test_when_input_changes_after_analysis_then_the_page_says_the_result_is_stale(
    app: AppTest,
) -> None:
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    paste(app, TRANSCRIPT)
    assert "input has changed" in page_text(app)


def test_when_json_downloaded_then_it_is_the_cli_contract() -> None:
    from exports import json_report, markdown_report

    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.pipeline import analyze_text

    text = (FIXTURES / "email" / "gmail_renewal.txt").read_text(encoding="utf-8")
    analysis = analyze_text(text, AnalyzeOptions(engine=EngineChoice.OFFLINE), "renewal.txt")
    assert Analysis.model_validate(json.loads(json_report(analysis))) == analysis
    ready = [i for i, d in enumerate(analysis.drafts) if d.status is DraftStatus.READY]
    edited = {i: f"Edited draft number {i}." for i in ready}
    report = markdown_report(analysis, edited)
    assert "Stage: End (firm)" in report
    for text in edited.values():
        assert text in report


def test_when_the_analyzer_reports_an_error_then_the_page_shows_its_message(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import calls

    from analyzer.errors import PromptError

    def fail(*_: object, **__: object) -> None:
        raise PromptError("the draft templates are missing; reinstall impasse.")

    monkeypatch.setattr(calls, "run_analysis", fail)
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    assert "reinstall impasse" in app.error[0].value
    assert "shown" not in app.session_state


def test_when_the_llm_answers_then_its_result_is_shown_and_regenerate_asks_again(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analyzer.engines.llm
    from analyzer.analysis import EngineName
    from analyzer.engines import OfflineEngine, Proposal
    from analyzer.llm.settings import LLMSettings
    from analyzer.models import Conversation
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.reading import Reading

    calls: list[tuple[AnalyzeOptions, LLMSettings]] = []
    seen: list[Conversation] = []

    class FakeLLM:
        """Stands in for the LLM engine: the offline proposal, labelled as the model's."""

        name = EngineName.LLM

        def __init__(self, options: AnalyzeOptions, settings: LLMSettings) -> None:
            self.options, self.settings = options, settings

        def recall(self, reading: Reading) -> Analysis | None:
            return None

        def remember(self, reading: Reading, analysis: Analysis) -> None:
            return None

        def propose(self, reading: Reading) -> Proposal:
            calls.append((self.options, self.settings))
            seen.append(reading.conversation)
            offline = OfflineEngine(self.options).propose(reading)
            update = {"engine": EngineName.LLM, "model": self.settings.model}
            return Proposal(
                analysis=offline.analysis.model_copy(update=update),
                evidence_only=True,
                weights=offline.weights,
            )

        def draft(self, analysis: Analysis, reading: Reading) -> Analysis:
            return OfflineEngine(self.options).draft(analysis, reading)

    monkeypatch.setattr(analyzer.engines.llm, "LLMEngine", FakeLLM)
    app.sidebar.radio[0].set_value("llm")
    app.run()
    app.sidebar.text_input(key="llm_key").input("sk-session-only")
    app.sidebar.text_input(key="llm_model").input("my-model")
    app.run()
    choose_example(app, MIDDLE_TITLE)
    click(app, "Analyze")
    assert any(m.label == "Engine" and m.value == "LLM" for m in app.metric)
    options, settings = calls[0]
    assert options.engine is EngineChoice.LLM
    assert settings.model == "my-model"
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-session-only"
    click(app, "Regenerate drafts")
    assert len(calls) == 2
    assert calls[1][0].use_cache is False, "regenerating asks the model afresh"
    app.sidebar.checkbox(key="llm_redact").check()
    app.run()
    click(app, "Analyze")
    masked_options, _ = calls[2]
    assert masked_options.redact is True
    assert "anna.novak@cobaltcloud.com" in seen[0].model_dump_json()
    assert "anna.novak@cobaltcloud.com" not in seen[2].model_dump_json(), "masked for the model"
    assert shown_analysis(app).engine is EngineName.LLM


def test_when_a_thread_is_over_the_budget_then_the_app_says_what_to_do_and_offers_the_last_turns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IMPASSE_APP_MAX_TURNS", "4")
    at = paste(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(), TRANSCRIPT)
    text = page_text(at)
    assert "the web app analyses at most 4 turns" in text
    assert "impasse analyze FILE" in text
    click(at, "Analyze")
    assert "shown" not in at.session_state  # held: nothing was analysed
    at.checkbox[0].check()
    at.run()
    click(at, "Analyze")
    analysis = shown_analysis(at)
    assert any("only the last 4 turns" in n for n in analysis.notices)


def test_when_a_paste_is_over_the_byte_budget_then_it_is_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IMPASSE_APP_MAX_BYTES", "100")
    at = paste(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run(), TRANSCRIPT)
    text = page_text(at)
    assert "the web app reads at most" in text and "impasse analyze" in text
    assert "Who are you in this conversation?" not in [s.label for s in at.selectbox]
