"""`impasse batch submit|status|collect` against a stand-in for the OpenAI Batch API.

The stand-in validates the upload and the batch, and the tests drive it through its
states (validating, in_progress, completed, expired, failed, with partial failures).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_support import Run
from fake_batch_api import NO_IMPASSE, FakeBatchAPI, serve
from typer.testing import CliRunner

from analyzer.batch.store import RESULTS_DIR, parse_result
from analyzer.textio import DEFAULT_MAX_BYTES

KEY = "sk-fake-batchapi0123456789abcdef"
DEAL = (
    "Marco Bianchi: We can offer $212,000 for the three-year renewal, all modules included.\n"
    "Dana Reyes: That is our final number. If it does not work for you, we will walk away.\n"
)
QUIET = (
    "Marco Bianchi: Thanks for the call today, the demo went well.\n"
    "Dana Reyes: Agreed. Send the summary to dana.reyes@northwind.example or call +44 20 7946 0321.\n"
)
PII = ("dana.reyes@northwind.example", "7946 0321")
IMPASSE = {
    "signals": [{
        "type": "ultimatum", "speaker": "Dana Reyes", "turn": 1,
        "quote": "That is our final number.", "explanation": "a final position",
    }],
    "stage": "end", "end_type": "firm", "confidence": 0.8,
    "causes": [{"id": "genuine_dealbreaker", "why": "stated as final"}],
    "strategies": [{"id": "call_the_question", "why": "test the final number"}],
    "summary": "Dana states a final number and threatens to walk away.",
}  # fmt: skip
DRAFTS = {
    "drafts": [{
        "strategy": "call_the_question",
        "text": "Dana, suppose everything else were agreed and only the price remained: "
        "would you really end the negotiation over it?",
    }]
}  # fmt: skip


def answer(body: dict[str, Any]) -> str:
    """The same answer for the same request, online or in a batch."""
    if body["response_format"]["json_schema"]["name"] == "Drafts":
        return json.dumps(DRAFTS)
    prompt = body["messages"][-1]["content"]
    return json.dumps(IMPASSE if "final number" in prompt else NO_IMPASSE)


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBatchAPI]:
    with serve(FakeBatchAPI(answer=answer)) as fake:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("IMPASSE_MODEL", "test-model")
        monkeypatch.setenv("IMPASSE_STRUCTURED_METHOD", "json_schema")
        monkeypatch.setenv("IMPASSE_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("IMPASSE_MAX_RETRIES", "0")
        monkeypatch.setenv("IMPASSE_MAX_INPUT_BYTES", str(DEFAULT_MAX_BYTES))
        yield fake


def cli(*args: str) -> Run:
    from analyzer.cli.main import app

    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def corpus(folder: Path, deals: int = 3, quiet: int = 3) -> list[str]:
    folder.mkdir(parents=True)
    for i in range(deals):
        (folder / f"deal_{i}.txt").write_text(DEAL.replace("212,000", f"{212 + i},000"))
    for i in range(quiet):
        (folder / f"quiet_{i}.txt").write_text(QUIET.replace("today", f"on day {i}"))
    (folder / "empty.txt").write_text("")
    return sorted(str(p) for p in folder.iterdir())


def rows(out: Path) -> dict[str, dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    found = [json.loads(line) for line in lines]
    assert len({r["source"] for r in found}) == len(found), "an input has two rows"
    return {r["source"]: r for r in found}


def job(out: Path) -> dict[str, Any]:
    return json.loads((out / "batch" / "job.json").read_text(encoding="utf-8"))


def test_when_submitted_then_requests_are_uploaded_and_the_job_recorded(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    sources = corpus(tmp_path / "calls")
    out = tmp_path / "out"
    run = cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--no-drafts")
    assert run.exit_code == 0, run.stderr
    recorded = job(out)
    [part] = recorded["parts"]
    assert run.stdout.startswith(part["batch_id"])
    assert api.batches[part["batch_id"]]["status"] == "validating"
    requests = (out / "batch" / "requests-1.jsonl").read_bytes()
    assert api.uploads == [requests]
    lines = [json.loads(line) for line in requests.splitlines()]
    assert len(lines) == part["requests"] == 6  # the empty file is not sent
    body = lines[0]["body"]
    assert body["model"] == "test-model" and body["temperature"] == 0
    assert body["response_format"]["json_schema"]["name"] == "Diagnosis"
    assert body["response_format"]["json_schema"]["strict"] is True
    entries = [
        json.loads(line) for line in (out / "batch" / "inputs.jsonl").read_text().splitlines()
    ]
    assert sorted(e["source"] for e in entries) == sources
    assert {e["state"] for e in entries} == {"batch", "failed"}
    assert "1 input(s) could not be read" in run.stderr
    assert not (out / "results.jsonl").exists()  # results come with collect


def test_when_redact_then_no_identifier_or_private_fact_is_written_or_uploaded(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls")
    out = tmp_path / "out"
    private = "$212,000"
    run = cli(
        "batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--redact",
        "--private", private,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    written = "".join(p.read_text() for p in (out / "batch").iterdir())
    uploaded = b"".join(api.uploads).decode()
    for text in (written, uploaded):
        assert not any(p in text for p in PII)
        assert "[EMAIL_1]" in text
        assert KEY not in text
    assert private not in (out / "batch" / "job.json").read_text()

    control = cli("batch", "submit", str(tmp_path / "calls"), "--out", str(tmp_path / "plain"))
    assert control.exit_code == 0
    assert PII[0] in (tmp_path / "plain" / "batch" / "requests-1.jsonl").read_text()


def test_when_batch_not_finished_then_status_says_so_and_collect_writes_nothing(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls")
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out)).exit_code == 0
    for state in ("validating", "in_progress"):
        api.advance_all(state)
        status = cli("batch", "status", str(out))
        assert status.exit_code == 0 and f"\t{state}\t" in status.stdout
        collect = cli("batch", "collect", str(out))
        assert collect.exit_code == 3
        assert "has not finished" in collect.stderr
        assert not (out / "results.jsonl").exists()


def test_when_completed_then_collect_gives_the_online_analyses(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls")
    out, online = tmp_path / "out", tmp_path / "online"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--no-drafts").exit_code == 0  # fmt: skip
    api.advance_all("completed")
    status = cli("batch", "status", str(out))
    assert "\tcompleted\t6/6 completed\t0 failed" in status.stdout
    collect = cli("batch", "collect", str(out), "--format", "jsonl")
    assert collect.exit_code == 1, collect.stderr  # the empty file
    assert api.chat_bodies == []  # every answer came from the batch, none was re-asked
    live = cli(
        "analyze", str(tmp_path / "calls"), "--engine", "llm", "--no-drafts", "--no-cache",
        "--out", str(online), "--format", "jsonl",
    )  # fmt: skip
    assert live.exit_code == 1, live.stderr
    assert len(api.chat_bodies) == 6
    assert rows(out) == rows(online)
    assert collect.stdout == live.stdout
    for name in ("results.csv", "summary.md"):
        assert (out / name).read_text() == (online / name).read_text()
    assert sorted(p.name for p in (out / RESULTS_DIR).iterdir()) == sorted(
        p.name for p in (online / RESULTS_DIR).iterdir()
    )
    deal = next(r for s, r in rows(out).items() if "deal_0" in s)
    assert (deal["engine"], deal["stage"], deal["end_type"]) == ("llm", "end", "firm")


def test_when_drafting_then_drafts_are_written_online_at_collect(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls", deals=2, quiet=1)
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out)).exit_code == 0
    api.advance_all("completed")
    collect = cli("batch", "collect", str(out))
    assert collect.exit_code == 1
    names = [b["response_format"]["json_schema"]["name"] for b in api.chat_bodies]
    assert names and set(names) == {"Drafts"}  # one drafting call per impasse, no diagnosis
    deals = [r for s, r in rows(out).items() if "deal_" in s]
    assert all(r["drafts"] and r["usage"]["calls"] >= 2 for r in deals)


def test_when_some_requests_fail_and_the_batch_expires_then_error_rows_that_resume_retries_online(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    sources = corpus(tmp_path / "calls")
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--no-drafts").exit_code == 0  # fmt: skip
    api.plan.fail_ids = {"impasse-1"}  # HTTP 500 for the second input
    api.plan.expire_after = 4  # the last two requests never ran
    api.advance_all("expired")
    collect = cli("batch", "collect", str(out), "--format", "jsonl")
    assert collect.exit_code == 1
    found = rows(out)
    assert sorted(found) == sources
    errors = {Path(s).name: r["error"] for s, r in found.items() if "error" in r}
    assert sorted(errors) == ["deal_1.txt", "empty.txt", "quiet_1.txt", "quiet_2.txt"]
    assert "HTTP 500" in errors["deal_1.txt"] and "--resume" in errors["deal_1.txt"]
    assert "batch_expired" in errors["quiet_2.txt"]
    assert api.chat_bodies == []

    again = cli(
        "analyze", str(tmp_path / "calls"), "--engine", "llm", "--no-drafts", "--out", str(out),
        "--resume", "--format", "jsonl",
    )  # fmt: skip
    assert again.exit_code == 1  # the empty file still fails
    assert len(api.chat_bodies) == 3  # only the three unanswered inputs went online
    assert "3 reused" in again.stderr
    final = rows(out)
    assert sorted(Path(s).name for s, r in final.items() if "error" in r) == ["empty.txt"]


def test_when_a_batch_fails_validation_then_every_request_is_an_error_row(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls")
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out)).exit_code == 0
    api.advance_all("failed")
    status = cli("batch", "status", str(out))
    assert "\tfailed\t" in status.stdout and "invalid request file" in status.stdout
    collect = cli("batch", "collect", str(out), "--format", "jsonl")
    assert collect.exit_code == 1
    errors = [r["error"] for r in rows(out).values()]
    assert len(errors) == 7
    assert sum("the batch job failed: invalid request file" in e for e in errors) == 6


def test_when_collect_runs_again_after_a_crash_then_no_duplicates_and_no_new_downloads(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    sources = corpus(tmp_path / "calls")
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--no-drafts").exit_code == 0  # fmt: skip
    api.advance_all("completed")
    assert cli("batch", "collect", str(out)).exit_code == 1
    downloads = list(api.downloads)
    # What a crash leaves: the last rows lost, a half-written line, a stale lock file.
    results, state = out / "results.jsonl", out / ".impasse-state.jsonl"
    results.write_text("".join(results.read_text().splitlines(keepends=True)[:3]) + '{"sour')
    state.write_text("".join(state.read_text().splitlines(keepends=True)[:3]))
    (out / ".impasse-lock").write_text('{"pid": 999999, "host": "gone"}\n')
    again = cli("batch", "collect", str(out), "--format", "jsonl")
    assert again.exit_code == 1, again.stderr
    assert "3 reused" in again.stderr
    assert api.downloads == downloads  # the answers were kept, not fetched again
    assert sorted(rows(out)) == sources
    assert all(parse_result(line) for line in results.read_text().splitlines())


def test_when_an_answer_is_unusable_then_reask_online_then_offline_fallback(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "deal.txt").write_text(DEAL)
    out = tmp_path / "out"
    api.answer = lambda body: "I would rather not answer in JSON."
    assert cli("batch", "submit", str(folder), "--out", str(out), "--no-drafts").exit_code == 0
    api.advance_all("completed")
    collect = cli("batch", "collect", str(out), "--format", "jsonl")
    # The LLM engine was asked for: its fallback is written but counts as a failure, so
    # --resume tries it again.
    assert collect.exit_code == 1
    assert len(api.chat_bodies) == 1  # the one re-ask, online
    [row] = rows(out).values()
    assert row["engine"] == "offline" and row["fallback"]["kind"] == "bad_answer"
    assert row["stage"] == "end"  # the offline engine's reading of the deal


def test_when_input_changed_since_submit_then_its_answer_is_not_used(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "deal.txt").write_text(DEAL)
    out = tmp_path / "out"
    assert cli("batch", "submit", str(folder), "--out", str(out), "--no-drafts").exit_code == 0
    (folder / "deal.txt").write_text(QUIET)
    api.advance_all("completed")
    collect = cli("batch", "collect", str(out), "--format", "jsonl")
    assert collect.exit_code == 1
    [row] = rows(out).values()
    assert "changed since submit" in row["error"]


def test_when_private_facts_differ_at_collect_then_usage_error(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls", deals=1, quiet=0)
    out = tmp_path / "out"
    submit = cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--private", "$190k")  # fmt: skip
    assert submit.exit_code == 0
    api.advance_all("completed")
    wrong = cli("batch", "collect", str(out))
    assert wrong.exit_code == 2 and "--private" in wrong.stderr
    right = cli("batch", "collect", str(out), "--private", "$190k")
    assert right.exit_code == 1, right.stderr  # the empty file


def test_when_many_requests_then_split_into_jobs_within_the_limits(
    tmp_path: Path, api: FakeBatchAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analyzer.batch import openai_batch

    monkeypatch.setattr(openai_batch, "MAX_REQUESTS_PER_BATCH", 4)
    sources = corpus(tmp_path / "calls", deals=5, quiet=5)
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out), "--no-drafts").exit_code == 0  # fmt: skip
    assert [p["requests"] for p in job(out)["parts"]] == [4, 4, 2]
    api.advance(job(out)["parts"][0]["batch_id"], "completed")
    assert cli("batch", "collect", str(out)).exit_code == 3  # all jobs or nothing
    api.advance_all("completed")
    assert cli("batch", "collect", str(out)).exit_code == 1
    assert sorted(rows(out)) == sources
    assert api.chat_bodies == []


def test_when_a_conversation_needs_several_windows_then_collect_analyses_it_online(
    tmp_path: Path, api: FakeBatchAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPASSE_CONTEXT_TOKENS", "4000")  # about 1,000 tokens for the text
    monkeypatch.setenv("IMPASSE_MAX_OUTPUT_TOKENS", "600")
    folder = tmp_path / "calls"
    folder.mkdir()
    turns = "".join(f"{'Marco' if i % 2 else 'Dana'}: Here are my notes on item {i} of the agenda for Tuesday.\n" for i in range(120))  # fmt: skip
    (folder / "long.txt").write_text(turns)
    (folder / "deal.txt").write_text(DEAL)
    out = tmp_path / "out"
    submit = cli("batch", "submit", str(folder), "--out", str(out), "--no-drafts")
    assert submit.exit_code == 0, submit.stderr
    assert "1 input(s) too long for one request" in submit.stderr
    api.advance_all("completed")
    assert cli("batch", "collect", str(out)).exit_code == 0
    assert len(api.chat_bodies) >= 2  # the long one, window by window
    assert all(r["engine"] == "llm" for r in rows(out).values())


def test_when_no_batch_was_submitted_then_status_and_collect_say_what_to_do(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    for command in ("status", "collect"):
        run = cli("batch", command, str(tmp_path / "nothing"))
        assert run.exit_code == 2 and "batch submit" in run.stderr


def test_when_submitting_twice_to_one_folder_then_the_second_is_refused(
    tmp_path: Path, api: FakeBatchAPI
) -> None:
    corpus(tmp_path / "calls", deals=1, quiet=1)
    out = tmp_path / "out"
    assert cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out)).exit_code == 0
    again = cli("batch", "submit", str(tmp_path / "calls"), "--out", str(out))
    assert again.exit_code == 2 and "already holds a submitted batch" in again.stderr
    assert len(api.batches) == 1


def test_when_no_key_or_endpoint_then_submit_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    corpus(tmp_path / "calls", deals=1, quiet=0)
    run = cli("batch", "submit", str(tmp_path / "calls"), "--out", str(tmp_path / "out"))
    assert run.exit_code == 2 and "OPENAI_API_KEY" in run.stderr
    assert not (tmp_path / "out").exists()
