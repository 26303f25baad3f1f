# Z+V Portaal — developer entry points. GNU make.
#
#   make install   system packages (apt, when allowed) + .venv with the app and test deps,
#                  exactly as pinned (with hashes) in requirements/test.txt, + the test
#                  OpenID Connect provider (npm ci in tests/oidc_provider, needs node/npm)
#   make run       install, migrate, load demo data, start the development server on :8000
#   make test      install, run the whole pytest suite (incl. real-browser tests in tests/e2e)
#   make lint      ruff check + ruff format --check
#   make bench     run the benchmark (bench/run)
#   make load      load test on the production shape (bench/load; needs the local PostgreSQL)
#   make backup    database + uploaded documents into one file (var/backups/; OUTPUT=file)
#   make restore FILE=...   put a backup back (REPLACE=1: over existing data; docs/operations.md)
#   make lock      recompile requirements/*.txt after editing pyproject.toml (keeps other pins)
#   make lock-upgrade   upgrade every pin to the newest release pyproject.toml allows
#                       (one package: make lock-upgrade PACKAGE=weasyprint)
#
# DATABASE_URL is passed through unchanged (default: SQLite in var/).
# Extra pytest arguments: make test PYTEST_ARGS='-k login -x'

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP := $(VPY) -m pip --disable-pip-version-check
# The lock: runtime dependencies (also the Docker image) and runtime + test extras (.venv, CI).
LOCK_BASE := requirements/base.txt
LOCK_TEST := requirements/test.txt
PYTEST_ARGS ?=
RUNSERVER_ADDR ?= 127.0.0.1:8000

.PHONY: help install system-deps system-deps-runtime venv node-deps run test lint bench load backup restore clean \
	distclean lock lock-upgrade _compile-lock

help:
	@echo "Targets:"
	@echo "  make install   system packages + virtualenv (.venv) with app and test dependencies"
	@echo "  make run       migrate, seed demo data and start http://$(RUNSERVER_ADDR)/"
	@echo "  make test      run the full test suite (PYTEST_ARGS='...' for extra arguments)"
	@echo "  make lint      ruff check and ruff format --check"
	@echo "  make bench     run the benchmark (bench/run)"
	@echo "  make load      load test: gunicorn + PostgreSQL on 127.0.0.1 (bench/load)"
	@echo "  make backup    back-up of database and documents (OUTPUT=file; docs/operations.md)"
	@echo "  make restore FILE=...   restore a backup (REPLACE=1 over existing data)"
	@echo "  make lock      recompile the lock (requirements/*.txt) after editing pyproject.toml"
	@echo "  make lock-upgrade   upgrade all pins (PACKAGE=name: only that one)"
	@echo "  make clean     remove caches and test artifacts (distclean: also .venv)"

# --- system packages -------------------------------------------------------------------------
# Runtime packages (graphviz, pango, fonts) are required; test packages (chromium,
# poppler-utils) only warn when missing, except with CI=true. See the script for details.
system-deps:
	@scripts/check_system_deps.sh

system-deps-runtime:
	@scripts/check_system_deps.sh --runtime-only

# --- virtualenv ------------------------------------------------------------------------------
$(VPY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "ERROR: $(PYTHON) not found. Install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)." >&2; \
		exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
		echo "ERROR: Python 3.11 or newer is required, $(PYTHON) is $$($(PYTHON) -c 'import platform; print(platform.python_version())')." >&2; \
		echo "       Use another interpreter with: make install PYTHON=/path/to/python3.11" >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "ERROR: creating the virtualenv failed. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; \
		exit 1; }

# Install exactly the locked versions (every file checked against its hash), then the project
# itself without dependencies (`packages = []`: only its metadata; the code runs from here).
# Reinstall only when the lock or pyproject.toml changed (or the venv is new): keeps make
# run/test fast. Packages dropped from the lock stay in an old venv: make distclean for a new one.
$(STAMP): pyproject.toml $(LOCK_BASE) $(LOCK_TEST) | $(VPY)
	$(PIP) install -q --require-hashes -r $(LOCK_TEST)
	$(PIP) install -q --no-deps -e .
	@touch $@

venv: $(STAMP)
	@mkdir -p var/staticfiles

# The real OpenID Connect provider the SSO tests start (tests/oidc_provider: node and panva's
# oidc-provider, pinned in its package-lock.json). npm ci runs when node_modules is missing or
# older than the lock. Without node/npm: a warning (the SSO tests then fail with the command
# to run), an error with CI=true (CI never skips tests).
OIDC_PROVIDER_DIR := tests/oidc_provider
OIDC_PROVIDER_STAMP := $(OIDC_PROVIDER_DIR)/node_modules/.zv-installed

$(OIDC_PROVIDER_STAMP): $(OIDC_PROVIDER_DIR)/package.json $(OIDC_PROVIDER_DIR)/package-lock.json
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(OIDC_PROVIDER_DIR) --no-audit --no-fund && touch $@; \
	else \
		echo "node/npm not found: the SSO tests need Node.js 20+ with npm (Debian: sudo apt-get install nodejs npm)," >&2; \
		echo "then: npm ci --prefix $(OIDC_PROVIDER_DIR)" >&2; \
		case "$${CI:-}" in 1|true|TRUE|True|yes) echo "ERROR: CI=true and node/npm are missing" >&2; exit 1;; esac; \
		echo "WARNING: continuing without the test OpenID Connect provider" >&2; \
	fi

