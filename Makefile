# Two commands do everything on a fresh Debian/Ubuntu machine with Python 3.11:
#   make run    set up, then run the app on the bundled packs
#   make test   set up (system packages for the desktop tests too), then run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-lowest lint bench venv system-deps-run system-deps-test clean help

help:
	@echo "make run    set up and run the Expander tray app on the bundled packs"
	@echo "make test   set up and run the whole test suite (desktop tests under Xvfb)"
	@echo "make test-lowest  the tests without a screen on the lowest dependency versions allowed"
	@echo "make lint   ruff and mypy"
	@echo "make bench  benchmarks (results in bench/results/)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Expander needs Python 3.11 or newer ($(PYTHON) is older); try: make PYTHON=python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[desktop,tray,dev]'
	@touch $@

venv: $(STAMP)

system-deps-run:
	@PYTHON=$(PYTHON) scripts/system-deps.sh run

system-deps-test:
	@PYTHON=$(PYTHON) scripts/system-deps.sh test

run: system-deps-run venv
	$(BIN)/expander run

test: system-deps-test venv
	$(BIN)/python -m pytest -n auto

# The suite (without the Xvfb tests) on the lowest versions pyproject.toml allows, in
# a virtualenv of its own: the lower bounds are measured, not hoped for.
LOWEST ?= .venv-lowest
test-lowest: venv
	@test -x $(LOWEST)/bin/python || $(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install -q $$($(BIN)/python scripts/lowest_deps.py) \
		pytest pytest-timeout pytest-xdist hypothesis cryptography
	$(LOWEST)/bin/python -m pip install -q --no-deps -e .
	$(LOWEST)/bin/python -m pip check
	$(LOWEST)/bin/python -m pytest -n auto -m "not desktop"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: venv
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(LOWEST) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
