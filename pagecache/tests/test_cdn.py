"""What a CDN in front is told (headers), and the purge it gets after a change commits."""

import pytest
from django.utils.cache import get_max_age

from pagecache.cdn import VarnishPurger, add_shared_cache_headers
from pagecache.groups import group
from pagecache.versions import empty_after_commit

pytestmark = pytest.mark.django_db
purged = []


class RecordingPurger:
    def purge(self, keys):
        purged.append(keys)


@pytest.fixture
def recording_purger(settings):
    settings.NEWSROOM_CDN_PURGER = "pagecache.tests.test_cdn.RecordingPurger"
    purged.clear()
    return purged


def directives(response) -> dict[str, str]:
    parts = [part.strip().split("=", 1) for part in response["Cache-Control"].split(",")]
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


def test_a_kept_page_may_be_kept_by_a_cdn_under_its_groups(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 120
    for answer in (client.get("/thing/7/"), client.get("/thing/7/")):  # the miss, then the hit
        assert directives(answer) == {
            "public": "",
            "max-age": "0",
            "s-maxage": "120",
            "stale-while-revalidate": str(settings.NEWSROOM_CDN_STALE_WHILE_REVALIDATE),
            "stale-if-error": str(settings.NEWSROOM_CDN_STALE_IF_ERROR),
        }
        assert {"Accept-Language", "Cookie"} <= {part.strip() for part in answer["Vary"].split(",")}
        assert answer["Surrogate-Key"] == "site thing:7"
        assert answer["Cache-Tag"] == "site,thing:7"
    assert answer["X-Cache"] == "hit"
    assert int(answer["Age"]) >= 0


def test_a_hit_says_its_age_so_a_cdn_keeps_it_no_longer_than_the_page_cache(client, settings):
    import time_machine
    from django.utils import timezone

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 120
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.get("/thing/7/")
    with time_machine.travel(now.timestamp() + 50, tick=False):
        hit = client.get("/thing/7/")
    assert (hit["X-Cache"], hit["Age"], get_max_age(hit)) == ("hit", "50", 0)


def test_a_private_page_is_private_and_never_stored(client):
    client.cookies["sessionid"] = "someone"
    answer = client.get("/thing/7/")
    assert answer["X-Cache"] == "bypass"
    assert set(directives(answer)) == {"private", "no-store"}
    assert "Surrogate-Key" not in answer


def test_the_cdn_is_purged_with_the_groups_once_the_change_commits(
    recording_purger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        empty_after_commit({group("thing", 1), group("home")})
        assert recording_purger == []
    assert recording_purger == [["home", "thing:1"]]


def test_a_failing_purger_never_fails_the_change(settings, django_capture_on_commit_callbacks, client):
    settings.NEWSROOM_CDN_PURGER = "pagecache.cdn.VarnishPurger"
    settings.NEWSROOM_CDN_PURGE_URLS = ["http://127.0.0.1:9"]  # nothing listens there
    client.get("/thing/1/")
    with django_capture_on_commit_callbacks(execute=True):
        empty_after_commit({group("thing", 1)})
    assert client.get("/thing/1/")["X-Cache"] == "miss"  # the page cache was emptied all the same


def test_the_ban_names_whole_keys_only():
    expression = VarnishPurger.ban_expression(["article:1", "related-section:2"])
    import re

    pattern = re.compile(expression)
    assert pattern.search("site article:1 home")
    assert pattern.search("related-section:2")
    assert not pattern.search("site article:12 home")
    assert not pattern.search("unrelated-section:2")


def test_no_headers_for_a_page_that_lives_less_than_a_second():
    from django.http import HttpResponse

    response = HttpResponse()
    assert not add_shared_cache_headers(response, {"home"}, 0.5)
    assert "Cache-Control" not in response
