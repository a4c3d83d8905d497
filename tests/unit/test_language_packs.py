"""Language packs: adding a language is adding a folder, and a broken file says where.

The packs are copied into a temporary folder of packs (`root`) and changed there, so the
packaged ones are never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analyzer.drafting.templates import load_pack
from analyzer.errors import LanguagePackError
from analyzer.languages.lexicon import available_languages, load_lexicon
from analyzer.languages.pack import PACKS_DIR, draft_languages, pack_file, shown
from analyzer.languages.shared import shared_words


def _copy_pack(root: Path, language: str, code: str | None = None) -> Path:
    """Copy a packaged pack into `root` under `code` (its own code by default)."""
    code = code or language
    folder = root / code
    shutil.copytree(PACKS_DIR / language, folder)
    lexicon = folder / "lexicon.toml"
    text = lexicon.read_text(encoding="utf-8")
    lexicon.write_text(
        text.replace(f'language = "{language}"', f'language = "{code}"', 1), encoding="utf-8"
    )
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}: the test's edit no longer applies"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_when_a_pack_is_copied_under_a_new_code_then_it_loads_as_that_language(
    tmp_path: Path,
) -> None:
    _copy_pack(tmp_path, "fr", "xx")

    assert available_languages(tmp_path) == ["xx"]
    assert draft_languages(tmp_path) == ("xx",)
    lexicon = load_lexicon("xx", tmp_path)
    french = load_lexicon("fr")
    assert [d.id for d in lexicon.detectors] == [
        d.id.replace("fr.", "xx.", 1) for d in french.detectors
    ]
    assert lexicon.phrase("resolution").search("C'est d'accord, nous signons le contrat.")
    pack = load_pack("xx", tmp_path)
    assert pack.language == "xx"
    assert pack.strategies == load_pack("fr").strategies
    # The shared words are the folder's packs' words: French greetings, no English ones.
    words = shared_words(tmp_path)
    greeting = words.greeting.match("Bonjour Claire, avez-vous pu avancer ?")
    assert greeting is not None and greeting.group(1) == "Claire"
    assert words.greeting.match("Hi Kim, any news?") is None
    assert "mme" in words.abbreviations and "mr" not in words.abbreviations


def test_when_a_pack_has_no_draft_templates_then_it_is_a_language_without_drafts(
    tmp_path: Path,
) -> None:
    folder = _copy_pack(tmp_path, "de")
    (folder / "drafts.toml").unlink()
    (folder / "language.toml").unlink()

    assert available_languages(tmp_path) == ["de"]
    assert draft_languages(tmp_path) == ()
    assert load_lexicon("de", tmp_path).detectors


def test_when_a_detector_has_a_flat_with_then_the_error_names_the_file_and_key(
    tmp_path: Path,
) -> None:
    folder = _copy_pack(tmp_path, "de")
    _edit(folder / "lexicon.toml", 'with = [["@meeting"]]', 'with = ["@meeting"]')

    with pytest.raises(LanguagePackError) as caught:
        load_lexicon("de", tmp_path)

    assert str(caught.value) == (
        f"{folder / 'lexicon.toml'}: detector 'scheduling.vague_time': "
        "'with' must be a list of lists"
    )


def test_when_a_packaged_file_is_named_in_an_error_then_it_is_named_from_analyzer() -> None:
    assert shown(pack_file("de", "lexicon")) == "analyzer/languages/de/lexicon.toml"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "lexicon",
            'signal = "scheduling_avoidance"',
            'signal = "scheduling"',
            "detector 'scheduling.vague_time': 'signal' must be 'no_response', ",
        ),
        (
            "lexicon",
            "weight = 0.7",
            "wieght = 0.7",
            "detector 'scheduling.vague_time': 'wieght' is not a known key (misspelt?)",
        ),
        (
            "lexicon",
            'match = ["@vague_time"]',
            'match = ["@vague_times"]',
            "detector 'scheduling.vague_time': 'match' names '@vague_times', which is not a "
            "group of [phrases].",
        ),
        (
            "lexicon",
            'language = "de"',
            'language = "en"',
            "meta: 'language' is 'en' but the folder is 'de'; they must be the same code.",
        ),
        (
            "lexicon",
            "number_abbreviations = [",
            "number_abbreviations = 3 #",
            "sentences: 'number_abbreviations' must be a list of strings",
        ),
        ("lexicon", "[phrases]", "[phrases", "not valid TOML"),
        (
            "language",
            "[tone.warm]",
            "[tone.lukewarm]",
            "tone: 'lukewarm' is not a known key (misspelt?)",
        ),
        (
            "language",
            'name_style = "full"',
            'name_style = "last"',
            "meta: 'name_style' must be 'first' or 'full'",
        ),
        (
            "drafts",
            "[[trial_balloon.variants]]",
            "[[trial_baloon.variants]]",
            "key 'trial_baloon' must be ",
        ),
        (
            "drafts",
            '  ["ask", "Wäre das für Sie grundsätzlich ein gangbarer Weg?"],',
            '  ["ask"],',
            "trial_balloon.variants 1: 'lines' must be a list of [role, sentence] pairs",
        ),
    ],
)
def test_when_a_pack_file_is_malformed_then_the_error_names_the_file_and_the_key(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _copy_pack(tmp_path, "de")
    path = folder / f"{file}.toml"
    _edit(path, old, new)

    with pytest.raises(LanguagePackError) as caught:
        load_lexicon("de", tmp_path)
        load_pack("de", tmp_path)

    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_when_a_pack_lacks_its_language_file_then_the_error_says_which(tmp_path: Path) -> None:
    folder = _copy_pack(tmp_path, "es")
    (folder / "language.toml").unlink()

    with pytest.raises(LanguagePackError, match=r"language\.toml is missing"):
        load_pack("es", tmp_path)


@pytest.mark.parametrize("language", available_languages())
def test_when_a_packaged_pack_loads_then_every_file_validates(language: str) -> None:
    assert load_lexicon(language).detectors
    assert load_pack(language).strategies
