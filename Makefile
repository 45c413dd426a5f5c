# The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
# The Nu Html Checker, for the HTML validity test (needs Java; installed from npm, pinned).
VNU_VERSION := 26.9.27
VNU_JAR := var/node/node_modules/vnu-jar/build/dist/vnu.jar

# Production-like settings for `check --deploy`: nothing here is a real secret.
DEPLOY_ENV := DJANGO_DEBUG=false SECRET_KEY=deploy-check-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	ALLOWED_HOSTS=portal.example.org DATABASE_URL=$(TEST_DATABASE_URL)

# Locked dependencies, with hashes: requirements.lock is what production installs (Dockerfile),
# requirements-dev.lock the same versions plus the development tools (CI, `make install`).
# `make lock` regenerates both after a change to pyproject.toml and keeps the other pins;
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest versions pyproject.toml allows.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

.PHONY: run test lint install lock audit loadtest backup restore bench clean

$(STAMP): pyproject.toml $(DEV_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --requirement $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $(STAMP)

install: $(STAMP)

lock: $(STAMP)
	$(PIP_COMPILE) --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint $(LOCK) --output-file $(DEV_LOCK) pyproject.toml

# Known vulnerabilities in the locked versions (the dev lock holds every package), from PyPI's
# JSON API for each pinned release. Where that API cannot be reached (no network, or a registry
# mirror that serves the package index but not the per-release JSON), pip-audit would skip
# every package as "not found" and still print "No known vulnerabilities found". So a probe of
# one locked release decides first: reachable -> the audit runs with --strict, and a known
# vulnerability (or a package it could not check) fails the build; unreachable -> a warning,
# and the build goes on: the tests must not depend on an outside service being up.
AUDIT_PROBE = https://pypi.org/pypi/django/$(shell sed -n 's/^django==\([^ ]*\).*/\1/p' $(LOCK))/json

audit: $(STAMP)
	@if $(BIN)/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=15)' \
		'$(AUDIT_PROBE)' 2>/dev/null; then \
		echo "pip-audit: the packages in $(DEV_LOCK) against PyPI's vulnerability data"; \
		$(BIN)/pip-audit --strict --disable-pip --progress-spinner off --requirement $(DEV_LOCK); \
	else \
		echo "WARNING: dependency audit NOT done: PyPI's vulnerability data cannot be reached"; \
		echo "WARNING: from here ($(AUDIT_PROBE)). Run 'make audit' where it can."; \
	fi

$(VNU_JAR):
	mkdir -p var/node
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix var/node vnu-jar@$(VNU_VERSION)

run: $(STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py create_database
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Portal: http://127.0.0.1:8000/  ·  Verwaltung: http://127.0.0.1:8000/$${ADMIN_PATH:-admin/}"
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint $(VNU_JAR)
	DATABASE_URL= DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	@$(MAKE) --no-print-directory audit
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

# The load and fault test (README, "Load and fault test"): a PostgreSQL server of its own,
# gunicorn, 50 clients for 60 s, one database restart. Options: LOADTEST_ARGS="--seconds 30".
loadtest: $(STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py loadtest $(LOADTEST_ARGS)

# Backup and restore (README, "Backups") of the database in DATABASE_URL and of MEDIA_ROOT, with
# the installation's environment (SECRET_KEY …). `make backup DIR=…` chooses the directory.
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(DIR),--output "$(DIR)")

# Into an empty database; REPLACE=1 restores over an existing one.
restore: $(STAMP)
	@test -n "$(DIR)" || { echo "Usage: make restore DIR=var/backups/<time> [REPLACE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(DIR)" --yes $(if $(REPLACE),--replace)

# The benchmark (docs/benchmark.md): bulk data in a database of its own, gunicorn as in
# production, the pages loaded over loopback. Prints figures, asserts nothing. Options:
# BENCH_SECONDS=3, BENCH_SCALE=0.1, BENCH_ARGS="--only news,search-sprachkurs --label before".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SCALE ?= 1
BENCH_SECONDS ?= 10
# The shared cache as in production (the bench empties it when it starts).
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/1
WEB_CONCURRENCY ?= 2
BENCH_ENV := DJANGO_DEBUG=false SECRET_KEY=bench-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false DATABASE_URL=$(BENCH_DATABASE_URL) \
	DB_CONN_MAX_AGE=60 TASKS_BACKEND=database BENCH_FLOOR_VIEW=true CACHE_URL=$(BENCH_CACHE_URL)

bench: $(STAMP)
	$(BENCH_ENV) $(BIN)/python manage.py create_database
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input
	$(BENCH_ENV) $(BIN)/python manage.py seed_bulk --scale $(BENCH_SCALE) --force
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BENCH_ENV) $(BIN)/python manage.py bench --seconds $(BENCH_SECONDS) \
		--workers $(WEB_CONCURRENCY) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
