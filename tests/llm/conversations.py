"""Test conversations for the LLM chain, built without the parsers.

Each file in `data/` holds `Speaker: text` paragraphs and `# us:` / `# them:` headers, so
these tests depend only on the conversation model, not on parser behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyzer.models import Conversation, InputFormat, Kind, Participant, Turn
from analyzer.options import AnalyzeOptions

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Case:
    """A conversation and the user's side."""

    name: str
    conversation: Conversation
    options: AnalyzeOptions


def conversation_from_lines(blocks: list[tuple[str, str]]) -> Conversation:
    """A transcript-like conversation from (speaker, text) pairs."""
    turns = [Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(blocks)]
    speakers = list(dict.fromkeys(s for s, _ in blocks))
    participants = [
        Participant(name=s, turns=sum(1 for b, _ in blocks if b == s)) for s in speakers
    ]
    return Conversation(
        kind=Kind.TRANSCRIPT,
        format=InputFormat.SPEAKER_TEXT,
        participants=participants,
        turns=turns,
    )


def load_case(name: str, **options: object) -> Case:
    """`data/<name>.txt` as a case."""
    us: list[str] = []
    them: list[str] = []
    blocks: list[tuple[str, str]] = []
    for paragraph in (DATA / f"{name}.txt").read_text(encoding="utf-8").split("\n\n"):
        for line in paragraph.strip().splitlines():
            if line.startswith("# us:"):
                us.append(line.removeprefix("# us:").strip())
            elif line.startswith("# them:"):
                them.append(line.removeprefix("# them:").strip())
            elif ":" in line:
                speaker, text = line.split(":", 1)
                blocks.append((speaker.strip(), text.strip()))
    return Case(
        name=name,
        conversation=conversation_from_lines(blocks),
        options=AnalyzeOptions.model_validate({"me": us, "them": them, **options}),
    )


def long_case(turns: int = 60) -> Case:
    """A long call where the impasse only shows near the end."""
    blocks: list[tuple[str, str]] = []
    for i in range(turns - 2):
        if i % 2 == 0:
            blocks.append(
                (
                    "Ana",
                    f"Item {i}: we reviewed the delivery schedule, the packaging spec and the "
                    "invoicing cycle for this line, and we are fine with the current draft.",
                )
            )
        else:
            blocks.append(
                ("Ben", f"Agreed on item {i - 1}, no changes from our side on that point.")
            )
    blocks.append(("Ana", "So the only open point is the exclusivity clause. Can we close it?"))
    blocks.append(
        (
            "Ben",
            "We cannot accept exclusivity at this time. I have no authority to go further "
            "right now; let's revisit next quarter.",
        )
    )
    return Case(
        name="long_call",
        conversation=conversation_from_lines(blocks),
        options=AnalyzeOptions(me=["Ana"], them=["Ben"]),
    )
