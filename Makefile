# Two commands from a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# `make serve PORT=9000`: the facilitator's apps on 9000, the members' form on PORT + 1 (or FORM_PORT=...).
PORT ?= 8866
FORM_PORT ?= $(shell echo $$(( $(PORT) + 1 )))

.PHONY: setup system-packages serve test lint demo bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's chromium drives the browser tests (Playwright cannot download its own browser);
# poppler-utils renders the PDF reports to PNG so that the tests can look at them.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

serve: setup
	$(BIN)/netvaerk serve --port $(PORT) --form-port $(FORM_PORT)

test: setup system-packages
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

demo: setup
	$(BIN)/netvaerk demo

bench: setup system-packages
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done
