"""Conformance of the email parsers with what four peer reply parsers assert.

Runs the parser over every email record of `fixtures/real/conformance/shared.jsonl`
(GitHub's, Zapier's and willdurand's email_reply_parser, Mailgun's talon), writes the
outputs as JSONL to a temporary folder, and scores them with the reference scorer
`fixtures/real/conformance/score.py`:

- `--core`: the peers' "fragment model" checks (fragments.*, fragment_count) describe
  how GitHub's parser cuts a body into internal fragments, not the result; our model has
  turns, not fragments, so those checks are out of scope. Every other check counts,
  and a check whose field we do not output would count as missing, never as a pass.
- No `--skip-config`: the records whose peer needed a non-default option (an extra
  quote-header pattern for a Hungarian or a customer's header) are scored too, since our
  default tables already cover them; the `ls -l` record asserts nothing.
- Each record's `input` hints are applied (`_email_outputs.py`): text replacements,
  the .eml's text part (our MIME reader prefers text/plain), HTML turned into text, and
  the sender's name, which helps recognise a signature that starts with it.

The peers disagree with each other; we follow the convention that serves the analysis:
the newest message's own words, with quoted history and signature split off. The
checks we deliberately disagree with are listed in DISAGREEMENTS with the reason, and
excluded; the test also proves each of them still fails, so the list stays exact. Every
other check of every set must pass: a regression in one set cannot hide behind the others.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.conformance._email_outputs import (
    EMAIL_SETS,
    SCORER,
    email_records,
    output_row,
)

# (case id, check kind) -> why our output deliberately differs from the peer's.
DISAGREEMENTS: dict[tuple[str, str], str] = {
    (
        "emails/email_reply_parser_willdurand/tests/Fixtures/email_with_from_headers.txt#" + suffix,
        "visible_not_contains",
    ): (
        "A 'From: <address>' header at the very top of a paste heads the newest "
        "message itself (a pasted message with its header), so the text under it is "
        "that message's text. The peer treats everything under the first 'From:' as "
        "quoted history and returns an empty reply, which would leave nothing to analyse."
    )
    for suffix in ("3dee6b5d", "6732e522", "6568e47a", "5825163c")
}
DISAGREEMENTS |= {
    ("emails/talon/tests/fixtures/standard_replies/iphone.eml", "visible_equals"): (
        "'Sent from my iPhone' is a device signature: we split it off into `signature`, as "
        "GitHub's, Zapier's and willdurand's parsers do; talon keeps it in the reply."
    ),
    ("emails/talon/tests/fixtures/standard_replies/sparrow.eml", "visible_equals"): (
        "'-- \\nxxx\\nSent with Sparrow' follows the standard '-- ' signature delimiter: it "
        "is the signature, split off; talon keeps it in the reply text."
    ),
    (
        "emails/talon/tests/fixtures/reply-separated-by-hr.html",
        "visible_equals_ignoring_whitespace",
    ): (
        "The sender wrote 'Hi / there / Bob' above the rule that opens the quoted message; "
        "'Bob' is part of their reply. Talon drops the whole HTML element that holds the "
        "rule, and 'Bob' with it; we keep every line written above the quote header."
    ),
}


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peer_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_disagreements(record: dict[str, Any]) -> dict[str, Any]:
    expect = {
        kind: value
        for kind, value in record["expect"].items()
        if (record["case"], kind) not in DISAGREEMENTS
    }
    return {**record, "expect": expect}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Outputs for every email record, and the scorer's summary of them."""
    folder = tmp_path_factory.mktemp("email_conformance")
    records = email_records()
    rows = {r["case"]: output_row(r) for r in records}
    outputs = folder / "outputs.jsonl"
    outputs.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows.values()),
        encoding="utf-8",
    )
    expect = folder / "expect.jsonl"
    expect.write_text(
        "".join(json.dumps(_without_disagreements(r), ensure_ascii=False) + "\n" for r in records),
        encoding="utf-8",
    )
    base = [
        sys.executable,
        str(SCORER),
        str(outputs),
        "--expect",
        str(expect),
        "--core",
        "--sets",
        ",".join(EMAIL_SETS),
    ]
    report = subprocess.run([*base, "--details", "40"], capture_output=True, text=True, check=True)
    print(report.stdout)  # the per-set table, shown with `pytest -s`
    summary = subprocess.run([*base, "--json"], capture_output=True, text=True, check=True)
    return {"records": records, "rows": rows, "summary": json.loads(summary.stdout)}


@pytest.mark.parametrize("set_name", EMAIL_SETS)
def test_when_peer_fixtures_parsed_then_every_check_of_each_set_passes(
    scored: dict[str, Any], set_name: str
) -> None:
    counts = scored["summary"]["sets"][set_name]
    total = counts.get("pass", 0) + counts.get("fail", 0) + counts.get("missing", 0)
    rate = counts.get("pass", 0) / total
    print(f"{set_name}: {counts.get('pass', 0)}/{total} = {rate:.1%}")
    assert total > 0
    failing = [f"{case} {kind}" for case, kind in _failing(scored, set_name)]
    assert counts.get("pass", 0) == total, failing


def _failing(scored: dict[str, Any], set_name: str) -> list[tuple[str, str]]:
    """The (case, check kind) pairs of a set that do not pass, for the failure message."""
    scorer = _load_scorer()
    out: list[tuple[str, str]] = []
    for record in scored["records"]:
        if record["set"] != set_name:
            continue
        kept = _without_disagreements(record)
        for kind, value in kept["expect"].items():
            single = {**kept, "expect": {kind: value}}
            results = [
                res
                for checked, res in scorer.checks_for(single, scored["rows"][record["case"]])
                if not checked.startswith(("fragments.", "fragment_count"))  # not scored (--core)
            ]
            if any(res != "pass" for res in results):
                out.append((record["case"], kind))
    return out


def test_when_disagreement_listed_then_that_check_really_fails(scored: dict[str, Any]) -> None:
    scorer = _load_scorer()
    by_case = {r["case"]: r for r in scored["records"]}
    for (case, kind), reason in DISAGREEMENTS.items():
        assert reason
        record = by_case[case]
        assert kind in record["expect"], (case, kind)
        single = {**record, "expect": {kind: record["expect"][kind]}}
        results = [res for _, res in scorer.checks_for(single, scored["rows"][case])]
        assert results and all(res == "fail" for res in results), (case, kind, results)


def test_when_no_disagreement_then_no_check_is_missing(scored: dict[str, Any]) -> None:
    # Every field the core checks read is produced, so nothing is silently unanswered.
    for set_name in EMAIL_SETS:
        assert scored["summary"]["sets"][set_name].get("missing", 0) == 0
