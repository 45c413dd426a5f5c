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

.PHONY: run test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

$(VNU_JAR):
	mkdir -p var/node
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix var/node vnu-jar@$(VNU_VERSION)

run: $(STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py create_database
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Portal: http://127.0.0.1:8000/  ·  Verwaltung: http://127.0.0.1:8000/admin/"
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint $(VNU_JAR)
	DATABASE_URL= DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

clean:
	rm -rf $(VENV) var
