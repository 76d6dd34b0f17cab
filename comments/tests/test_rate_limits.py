"""Floods are held back through the shared cache, so every worker counts the same hits."""

import multiprocessing

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from comments.models import Comment
from comments.moderation import rate_limited

REDIS_URL = "redis://127.0.0.1:6379/4"


def test_flood_is_answered_429_with_a_message_that_names_the_limit(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_RATE_LIMIT = (1, 60)
    assert post_reply(body="one").status_code == 302
    response = post_reply(body="two", email="other@example.com")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "at most 1 replies every 60 seconds" in response.content.decode()
    assert "two" in response.content.decode()  # what they typed is kept
    assert not Comment.objects.filter(body="two").exists()


def test_flood_from_one_email_across_addresses_is_held_back(demo, post_reply, settings):
    settings.NEWSROOM_REPLY_RATE_LIMIT = (1, 60)
    assert post_reply(body="one", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert post_reply(body="two", REMOTE_ADDR="10.0.0.2").status_code == 429


def _redis_or_skip():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not reachable at " + REDIS_URL)


def _worker_hits(args) -> list[bool]:
    # A separate process with its own connection: what a second gunicorn worker would be.
    key, hits = args
    store = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom-test-rate"})
    return [rate_limited(key=key, limit=5, window_seconds=60, using=store) for _ in range(hits)]


def test_rate_limit_is_shared_by_workers_through_redis(db):
    _redis_or_skip()
    store = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom-test-rate"})
    store.clear()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(_worker_hits, [("ip:192.0.2.1", 4), ("ip:192.0.2.1", 4)])
    store.clear()
    flat = [hit for worker in results for hit in worker]
    assert flat.count(False) == 5  # five allowed in all, though each worker saw only four
    assert flat.count(True) == 3


def test_rate_limit_window_ends(db, time_machine):
    from django.core.cache import cache

    time_machine.move_to("2026-05-01 12:00:00Z", tick=False)
    assert not rate_limited(key="t", limit=1, window_seconds=60, using=cache)
    assert rate_limited(key="t", limit=1, window_seconds=60, using=cache)
    time_machine.shift(61)
    assert not rate_limited(key="t", limit=1, window_seconds=60, using=cache)


def _flood_from_another_worker(_):
    from comments.moderation import flood_reason

    return flood_reason(ip_address="127.0.0.1", email="someone@example.com")


def test_posting_view_counts_hits_from_other_workers(demo, post_reply, settings):
    _redis_or_skip()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-test-view",
        }
    }
    settings.NEWSROOM_REPLY_RATE_LIMIT = (2, 60)
    from django.core.cache import cache

    cache.clear()
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.map(_flood_from_another_worker, [0, 1]) == ["", ""]
        response = post_reply()  # this worker's first post, but the address's third
        assert response.status_code == 429
    finally:
        cache.clear()
