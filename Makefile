# Siang Chumchon: two commands set everything up on a fresh machine.
#   make run   – virtualenv, install, migrate (SQLite under var/), demo content, serve, and the
#                task worker beside the server
#   make test  – virtualenv, install, ruff, checks, migrations check, the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help messages run test test-slow test-browser browser-tools chromium java install lint bench bench-tools clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,browser]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev and browser-test tools

run: export DJANGO_SETTINGS_MODULE ?= cms.settings.dev
# The worker runs beside the server; Ctrl-C reaches both (one process group), and the trap stops
# the worker whichever way the server ends. --no-reload: a reloading worker's child would outlive
# the trap; restart `make run` after changing a task's code (the server reloads by itself).
run: $(STAMP) ## Migrate the SQLite database under var/, load demo content, serve on 127.0.0.1:$(PORT) with the task worker
	mkdir -p var/mail
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) run_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(STAMP) ## Lint, Django checks, migrations check and the whole test suite (DATABASE_URL picks the database)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "not slow and not browser and not bench" -q -n 2

# pytest exits with 5 when a marker selects no test; that is not a failure here.
test-slow: $(STAMP) ## The slow tier of the suite (DATABASE_URL picks the database); .ci/run runs it
	$(BIN)/python -m pytest -m "slow and not browser and not bench" -q || test $$? -eq 5

# Test and benchmark files are left out: they name Wagtail's msgids only to compare with them.
messages: $(STAMP) ## Refresh locale/th from the code (keeps translations, drops obsolete ones) and compile it
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemessages -l th --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
	msgattrib --no-obsolete -o locale/th/LC_MESSAGES/django.po locale/th/LC_MESSAGES/django.po
	msgfmt --check -o locale/th/LC_MESSAGES/django.mo locale/th/LC_MESSAGES/django.po

# Debian's Chromium, which Playwright drives, and Thai fonts (without them the screenshots show
# boxes); installed only when missing (apt-get needs root, as CI has). Playwright never downloads
# a browser of its own here.
chromium: ## Install Debian's Chromium and Thai fonts for the browser tests if they are missing
	@test -x /usr/bin/chromium && fc-list :lang=th | grep -q . || { apt-get update && apt-get install -y chromium fonts-thai-tlwg; }

java: ## Install a Java runtime for the Nu HTML checker if the machine has none
	@command -v java >/dev/null || { apt-get update && apt-get install -y default-jre-headless; }

# axe-core and vnu.jar from the committed package-lock.json; --ignore-scripts: vnu-jar's install
# script would fetch a Java runtime, and the machine's java runs vnu.jar.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

browser-tools: chromium java node_modules/.package-lock.json ## Chromium, axe-core and the Nu HTML checker for the browser tests

test-browser: $(STAMP) browser-tools ## Journeys, accessibility (axe) and HTML (vnu) checks in Chromium; SCREENSHOTS=1 rewrites docs/screenshots/
	$(BIN)/python -m pytest -m browser -q

# The page benchmark (bench/pages_bench.py) serves the site as production does: nginx, Varnish
# and wrk from Debian, installed only when missing (apt-get needs root, as CI has), and gunicorn
# with the rest of the production extra in .venv; valgrind counts a request's instructions.
bench-tools: $(STAMP) ## Install nginx, Varnish, wrk and valgrind (Debian) and the production extra for make bench if missing
	@test -x /usr/sbin/nginx && test -x /usr/sbin/varnishd && test -x /usr/bin/wrk && test -x /usr/bin/valgrind || { apt-get update && apt-get install -y nginx varnish wrk valgrind; }
	@test -x $(BIN)/gunicorn || $(BIN)/python -m pip install --quiet -e '.[production]'

bench: $(STAMP) bench-tools ## Benchmarks (results go to docs/); never part of CI
	$(BIN)/python -m pytest -m bench -q tests bench/hostile_bench.py bench/approve_bench.py bench/digest_bench.py bench/page_weight_bench.py bench/pages_bench.py bench/scale_bench.py

clean: ## Remove the virtualenv, node_modules and local data
	rm -rf $(VENV) var node_modules
