"""Prompt files: strict variables, content hash, framework generated from the taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import PromptError
from analyzer.llm import prompts
from analyzer.llm.framework_text import framework_text
from analyzer.llm.prompts import PROMPT_NAMES, Prompt, load_prompt, prompt_version, render_system
from analyzer.resources import data_dir
from analyzer.taxonomy import CAUSES, END_TYPES, SIGNALS, STAGES, STRATEGIES

ALL_TERMS = [
    *STAGES.values(),
    *END_TYPES.values(),
    *SIGNALS.values(),
    *CAUSES.values(),
    *STRATEGIES.values(),
]


@pytest.mark.parametrize("term", ALL_TERMS, ids=lambda t: t.id)
def test_when_system_prompt_renders_then_every_taxonomy_id_and_definition_is_in_it(
    term: object,
) -> None:
    system = render_system()
    assert f"`{term.id}`" in system  # type: ignore[attr-defined]
    assert term.definition in system  # type: ignore[attr-defined]


def test_when_a_variable_is_missing_then_prompt_error() -> None:
    with pytest.raises(PromptError, match="missing"):
        load_prompt("extract").render(side="x")


def test_when_an_unknown_variable_is_given_then_prompt_error() -> None:
    prompt = Prompt(name="t", text="Hello {{name}}")
    with pytest.raises(PromptError, match="unknown"):
        prompt.render(name="a", surname="b")


def test_when_values_contain_braces_then_they_are_not_re_rendered() -> None:
    prompt = Prompt(name="t", text="A {{x}} B {{y}}")
    assert prompt.render(x="{{y}}", y="2") == "A {{y}} B 2"


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_when_prompt_is_loaded_then_it_exists_and_has_a_hash(name: str) -> None:
    prompt = load_prompt(name)
    assert prompt.text.strip() and len(prompt.digest) == 12


def test_when_a_prompt_changes_then_its_hash_changes() -> None:
    a = Prompt(name="t", text="Diagnose {{conversation}}")
    b = Prompt(name="t", text="Diagnose carefully {{conversation}}")
    assert a.digest != b.digest


def test_when_prompts_load_then_version_is_stable() -> None:
    assert prompt_version() == prompt_version() and len(prompt_version()) == 12


@pytest.mark.parametrize("name", ["extract", "repair", "draft"])
def test_when_user_prompt_is_built_then_static_text_comes_before_the_conversation(
    name: str,
) -> None:
    text = load_prompt(name).text
    # Instructions first, data last: providers cache the longest common prefix.
    assert text.index("<conversation>") > len(text) // 2
    assert text.rstrip().endswith("</conversation>")


def test_when_system_prompt_is_built_then_it_has_no_per_call_variables() -> None:
    assert load_prompt("system").variables == {"framework"}
    assert framework_text() in render_system()


def test_when_installed_as_a_wheel_then_bundled_prompts_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "analyzer"
    bundled = package / "_bundled" / "prompts"
    bundled.mkdir(parents=True)
    (bundled / "probe.md").write_text("bundled {{x}}", encoding="utf-8")
    assert data_dir("prompts", package) == bundled
    monkeypatch.setattr(prompts, "prompts_dir", lambda: data_dir("prompts", package))
    prompts.load_prompt.cache_clear()
    try:
        assert prompts.load_prompt("probe").render(x="ok") == "bundled ok"
        with pytest.raises(PromptError, match="not found"):
            prompts.load_prompt("absent")
    finally:
        prompts.load_prompt.cache_clear()


def test_when_running_from_a_checkout_then_the_source_prompts_are_found(tmp_path: Path) -> None:
    package = tmp_path / "analyzer"
    package.mkdir()
    (tmp_path / "prompts").mkdir()
    assert data_dir("prompts", package) == tmp_path / "prompts"
    with pytest.raises(FileNotFoundError, match="reinstall impasse"):
        data_dir("absent", package)
