"""Where the data folders are: in a source checkout, or bundled inside an installed wheel.

`prompts/` and `ui/` live at the top of the repository; a wheel carries them as
`analyzer/_bundled/...` (see pyproject.toml). One seam finds either. (The language packs
are package data, `analyzer/languages/<lang>/`, found by `analyzer.languages.pack`.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str, package: Path = _PACKAGE) -> Path:
    """The folder `name` ("prompts", "ui"), bundled copy first, then the source tree.

    `package` is the `analyzer/` folder the search starts from (this one by default).
    """
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the {name!r} folder is missing from this installation; reinstall impasse."
    )


def prompts_dir() -> Path:
    """The folder of the LLM chain's prompt files."""
    return data_dir("prompts")


def ui_dir() -> Path:
    """The folder of the Streamlit app."""
    return data_dir("ui")
