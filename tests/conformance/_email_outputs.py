"""Run the email parsers over the peers' fixtures and render the scorer's output rows.

Maps our model to the fields `fixtures/real/conformance/score.py` reads:
`visible` = the newest message's own text (the message sent as is: the last turn of the
conversation), `signature` = that message's signature, `quote_headers` = the header of
every quoted or forwarded message found, `messages` = every message newest first, with
`body`, `header` and `signature`. Each record's `input` hints are applied the way the
peer's test applied them before parsing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from analyzer.parsers.emails import mime, thread
from analyzer.parsers.emails.addresses import HeaderMeta, parse_address
from analyzer.parsers.emails.html_text import html_to_text

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "fixtures" / "real"
SHARED = REAL / "conformance" / "shared.jsonl"
SCORER = REAL / "conformance" / "score.py"
EMAIL_SETS = (
    "email_reply_parser_github",
    "email_reply_parser_zapier",
    "email_reply_parser_willdurand",
    "talon",
)


def email_records() -> list[dict[str, Any]]:
    """The shared records of the four email sets."""
    with SHARED.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if r["set"] in EMAIL_SETS]


def _sender(value: str) -> HeaderMeta | None:
    if not value.strip():
        return None
    name, address = parse_address(value)
    return HeaderMeta(name=name, address=address)


def parse_record(record: dict[str, Any]) -> thread.ThreadParse:
    """Parse one record's fixture as its peer test did (text edits, MIME, HTML, sender)."""
    path = REAL / record["fixture"]
    hints: dict[str, Any] = record.get("input") or {}
    data = path.read_bytes()
    if path.suffix == ".eml":
        return mime.parse_eml_details("", data)
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    for old, new in (hints.get("replace") or {}).items():
        text = text.replace(old, new)
    if hints.get("format") == "html":
        text = html_to_text(text)
    sender = _sender(hints["sender"]) if "sender" in hints else None
    return thread.parse_details(text, sender=sender)


def output_row(record: dict[str, Any]) -> dict[str, Any]:
    """The scorer row for one record."""
    started = time.perf_counter()
    parsed = parse_record(record)
    elapsed = time.perf_counter() - started
    sent = [m for m in parsed.messages if not m.from_quote]
    newest = sent[0] if sent else None
    return {
        "case": record["case"],
        "visible": newest.text if newest else "",
        "signature": newest.signature if newest else None,
        "quote_headers": parsed.quote_headers,
        "messages": [
            {"body": m.text, "header": m.header or "", "signature": m.signature or ""}
            for m in parsed.messages
        ],
        "parse_seconds": elapsed,
        "error": False,
    }


def write_outputs(records: list[dict[str, Any]], target: Path) -> Path:
    """Write one JSON line per record to `target`."""
    with target.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(output_row(record), ensure_ascii=False) + "\n")
    return target


if __name__ == "__main__":
    import subprocess
    import sys
    import tempfile

    out = write_outputs(email_records(), Path(tempfile.mkdtemp()) / "email_outputs.jsonl")
    args = [sys.executable, str(SCORER), str(out), "--expect", str(SHARED), "--core"]
    subprocess.run([*args, *sys.argv[1:]], check=False)
