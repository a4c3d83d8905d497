"""Prompt files: located, rendered with strict variables, and versioned by content hash.

Prompts live in `prompts/*.md` (data, not code; `analyzer.resources` finds the folder). Variables are written `{{name}}`; a
missing or unexpected variable is a `PromptError`, so a template and its caller cannot
drift apart silently. Substitution is one pass, so text pasted by the user (which may
itself contain braces) is never re-interpreted as a template.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from analyzer.errors import PromptError
from analyzer.llm.framework_text import framework_text
from analyzer.resources import prompts_dir

PROMPT_NAMES = ("system", "extract", "repair", "draft")
_VARIABLE = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@dataclass(frozen=True, slots=True)
class Prompt:
    """One prompt template and its content hash."""

    name: str
    text: str

    @property
    def variables(self) -> frozenset[str]:
        """The variable names the template uses."""
        return frozenset(_VARIABLE.findall(self.text))

    @property
    def digest(self) -> str:
        """Short content hash of the template."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12]

    def render(self, **values: str) -> str:
        """The template with every variable replaced; strict both ways."""
        missing = self.variables - values.keys()
        unknown = values.keys() - self.variables
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing {sorted(missing)}")
            if unknown:
                parts.append(f"unknown {sorted(unknown)}")
            raise PromptError(
                f"prompt {self.name!r}: {', '.join(parts)}; the template uses "
                f"{sorted(self.variables)}."
            )
        return _VARIABLE.sub(lambda m: values[m.group(1)], self.text)


@cache
def load_prompt(name: str) -> Prompt:
    """Read `prompts/<name>.md` (located by `analyzer.resources`, like every data folder)."""
    path = prompts_dir() / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt {name!r} not found in {path.parent}; reinstall impasse.")
    return Prompt(name=name, text=path.read_text(encoding="utf-8"))


def render_system() -> str:
    """The system prompt: static, so providers can cache it across calls."""
    return load_prompt("system").render(framework=framework_text())


def prompt_version() -> str:
    """One hash over every prompt template and the generated framework text.

    Any edit to a prompt or to the taxonomy changes it, which invalidates cached results
    and makes the recorded cassettes fail loudly.
    """
    digest = hashlib.sha256()
    for name in PROMPT_NAMES:
        digest.update(load_prompt(name).digest.encode())
    digest.update(framework_text().encode("utf-8"))
    return digest.hexdigest()[:12]
