"""Otter exports, "Name: text" lines (with and without clocks), chat haggling, and the
care speaker_text takes not to claim email threads."""

from __future__ import annotations

from pathlib import Path

import pytest
from _transcript_checks import all_cues, assert_span_invariant

from analyzer.errors import ParseError
from analyzer.parsers import parse_file
from analyzer.parsers.transcripts import otter, speaker_text
from analyzer.parsers.transcripts.labels import match_label

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "conversations" / "transcript"
CASINO = ROOT / "fixtures" / "real" / "negotiations" / "casino_subset" / "dialogues"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_when_otter_export_then_blocks_become_turns_with_clock_offsets() -> None:
    conversation = otter.parse(_read("otter_licensing_call.txt"))
    assert [(t.speaker, t.offset_s, len(t.cues)) for t in conversation.turns] == [
        ("Sofia Lindqvist", 0.0, 1),
        ("Ben Carter", 12.0, 2),
        ("Sofia Lindqvist", 41.0, 1),
        ("Unknown Speaker", 62.0, 1),
        ("Ben Carter", 65.0, 1),
    ]
    assert conversation.turns[1].text == (
        "Right. We proposed a flat fee, and your team came back asking for per-seat pricing.\n"
        "Per-seat is fine in principle, but not below 200 seats."
    )
    # A cue's text is what was said: the "Name  0:25" header line is not part of it.
    assert conversation.turns[1].cues[1].text == (
        "Per-seat is fine in principle, but not below 200 seats."
    )
    assert not any(c.text.startswith("Ben Carter") for t in conversation.turns for c in t.cues)
    assert conversation.format.value == "otter"
    assert_span_invariant(conversation, markup=False)


def test_when_otter_markdown_then_bold_names_are_speakers() -> None:
    conversation = otter.parse(_read("otter_licensing_call.md"))
    assert conversation.speakers() == ["Sofia Lindqvist", "Ben Carter"]
    assert [t.offset_s for t in conversation.turns] == [0.0, 12.0, 101.0]
    assert all("**" not in t.text for t in conversation.turns)
    assert_span_invariant(conversation, markup=False)


def test_when_name_colon_lines_then_same_speaker_lines_merge_with_newlines() -> None:
    conversation = speaker_text.parse(_read("speaker_lines_lease.txt"))
    assert [t.speaker for t in conversation.turns] == [
        "Karen Okafor",
        "Mr. Halvorsen",
        "Karen Okafor",
        "Mr. Halvorsen",
        "Karen Okafor",
    ]
    # The title line is a heading: left out of the turns, quoted in a warning.
    assert "'Lease renewal call, Unit 4B'" in conversation.warnings[0]
    assert conversation.turns[2].text == (
        "We've been here six years and always paid on time.\n"
        "That should count for something.\n"
        "Would you consider 4% with a three-year term?"
    )
    assert len(conversation.turns[2].cues) == 2
    # "Note:" is not a speaker: the line stays with the turn it follows.
    assert conversation.turns[3].text.endswith("\nNote: the landlord wants an answer by the 15th.")
    assert all(t.offset_s is None for t in conversation.turns)
    assert_span_invariant(conversation, markup=False)


def test_when_long_text_precedes_the_first_label_then_it_is_kept_as_unknown() -> None:
    intro = "\n".join(f"Line {i} of what someone said before the labels." for i in range(5))
    conversation = speaker_text.parse(intro + "\nDana: Hello.\nSam: Hi.\n")
    assert [t.speaker for t in conversation.turns] == ["Unknown", "Dana", "Sam"]
    assert conversation.turns[0].text == intro
    assert "kept as a turn by an unknown speaker" in conversation.warnings[0]
    assert_span_invariant(conversation, markup=False)


def test_when_lines_carry_clocks_then_offsets_come_from_them() -> None:
    conversation = speaker_text.parse(_read("timestamped_lines_procurement.txt"))
    assert [(t.speaker, t.offset_s) for t in conversation.turns] == [
        ("Aiko Tanaka", 4.0),
        ("Luis Fernández", 11.0),
        ("Aiko Tanaka", 723.0),
        ("Luis Fernández", 750.0),
        ("Aiko Tanaka", 3735.0),
    ]
    assert conversation.turns[2].text == "What is the fee if we guarantee full trucks?"
    assert conversation.turns[2].cues[0].start_s == 723.0
    assert_span_invariant(conversation, markup=False)


