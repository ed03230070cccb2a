# One command surface for the site. `make` alone lists the commands.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)

.PHONY: help setup browser tools data check-data serve build lint check test bench clean lock

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@# The project folder on the venv's path, so mkdocs.yml can list `scripts.mdext` as a Markdown extension.
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "deepseek_moment.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## Create .venv and install the pinned dependencies (only when the lock changes)

data: setup ## Validate data/ and regenerate snippets/ (writes only files that change)
	$(BIN)/python -m scripts generate

check-data: setup ## Fail if data/ is invalid or a committed snippet is stale
	$(BIN)/python -m scripts generate --check

serve: data ## Preview at http://127.0.0.1:8000 with live reload (data/, snippets/, scripts/ watched)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: data ## Strict build of the static site into site/
	$(BIN)/mkdocs build --strict --clean

browser: ## Install Debian's Chromium for the browser tests if it is missing (needs root and apt)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: chromium not found; browser tests will be skipped (install Debian's chromium to run them)"; fi; }

tools: ## Install the Node test tools pinned in tools/package-lock.json (the Nu HTML Checker)
	@if command -v npm >/dev/null; then \
	  test -f tools/node_modules/.package-lock.json -a tools/node_modules/.package-lock.json -nt tools/package-lock.json || \
	    npm ci --prefix tools --no-audit --no-fund --loglevel=error; \
	else echo "note: npm not found; the HTML validation test will be skipped"; fi

lint: setup ## Lint and formatting (ruff, pinned in requirements.lock)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint ## Fast tier: lint, data, generators, content, translations, one strict build; no browser
	$(BIN)/python -m scripts generate --check
	$(BIN)/python -m scripts translations
	$(BIN)/python -m pytest -q -m "not slow"

test: lint browser tools ## Run the whole test suite (what CI runs: adds browser, links, HTML, serve)
	$(BIN)/python -m pytest

bench: setup ## Measure builds, serve latency, test times, page weight, Lighthouse; writes docs/how-this-site-is-built.md
	$(BIN)/python -m bench

lock: ## Re-resolve requirements.in into the hashed requirements.lock (needs network)
	$(BIN)/python -m pip install --quiet uv && $(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes -o requirements.lock

clean: ## Remove site/ and caches (keeps .venv)
	rm -rf site .pytest_cache
