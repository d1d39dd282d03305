# The two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) example_site/manage.py

.PHONY: demo test install install-test bench bench-profile bench-beacon wrk lint migrations-check migrations messages test-sqlite test-postgres browser-deps messages-wagtail clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# A development install in setuptools' strict editable mode: blocks/ and
# templates/ appear inside kyanh_cms exactly as in a wheel. New files need a
# re-install, which every target below does (it takes a few seconds).
install: $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[postgres]" dj-database-url gunicorn --config-settings editable_mode=strict

install-test: $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]" dj-database-url gunicorn --config-settings editable_mode=strict

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) kyanh_demo
	$(MANAGE) demo_admin
	@echo "Cổng thông tin mẫu: http://127.0.0.1:$(PORT)/  ·  Quản trị: http://127.0.0.1:$(PORT)/admin/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The portal at scale (docs/performance.md): 10,000 articles, 100,000 comments, …, served by
# gunicorn (2 sync workers) and driven by wrk. SQLite by default; `make bench DB=postgres`
# on a throw-away PostgreSQL; `make bench PAGE_CACHE=1` with the full-page cache on.
# The generated database is kept in .bench/, so only the first run builds it.
DB ?= sqlite
PAGE_CACHE ?=
BENCH_ARGS ?=
BENCH_RUN = $(PY) scripts/bench.py $(if $(PAGE_CACHE),--page-cache) $(BENCH_ARGS)

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

bench: install wrk
ifeq ($(DB),postgres)
	$(PY) scripts/with_postgres.py $(BENCH_RUN)
else
	$(BENCH_RUN)
endif

# cProfile and the SQL of the article and home pages on the kept data set (SQLite).
bench-profile: install
	$(PY) scripts/bench_profile.py

# Visit beacon against a trivial view: gunicorn (2 sync workers) on a throw-away
# PostgreSQL, driven by wrk; prints req/s, p50/p99 and checks every hit was counted.
bench-beacon: install wrk
	$(PY) scripts/with_postgres.py $(PY) scripts/bench_beacon.py

browser-deps:
	@missing=""; \
	command -v /usr/bin/chromium >/dev/null || missing="$$missing chromium fonts-noto-core"; \
	command -v flite >/dev/null || missing="$$missing flite"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		echo "Installing with apt:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# lint-imports runs from example_site/ so that it reads the installed package (with
# blocks/ inside it), never the source tree's kyanh_cms/ on the current folder.
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	cd example_site && ../$(VENV)/bin/lint-imports --config ../pyproject.toml --no-cache

migrations-check: install-test
	$(MANAGE) makemigrations --check --dry-run

# Writes new migrations into the source tree (the strict editable install
# would otherwise keep them in its link tree under build/).
migrations: install-test
	$(PY) scripts/makemigrations.py

messages: install-test
	$(PY) scripts/makemessages.py

messages-wagtail: install-test
	$(PY) scripts/messages_wagtail.py

test-sqlite: install-test browser-deps
	@echo "=== Test suite on SQLite ==="
	$(VENV)/bin/pytest

test-postgres: install-test browser-deps
	@echo "=== Test suite on PostgreSQL ==="
	$(PY) scripts/with_postgres.py $(VENV)/bin/pytest

test: install-test browser-deps lint migrations-check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

clean:
	rm -rf build dist *.egg-info test-output
