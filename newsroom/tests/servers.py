"""Real servers for the load and fault tests, on loopback only and always cleaned up.

Each test starts what it needs: a database of its own (a file for SQLite, a
database on the suite's PostgreSQL server, or a private PostgreSQL cluster it
may stop), a private redis-server, and gunicorn serving the project.
"""

import contextlib
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]


def _newest_postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
    return versions[-1] if versions else Path("/usr/lib/postgresql/15/bin")


PG_BIN = Path(os.environ["NEWSROOM_PG_BIN"]) if os.environ.get("NEWSROOM_PG_BIN") else _newest_postgres_bin()
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.tests.server_settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "0",
    "DJANGO_SECRET_KEY": "load-test-secret-key-not-for-production",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "NEWSROOM_REPLY_MIN_SECONDS": "0",
    "NEWSROOM_REPLY_RATE_LIMIT": "100000",
    "DJANGO_LOG_LEVEL": "CRITICAL",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def need(available: bool, what: str) -> None:
    """Skip a test whose tool is missing locally; in CI (CI=true) that is a failure."""
    if available:
        return
    import pytest

    if in_ci():
        pytest.fail(f"CI=true and not installed: {what}.", pytrace=False)
    pytest.skip(f"Not installed: {what}.")


def listening_socket() -> socket.socket:
    """A loopback socket already bound to a free port and listening, to hand to a server.

    Asking for a free port and binding it later races with everyone else on
    the machine; a socket handed over (gunicorn's fd://) cannot be taken.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def free_port() -> int:
    """A port free right now, for servers that bind it themselves.

    Someone else may take it before they do: their starters check that the
    server that answers is theirs, and try again on another port if not.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT_ATTEMPTS = 5


def free_port_for_restarts() -> int:
    """A free port outside the range the system hands out to outgoing connections.

    For a server a test stops and starts again on the same port: while it is
    down, an ephemeral port (what free_port() gives) may go to one of the
    test's own outgoing connections, and the restart would find it taken.
    """
    ephemeral = Path("/proc/sys/net/ipv4/ip_local_port_range")
    low = int(ephemeral.read_text().split()[0]) if ephemeral.exists() else 32768
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(10000, max(10001, low))
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            return port
    return free_port()


def wait_until(check, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.1)
    raise TimeoutError(f"gave up waiting for {what}")


def server_env(**extra: str) -> dict[str, str]:
    prefixes = ("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_", "CELERY_", "AWS_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(SERVER_ENV, **extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args, "-v0"], cwd=BASE_DIR, env=env, check=True, timeout=300
    )


# --- HTTP, as a reader's browser would do it -------------------------------------------------


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Reader:
    """One browser: its cookies, its address (any of 127/8), a fresh connection per request."""

    def __init__(self, base_url: str, address: str = "127.0.0.1"):
        parts = urlsplit(base_url)
        self.host, self.port, self.address = parts.hostname, parts.port, address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=20, source_address=(self.address, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.read().decode(errors="replace"), dict(response.getheaders()))
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return answer
        finally:
            connection.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})

    def open_reply_form(self, article_path: str) -> tuple[str, dict]:
        """The posting URL and the hidden fields of the article's reply form."""
        page = self.get(article_path)
        assert page.status == 200, page.status
        action = re.search(r'action="(/comments/post/\d+/)(?:#[^"]*)?"', page.body).group(1)
        rendered = re.search(r'name="rendered" value="([^"]+)"', page.body).group(1)
        # The cached page carries no CSRF token: like the page's script, ask for one (it sets the cookie).
        assert self.get("/csrf/").status == 200
        return action, {"rendered": rendered, "contact_me_by_fax": "", "parent": "", "website": ""}


# --- Databases ------------------------------------------------------------------------------


def pg_connect(url: str):
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
        autocommit=True,
        connect_timeout=5,
    )


def query(url: str, sql: str, params=()) -> list[tuple]:
    """Read the served database directly, as an auditor would."""
    if url.startswith("sqlite"):
        import sqlite3

        with contextlib.closing(sqlite3.connect(dj_database_url.parse(url)["NAME"], timeout=30)) as connection:
            return connection.execute(sql, params).fetchall()
    with pg_connect(url) as connection:
        return connection.execute(sql.replace("?", "%s"), params).fetchall()


