# Bistånd — the two commands a newcomer needs:
#   make run    set everything up, load the demo city Demostad (SQLite) and start the app on :8000
#               (with BISTAND_DEBUG=1: the demo runs in development mode; production is the default)
#   make test   set everything up and run the whole test suite (ruff, import contracts, mypy, pytest with
#               the browser tests)
# Set DATABASE_URL=postgres://… to use PostgreSQL instead of the embedded SQLite.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup system-deps demo lint bench clean

# Dependencies: pyproject.toml is the one source (runtime list and the `dev` extra); the locked, hashed
# files in requirements/ are made from it by scripts/lock-requirements.sh. `make run` installs only what
# running needs; `make test` adds the development and test tools.
$(BIN)/bistand: requirements/runtime.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/runtime.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(BIN)/bistand

$(VENV)/.dev-installed: requirements/dev.txt $(BIN)/bistand
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $(VENV)/.dev-installed

setup: system-deps $(VENV)/.dev-installed

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

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check bistand tests benchmarks
	$(BIN)/ruff format --check bistand tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: setup lint
	BISTAND_DEBUG=1 $(BIN)/bistand makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/calculation_bench.py
	$(BIN)/python benchmarks/durations_bench.py

clean:
	rm -rf $(VENV) var test-artifacts
