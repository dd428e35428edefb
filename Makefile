# Passerelle's one task runner. `make help` lists every task.
# `make run` and `make test` are the two a newcomer needs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
DATA_DIR := $(or $(PASSERELLE_DATA_DIR),$(CURDIR)/var)
export PASSERELLE_DATA_DIR := $(DATA_DIR)
UV := python3 -m uv
RUN := $(UV) run --frozen
PASSERELLE := $(RUN) passerelle
# The local PostgreSQL this machine runs (trust authentication); tests create test_passerelle.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/passerelle
# The local Redis this machine runs: the PostgreSQL test run's job queue (docs/jobs.md).
REDIS_URL ?= redis://127.0.0.1:6379/0
DEBIAN_PACKAGES := gettext poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
BROWSER_PACKAGES := chromium
PO_FILES := $(wildcard passerelle/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
VENDOR_STAMP := passerelle/web/static/vendor/.vendored
STATIC_SOURCES := $(shell find passerelle -path '*/static/*' -type f -not -path '*/vendor/*')
STATIC_STAMP := $(DATA_DIR)/static/staticfiles.json

.PHONY: help
help: ## List every task
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: run
# Gunicorn's master sets Django up once, runs `passerelle prepare --demo` (it migrates and loads
# only what changed since the last run: core/prepare.py), then forks the workers
# (passerelle/serving.py). install has synced .venv, so gunicorn runs without `uv run`.
run: install ## Set up everything, then serve on http://127.0.0.1:$(PORT) (gunicorn + WhiteNoise)
	@echo "Serving Passerelle on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	.venv/bin/gunicorn passerelle.wsgi -c python:passerelle.serving --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
	  --access-logfile - --forwarded-allow-ips 127.0.0.1

.PHONY: setup install
setup: install ## Install what is needed, migrate, load the reference data and the publishers' open data (data/indicators/)
	@.venv/bin/passerelle prepare

install: tools python $(DATA_DIR)/secret_key assets messages $(STATIC_STAMP)

# collectstatic compresses every file again each time it runs (about 12 s), so it runs only when a
# static source changed: the apps' static folders, the vendored assets or the locked packages.
# ReDoc, which drf-spectacular-sidecar ships beside the Swagger UI the API page uses, is never
# served: left out, it took a quarter of the time.
$(STATIC_STAMP): $(STATIC_SOURCES) $(VENDOR_STAMP) uv.lock | python $(DATA_DIR)/secret_key
	@$(PASSERELLE) collectstatic --no-input -v 0 --ignore redoc
	@touch $@

.PHONY: tools
tools:
	@python3 -c "import uv" 2>/dev/null || python3 -m pip install --quiet uv
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi

.PHONY: python
python: tools .venv/.synced .venv/.bytecode

# The packages are installed again only when the lock changed (or .venv was removed), with their
# bytecode compiled once, so that no process compiles them (PYTHONDONTWRITEBYTECODE, read-only
# installs); the project's own modules are compiled here too, when one changed.
.venv/.synced: uv.lock pyproject.toml
	@$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

PY_SOURCES := $(shell find passerelle scripts -name '*.py' -not -path '*/node_modules/*')
.venv/.bytecode: $(PY_SOURCES) .venv/.synced
	@.venv/bin/python -m compileall -q passerelle scripts
	@touch $@

.PHONY: assets
assets: $(VENDOR_STAMP)

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR_STAMP): node_modules/.package-lock.json scripts/vendor_static.py
	$(RUN) python scripts/vendor_static.py
	@touch $@

.PHONY: messages
messages: $(MO_FILES)

%.mo: %.po | $(DATA_DIR)/secret_key
	cd passerelle && $(RUN) passerelle compilemessages -v 0 --ignore='.venv/*' --ignore='node_modules/*'

$(DATA_DIR)/secret_key:
	@mkdir -p $(DATA_DIR)
	@umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Wrote a new secret key to $@"

.PHONY: test
test: install lint check-migrations test-sqlite test-postgres test-browser ## Everything CI runs (the tests make their own databases: no `passerelle prepare`)
	@echo "All checks passed."

.PHONY: lint
lint: python ## ruff (lint and format) and mypy
	$(RUN) ruff check passerelle scripts bench
	$(RUN) ruff format --check passerelle scripts bench
	$(RUN) mypy passerelle scripts
	$(RUN) lint-imports

.PHONY: check-migrations
check-migrations: python ## Fail on a model change without its migration
	$(PASSERELLE) makemigrations --check --dry-run

.PHONY: test-sqlite
test-sqlite: python messages ## The test suite on SQLite
	$(RUN) pytest -n 2 --dist loadscope -m "not browser and not spark" --durations=15

.PHONY: test-postgres
test-postgres: python messages postgres-up ## The tests that use the database, on the local PostgreSQL (jobs on Redis)
	DATABASE_URL=$(POSTGRES_URL) PASSERELLE_JOBS_REDIS_URL=$(REDIS_URL) $(RUN) pytest -n 2 --dist loadscope -m "not browser and not spark" --durations=15 \
	  --database-tests-only

.PHONY: test-spark
test-spark: python ## The operations metric definitions on PySpark in local mode (Java 17)
	PASSERELLE_REQUIRE_SPARK=1 $(UV) run --frozen --group spark pytest -n 0 -m spark -rs passerelle/operations

.PHONY: postgres-up
postgres-up:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "Starting PostgreSQL"; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; sleep 2; }

.PHONY: test-browser
test-browser: install browser ## Browser and accessibility tests in Debian's Chromium
	$(RUN) pytest passerelle/web/tests/browser -n 2 --dist worksteal -m browser --durations=5

.PHONY: browser
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; }

.PHONY: bench-load
# Issue 18's pages under load (bench/load.py: its own PostgreSQL database and data directory,
# gunicorn as `make run`, wrk from Debian); results go in docs/performance.md.
bench-load: install postgres-up ## Pages under load, side by side with the sign-in page (installs Debian's wrk)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(RUN) python bench/load.py $(BENCH_ARGS)

.PHONY: clean
clean: ## Remove the virtual environment, node_modules and vendored assets (keeps var/)
	rm -rf .venv node_modules passerelle/web/static/vendor
