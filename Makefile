# The single entry point. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: run test lint sysdeps install bench ci reset-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the pins change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# System packages the project needs: Debian's Chromium (browser tests) and CJK fonts.
sysdeps:
	@bash scripts/sysdeps.sh

run: install
	$(BIN)/gongkai migrate --no-input
	$(BIN)/gongkai demo
	$(BIN)/gongkai runserver $(HOST)

test: install sysdeps
	$(BIN)/ruff check .
	$(BIN)/gongkai makemigrations --check --dry-run --no-input > /dev/null
	$(BIN)/gongkai test --parallel=1 $(TESTS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/calendar_bench.py
	$(BIN)/python bench/report_bench.py

reset-db:
	rm -f data/gongkai.sqlite3*
