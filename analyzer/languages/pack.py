"""Finding and reading language packs: one folder per language, validated when loaded.

A pack is a folder `analyzer/languages/<lang>/` holding `lexicon.toml` (the offline
engine's phrases, and the words the readers share) and, for reply drafts,
`language.toml` and `drafts.toml`. Adding a language is adding a folder: every function
here takes the folder of packs as `root` (the packaged one by default), so a pack can
also be loaded from elsewhere.

Every file is checked against its model in `schema` as it is read; a problem is a
`LanguagePackError` naming the file and the key ("analyzer/languages/de/lexicon.toml:
detector 'x': 'with' must be a list of lists").
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError

from analyzer.errors import LanguagePackError
from analyzer.languages.schema import DraftsFile, LanguageFile, LexiconFile

# The packaged packs: analyzer/languages/<lang>/.
PACKS_DIR = Path(__file__).resolve().parent

PackFile = Literal["lexicon", "language", "drafts"]
_Model = TypeVar("_Model", bound=BaseModel)


def pack_languages(root: Path | None = None) -> tuple[str, ...]:
    """Language codes that have a pack (a folder with `lexicon.toml`), sorted."""
    return _pack_languages(root or PACKS_DIR)


@cache
def _pack_languages(root: Path) -> tuple[str, ...]:
    return tuple(sorted(d.name for d in root.iterdir() if (d / "lexicon.toml").is_file()))


def draft_languages(root: Path | None = None) -> tuple[str, ...]:
    """Language codes whose pack has draft templates (`drafts.toml`), read once."""
    return _draft_languages(root or PACKS_DIR)


@cache
def _draft_languages(root: Path) -> tuple[str, ...]:
    return tuple(lang for lang in _pack_languages(root) if (root / lang / "drafts.toml").is_file())


def pack_file(language: str, name: PackFile, root: Path | None = None) -> Path:
    """The path of one file of a pack."""
    return (root or PACKS_DIR) / language / f"{name}.toml"


def shown(path: Path) -> str:
    """A pack file's path as errors name it: from `analyzer/` when it is packaged."""
    try:
        return path.relative_to(PACKS_DIR.parent.parent).as_posix()
    except ValueError:
        return str(path)


@cache
def lexicon_file(language: str, root: Path | None = None) -> LexiconFile:
    """One language's `lexicon.toml`, validated (cached for the process)."""
    path = pack_file(language, "lexicon", root)
    data = _read(path, LexiconFile)
    if data.meta.language != language:
        raise LanguagePackError(
            f"{shown(path)}: meta: 'language' is {data.meta.language!r} but the folder is "
            f"{language!r}; they must be the same code."
        )
    return data


@cache
def language_file(language: str, root: Path | None = None) -> LanguageFile:
    """One language's `language.toml` (the frame of its drafts), validated."""
    return _read(pack_file(language, "language", root), LanguageFile)


@cache
def drafts_file(language: str, root: Path | None = None) -> DraftsFile:
    """One language's `drafts.toml` (its phrasings per strategy), validated."""
    return _read(pack_file(language, "drafts", root), DraftsFile)


def _read(path: Path, model: type[_Model]) -> _Model:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LanguagePackError(
            f"{shown(path)} is missing; a language pack needs it next to lexicon.toml."
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LanguagePackError(f"{shown(path)}: not valid TOML ({exc}).") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [f"{shown(path)}: {_describe(err['loc'], err, data)}" for err in exc.errors()]
        raise LanguagePackError("\n".join(problems)) from None


def _describe(loc: tuple[int | str, ...], err: object, data: object) -> str:
    """One validation error as "where: 'key' what is wrong"."""
    assert isinstance(err, dict)
    parts = [p for p in loc if p != "[key]"]
    if loc and loc[0] == "root":  # a RootModel (drafts.toml) puts its errors under "root"
        parts, loc = parts[1:], loc[1:]
    message = _message(err)
    if loc and loc[-1] == "[key]":
        place = _place(parts[:-1], data)
        return f"{place + ': ' if place else ''}key {parts[-1]!r} {message}"
    if not parts:
        return message
    *where, key = parts
    place = _place(where, data)
    subject = f"item {key + 1}" if isinstance(key, int) else repr(key)
    return f"{place + ': ' if place else ''}{subject} {message}"


def _message(err: dict[str, object]) -> str:
    kind, text = err["type"], str(err["msg"])
    if kind == "value_error":  # the shape checks of `schema`: "must be a list of lists"
        return text.removeprefix("Value error, ")
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known key (misspelt?)"
    if text.startswith("Input should be"):
        return "must be" + text.removeprefix("Input should be")
    return f"is wrong: {text}"


def _place(path: list[int | str], data: object) -> str:
    """A readable place: table names joined by dots, a list entry by its id or label."""
    words: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            name = node.get("id") or node.get("label") if isinstance(node, dict) else None
            words[-1] += f" {name!r}" if isinstance(name, str) else f" {part + 1}"
            continue
        node = node.get(part) if isinstance(node, dict) else None
        if words and not words[-1].endswith("'") and not words[-1][-1].isdigit():
            words[-1] += f".{part}"
        else:
            words.append(str(part))
    return ": ".join(words)
