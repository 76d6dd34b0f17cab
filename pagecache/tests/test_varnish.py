"""The Varnish adapter against a real varnishd (Debian's varnish) running the VCL we ship."""

from urllib.parse import urlsplit

import pytest

from pagecache.cdn import VarnishPurger
from pagecache.groups import group
from pagecache.tests.varnish import from_varnish_cache, get, private_varnish
from pagecache.versions import empty_groups


@pytest.fixture
def varnish(live_server):
    with private_varnish(urlsplit(live_server.url).port) as url:
        yield url


@pytest.fixture
def purging_varnish(varnish, settings):
    settings.NEWSROOM_CDN_PURGER = "pagecache.cdn.VarnishPurger"
    settings.NEWSROOM_CDN_PURGE_URLS = [varnish]
    return varnish


@pytest.mark.django_db(transaction=True)
def test_varnish_keeps_a_cached_page_until_its_group_is_emptied(purging_varnish, built):
    first = get(purging_varnish, "/thing/1/")
    assert first.status == 200 and not from_varnish_cache(first)
    assert "s-maxage" in first.getheader("Cache-Control")
    other = get(purging_varnish, "/thing/2/")
    again = get(purging_varnish, "/thing/1/")
    assert from_varnish_cache(again) and again.body == first.body
    assert built == ["/thing/1/", "/thing/2/"]

    empty_groups({group("thing", 1)})  # what a change does once it commits
    fresh = get(purging_varnish, "/thing/1/")
    assert not from_varnish_cache(fresh)
    assert fresh.getheader("X-Cache") == "miss"  # and the app's own cache was emptied too
    assert built == ["/thing/1/", "/thing/2/", "/thing/1/"]
    assert from_varnish_cache(get(purging_varnish, "/thing/2/")), "another group's page stays"
    assert other.status == 200


@pytest.mark.django_db(transaction=True)
def test_a_ban_names_whole_keys(varnish):
    get(varnish, "/thing/1/")
    get(varnish, "/thing/12/")
    VarnishPurger([varnish]).purge(["thing:1"])
    assert not from_varnish_cache(get(varnish, "/thing/1/"))
    assert from_varnish_cache(get(varnish, "/thing/12/"))


@pytest.mark.django_db(transaction=True)
def test_signed_in_pages_pass_through_varnish(varnish, built):
    for _ in range(2):
        answer = get(varnish, "/thing/1/", {"Cookie": "sessionid=someone"})
        assert not from_varnish_cache(answer)
        assert "no-store" in answer.getheader("Cache-Control")
    assert built == ["/thing/1/", "/thing/1/"]


@pytest.mark.django_db(transaction=True)
def test_varnish_keys_on_the_language_cookie_and_ignores_the_others(varnish):
    get(varnish, "/thing/1/", {"Cookie": "csrftoken=abc"})
    assert from_varnish_cache(get(varnish, "/thing/1/", {"Cookie": "csrftoken=xyz; _ga=1"}))
    assert not from_varnish_cache(get(varnish, "/thing/1/", {"Cookie": "django_language=ru"}))
