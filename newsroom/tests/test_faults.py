"""Faults on election night: the database restarts, the cache dies. Bounded and loopback only."""

import threading
import time
import uuid
from collections import Counter

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.urls import reverse

from comments.models import Comment
from newsroom.tests import servers
from newsroom.tests.readers import post_url, reply_data
from newsroom.tests.servers import Reader
from newsroom.views import server_error

pytestmark = pytest.mark.server

ARTICLE = "/news/tokayev-elected-president/"
OUTAGE_PAGE = "Temporarily unavailable"


# --- The database unreachable: a clean, temporary refusal ------------------------------------


def test_database_outage_is_answered_with_a_503_page_not_a_trace(rf):
    try:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert OUTAGE_PAGE in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_other_errors_stay_a_500(rf):
    try:
        raise KeyError("bug")
    except KeyError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


# --- Redis down: pages are served uncached --------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    servers.need(servers.redis_available(), "redis-server")
    with servers.private_redis() as redis:
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cache.TolerantRedisCache",
                "LOCATION": f"redis://127.0.0.1:{redis.port}/0",
                "OPTIONS": {"RETRY_AFTER": 0},
            }
        }
        yield redis


def test_pages_and_replies_work_while_redis_is_down(client, demo, redis_cache, settings):
    cache = caches["default"]
    cache.set("probe", "up")
    assert cache.get("probe") == "up"
    redis_cache.terminate()
    redis_cache.wait(10)

    assert cache.get("probe") is None
    assert cache.add("probe", 1) is False
    for path in ("/", ARTICLE, reverse("articles:search") + "?q=tokayev"):
        for _ in range(2):  # served, built afresh each time: nothing can be kept
            response = client.get(path)
            assert response.status_code == 200, path
            assert response["X-Cache"] == "miss", path
    response = client.post(post_url(demo), reply_data(client, demo, body="Posted while the cache was down"))
    assert response.status_code == 302
    assert Comment.objects.filter(body="Posted while the cache was down").count() == 1


def test_cache_comes_back_by_itself_when_redis_returns(client, demo, redis_cache):
    cache = caches["default"]
    port = redis_cache.port
    redis_cache.terminate()
    redis_cache.wait(10)
    assert client.get("/").status_code == 200
    with servers.private_redis(port):
        cache.set("probe", "back")
        assert cache.get("probe") == "back"
        assert client.get("/").status_code == 200
        assert client.get("/")["X-Cache"] == "hit"  # pages are cached again


# --- PostgreSQL restarted in the middle of a load run ---------------------------------------


class LoadRun:
    """Readers posting and reading without pause until told to stop."""

    def __init__(self, base_url: str, run: str, readers: int = 4):
        self.base_url, self.run, self.readers = base_url, run, readers
        self.outcomes: list[tuple[float, str, str, int, str]] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def record(self, method: str, label: str, answer) -> None:
        with self.lock:
            self.outcomes.append((time.monotonic(), method, label, answer.status, answer.body))

    def reader(self, number: int) -> None:
        reader = Reader(self.base_url)
        action, hidden = reader.open_reply_form(ARTICLE)
        index = 0
        while not self.stop.is_set():
            body = f"{self.run} reader {number} reply {index}"
            data = {**hidden, "name": f"R{number}", "email": f"pg{number}@reader.test", "body": body}
            self.record("POST", body, reader.post(action, data))
            self.record("GET", "/", reader.get("/"))
            index += 1

    def accepted(self) -> int:
        with self.lock:
            return sum(1 for _, method, _, status, _ in self.outcomes if method == "POST" and status == 302)

    def __enter__(self):
        self.threads = [threading.Thread(target=self.reader, args=(n,)) for n in range(self.readers)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(60)

    def wait_for_accepted(self, count: int, timeout: float = 60) -> None:
        servers.wait_until(lambda: self.accepted() >= count, timeout=timeout, what=f"{count} accepted replies")


def test_postgresql_restart_mid_load_fails_cleanly_and_loses_nothing(tmp_path):
    servers.need(servers.postgres_available(), f"PostgreSQL's server binaries ({servers.PG_BIN}/initdb, runuser)")
    run = f"restart-{uuid.uuid4().hex[:8]}"
    with servers.private_postgres() as cluster, servers.site_database(tmp_path, server_url=cluster.url) as url:
        env = servers.server_env(DATABASE_URL=url)
        with servers.gunicorn(env, workers=2, threads=2) as base_url, LoadRun(base_url, run) as load:
            load.wait_for_accepted(30)
            cluster.stop()
            down_at = time.monotonic()
            time.sleep(1.5)
            cluster.start()
            up_at = time.monotonic()
            load.wait_for_accepted(load.accepted() + 30)
        outcomes = load.outcomes
        stored = Counter(body for (body,) in servers.query(url, "SELECT body FROM comments_comment"))

    statuses = Counter((method, status) for _, method, _, status, _ in outcomes)
    assert set(statuses) <= {("POST", 302), ("POST", 503), ("GET", 200), ("GET", 503)}, statuses
    refused = [outcome for outcome in outcomes if outcome[3] == 503]
    assert refused, "no request met the outage"
    assert all(OUTAGE_PAGE in body and "Traceback" not in body for *_, body in refused)
    assert all(down_at - 1 <= when <= up_at + 10 for when, *_ in refused), "the site did not recover by itself"
    accepted = [label for _, method, label, status, _ in outcomes if method == "POST" and status == 302]
    assert all(stored[body] == 1 for body in accepted), "an accepted reply was lost or doubled"
