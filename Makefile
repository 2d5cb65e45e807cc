# Two commands do everything on a fresh Debian/Ubuntu machine with Python 3.11:
#   make run    set up, then run the app on the bundled packs
#   make test   set up (system packages for the desktop tests too), then run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-lowest test-wheel lint bench seed venv system-deps-run system-deps-test clean help

help:
	@echo "make run    set up and run the Expander tray app on the bundled packs"
	@echo "make test   set up and run the whole test suite (desktop tests under Xvfb)"
	@echo "make test-lowest  the tests without a screen on the lowest dependency versions allowed"
	@echo "make test-wheel  build the wheel, install it in a fresh venv as an agent would, try it"
	@echo "make lint   ruff and mypy"
	@echo "make bench  benchmarks (results in bench/results/)"
	@echo "make seed   rewrite the vectors and indexes shipped for the bundled packs (after editing one)"

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

# What an agent installs: the wheel, with the desktop extras, in a virtualenv of its own
# (as pipx does), tried from an empty folder with HOME, EXPANDER_HOME and the XDG folders
# in a temporary one: the version, the bundled packs and the English model found inside
# the install, a suggestion, the menu launcher and the autostart entry naming its script;
# and the packs found in an install outside the venv's prefix (pip --user, Debian's pip).
WHEEL_VENV ?= build/venv-wheel
test-wheel: venv
	rm -rf build dist $(WHEEL_VENV)
	$(BIN)/python -m pip wheel -q --no-deps -w dist .
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install -q "$$(ls dist/expander-*.whl)[desktop]"
	$(WHEEL_VENV)/bin/python -m pip check
	@set -euo pipefail; venv="$(abspath $(WHEEL_VENV))"; x="$$venv/bin/expander"; \
	wheel=$$(ls "$$PWD"/dist/expander-*.whl); version=$$(echo "$$wheel" | sed 's/.*expander-\([^-]*\)-.*/\1/'); \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; cd "$$tmp"; \
	export HOME="$$tmp" EXPANDER_HOME="$$tmp/expander" XDG_CONFIG_HOME="$$tmp/config" \
		XDG_DATA_HOME="$$tmp/data"; \
	test "$$("$$x" --version)" = "expander $$version"; \
	"$$x" paths --json | "$$venv/bin/python" -c 'import json, sys; \
		b = json.load(sys.stdin)["bundled"]; \
		assert b.startswith(sys.prefix + "/"), f"bundled packs outside the venv: {b}"'; \
	"$$x" list --json | "$$venv/bin/python" -c 'import json, sys; \
		n = {s["pack"] for s in json.load(sys.stdin)}; \
		assert {"support-en", "support-pl", "support-ru"} <= n, n'; \
	"$$venv/bin/python" -c 'from expander.suggest.minilm import english_encoder as e; \
		assert e() is not None, "no English model in the wheel"'; \
	"$$venv/bin/python" -c 'from expander.suggest.vector_cache import SEED_DIR as d; \
		assert len(list(d.glob("vectors-*.bin"))) == 2, "no vector seed in the wheel"'; \
	echo "Hello, I want to return the shoes from order 12345. How do I send them back? Anna" \
		| "$$x" suggest --json --limit 1 | "$$venv/bin/python" -c 'import json, sys; \
		assert json.load(sys.stdin)["suggestions"][0]["id"] == "return-en"'; \
	"$$x" install-desktop >/dev/null; "$$x" autostart on >/dev/null; \
	for f in "$$tmp/data/applications/expander.desktop" "$$tmp/config/autostart/expander.desktop"; do \
		grep -qxF "Exec=$$x run" "$$f"; \
		if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$$f"; fi; \
	done; \
	test -s "$$tmp/data/icons/hicolor/scalable/apps/expander.svg"; \
	"$$venv/bin/python" -m pip install -q --no-deps --ignore-installed --prefix "$$tmp/prefix" "$$wheel"; \
	PYTHONPATH=$$(echo "$$tmp"/prefix/lib/python3*/site-packages) "$$venv/bin/python" -m expander \
		paths --json | "$$venv/bin/python" -c 'import json, sys; \
		b = json.load(sys.stdin)["bundled"]; \
		assert b == sys.argv[1], f"pip install --prefix: bundled packs not found ({b})"' \
		"$$tmp/prefix/share/expander/snippets"; \
	echo "test-wheel: $$wheel works, installed in $(WHEEL_VENV)"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: venv
	$(BIN)/python bench/run.py

seed: venv
	$(BIN)/python scripts/build_seed.py

clean:
	rm -rf $(VENV) $(LOWEST) dist build *.egg-info .pytest_cache .mypy_cache .ruff_cache
