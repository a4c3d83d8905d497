"""A stand-in for OpenAI's `/v1/files`, `/v1/batches` and `/v1/chat/completions`.

It validates what it is sent as the real service does (a batch's input file must exist,
each line must be a JSON request with a unique `custom_id`, the `/v1/chat/completions`
url, and a body naming a model), and moves each batch through the states a test asks for:
`validating` -> `in_progress` -> `completed` | `expired` | `failed`. On `completed` and
`expired` it writes the output and error files the way the service does: one line per
answered request in the output file; failed requests (`fail_ids`, HTTP 500) and requests
the batch did not reach before expiring (`expire_after`) in the error file.

`answer(body)` gives the assistant's content for one chat-completion body, so the batch
and the online endpoint answer the same request the same way.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[dict[str, Any]], str]

NO_IMPASSE = {
    "signals": [], "stage": "none", "end_type": None, "confidence": 0.7,
    "causes": [], "strategies": [], "summary": "No impasse.",
}  # fmt: skip


def no_impasse(body: dict[str, Any]) -> str:
    """A well-formed diagnosis that finds nothing (no re-ask, no drafts)."""
    return json.dumps(NO_IMPASSE)


def completion(content: str, model: str) -> dict[str, Any]:
    """A chat-completion body."""
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content, "refusal": None}}],
        "usage": {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
    }  # fmt: skip


@dataclass
class BatchPlan:
    """How the next batches end: which requests fail, how many run before expiry."""

    fail_ids: set[str] = field(default_factory=set)
    expire_after: int | None = None


@dataclass
class FakeBatchAPI:
    """The service's state; `url` is the base URL to give the client."""

    answer: Answer = no_impasse
    plan: BatchPlan = field(default_factory=BatchPlan)
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    chat_bodies: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[bytes] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- what a test does ----------------------------------------------------------------

    def advance(self, batch_id: str, status: str, errors: str = "invalid request file") -> None:
        """Move a batch to `status`; completing or expiring it writes its files."""
        with self.lock:
            batch = self.batches[batch_id]
            batch["status"] = status
            if status == "failed":
                batch["errors"] = {
                    "object": "list",
                    "data": [{"code": "invalid_request", "message": errors, "line": 1}],
                }
                batch["request_counts"]["failed"] = batch["request_counts"]["total"]
            if status in {"completed", "expired"}:
                self._finish(batch, expired=status == "expired")

    def advance_all(self, status: str) -> None:
        """Move every batch to `status`."""
        for batch_id in list(self.batches):
            self.advance(batch_id, status)

    # -- the service -----------------------------------------------------------------------

    def _finish(self, batch: dict[str, Any], *, expired: bool) -> None:
        lines = self.files[batch["input_file_id"]].decode().splitlines()
        output, errors = [], []
        for number, line in enumerate(lines):
            request = json.loads(line)
            cid = request["custom_id"]
            if expired and self.plan.expire_after is not None and number >= self.plan.expire_after:
                error = {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}  # fmt: skip
                errors.append(
                    {"id": f"req_{number}", "custom_id": cid, "response": None, "error": error}
                )
            elif cid in self.plan.fail_ids:
                body = {"error": {"message": "The server had an error", "type": "server_error"}}
                response = {"status_code": 500, "request_id": f"r{number}", "body": body}
                errors.append({"id": f"req_{number}", "custom_id": cid, "response": response, "error": None})  # fmt: skip
            else:
                body = completion(self.answer(request["body"]), request["body"]["model"])
                response = {"status_code": 200, "request_id": f"r{number}", "body": body}
                output.append({"id": f"req_{number}", "custom_id": cid, "response": response, "error": None})  # fmt: skip
        for kind, rows in (("output_file_id", output), ("error_file_id", errors)):
            if rows:
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode()
                batch[kind] = file_id
        batch["request_counts"] = {
            "total": len(lines), "completed": len(output), "failed": len(errors)
        }  # fmt: skip

    def create_batch(self, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        file_id = payload.get("input_file_id")
        if file_id not in self.files:
            return 400, {"error": {"message": f"No such File object: {file_id}"}}
        if (
            payload.get("endpoint") != "/v1/chat/completions"
            or payload.get("completion_window") != "24h"
        ):
            return 400, {"error": {"message": "unsupported endpoint or completion window"}}
        seen: set[str] = set()
        lines = self.files[file_id].decode().splitlines()
        for line in lines:
            request = json.loads(line)
            ok = (
                request.get("method") == "POST"
                and request.get("url") == "/v1/chat/completions"
                and isinstance(request.get("body"), dict)
                and request["body"].get("model")
                and request.get("custom_id") not in seen
            )
            if not ok:
                return 400, {"error": {"message": f"invalid request line: {line[:80]}"}}
            seen.add(request["custom_id"])
        batch_id = f"batch_{len(self.batches) + 1}"
        batch = {
            "id": batch_id, "object": "batch", "endpoint": payload["endpoint"],
            "errors": None, "input_file_id": file_id, "completion_window": "24h",
            "status": "validating", "output_file_id": None, "error_file_id": None,
            "created_at": 1, "metadata": payload.get("metadata"),
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }  # fmt: skip
        self.batches[batch_id] = batch
        return 200, batch


class _Handler(BaseHTTPRequestHandler):
    api: FakeBatchAPI

    def _send(self, status: int, payload: dict[str, Any] | bytes) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length", 0)))

    def do_POST(self) -> None:
        api = self.api
        body = self._body()
        if self.path == "/v1/files":
            message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
                b"content-type: " + self.headers["content-type"].encode() + b"\r\n\r\n" + body
            )
            fields = {
                part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
                for part in message.iter_parts()
            }
            if fields.get("purpose") != b"batch" or not fields.get("file"):
                self._send(400, {"error": {"message": "purpose must be batch, with a file"}})
                return
            with api.lock:
                file_id = f"file-{len(api.files) + 1}"
                api.files[file_id] = fields["file"]
                api.uploads.append(fields["file"])
            self._send(200, {
                "id": file_id, "object": "file", "bytes": len(fields["file"]), "created_at": 1,
                "filename": "requests.jsonl", "purpose": "batch", "status": "processed",
            })  # fmt: skip
        elif self.path == "/v1/batches":
            with api.lock:
                status, payload = api.create_batch(json.loads(body))
            self._send(status, payload)
        elif self.path == "/v1/chat/completions":
            request = json.loads(body)
            with api.lock:
                api.chat_bodies.append(request)
            self._send(200, completion(api.answer(request), request.get("model", "m")))
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_GET(self) -> None:
        api = self.api
        if match := re.fullmatch(r"/v1/batches/([\w-]+)", self.path):
            with api.lock:
                batch = api.batches.get(match.group(1))
            self._send(200, batch) if batch else self._send(404, {"error": {"message": "no batch"}})
        elif match := re.fullmatch(r"/v1/files/([\w-]+)/content", self.path):
            with api.lock:
                api.downloads.append(match.group(1))
                data = api.files.get(match.group(1))
            self._send(200, data) if data is not None else self._send(
                404, {"error": {"message": "no file"}}
            )
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def serve(api: FakeBatchAPI | None = None) -> Iterator[FakeBatchAPI]:
    """Run the stand-in on a free local port for the duration of a test."""
    api = api or FakeBatchAPI()
    handler = type("Handler", (_Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
