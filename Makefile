# Task runner. Every target works from a fresh clone once `make install` has run.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The web app runs from its own, non-editable environment, so that `make test`
# (which reinstalls into $(VENV)) never breaks a running app (the README's first command).
APP_VENV ?= .venv-app

.PHONY: install app-install test lint format typecheck check ui lock bench conformance eval cassettes cassettes-local train clean

$(PY):
	python3 -m venv $(VENV)

install: $(PY)
	$(PIP) install -c requirements.lock -e '.[dev,ray]'

test: install
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck:
	$(VENV)/bin/mypy

check: lint typecheck test

$(APP_VENV)/bin/python:
	python3 -m venv $(APP_VENV)

app-install: $(APP_VENV)/bin/python
	$(APP_VENV)/bin/pip install -c requirements.lock .

ui: app-install
	$(APP_VENV)/bin/impasse ui

# Re-pin every dependency from a clean environment (run after changing pyproject.toml).
lock:
	rm -rf .lockenv && python3 -m venv .lockenv
	.lockenv/bin/pip install -q -e '.[dev,ray]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock
	rm -rf .lockenv

bench:
	for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b; done

cassettes:
	scripts/record_cassettes.sh

cassettes-local:
	scripts/record_local_model.sh

conformance:
	$(PY) -m pytest tests/conformance -q -s

# Every learned model, in the order they depend on each other: the sentence reader and the
# gate, then the conversation reader (it reads the sentence reader's probabilities), then
# the confidence calibration (it reads the engine's verdicts). Deterministic.
train:
	$(PY) training/train_readers.py
	$(PY) training/train_verdict.py
	$(PY) training/fit_calibration.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
