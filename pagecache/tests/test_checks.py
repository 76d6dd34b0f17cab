"""Production refuses a per-process cache: no worker may serve a page that was taken down."""

from pagecache.checks import check_cache_is_shared


def test_a_per_process_cache_is_an_error_with_its_reason(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [error] = check_cache_is_shared(None)
    assert error.id == "pagecache.E001"
    assert error.is_serious()
    assert "serving a page that was taken down" in str(error.msg)
    assert "REDIS_URL" in str(error.hint)


def test_a_shared_cache_passes(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x:6379/3"}
    }
    assert check_cache_is_shared(None) == []
