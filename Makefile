# Two commands take a fresh clone to a running site or a green test run:
#   make run   -- set up, migrate, load demo dialogues, serve on http://127.0.0.1:$(PORT)
#   make test  -- set up and run the whole test suite
#   make bench -- load-test the API on 10,000 generated dialogues (needs wrk; see BENCHMARKS.md)

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp
NODE_STAMP = node_modules/.installed-stamp
MANAGE = $(BIN)/python manage.py

.PHONY: run demo test lint messages clean bench bench-full

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# axe-core for the browser tests (tests/e2e), at the version package-lock.json pins.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

demo: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_dialogues
	$(MANAGE) ensure_admin_user

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite with the bundled site's settings, then the plugin alone in a minimal host project.
# The browser tests (tests/e2e) need Debian's chromium; without /usr/bin/chromium they are skipped.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest tests/host --ds=tests.host.settings $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=tests.host.settings $(BIN)/python -m django makemigrations --check --dry-run

# Benchmarks (BENCHMARKS.md): a fresh SQLite database, a generated archive, gunicorn and wrk on 127.0.0.1.
# Both rewrite BENCHMARKS.md and bench/results/latest.json. Needs wrk (Debian: apt-get install wrk).
bench: $(STAMP)
	$(BIN)/python -m bench.harness --count 10000 --duration 6 $(BENCH_ARGS)

bench-full: $(STAMP)
	$(BIN)/python -m bench.harness --full $(BENCH_ARGS)

# Needs GNU gettext (Debian: gettext); the compiled .mo files are committed.
messages: $(STAMP)
	for app in dialogue_pages blocks site; do (cd $$app && ../$(BIN)/python ../manage.py makemessages -l da -l sv --no-obsolete && ../$(BIN)/python ../manage.py compilemessages); done

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media static_collected .pytest_cache
