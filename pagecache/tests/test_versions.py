"""Emptying groups: one shared counter, no clock, after commit only."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from pagecache.groups import group
from pagecache.versions import COUNTER_KEY, counter, empty_after_commit, empty_groups, group_versions

pytestmark = pytest.mark.django_db


def test_emptying_a_group_empties_its_pages_and_no_others(client):
    for url in ("/thing/1/", "/thing/2/"):
        client.get(url)
    empty_groups({group("thing", 1)})
    assert client.get("/thing/1/")["X-Cache"] == "miss"
    assert client.get("/thing/2/")["X-Cache"] == "hit"


def test_versions_come_from_a_counter_so_a_server_whose_clock_is_behind_still_empties(client):
    # One server builds the page, another whose clock is an hour behind makes the change.
    client.get("/thing/1/")
    with time_machine.travel(timezone.now() - dt.timedelta(hours=1), tick=False):
        empty_groups({group("thing", 1)})
    assert client.get("/thing/1/")["X-Cache"] == "miss"


def test_each_emptying_takes_the_next_value_of_one_counter():
    empty_groups({group("thing", 1)})
    first = group_versions([group("thing", 1)])[group("thing", 1)]
    empty_groups({group("thing", 1), group("thing", 2)})
    after = group_versions([group("thing", 1), group("thing", 2)])
    assert (
        after
        == {group("thing", 1): first + 1, group("thing", 2): first + 1}
        == {
            group("thing", 1): counter(),
            group("thing", 2): counter(),
        }
    )


def test_a_lost_counter_starts_again_above_every_version_it_gave(client):
    empty_groups({group("thing", 1)})
    given = counter()
    client.get("/thing/1/")
    cache.delete(COUNTER_KEY)  # evicted, say
    empty_groups({group("thing", 1)})
    assert counter() > given
    assert client.get("/thing/1/")["X-Cache"] == "miss"


def test_pages_are_kept_again_at_once_after_the_counter_is_lost(client):
    empty_groups({group("thing", 1)})
    cache.delete(COUNTER_KEY)
    client.get("/thing/1/")
    assert client.get("/thing/1/")["X-Cache"] == "hit"


def test_a_page_whose_group_changed_while_it_was_built_is_not_kept(client):
    assert [client.get("/changed/")["X-Cache"] for _ in range(2)] == ["miss", "miss"]


def test_groups_are_emptied_only_when_the_change_commits(client, django_capture_on_commit_callbacks):
    client.get("/thing/1/")
    with django_capture_on_commit_callbacks() as callbacks:
        empty_after_commit({group("thing", 1)})
        assert client.get("/thing/1/")["X-Cache"] == "hit"
    assert len(callbacks) == 1
    callbacks[0]()
    assert client.get("/thing/1/")["X-Cache"] == "miss"


def test_emptying_nothing_writes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        empty_after_commit(set())
    assert callbacks == []
