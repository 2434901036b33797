# Flask vs Express: every command a contributor needs. `make help` lists them.
# The first target run creates .venv and installs the pinned Python and npm dependencies.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# One Node.js for everything: the LTS release pinned in package.json (npm package `node`) comes first on
# PATH, so snippets, tests, benchmarks and npm itself run on it; the system's node only bootstraps npm.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

.DEFAULT_GOAL := help
.PHONY: help install serve build validate lint check check-data data-diff stale refresh-releases test bench bench-quick bench-build clean

help: ## list the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml package-lock.json snippets/express/package-lock.json bench/apps/package-lock.json
	@scripts/check-system.sh python3 node npm
	@test -x $(PY) || python3 -m venv $(VENV) || { echo "error: could not create $(VENV); on Debian install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	npm ci --prefix snippets/express --no-audit --no-fund --loglevel=error
	npm ci --prefix bench/apps --no-audit --no-fund --loglevel=error
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies

serve: install ## build and serve the site at http://127.0.0.1:8000, reloading on changes (PORT=8001 for another port)
	$(eval SERVE_PROBLEM := $(shell $(PY) scripts/check_port.py $(HOST) $(PORT) 2>&1))
	$(if $(SERVE_PROBLEM),$(error $(SERVE_PROBLEM)))
	$(MKDOCS) serve --strict -a $(HOST):$(PORT)

build: install ## strict build of the whole site into site/ (built beside it, then swapped in: a failed build keeps the old one)
	$(PY) scripts/build_site.py site

validate: install ## check data files (schema and cross-references); lists every problem
	$(PY) -m comparison_site validate

lint: install ## YAML lint and ruff
	$(VENV)/bin/yamllint --strict data mkdocs.yml .github .pre-commit-config.yaml .yamllint.yaml
	$(VENV)/bin/ruff check .

check: validate lint test ## every check a pull request must pass (validate, lint, tests)

check-data: install ## the fast check for a data-only change (<1 min): validate, content rules, YAML lint, strict build
	$(PY) scripts/check_data.py

BASE ?= origin/main
data-diff: install ## data entries added, changed and removed by id, from BASE (default origin/main) to the working tree
	$(PY) scripts/data_diff.py "$(BASE)"

stale: install ## entries not re-verified for a year; frameworks behind their newest major release
	$(PY) -m comparison_site stale

refresh-releases: install ## re-read each ecosystem package's newest release from PyPI and npm into data/releases.yaml
	$(PY) -m comparison_site refresh-releases

test: install ## run the whole test suite
	$(PY) -m pytest

bench: install ## measure Flask vs Express over loopback (~25 min, 5 repeats); writes data/benchmarks.yaml
	@scripts/check-system.sh nginx
	$(PY) -m bench.run

bench-quick: install ## under a minute: self-check, equivalence check, one short pass; writes artifacts/
	@scripts/check-system.sh nginx
	$(PY) -m bench.run --quick

bench-build: install ## print build times: the site, plain Markdown of the same pages, 10x data
	$(PY) scripts/bench_build.py

clean: ## remove build output (keeps .venv)
	rm -rf site dist .pytest_cache

# ---------------------------------------------------------------------------------------------
# Offline formats (issue 4): the whole site as one PDF, and a copy that works from file://.
# Both use only local files; the PDF is printed by the system's Chromium (apt-get install chromium).
.PHONY: pdf offline

pdf: install ## writes dist/flask-vs-express.pdf (the whole site: cover, contents, every page)
	$(PY) tools/export_pdf.py --output dist/flask-vs-express.pdf

offline: install ## builds dist/offline/ that works from file:// (pages, navigation, search, tabs)
	$(PY) tools/offline_site.py --destination dist/offline

# ---------------------------------------------------------------------------------------------
# Reader experience (issue 13): Lighthouse over every page, mobile and desktop. Prints a table of
# the four scores per page against the goals; AUDIT_RUNS=3 for the median of three runs per page,
# AUDIT_PAGES=cookbook,comparison to audit some pages only. Needs the system Chromium.
.PHONY: audit

audit: install ## Lighthouse scores of every page, mobile and desktop, against the goals (a benchmark)
	@scripts/check-system.sh chromium
	$(PY) scripts/lighthouse_audit.py
