# The single entry point. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
UV_VERSION := 0.13.8

.PHONY: run test lint sysdeps install lock bench ci reset-db messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the pins change: exactly the lock's packages, each checked against its
# hashes, then gongkai itself without dependencies. A stale lock stops here (run `make lock`).
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python scripts/lock.py check
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Regenerate requirements.lock from pyproject.toml (runtime + dev, hashes, Python 3.11).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/python scripts/lock.py write

install: $(STAMP)

# System packages the project needs: Debian's Chromium (browser tests) and CJK fonts.
sysdeps:
	@bash scripts/sysdeps.sh

run: install
	$(BIN)/gongkai migrate --no-input
	$(BIN)/gongkai createcachetable
	$(BIN)/gongkai demo --site http://$(HOST)
	$(BIN)/gongkai runserver $(HOST)

test: install sysdeps
	$(BIN)/python scripts/lock.py check
	$(BIN)/ruff check .
	$(BIN)/gongkai makemigrations --check --dry-run --no-input > /dev/null
	$(BIN)/gongkai test --parallel=1 $(TESTS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/calendar_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/wild_bench.py

	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/dashboard_bench.py

	$(BIN)/python bench/checker_bench.py

# UI strings: refresh the English catalog from the Chinese source strings, then compile every
# catalog (the .mo files are committed). Never `-l zh_Hans`: that file holds only overrides.
I18N_IGNORE := --ignore=.venv --ignore=data --ignore=bench --ignore='*/tests/fixtures'
messages: install
	$(BIN)/gongkai makemessages -l en --no-obsolete --add-location=file $(I18N_IGNORE)
	$(BIN)/gongkai compilemessages $(I18N_IGNORE)

reset-db:
	rm -f data/gongkai.sqlite3*
