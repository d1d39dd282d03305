# The two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) example_site/manage.py
# Extra pip arguments of an install: `-c .ci/oldest.txt`, `--upgrade --upgrade-strategy eager`.
PIP_ARGS ?=

.PHONY: demo test test-newest test-newest-sqlite test-newest-postgres test-oldest versions install install-test bench bench-deps bench-profile bench-beacon wrk lint migrations-check migrations messages test-sqlite test-sqlite-quick test-postgres browser-deps redis-deps messages-wagtail clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# A plain development install (`pip install -e .`): the source tree's kyanh_cms/ links
# blocks/ and templates/ in, so it is the package a wheel installs (docs/architecture.md,
# "Packaging"); new files need no re-install.
install: $(VENV)/bin/python
	$(PY) -m pip install --quiet $(PIP_ARGS) -e ".[postgres]" dj-database-url gunicorn

install-test: $(VENV)/bin/python
	$(PY) -m pip install --quiet $(PIP_ARGS) -e ".[test]" dj-database-url gunicorn

# The demo runs with DEBUG off, as a portal does in production: visitors' 404 and 500
# pages are the Vietnamese ones. runserver serves static files with DEBUG off only when
# told (--insecure); the example site serves uploaded media itself (SERVE_MEDIA).
# `make demo DEBUG=1` gives Django's debug pages instead.
DEBUG ?=
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) kyanh_demo
	$(MANAGE) demo_admin
	@echo "Cổng thông tin mẫu: http://127.0.0.1:$(PORT)/  ·  Quản trị: http://127.0.0.1:$(PORT)/admin/"
	DJANGO_DEBUG=$(if $(DEBUG),1,0) $(MANAGE) runserver $(if $(DEBUG),,--insecure )127.0.0.1:$(PORT)

# The portal at scale (docs/performance.md, "Where portals run"): 10,000 articles and 70
# commune sites, served by gunicorn (2 sync workers) with Redis as the shared cache
# (scripts/with_redis.py), driven by wrk: scenarios warm, raw, cold, churn, multi-site.
# SQLite by default; `make bench DB=postgres` on a throw-away PostgreSQL; `CACHE=locmem`
# for the per-process cache; `SCALE=50000` for another data set; `PAGE_CACHE=1` with the
# full-page cache on; `BENCH_ARGS="--cold-scales 1000,10000,50000"` and the other options
# of scripts/bench.py. The generated databases are kept in .bench/, so only the first run
# builds them.
DB ?= sqlite
CACHE ?= redis
SCALE ?=
PAGE_CACHE ?=
BENCH_ARGS ?=
PROFILE_ARGS ?=
BENCH_SERVICES = $(if $(filter postgres,$(DB)),$(PY) scripts/with_postgres.py) \
	$(if $(filter redis,$(CACHE)),$(PY) scripts/with_redis.py)
BENCH_RUN = $(PY) scripts/bench.py --cache $(CACHE) $(if $(SCALE),--scale $(SCALE)) \
	$(if $(PAGE_CACHE),--page-cache) $(BENCH_ARGS)

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

# What the benchmarks need besides the package: wrk, redis-server (redis-deps) and the
# Redis client library Django's RedisCache uses (the "redis" extra).
bench-deps: wrk redis-deps
	@$(PY) -c "import redis" 2>/dev/null || $(PY) -m pip install --quiet "redis>=5"

bench: install bench-deps
	$(BENCH_SERVICES) $(BENCH_RUN)
	$(PY) scripts/with_postgres.py $(PY) scripts/with_redis.py $(PY) scripts/bench_documents.py
	$(PY) scripts/with_postgres.py $(PY) scripts/with_redis.py $(PY) scripts/bench_schedules.py

# cProfile and the SQL of the article and home pages on the kept data set, e.g.
# `make bench-profile DB=postgres PROFILE_ARGS="--cold --pages article,home --explain 3"`.
bench-profile: install bench-deps
	$(BENCH_SERVICES) $(PY) scripts/bench_profile.py --cache $(CACHE) \
		$(if $(SCALE),--scale $(SCALE)) $(PROFILE_ARGS)

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

# make test runs every pytest run beside a private redis-server (scripts/with_redis.py).
redis-deps:
	@command -v redis-server >/dev/null || { \
		echo "Installing with apt: redis-server"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; \
	}

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

test-sqlite: install-test browser-deps redis-deps
	@echo "=== Test suite on SQLite (and Redis) ==="
	$(PY) scripts/with_redis.py $(VENV)/bin/pytest

