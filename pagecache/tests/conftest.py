import pytest

from pagecache.tests import urls


@pytest.fixture(autouse=True)
def _pages_of_our_own(settings):
    settings.ROOT_URLCONF = "pagecache.tests.urls"
    urls.built.clear()
    yield urls.built


@pytest.fixture
def built(_pages_of_our_own):
    return _pages_of_our_own