@contextlib.contextmanager
def site_database(tmp_dir: Path, *, server_url: str | None = None):
    """A migrated database holding the demo: beside the suite's own, never inside it."""
    suite_url = server_url or os.environ.get("DATABASE_URL", "")
    if suite_url.startswith("postgres"):
        name = f"nr_trust_{uuid.uuid4().hex[:10]}"
        admin_url = suite_url.rsplit("/", 1)[0] + "/postgres"
        with pg_connect(admin_url) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = suite_url.rsplit("/", 1)[0] + "/" + name
    else:
        url, admin_url, name = f"sqlite:///{tmp_dir / 'site.sqlite3'}", None, None
    env = server_env(DATABASE_URL=url)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        yield url
    finally:
        if admin_url:
            with pg_connect(admin_url) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb refuses to run as root; a private cluster belongs to the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser") is not None)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free port that a test may stop and start."""

    def __init__(self, directory: Path):
        self.directory, self.port = directory, free_port_for_restarts()
        self.data = directory / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/newsroom"

    def _run(self, *command: str) -> None:
        subprocess.run(_as_postgres_user([str(PG_BIN / command[0]), *command[1:]]), check=True, capture_output=True)  # noqa: S603

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        for attempt in range(PORT_ATTEMPTS):
            try:
                self.start()
                break
            except subprocess.CalledProcessError:
                # The port went to someone else between choosing it and the start: another one.
                if attempt == PORT_ATTEMPTS - 1:
                    raise
                self.port = free_port_for_restarts()
        with pg_connect(self.url.rsplit("/", 1)[0] + "/postgres") as connection:
            connection.execute("CREATE DATABASE newsroom")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.directory / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextlib.contextmanager
def private_postgres():
    directory = Path(tempfile.mkdtemp(prefix="nr-pg-"))
    cluster = PrivatePostgres(directory)
    try:
        cluster.init()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


# --- Redis and gunicorn ---------------------------------------------------------------------


def _start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    process.port = port
    # The server that answers on the port must be ours, not one that got there first.
    with contextlib.suppress(TimeoutError):
        wait_until(lambda: process.poll() is not None or _answers_as(port, process.pid), timeout=10, what="redis")
    if process.poll() is None and _answers_as(port, process.pid):
        return process
    process.kill()
    process.wait(10)
    raise OSError(f"redis-server could not serve port {port}")


def _answers_as(port: int, pid: int) -> bool:
    import redis

    with contextlib.suppress(redis.RedisError):
        return redis.Redis(port=port, socket_timeout=0.5).info("server")["process_id"] == pid
    return False


@contextlib.contextmanager
def private_redis(port: int | None = None):
    """A redis-server of our own; kill it with .terminate(), start again on the same port."""
    if port:
        process = _start_redis(port)
    else:
        for attempt in range(PORT_ATTEMPTS):
            try:
                process = _start_redis(free_port_for_restarts())  # it may be started again on this port
                break
            except OSError:
                if attempt == PORT_ATTEMPTS - 1:
                    raise
    try:
        yield process
    finally:
        process.terminate()
        process.wait(10)


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def serving_workers(log: Path, method: str = "GET") -> set[str]:
    """The worker processes that answered `method` requests, from the access log."""
    return {line.split()[0] for line in log.read_text().splitlines() if f" {method} " in line}


def _all_workers_answered(base_url: str, log: Path, workers: int) -> bool:
    # Busy every worker at once, so that none is left still booting when the test starts.
    threads = [threading.Thread(target=Reader(base_url).get, args=("/health/",)) for _ in range(workers * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return log.exists() and len(serving_workers(log)) >= workers


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, threads: int = 4, log: Path | None = None):
    """Serve the project with gunicorn on a socket of ours (no port race); yields its base URL."""
    sock = listening_socket()
    port = sock.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--bind", f"fd://{sock.fileno()}"]
    command += ["--workers", str(workers), "--threads", str(threads), "--timeout", "60", "--graceful-timeout", "5"]
    if log:
        command += ["--access-logfile", str(log), "--access-logformat", "%(p)s %(h)s %(m)s %(U)s %(s)s"]
    process = subprocess.Popen(  # noqa: S603
        command, cwd=BASE_DIR, env=env, stderr=subprocess.DEVNULL, pass_fds=[sock.fileno()]
    )
    sock.close()  # gunicorn holds it now
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: Reader(base_url).get("/health/").status == 200, timeout=60, what="gunicorn")
        if log:
            wait_until(lambda: _all_workers_answered(base_url, log, workers), timeout=60, what="every worker")
        yield base_url
    finally:
        process.terminate()
        process.wait(15)