node-deps: $(OIDC_PROVIDER_STAMP)

install: system-deps venv node-deps

# --- day-to-day ------------------------------------------------------------------------------
# The task worker runs next to the server (mails: on its console and at /dev/mail/ in DEBUG,
# docs/mail.md) and stops with it.
run: system-deps-runtime venv
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py seed_demo
	$(VPY) manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VPY) manage.py runserver $(RUNSERVER_ADDR)

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: venv
	$(VPY) bench/run

load: venv
	$(VPY) bench/load

# --- backup and restore (core/backup.py, docs/operations.md) --------------------------------
OUTPUT ?=
FILE ?=
REPLACE ?=
backup: venv
	$(VPY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: venv
	@test -n "$(FILE)" || { echo "ERROR: give the backup file: make restore FILE=var/backups/....tar" >&2; exit 2; }
	$(VPY) manage.py restore "$(FILE)" $(if $(REPLACE),--replace)

# --- the lock (requirements/*.txt) ----------------------------------------------------------
# pip-compile runs in a throw-away virtualenv, so pip-tools is no dependency of the app. It
# asks PyPI only (no pip config, no local wheel directories), so the hashes in the lock are
# those of PyPI's files, the same on every machine. base.txt first: test.in constrains
# test.txt to its pins, so the app runs on the same versions in Docker as in CI.
# `make lock` keeps every pin that pyproject.toml still allows; lock-upgrade moves them.
# The lock is resolved for CPython 3.11 on Linux, the Python of CI and of the Docker image.
LOCK_PYTHON_VERSION := 3.11
LOCK_TOOLS := pip==26.3 pip-tools==7.7.0
LOCK_INDEX_URL ?= https://pypi.org/simple
PACKAGE ?=
comma := ,
LOCK_ENV := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT \
	-u PIP_REQUIRE_HASHES PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 \
	CUSTOM_COMPILE_COMMAND="make lock"
PIP_COMPILE_ARGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	--index-url $(LOCK_INDEX_URL)

lock:
	@$(MAKE) --no-print-directory _compile-lock UPGRADE=

lock-upgrade:
	@$(MAKE) --no-print-directory _compile-lock UPGRADE="$(if $(PACKAGE),$(PACKAGE),:all:)"

# UPGRADE: empty (keep pins), :all:, or one package name. A single package is passed to the
# base.txt compile only when base.txt pins it (pip-compile would otherwise add it there).
_compile-lock:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma),$(LOCK_PYTHON_VERSION))))' || { \
		echo "ERROR: the lock is compiled with Python $(LOCK_PYTHON_VERSION) (CI, Docker); $(PYTHON) is another." >&2; \
		echo "       Use: make $(MAKECMDGOALS) PYTHON=/path/to/python$(LOCK_PYTHON_VERSION)" >&2; \
		exit 1; }
	@tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	upgrade="$(UPGRADE)"; base_up=(); test_up=(); \
	if [[ "$$upgrade" == ":all:" ]]; then \
		base_up=(--upgrade); test_up=(--upgrade); \
	elif [[ -n "$$upgrade" ]]; then \
		pkg=$$(echo "$$upgrade" | tr 'A-Z_.' 'a-z--'); test_up=(--upgrade-package "$$pkg"); \
		if grep -q "^$$pkg==" $(LOCK_BASE); then base_up=(--upgrade-package "$$pkg"); fi; \
	fi; \
	echo "pip-compile in a throw-away venv ($$tools), index $(LOCK_INDEX_URL)"; \
	$(LOCK_ENV) $(PYTHON) -m venv "$$tools"; \
	$(LOCK_ENV) "$$tools/bin/python" -m pip install -q --index-url $(LOCK_INDEX_URL) $(LOCK_TOOLS); \
	$(LOCK_ENV) "$$tools/bin/pip-compile" $(PIP_COMPILE_ARGS) $${base_up[@]+"$${base_up[@]}"} \
		-o $(LOCK_BASE) pyproject.toml; \
	$(LOCK_ENV) "$$tools/bin/pip-compile" $(PIP_COMPILE_ARGS) $${test_up[@]+"$${test_up[@]}"} \
		--extra test -o $(LOCK_TEST) pyproject.toml requirements/test.in; \
	echo "Updated $(LOCK_BASE) and $(LOCK_TEST); review with: git diff requirements/"

clean:
	rm -rf test-artifacts .pytest_cache .ruff_cache var/staticfiles
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info $(OIDC_PROVIDER_DIR)/node_modules
