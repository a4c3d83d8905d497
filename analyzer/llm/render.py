"""How a conversation, its side and its candidate evidence are written into a prompt.

Turns are numbered with their index in the whole conversation (so a window's answer
cites the same numbers the rules check), and the text is fenced as data. Nothing taken
from the conversation (turn text, names, times, candidate quotes, the model's own echo
of them) can write the fence's tag: any case or spacing variant of `<conversation>` or
`</conversation>` is defused (its `<` becomes `‹`), so the text cannot close the fence
and speak outside it. Text without such a tag is rendered unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from pydantic import BaseModel

from analyzer.analysis import Analysis, Side, SideHow, Signal
from analyzer.llm.settings import StructuredMethod
from analyzer.models import Turn

# Any spelling of the fence's tags: `</Conversation >`, `< / CONVERSATION>`, `<conversation x>`.
_FENCE_TAG = re.compile(r"<(\s*/?\s*conversation\b[^>]*>)", re.IGNORECASE)


def fence_safe(text: str) -> str:
    """`text` with every variant of the fence's tags defused (unchanged when it has none)."""
    return _FENCE_TAG.sub(lambda m: "\u2039" + m.group(1), text)


def render_turn(turn: Turn) -> str:
    """`[n] Speaker (time): text`, continuation lines indented."""
    when = f" ({fence_safe(turn.timestamp)})" if turn.timestamp else ""
    # A pasted text must not be able to close the fence and speak outside it.
    text = fence_safe(turn.text)
    body = "\n    ".join(text.splitlines()) or "(empty)"
    return f"[{turn.index}] {fence_safe(turn.speaker)}{when}: {body}"


def render_turns(turns: Sequence[Turn]) -> str:
    """Every turn, one block each."""
    return "\n".join(render_turn(t) for t in turns)


def turn_range(turns: Sequence[Turn], total: int) -> str:
    """What part of the conversation a prompt holds, e.g. 'turns 0-11 of 12'."""
    if not turns:
        return "no turns"
    return f"turns {turns[0].index}-{turns[-1].index} of {total}"


def render_side(side: Side) -> str:
    """Who the user is, in words the model can apply."""
    if side.how is SideHow.NEUTRAL or not (side.us or side.them):
        return "Unknown: treat signals from every party as possible evidence."
    us = fence_safe(", ".join(side.us)) or "(not named)"
    them = fence_safe(", ".join(side.them)) or "everyone else"
    return f"Our side (the user): {us}. The other side: {them}."


def render_candidates(candidates: Sequence[Signal]) -> str:
    """The offline detector's hits, one line each."""
    if not candidates:
        return "(none found)"
    return "\n".join(
        f'- turn {c.turn}, {fence_safe(c.speaker)}, {c.type.value}: "{fence_safe(c.quote)}"'
        for c in candidates
    )


def format_instructions(method: StructuredMethod, schema: type[BaseModel]) -> str:
    """JSON mode carries no schema on the wire, so the prompt has to."""
    if method is not StructuredMethod.JSON_MODE:
        return ""
    shape = json.dumps(schema.model_json_schema(), separators=(",", ":"))
    return f"\nAnswer with one JSON object that follows this JSON schema:\n{shape}\n"


def findings_section(findings: list[str]) -> str:
    if not findings:
        return ""
    lines = "\n".join(f"- {f}" for f in findings)
    return f"\n## Problems in your previous drafts (fix them)\n{lines}\n"


def diagnosis_text(analysis: Analysis) -> str:
    end = f" ({analysis.end_type.value})" if analysis.end_type else ""
    signals = "\n".join(
        f'- {s.type.value} by {fence_safe(s.speaker)}, turn {s.turn}: "{fence_safe(s.quote)}"'
        for s in analysis.signals
    )
    return f"Stage: {analysis.stage.value}{end}. {fence_safe(analysis.summary)}\n{signals}"