@pytest.mark.parametrize(
    ("line", "speaker", "said"),
    [
        ("[00:12:03] Dana: we can do 40", "Dana", "we can do 40"),
        ("00:12:03 Dana: we can do 40", "Dana", "we can do 40"),
        ("(12:03) Dana: we can do 40", "Dana", "we can do 40"),
    ],
)
def test_when_clock_prefix_then_label_and_text_found(line: str, speaker: str, said: str) -> None:
    found = speaker_text.labelled_line(line)
    assert found is not None
    assert found[1] == speaker
    assert line[found[2] :].strip() == said


def test_when_chat_haggling_paragraphs_then_each_message_is_a_turn() -> None:
    text = (CASINO / "casino1017.txt").read_text(encoding="utf-8")
    assert speaker_text.sniff(text)
    conversation = speaker_text.parse(text)
    assert conversation.speakers() == ["Alex", "Sam"]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert len(conversation.turns) == len(paragraphs)
    assert all_cues(conversation) == len(paragraphs)
    assert conversation.turns[0].text.startswith("Hi, I would get 2 packages")
    assert_span_invariant(conversation, markup=False)


@pytest.mark.parametrize("path", sorted(CASINO.glob("*.txt"))[:12], ids=lambda p: p.name)
def test_when_any_casino_dialogue_then_sniffed_and_parsed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert speaker_text.sniff(text)
    conversation = speaker_text.parse(text)
    assert len(conversation.speakers()) == 2
    assert_span_invariant(conversation, markup=False)


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("José María: claro", "José María"),
        ("O'Neil: fine", "O'Neil"),
        ("Dr. Kim: agreed", "Dr. Kim"),
        ("Anne-Marie Dubois: d'accord", "Anne-Marie Dubois"),
        ("Ludwig van Beethoven: ja", "Ludwig van Beethoven"),
        ("Speaker 2: yes", "Speaker 2"),
        ("alex: no deal", "alex"),
        ("Dana Reyes (Acme): fine", "Dana Reyes (Acme)"),
        ("**Dana Reyes:** fine", "Dana Reyes"),
        ("**Dana Reyes**: fine", "Dana Reyes"),
    ],
)
def test_when_label_is_a_name_then_it_is_a_speaker(label: str, name: str) -> None:
    found = match_label(label)
    assert found is not None and found[0] == name
    assert label[found[1] :].strip() in {
        "claro",
        "fine",
        "agreed",
        "d'accord",
        "ja",
        "yes",
        "no deal",
    }


@pytest.mark.parametrize(
    "line",
    [
        "Note: call back tomorrow",
        "PS: bring the contract",
        "P.S.: bring the contract",
        "https://example.com/offer",
        "The answer is: no",
        "we need three things: price, term, volume",
        "Subject: Renewal",
        "Time: 10:30",
        "10:30: kickoff",
    ],
)
def test_when_label_is_not_a_name_then_no_speaker(line: str) -> None:
    assert match_label(line) is None


