"""A changed page is rebuilt by one request at a time; readers meanwhile get it as it was, never a taken-down one."""

import pytest
from django.test import RequestFactory

from pagecache import keys
from pagecache.groups import group
from pagecache.middleware import claim_rebuild, release_rebuild
from pagecache.tests import urls
from pagecache.versions import empty_groups

pytestmark = pytest.mark.django_db


def key_of(path: str) -> str:
    return keys.page_key(RequestFactory().get(path), "")


def test_while_one_request_rebuilds_a_changed_page_others_get_it_as_it_was(client, built):
    client.get("/thing/1/")
    empty_groups({group("thing", 1)})
    assert claim_rebuild(key_of("/thing/1/"))  # another request is rebuilding it
    stale = client.get("/thing/1/")
    assert (stale.status_code, stale["X-Cache"], stale.content) == (200, "stale", b"<p>thing 1</p>")
    # For this reader only: no CDN may keep a page its purge already took down.
    assert "no-cache" in stale["Cache-Control"] and "s-maxage" not in stale["Cache-Control"]
    assert not stale.has_header("Surrogate-Key") and not stale.has_header("Cache-Tag")
    assert built == ["/thing/1/"]
    release_rebuild(key_of("/thing/1/"))
    assert client.get("/thing/1/")["X-Cache"] == "miss"
    assert client.get("/thing/1/")["X-Cache"] == "hit"
    assert built == ["/thing/1/", "/thing/1/"]


def test_the_rebuild_is_free_again_once_it_is_done(client, built):
    client.get("/thing/1/")
    empty_groups({group("thing", 1)})
    assert client.get("/thing/1/")["X-Cache"] == "miss"
    assert claim_rebuild(key_of("/thing/1/"))  # nobody holds it any more


def test_a_page_taken_down_is_shown_to_nobody_after_its_rebuild(client, built):
    client.get("/thing/1/")
    urls.gone.add(1)
    empty_groups({group("thing", 1)})
    assert client.get("/thing/1/").status_code == 404  # the rebuild: gone, and the old page dropped
    assert claim_rebuild(key_of("/thing/1/"))  # another request is building it again
    assert client.get("/thing/1/").status_code == 404  # not the page as it was


def test_a_page_never_kept_is_built_by_everyone(client, built):
    assert claim_rebuild(key_of("/thing/2/"))
    assert client.get("/thing/2/")["X-Cache"] == "miss"  # no old page to give: built