# The packaging tests build wheels and environments with a SQLite project of their own,
# and the browser tests drive the pages the SQLite run has already driven: the PostgreSQL
# run (what differs there: queries, locking, concurrency, search) would only repeat them.
test-postgres: install-test redis-deps
	@echo "=== Test suite on PostgreSQL (and Redis), without browser and packaging tests ==="
	$(PY) scripts/with_postgres.py $(PY) scripts/with_redis.py $(VENV)/bin/pytest \
		-m "not browser" --ignore=tests/test_packaging.py --ignore=tests/test_clean_install.py

# The suite on SQLite without the browser and the packaging (slow) tests: what the oldest
# combination runs (the newest runs them all).
test-sqlite-quick: install-test redis-deps
	@echo "=== Test suite on SQLite (and Redis), without browser and packaging tests ==="
	$(PY) scripts/with_redis.py $(VENV)/bin/pytest -m "not browser and not slow"

# `make test` (what CI runs, .ci/run) tests both ends of the range pyproject.toml
# declares, each in a virtual environment of its own under .venvs/ (the development
# .venv is left alone; docs/architecture.md, "Packaging"):
#   newest: Python 3.13 with the newest Django and Wagtail pip picks in range: lint, the
#           migrations check, the whole suite on SQLite (browser tests included, alone on
#           the machine), then the suite on PostgreSQL without browser and packaging tests;
#   oldest: Python 3.11 with the lowest versions declared (.ci/oldest.txt): the suite on
#           SQLite without the browser and packaging tests.
# scripts/find_python.sh finds each interpreter (PATH, pyenv) or installs it (pyenv, apt);
# PYTHON_NEWEST=/path/to/python or PYTHON_OLDEST=… names one instead.
NEWEST_VERSION ?= 3.13
OLDEST_VERSION ?= 3.11
PYTHON_NEWEST ?=
PYTHON_OLDEST ?=

# The browser tests run alone (they time pages and animations); the PostgreSQL half of
# the newest and the whole oldest run use a core each, side by side (their own virtual
# environments, databases and Redis servers), the oldest's output shown after.
test: browser-deps redis-deps
	$(MAKE) --no-print-directory test-newest-sqlite
	@mkdir -p test-output; \
	( $(MAKE) --no-print-directory test-oldest > test-output/oldest.log 2>&1; \
	  echo $$? > test-output/oldest.rc ) & \
	$(MAKE) --no-print-directory test-newest-postgres; newest=$$?; \
	wait; echo "=== Oldest (run beside the PostgreSQL half) ==="; cat test-output/oldest.log; \
	oldest=$$(cat test-output/oldest.rc); \
	echo "newest PostgreSQL half: exit $$newest; oldest: exit $$oldest"; \
	[ "$$newest" = 0 ] && [ "$$oldest" = 0 ]

NEWEST = python="$(PYTHON_NEWEST)"; [ -n "$$python" ] || python="$$(sh scripts/find_python.sh $(NEWEST_VERSION))"

test-newest: test-newest-sqlite test-newest-postgres

test-newest-sqlite: browser-deps redis-deps
	@$(NEWEST); echo "=== Newest: $$python ==="; \
	$(MAKE) --no-print-directory VENV=.venvs/newest PYTHON="$$python" \
		PIP_ARGS="--upgrade --upgrade-strategy eager" install-test && \
	$(MAKE) --no-print-directory VENV=.venvs/newest PYTHON="$$python" versions lint migrations-check test-sqlite

test-newest-postgres: redis-deps
	@$(NEWEST); $(MAKE) --no-print-directory VENV=.venvs/newest PYTHON="$$python" test-postgres

test-oldest: redis-deps
	@python="$(PYTHON_OLDEST)"; [ -n "$$python" ] || python="$$(sh scripts/find_python.sh $(OLDEST_VERSION))"; \
	echo "=== Oldest: $$python ==="; \
	$(MAKE) --no-print-directory VENV=.venvs/oldest PYTHON="$$python" \
		PIP_ARGS="-c .ci/oldest.txt" install-test && \
	$(MAKE) --no-print-directory VENV=.venvs/oldest PYTHON="$$python" \
		PIP_ARGS="-c .ci/oldest.txt" versions test-sqlite-quick

# The versions a run tests, printed at its start.
versions:
	@$(PY) -c "import sys, django, wagtail; print('Python', sys.version.split()[0], '· Django', django.__version__, '· Wagtail', wagtail.__version__)"

clean:
	rm -rf build dist *.egg-info test-output .venvs
