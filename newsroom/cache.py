"""A Redis cache that degrades to "no cache" while Redis is unreachable.

The cache only makes the site faster and holds rate-limit counters; losing it
must not take pages down. While Redis fails, reads miss, writes are dropped
and a warning is logged; after a failure the cache is skipped for a few
seconds so that every request does not wait on a dead server again.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
_MISSING = object()


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))  # the settings' own dict stays as it is
        params = {**params, "OPTIONS": options}
        self.retry_after = options.pop("RETRY_AFTER", RETRY_AFTER_SECONDS)
        # A dead or hung Redis must cost a request milliseconds, not minutes.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._down_until = 0.0

    def _attempt(self, method, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning("Cache unavailable, serving without it for %ss: %s", self.retry_after, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._attempt("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._attempt("delete_many", None, keys, version)

    def clear(self):
        return self._attempt("clear", False)

    def incr(self, key, delta=1, version=None):
        value = self._attempt("incr", _MISSING, key, delta, version)
        if value is _MISSING:
            # What a missing key raises: callers already handle it.
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return value
