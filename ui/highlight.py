"""HTML for the conversation with its evidence highlighted in place, and the stage timeline.

Everything a conversation contains (names, subjects, text, quotes, explanations) is data
from an outside party: it is HTML-escaped here, before any markup is added, so HTML or
script inside an email shows as text and never runs in the page. The analyzer decides
where each quote is (`analyzer.framework.grounding.locate`); this module only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from analyzer.analysis import Analysis, Signal
from analyzer.framework.grounding import locate
from analyzer.models import Conversation, Turn
from analyzer.taxonomy import SIGNALS, SignalType

# One colour per signal type; beginning signals in cool hues, middle in warm, end in reds.
SIGNAL_COLOURS: dict[SignalType, str] = {
    SignalType.NO_RESPONSE: "#cfe3ff",
    SignalType.SCHEDULING_AVOIDANCE: "#c9f0f3",
    SignalType.HANDOFF_OR_DELAY: "#dcd6ff",
    SignalType.ALTERNATIVE_SHOPPING: "#d5f2d0",
    SignalType.TOPIC_AVOIDANCE: "#ffe3a8",
    SignalType.AUTHORITY_LIMIT: "#c7b8ea",
    SignalType.DISCOMFORT: "#ffd6e8",
    SignalType.EXPECTATION_SHIFT: "#fff0a6",
    SignalType.NEW_INFORMATION: "#e6f5a8",
    SignalType.PRECEDENT_OR_POLICY: "#e3d4c4",
    SignalType.ULTIMATUM: "#ffb8b0",
    SignalType.WALKOUT: "#ffc7a3",
    SignalType.WEASEL_WORDS: "#f6cdf7",
}

CSS = """
<style>
.imp-turn{border:1px solid #e4e6eb;border-left:5px solid #c7ccd6;border-radius:8px;
  padding:.6rem .9rem;margin:.45rem 0;background:#fff}
.imp-turn.them{border-left-color:#e0795f}
.imp-turn.us{border-left-color:#5b8def}
.imp-head{font-size:.82rem;color:#5f6673;margin-bottom:.3rem;display:flex;gap:.6rem;
  flex-wrap:wrap;align-items:baseline}
.imp-head b{color:#1f2430;font-size:.9rem}
.imp-role{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;padding:0 .35rem;
  border-radius:4px;background:#eef1f6}
.imp-text{white-space:pre-wrap;line-height:1.55;font-size:.95rem;color:#1f2430}
.imp-mark{border-radius:3px;padding:1px 2px;cursor:help;border-bottom:2px solid rgba(0,0,0,.25)}
.imp-tag{display:inline-block;font-size:.72rem;padding:1px 7px;border-radius:10px;
  margin:2px 4px 2px 0;color:#1f2430;white-space:nowrap}
.imp-tl{display:flex;gap:4px;flex-wrap:wrap;margin:.3rem 0 .6rem}
.imp-tl-cell{border:1px solid #e4e6eb;border-radius:6px;padding:4px 6px;min-width:74px;
  background:#fafbfc;font-size:.74rem;color:#5f6673}
.imp-tl-cell.hot{background:#fff;border-color:#c9ced8}
.imp-tl-cell b{color:#1f2430}
.imp-sig{margin:.1rem 0 .7rem;font-size:.9rem;line-height:1.45;color:#1f2430}
.imp-sig q{font-style:italic}
.imp-sig .why{color:#5f6673;font-size:.82rem}
.imp-dot{display:inline-block;width:11px;height:11px;border-radius:50%;margin:3px 2px 0 0;
  border:1px solid rgba(0,0,0,.18)}
</style>
"""


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of one turn's text and the signals quoting it."""

    start: int
    end: int
    signals: tuple[Signal, ...]


def _colour(signal_type: SignalType) -> str:
    return SIGNAL_COLOURS.get(signal_type, "#eeeeee")


def marks_for_turn(turn: Turn, signals: list[Signal]) -> list[Mark]:
    """Non-overlapping marks for the signals quoting `turn` (overlaps split in pieces)."""
    spans: list[tuple[int, int, Signal]] = []
    for signal in signals:
        if signal.turn != turn.index:
            continue
        found = locate(turn.text, signal.quote)
        if found is not None and found[1] > found[0]:
            spans.append((found[0], found[1], signal))
    cuts = sorted({p for start, end, _ in spans for p in (start, end)})
    marks: list[Mark] = []
    for start, end in pairwise(cuts):
        covering = tuple(s for a, b, s in spans if a <= start and end <= b)
        if covering:
            marks.append(Mark(start, end, covering))
    return marks


def _mark_html(text: str, mark: Mark) -> str:
    first = mark.signals[0].type
    # A second signal on the same words shows as the underline's colour.
    underline = _colour(mark.signals[1].type) if len(mark.signals) > 1 else "rgba(0,0,0,.25)"
    title = "\n".join(f"{SIGNALS[s.type].label}: {s.explanation}" for s in mark.signals)
    types = " ".join(f"sig-{s.type.value}" for s in mark.signals)
    return (
        f'<mark class="imp-mark {escape(types)}" title="{escape(title)}" '
        f'style="background:{_colour(first)};border-bottom-color:{underline}">'
        f"{escape(text[mark.start : mark.end])}</mark>"
    )


def unwrap_lines(text: str, width: int = 60) -> str:
    """Hard line wraps of email bodies turned into spaces (same length, so offsets hold).

    A newline ends a wrapped line when the line is long and the next one continues the
    paragraph; short lines (greetings, sign-offs, lists) keep their breaks.
    """
    chars = list(text)
    line_start = 0
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        nxt = text[i + 1 : i + 2]
        if i - line_start >= width and nxt.strip() and nxt not in "-*•>":
            chars[i] = " "
        line_start = i + 1
    return "".join(chars)


def highlighted_text(turn: Turn, signals: list[Signal]) -> str:
    """The turn's text, escaped, with each quoted stretch wrapped in a titled <mark>."""
    text = unwrap_lines(turn.text)
    out: list[str] = []
    cursor = 0
    for mark in marks_for_turn(turn, signals):
        out.append(escape(text[cursor : mark.start]))
        out.append(_mark_html(text, mark))
        cursor = mark.end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _role(analysis: Analysis, speaker: str) -> str:
    if speaker in analysis.side.us:
        return "us"
    if speaker in analysis.side.them:
        return "them"
    return ""


def _turn_when(turn: Turn) -> str:
    if turn.timestamp:
        return turn.timestamp.replace("T", " ")[:16]
    if turn.offset_s is not None:
        minutes, seconds = divmod(int(turn.offset_s), 60)
        return f"{minutes}:{seconds:02d}"
    return ""


def signal_tag(signal_type: SignalType) -> str:
    """A small coloured label naming one signal type, its definition on hover."""
    term = SIGNALS[signal_type]
    return (
        f'<span class="imp-tag" style="background:{_colour(signal_type)}" '
        f'title="{escape(term.definition)}">{escape(term.label)}</span>'
    )


def conversation_html(conversation: Conversation, analysis: Analysis) -> str:
    """Every turn as a card: speaker, role, time, and the text with evidence marked."""
    cards: list[str] = []
    for turn in conversation.turns:
        role = _role(analysis, turn.speaker)
        role_label = {"us": "you", "them": "other side"}.get(role, "")
        head = [f"<span>#{turn.index}</span>", f"<b>{escape(turn.speaker)}</b>"]
        if role_label:
            head.append(f'<span class="imp-role">{role_label}</span>')
        if when := _turn_when(turn):
            head.append(f"<span>{escape(when)}</span>")
        tags = "".join(
            signal_tag(t)
            for t in dict.fromkeys(s.type for s in analysis.signals if s.turn == turn.index)
        )
        cards.append(
            f'<div class="imp-turn {role}" id="turn-{turn.index}">'
            f'<div class="imp-head">{"".join(head)}{tags}</div>'
            f'<div class="imp-text">{highlighted_text(turn, analysis.signals)}</div></div>'
        )
    return "".join(cards)


def timeline_html(conversation: Conversation, analysis: Analysis) -> str:
    """One small cell per turn with a coloured dot per signal it carries."""
    cells: list[str] = []
    for turn in conversation.turns:
        kinds = list(dict.fromkeys(s.type for s in analysis.signals if s.turn == turn.index))
        dots = "".join(
            f'<span class="imp-dot" style="background:{_colour(k)}" '
            f'title="{escape(SIGNALS[k].label)}"></span>'
            for k in kinds
        )
        names = ", ".join(SIGNALS[k].label for k in kinds) or "no signal"
        title = f"#{turn.index} {turn.speaker}: {names}"
        speaker = turn.speaker if len(turn.speaker) <= 14 else turn.speaker[:13] + "…"
        cells.append(
            f'<div class="imp-tl-cell{" hot" if kinds else ""}" title="{escape(title)}">'
            f"<b>#{turn.index}</b> {escape(speaker)}<br>{dots or '&nbsp;'}</div>"
        )
    return f'<div class="imp-tl">{"".join(cells)}</div>'


def legend_html(analysis: Analysis) -> str:
    """The colour key for the signal types present in the analysis."""
    kinds = dict.fromkeys(s.type for s in analysis.signals)
    return "".join(signal_tag(k) for k in kinds)


def signals_html(analysis: Analysis) -> str:
    """Each signal with its speaker, turn, quote and explanation, for reading without hover."""
    items = [
        f'<div class="imp-sig">{signal_tag(s.type)} {escape(s.speaker)}, #{s.turn}: '
        f'<q>{escape(s.quote)}</q><br><span class="why">{escape(s.explanation)}</span></div>'
        for s in analysis.signals
    ]
    return "".join(items)
