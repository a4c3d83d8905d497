"""The framework part of the system prompt, generated from `analyzer.taxonomy`.

Generated rather than written so the prompt and the code that checks the model's answer
cannot disagree on an id, a definition or which strategy fits which stage.
"""

from __future__ import annotations

from functools import lru_cache

from analyzer.taxonomy import (
    CAUSES,
    END_STRATEGIES,
    END_TYPES,
    SIGNAL_STAGES,
    SIGNALS,
    STAGE_STRATEGIES,
    STAGES,
    STRATEGIES,
    Stage,
)


@lru_cache(maxsize=1)
def framework_text() -> str:
    """Markdown lists of every id with its one-line definition and where it fits."""
    lines = ["### Stages"]
    lines += [f"- `{t.id}`: {t.definition}" for t in STAGES.values()]
    lines += ["", "### End types (only when the stage is `end`)"]
    lines += [f"- `{t.id}`: {t.definition}" for t in END_TYPES.values()]
    lines += ["", "### Signal types (stages they can evidence)"]
    for signal, term in SIGNALS.items():
        stages = ", ".join(sorted(s.value for s in SIGNAL_STAGES[signal]))
        lines.append(f"- `{term.id}` ({stages}): {term.definition}")
    lines += ["", "### Likely causes (hypotheses, never facts)"]
    lines += [f"- `{t.id}`: {t.definition}" for t in CAUSES.values()]
    lines += ["", "### Strategies"]
    lines += [f"- `{t.id}`: {t.definition}" for t in STRATEGIES.values()]
    lines += ["", "### Which strategies fit"]
    for stage, moves in STAGE_STRATEGIES.items():
        if stage is not Stage.END:
            lines.append(f"- {stage.value}: " + ", ".join(f"`{m.value}`" for m in moves))
    for end_type, moves in END_STRATEGIES.items():
        lines.append(f"- end ({end_type.value}): " + ", ".join(f"`{m.value}`" for m in moves))
    return "\n".join(lines)
