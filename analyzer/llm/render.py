"""How a conversation, its side and its candidate evidence are written into a prompt.

Turns are numbered with their index in the whole conversation (so a window's answer
cites the same numbers the rules check). Everything taken from the conversation (turn
text, names, times, the side line, the offline detector's candidate quotes, a diagnosis
and its quotes, the model's own echo of them) goes inside one fence, the prompt's single
`<conversation>` block, and none of it can write the fence's tag: any case or spacing
variant of `<conversation>` or `</conversation>` is defused (its `<` becomes `‹`), so the
text cannot close the fence and speak outside it. The escaping is deterministic (no
random boundary), so the same conversation always makes the same request body. Text
without such a tag is rendered unchanged.
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
_LINE_BREAK = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


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
    us = one_line(", ".join(side.us)) or "(not named)"
    them = one_line(", ".join(side.them)) or "everyone else"
    return f"Our side (the user): {us}. The other side: {them}."


def one_line(text: str) -> str:
    """`text` defused and on one line: a list item cannot start a line of its own."""
    return _LINE_BREAK.sub(" ", fence_safe(text)).strip()


def render_candidates(candidates: Sequence[Signal]) -> str:
    """The offline detector's hits, one line each: `- turn N, Speaker, type: "quote"`."""
    if not candidates:
        return "(none found)"
    return "\n".join(
        f'- turn {c.turn}, {one_line(c.speaker)}, {c.type.value}: "{one_line(c.quote)}"'
        for c in candidates
    )


def format_instructions(method: StructuredMethod, schema: type[BaseModel]) -> str:
    """JSON mode carries no schema on the wire, so the prompt has to."""
    if method is not StructuredMethod.JSON_MODE:
        return ""
    shape = json.dumps(schema.model_json_schema(), separators=(",", ":"))
    return f"\nAnswer with one JSON object that follows this JSON schema:\n{shape}\n"


def findings_list(findings: Sequence[str]) -> str:
    """Rule findings, one list item each (they may quote the model's text: defused)."""
    return "\n".join(f"- {one_line(f)}" for f in findings)


def findings_section(findings: list[str]) -> str:
    """The draft rules' findings on the previous drafts, for the one rewrite."""
    if not findings:
        return ""
    return f"\n## Problems in your previous drafts (fix them)\n{findings_list(findings)}\n"


def private_facts(private: Sequence[str]) -> str:
    """The user's private facts, one list item each (already masked by the caller)."""
    return "\n".join(f"  - {one_line(p)}" for p in private) or "  (none)"


def diagnosis_text(analysis: Analysis) -> str:
    """A checked diagnosis: stage, summary and its evidence (which quotes the conversation)."""
    end = f" ({analysis.end_type.value})" if analysis.end_type else ""
    signals = "\n".join(
        f'- {s.type.value} by {one_line(s.speaker)}, turn {s.turn}: "{one_line(s.quote)}"'
        for s in analysis.signals
    )
    return f"Stage: {analysis.stage.value}{end}. {one_line(analysis.summary)}\n{signals}"
