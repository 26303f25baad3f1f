# Z+V Portaal — developer entry points. GNU make.
#
#   make install   system packages (apt, when allowed) + .venv with the app and test deps
#   make run       install, migrate, load demo data, start the development server on :8000
#   make test      install, run the whole pytest suite (incl. real-browser tests in tests/e2e)
#   make lint      ruff check + ruff format --check
#   make bench     run the benchmark (bench/run)
#   make load      load test on the production shape (bench/load; needs the local PostgreSQL)
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
PYTEST_ARGS ?=
RUNSERVER_ADDR ?= 127.0.0.1:8000

.PHONY: help install system-deps system-deps-runtime venv run test lint bench load clean distclean

help:
	@echo "Targets:"
	@echo "  make install   system packages + virtualenv (.venv) with app and test dependencies"
	@echo "  make run       migrate, seed demo data and start http://$(RUNSERVER_ADDR)/"
	@echo "  make test      run the full test suite (PYTEST_ARGS='...' for extra arguments)"
	@echo "  make lint      ruff check and ruff format --check"
	@echo "  make bench     run the benchmark (bench/run)"
	@echo "  make load      load test: gunicorn + PostgreSQL on 127.0.0.1 (bench/load)"
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

# Reinstall only when pyproject.toml changed (or the venv is new): keeps make run/test fast.
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check -q -e '.[test]'
	@touch $@

venv: $(STAMP)
	@mkdir -p var/staticfiles

install: system-deps venv

# --- day-to-day ------------------------------------------------------------------------------
run: system-deps-runtime venv
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py seed_demo
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

clean:
	rm -rf test-artifacts .pytest_cache .ruff_cache var/staticfiles
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
