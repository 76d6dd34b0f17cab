import pytest
from django.core.cache import cache

from pagecache.tests import urls


@pytest.fixture(autouse=True)
def _pages_of_our_own(settings):
    settings.ROOT_URLCONF = "pagecache.tests.urls"
    # Whatever REDIS_URL says, so that a test may count what the cache holds.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pc"}}
    cache.clear()
    urls.built.clear()
    urls.gone.clear()
    yield urls.built


@pytest.fixture
def built(_pages_of_our_own):
    return _pages_of_our_own
