"""How `make serve` runs: gunicorn's settings, and database connections kept between requests."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CONFIG = BASE_DIR / "gunicorn.conf.py"


def gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "WEB_THREADS", "WEB_MAX_REQUESTS", "WEB_TIMEOUT", "PORT", "WEB_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_one_worker_per_core_with_threads_by_default(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    conf = gunicorn_settings(monkeypatch)
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (6, 4, "gthread")
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["preload_app"] is True
    # Workers are recycled, not all at once.
    assert conf["max_requests"] > 0
    assert 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["timeout"] == 30


def test_the_environment_sets_workers_threads_and_port(monkeypatch):
    conf = gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3", WEB_THREADS="8", PORT="9001", WEB_TIMEOUT="12")
    assert (conf["workers"], conf["threads"], conf["bind"], conf["timeout"]) == (3, 8, "127.0.0.1:9001", 12)


@pytest.mark.parametrize("shared_memory", [True, False])
def test_heartbeat_files_live_in_memory_where_there_is_shared_memory(monkeypatch, shared_memory):
    monkeypatch.setattr(os.path, "isdir", lambda path: shared_memory)
    conf = gunicorn_settings(monkeypatch)
    assert conf.get("worker_tmp_dir") == (conf["SHM"] if shared_memory else None)


def test_make_serve_uses_the_config_file():
    serve = (BASE_DIR / "Makefile").read_text().split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "--config gunicorn.conf.py" in serve


@pytest.mark.parametrize(("env", "kept"), [({}, 60), ({"DATABASE_CONN_MAX_AGE": "300"}, 300)])
def test_postgresql_connections_are_kept_between_requests_and_checked(env, kept):
    # Settings are read at import: read them in a fresh process.
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    environment.update(
        env,
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://newsroom@db.invalid/newsroom",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.split() == [str(kept), "True"], result.stderr


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries():
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's (DATABASE_URL=postgres://...; CI runs it).")
    fresh = connections.create_connection("default")  # a new connection, as a worker opens one
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    finally:
        fresh.close()
