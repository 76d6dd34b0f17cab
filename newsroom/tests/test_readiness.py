"""/ready/: a load balancer takes a server out of rotation while its database, cache or task queue is out of reach."""

import pytest

from newsroom.tests import servers


def test_ready_when_everything_it_needs_answers(client, db):
    response = client.get("/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "not used"}
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def redis(settings):
    servers.need(servers.redis_available(), "redis-server")
    with servers.private_redis() as process:
        url = f"redis://127.0.0.1:{process.port}/0"
        settings.CACHES = {
            "default": {"BACKEND": "newsroom.cache.TolerantRedisCache", "LOCATION": url, "OPTIONS": {"RETRY_AFTER": 0}}
        }
        settings.CELERY_BROKER_URL = url
        yield process


def test_ready_with_redis_as_cache_and_broker_and_not_once_redis_is_gone(client, db, redis):
    assert client.get("/ready/").json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    redis.terminate()
    redis.wait(10)
    response = client.get("/ready/")
    assert response.status_code == 503
    expected = {"status": "unavailable", "database": "ok", "cache": "unavailable", "broker": "unavailable"}
    assert response.json() == expected
    assert client.get("/health/").status_code == 200  # alive all the same: restarting it would not help


def test_not_ready_when_only_the_broker_is_out_of_reach(client, db, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{servers.free_port()}/0"
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable" and response.json()["cache"] == "ok"


def test_probes_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/ready/").status_code == 200
    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301
