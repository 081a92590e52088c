# Bistånd — the two commands a newcomer needs:
#   make run    set everything up, load the demo city Demostad (SQLite) and start the app on :8000
#               (with BISTAND_DEBUG=1: the demo runs in development mode; production is the default)
#   make test   set everything up and run the whole test suite (ruff + pytest, browser tests included)
# Set DATABASE_URL=postgres://… to use PostgreSQL instead of the embedded SQLite.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup system-deps demo lint bench clean

$(BIN)/bistand: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(BIN)/bistand

setup: system-deps $(BIN)/bistand

# Debian packages the tests need: Chromium for the browser tests, poppler for reading PDFs back.
system-deps:
	@./scripts/system-deps.sh

# The demo runs in development mode (DEBUG on, development secret key); see the README for production.
run: export BISTAND_DEBUG = 1
run: $(BIN)/bistand
	$(BIN)/bistand migrate --noinput
	$(BIN)/bistand build_demo
	$(BIN)/bistand runserver 127.0.0.1:$(PORT)

demo: export BISTAND_DEBUG = 1
demo: $(BIN)/bistand
	$(BIN)/bistand migrate --noinput
	$(BIN)/bistand build_demo --flush

lint: $(BIN)/bistand
	$(BIN)/ruff check bistand tests benchmarks
	$(BIN)/ruff format --check bistand tests benchmarks

test: setup lint
	BISTAND_DEBUG=1 $(BIN)/bistand makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(BIN)/bistand
	$(BIN)/python benchmarks/calculation_bench.py
	$(BIN)/python benchmarks/durations_bench.py

clean:
	rm -rf $(VENV) var test-artifacts
