# Rød Løber — the two commands a newcomer needs:
#   make run    install, migrate, load demo data, serve http://127.0.0.1:8000
#   make test   the whole test suite (pytest) on SQLite, spread over the CPU cores
#   make test-fast  domain and unit tests (no database, no browser; the inner loop, under 90 s)
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers for make test / test-fast (ADR 0015): one per core, at most 4
# (each worker migrates its own test database and may start a Chromium).
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --maxprocesses 4 --dist loadgroup
# test-fast: the domain, architecture and docs tests, and every test of the apps
# below that needs neither the database nor a browser (`--unit-only`,
# tests/conftest.py). Left out: layers/landmap (geometry builds), security,
# config and ops (they start processes) and e2e.
FAST_TESTS := tests/domain tests/test_architecture.py tests/test_docs.py tests/test_unit_only.py \
  tests/test_facts_single_source.py tests/core tests/web tests/accounts tests/checks \
  tests/reports tests/saml tests/cases tests/cases_web tests/parks tests/audit tests/api

.PHONY: run test test-fast install install-dev check lint typecheck imports migrations-check openapi openapi-check lock vendor messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

run: install
	$(BIN)/rodloeber migrate --noinput
	$(BIN)/rodloeber layers bootstrap
	RODLOEBER_SERVER_URL=http://$(HOST):$(PORT) $(BIN)/rodloeber demo load
	@echo "Serving Rød Løber at http://$(HOST):$(PORT)/  (Ctrl+C stops)"
	$(BIN)/rodloeber runserver --insecure $(HOST):$(PORT)

test: install-dev
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

test-fast: install-dev
	$(BIN)/pytest $(XDIST) -p no:schemathesis -p no:anyio --unit-only $(FAST_TESTS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy

# Layers and independence between apps (pyproject.toml [tool.importlinter]).
imports: install-dev
	$(BIN)/lint-imports

migrations-check: install
	DJANGO_SETTINGS_MODULE=rodloeber.config.settings.test $(BIN)/rodloeber makemigrations --check --dry-run

openapi: install
	DJANGO_SETTINGS_MODULE=rodloeber.config.settings.test $(BIN)/rodloeber openapi --write

openapi-check: install
	DJANGO_SETTINGS_MODULE=rodloeber.config.settings.test $(BIN)/rodloeber openapi --check

check: lint typecheck imports migrations-check openapi-check

lock: install-dev
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt
	$(BIN)/pip-compile -q --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links requirements-dev.in -o requirements-dev.txt

vendor:
	bash scripts/refresh-vendor.sh

messages:
	bash scripts/i18n.sh

bench: install-dev
	$(BIN)/python bench/bench_planning.py --write docs/performance.md

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
