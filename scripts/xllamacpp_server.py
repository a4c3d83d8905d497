"""Serve a GGUF model with llama.cpp's own OpenAI-compatible server (the `xllamacpp` wheel).

Used by `scripts/record_local_model.sh` to record the local-model cassettes. The wheel is
prebuilt (it installs in seconds, no compiler needed) and accepts
`response_format: json_schema`; it returns no `tool_calls`, so the chain uses
`IMPASSE_STRUCTURED_METHOD=json_schema` with it.

    python scripts/xllamacpp_server.py MODEL.gguf --alias NAME --port 8766

One generation thread and two batch threads: on a 2-core machine two generation threads
nearly stop generation. Weight repacking into "extra" buffers is off, as in
`llama_server.py`, so the recorded answers do not depend on the host's CPU extensions.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

import xllamacpp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("--alias", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--n_ctx", type=int, default=8192)
    parser.add_argument("--n_threads", type=int, default=1)
    parser.add_argument("--n_threads_batch", type=int, default=2)
    args = parser.parse_args()
    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.model_alias = {args.alias}
    params.n_ctx = args.n_ctx
    params.n_parallel = 1  # one slot: the shared system prompt stays in its cache
    params.cpuparams.n_threads = args.n_threads
    params.cpuparams_batch.n_threads = args.n_threads_batch
    params.hostnames = [args.host]
    params.port = args.port
    params.use_jinja = True  # the model's own chat template
    params.no_extra_bufts = True
    server = xllamacpp.Server(params)
    print(f"serving {args.alias} at {server.listening_address}/v1", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    sys.exit(0)


if __name__ == "__main__":
    main()