EMAIL_THREADS = {
    "outlook": (
        "Dana: Fine by me.\nSam: Great.\n\nFrom: Sam Okafor\nSent: Monday, 3 March 2025 10:02\n"
        "To: Dana Reyes\nSubject: RE: Renewal\n\nDana: what about price?\nSam: 40.\n"
    ),
    "german outlook": (
        "Dana: Passt.\nSam: Gut.\nVon: Sam Okafor\nGesendet: Montag, 3. März 2025\n"
        "An: Dana Reyes\nBetreff: AW: Verlängerung\nDana: Preis?\nSam: 40.\n"
    ),
    "spanish": "Ana: Vale.\nLuis: Bien.\nDe: Luis\nEnviado: lunes\nPara: Ana\nAsunto: RE: oferta\n",
    "french": "Ana: Oui.\nLuc: Bien.\nDe : Luc\nEnvoyé : lundi\nÀ : Ana\nObjet : offre\n",
    "dutch": "Ana: Ja.\nBas: Goed.\nVan: Bas\nVerzonden: maandag\nAan: Ana\nOnderwerp: bod\n",
    "italian": "Ana: Sì.\nLuca: Bene.\nDa: Luca\nInviato: lunedì\nA: Ana\nOggetto: offerta\n",
    "portuguese": (
        "Ana: Sim.\nRui: Bem.\nDe: Rui\nEnviada em: segunda\nPara: Ana\nAssunto: proposta\n"
    ),
    "gmail quote header": (
        "Dana: Fine by me.\nSam: Great.\n\n"
        "On Mon, 3 Mar 2025 at 10:02, Sam Okafor <sam@x.com> wrote:\n"
        "Dana: what about price?\n"
    ),
    "german quote header": "Dana: Ok.\nSam: Gut.\nAm 03.03.2025 um 10:02 schrieb Sam Okafor:\n",
    "french quote header": "Dana: Ok.\nSam: Bien.\nLe 3 mars 2025 à 10:02, Sam Okafor a écrit :\n",
    "spanish quote header": "Dana: Ok.\nSam: Bien.\nEl 3 mar 2025, a las 10:02, Sam escribió:\n",
    "quoted lines": "Dana: Ok then.\nSam: Fine.\n> Dana: what about price?\n> Sam: 40.\n",
    "original message": "Dana: Ok.\nSam: Fine.\n-----Original Message-----\nDana: price?\n",
}


@pytest.mark.parametrize("name", sorted(EMAIL_THREADS))
def test_when_text_is_an_email_thread_then_speaker_text_does_not_claim_it(name: str) -> None:
    assert not speaker_text.sniff(EMAIL_THREADS[name])
    assert not otter.sniff(EMAIL_THREADS[name])


@pytest.mark.parametrize(
    "text",
    [
        "Dana: only one speaker here.\nDana: still me.\n",
        "Dana: hi\nSome prose line.\nMore prose.\nEven more prose.\nSam: hello\nProse again.\n",
        "Note: one\nPS: two\nhttps://example.com\n",
    ],
)
def test_when_labels_are_too_few_then_not_sniffed(text: str) -> None:
    assert not speaker_text.sniff(text)


def test_when_no_labels_then_parse_error() -> None:
    with pytest.raises(ParseError, match="Name: text"):
        speaker_text.parse("just some prose\nwith no speakers\n")


def test_when_no_otter_headers_then_parse_error() -> None:
    with pytest.raises(ParseError, match="Otter"):
        otter.parse("just some prose\n")


def test_when_prose_mentions_a_time_then_otter_does_not_claim_it() -> None:
    assert not otter.sniff("Meeting starts at 10:30\nBring the draft.\nCall ends at 11:45\nOk.\n")


DEVSET = ROOT / "fixtures" / "devset" / "dev"
DEV_TRANSCRIPTS = sorted(
    path
    for path in DEVSET.glob("*/*")
    if path.suffix in {".vtt", ".srt", ".sbv"}
    or (path.suffix == ".txt" and path.parent.name.endswith("transcript"))
)


@pytest.mark.parametrize("path", DEV_TRANSCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_when_dev_set_transcript_then_detected_with_named_speakers(path: Path) -> None:
    conversation = parse_file(path)
    assert conversation.kind.value == "transcript"
    named = [s for s in conversation.speakers() if s != "Unknown"]
    assert len(named) >= 2
    assert_span_invariant(conversation, markup=path.suffix != ".txt")


def test_when_zoom_chat_is_pasted_then_senders_speak_and_clocks_are_offsets() -> None:
    text = _read("zoom_chat_side_letter.txt")
    assert speaker_text.sniff(text)
    conversation = speaker_text.parse(text)
    assert [(t.speaker, t.offset_s, len(t.cues)) for t in conversation.turns] == [
        ("Dana Reyes", 36135.0, 1),
        ("Marco Bianchi", 36161.0, 2),
        ("Dana Reyes", 36270.0, 1),
    ]
    assert conversation.turns[1].text == (
        "Fine by us. Our cap is 1x annual fees, that's standard.\n"
        "Between us, 1.5x is possible if you sign this month."
    )
    assert_span_invariant(conversation, markup=False)
