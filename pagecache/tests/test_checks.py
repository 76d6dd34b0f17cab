"""Production refuses a per-process cache: no worker may serve a page that was taken down."""

from pagecache.checks import check_cache_is_shared, check_cdn_purger


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


def test_a_purger_that_cannot_be_imported_is_an_error(settings):
    settings.NEWSROOM_CDN_PURGER = "pagecache.cdn.NoSuchPurger"
    [error] = check_cdn_purger(None)
    assert (error.id, error.is_serious()) == ("pagecache.E002", True)


def test_varnish_without_addresses_is_a_warning(settings):
    settings.NEWSROOM_CDN_PURGER = "pagecache.cdn.VarnishPurger"
    settings.NEWSROOM_CDN_PURGE_URLS = []
    [warning] = check_cdn_purger(None)
    assert warning.id == "pagecache.W001"
    settings.NEWSROOM_CDN_PURGE_URLS = ["http://127.0.0.1:6081"]
    assert check_cdn_purger(None) == []


def test_the_default_purger_passes(settings):
    assert settings.NEWSROOM_CDN_PURGER == "pagecache.cdn.LoggingPurger"
    assert check_cdn_purger(None) == []
