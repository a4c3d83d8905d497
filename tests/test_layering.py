"""The layering the pipeline's seams promise, checked on the import graph itself.

Every `import` and `from ... import` in `analyzer/` (module level or inside a function)
is read with `ast`; a layer may only import the layers below it, and nothing loads a
module by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analyzer"

# layer -> the analyzer packages it must never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "framework": frozenset(
        {"detect", "llm", "drafting", "pipeline", "cli", "ui", "batch", "engines"}
    ),
    "reading": frozenset({"detect", "framework", "llm", "drafting", "pipeline", "cli", "batch"}),
    "languages": frozenset(
        {"detect", "framework", "llm", "drafting", "pipeline", "cli", "batch", "reading"}
    ),
    "llm": frozenset({"pipeline", "cli", "ui", "batch", "engines", "framework", "detect"}),
    "detect": frozenset({"llm", "drafting", "pipeline", "cli", "batch", "engines"}),
    "drafting": frozenset({"llm", "pipeline", "cli", "batch", "engines", "detect"}),
    "parsers": frozenset(
        {"detect", "framework", "llm", "drafting", "pipeline", "cli", "batch", "engines"}
    ),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "analyzer" else None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_when_a_layer_imports_then_only_layers_below_it(layer: str) -> None:
    folder = PACKAGE / layer
    assert folder.is_dir(), f"analyzer/{layer} is missing"
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for module in _imports(path)
        if _layer_of(module) in FORBIDDEN[layer]
    ]
    assert wrong == []


def test_when_analyzer_imports_then_no_module_is_loaded_by_name() -> None:
    by_name = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"import_module", "__import__"}:
                    by_name.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "importlib"
                and any(a.name == "import_module" for a in node.names)
            ):
                by_name.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert by_name == []


def _names(requirements: list[str]) -> set[str]:
    return {
        d.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_")
        for d in requirements
    }


def test_when_a_third_party_package_is_imported_then_pyproject_declares_it() -> None:
    import sys
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["project"]
    names = _names(project["dependencies"])
    # An optional extra (not the dev tools) may be imported, but only inside a function,
    # so that an installation without it still imports every module.
    extras = {
        name
        for extra, requirements in project["optional-dependencies"].items()
        if extra != "dev"
        for name in _names(requirements)
    }
    # Import names that differ from their distribution names.
    aliases = {"docx": "python_docx"}
    imported: set[str] = set()
    at_top: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top != "analyzer" and top not in sys.stdlib_module_names:
                    imported.add(aliases.get(top, top).lower())
                    if id(node) in top_level:
                        at_top.add(aliases.get(top, top).lower())
    missing = sorted(m for m in imported if m not in names | extras)
    assert missing == []
    assert sorted(m for m in at_top if m in extras - names) == []


@pytest.mark.parametrize("engine", ["offline", "llm"])
def test_when_a_conversation_is_analysed_then_it_is_read_once(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analyzer.reading.reading as reading_module
    from analyzer.options import AnalyzeOptions, EngineChoice
    from analyzer.parsers import parse_text
    from analyzer.pipeline import analyze_conversation
    from tests.llm.mock_endpoint import Endpoint, completion, diagnosis_json, drafts_json

    built: list[int] = []
    real = reading_module.Reading

    def counting(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading_module, "Reading", counting)
    conversation = parse_text(
        "Dana Reyes: Our price is $48 per seat for 200 seats.\n"
        "Tom Okafor: We cannot go above $46 at this time, and I have no authority to go further.\n"
    )
    options = AnalyzeOptions(me=["Dana Reyes"], engine=EngineChoice(engine), use_cache=False)
    if engine == "llm":
        import analyzer.engines.llm as llm_engine
        from analyzer.llm.settings import LLMSettings

        endpoint = Endpoint([completion(diagnosis_json()), completion(drafts_json())])
        settings = LLMSettings(base_url="http://llm.test/v1", model="test-model", max_retries=0)
        real_engine = llm_engine.LLMEngine
        monkeypatch.setattr(
            llm_engine,
            "LLMEngine",
            lambda o, s: real_engine(o, s, http_client=endpoint.client(), sleep=lambda _: None),
        )
        result = analyze_conversation(conversation, options, settings=settings)
        assert result.engine.value == "llm", result.notices
    else:
        result = analyze_conversation(conversation, options)
    assert result.signals, "the conversation shows an impasse, so every step ran"
    assert len(built) == 1
