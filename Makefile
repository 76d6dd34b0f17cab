# Newsroom: the commands a newcomer needs. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

PIP_VERSION := 26.3

.PHONY: run test test-fast serve worker bench lighthouse lint format check clean lock audit

# Every package at the version and hash locked in requirements-dev.txt (which holds requirements.txt's too).
$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# After changing requirements.in or requirements-dev.in: lock every dependency again, with hashes.
lock: $(BIN)/.installed
	$(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
		--custom-compile-command "make lock" requirements.in -o requirements.txt
	$(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
		--custom-compile-command "make lock" requirements-dev.in -o requirements-dev.txt

# Known vulnerabilities in the locked packages (CI runs it too, and says so when the database is unreachable).
audit: $(BIN)/.installed
	$(BIN)/pip-audit --progress-spinner off --require-hashes --disable-pip -r requirements-dev.txt

# axe-core for the accessibility test, pinned in package-lock.json; without npm that test skips.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the accessibility test (axe-core) will be skipped. Install Debian's npm to run it."; fi

# Serve the demo on the embedded SQLite database, with DEBUG on.
run: $(BIN)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	@echo ""
	@echo "Newsroom is serving the demo at http://127.0.0.1:$(PORT)/"
	@echo "  the article:  http://127.0.0.1:$(PORT)/news/tokayev-elected-president/"
	@echo "  the desk:     http://127.0.0.1:$(PORT)/admin/"
	@echo "Make an admin user in another terminal with:"
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo "  (or non-interactively: DJANGO_SUPERUSER_USERNAME=... DJANGO_SUPERUSER_EMAIL=... DJANGO_SUPERUSER_PASSWORD=... \\"
	@echo "   DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser --noinput)"
	@echo ""
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite; set DATABASE_URL=postgres://... to run it on PostgreSQL.
test: $(BIN)/.installed node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop: everything but browsers, real servers and big archives (the `slow` marker), in about a minute.
test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -m "not slow" -q $(PYTEST_ARGS)

# Production configuration: DEBUG off, gunicorn, static files from the app.
# Workers, threads and timeouts: gunicorn.conf.py (WEB_CONCURRENCY, WEB_THREADS...).
serve: $(BIN)/.installed
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve: DJANGO_SECRET_KEY is not set; refusing to start in production mode."; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py newsroom.wsgi:application

# Background jobs (emails, image renditions) and the periodic chores (celery beat), on the broker
# named by CELERY_BROKER_URL or REDIS_URL, with the same environment as `make serve`. One beat per site:
# start more workers with `celery -A newsroom worker` alone.
worker: $(BIN)/.installed
	@test -n "$$CELERY_BROKER_URL$$REDIS_URL" || { echo "make worker: set REDIS_URL (or CELERY_BROKER_URL); without one, jobs run inside the app."; exit 1; }
	$(BIN)/celery -A newsroom worker --beat --schedule "$${CELERY_BEAT_SCHEDULE_FILE:-/tmp/newsroom-celerybeat-schedule}" --loglevel INFO

# Load on loopback against the `make serve` configuration, at 100 and 100,000 articles;
# about ten minutes. Writes bench/results/latest.md. See "Benchmark" in README.md.
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/two_servers.py

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

# Lighthouse (mobile) on the home, article, election and search pages under `make serve`'s settings;
# needs npm (fetches the pinned lighthouse once) and Chromium. Writes bench/results/lighthouse.md.
lighthouse: $(BIN)/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python bench/lighthouse.py
