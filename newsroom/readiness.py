"""What /ready/ asks of the services an app server depends on; each answer in about a second at most."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

OK, UNAVAILABLE, NOT_USED = "ok", "unavailable", "not used"


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return UNAVAILABLE
    return OK


def cache_() -> str:
    # Through the cache's own API: Newsroom's Redis cache turns failures into misses, so a miss here is the answer.
    key, token = f"ready:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    answered = cache.get(key) == token
    cache.delete(key)
    return OK if answered else UNAVAILABLE


def broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return NOT_USED
    from newsroom.celery import app

    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    except (OperationalError, RedisError, OSError):
        return UNAVAILABLE
    return OK
