"""Parts of a page kept apart: each under the versions of the groups it shows."""

import pytest

from pagecache import fragments
from pagecache.groups import SITE, group
from pagecache.versions import empty_groups

pytestmark = pytest.mark.django_db
THING = group("thing", 1)


class Builder:
    """Builds a part and counts how often it was asked to."""

    def __init__(self, value="<p>part</p>", groups=(THING,)):
        self.value, self.groups, self.calls = value, list(groups), 0

    def __call__(self):
        self.calls += 1
        return self.value, self.groups


def test_a_part_is_built_once_and_kept_until_a_group_it_shows_is_emptied():
    build = Builder()
    assert fragments.kept("part", build) == ("<p>part</p>", sorted([SITE, group("thing", 1)]))
    assert fragments.kept("part", build)[0] == "<p>part</p>"
    assert build.calls == 1
    empty_groups({group("thing", 2)})  # a group it does not show
    fragments.kept("part", build)
    assert build.calls == 1
    empty_groups({group("thing", 1)})
    fragments.kept("part", build)
    assert build.calls == 2


def test_every_part_shows_the_site_so_emptying_the_site_rebuilds_it():
    build = Builder(groups=[])
    fragments.kept("part", build)
    empty_groups({SITE})
    fragments.kept("part", build)
    assert build.calls == 2


def test_names_keep_parts_apart():
    english, russian = Builder("en"), Builder("ru")
    assert fragments.kept("part|en", english)[0] == "en"
    assert fragments.kept("part|ru", russian)[0] == "ru"
    assert (english.calls, russian.calls) == (1, 1)


def test_a_part_whose_group_changed_while_it_was_built_is_not_kept():
    calls = []

    def build():
        calls.append(1)
        if len(calls) == 1:
            empty_groups({group("thing", 1)})  # an editor saves while the part is being built
        return "stale?", [group("thing", 1)]

    fragments.kept("part", build)
    fragments.kept("part", build)
    assert len(calls) == 2


def test_nothing_is_kept_for_none():
    build = Builder(value=None)
    assert fragments.kept("part", build)[0] is None
    fragments.kept("part", build)
    assert build.calls == 2


def test_with_the_page_cache_off_every_part_is_built(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    build = Builder()
    fragments.kept("part", build)
    fragments.kept("part", build)
    assert build.calls == 2


def test_an_error_while_building_keeps_nothing():
    def broken():
        raise LookupError("no such page of the thread")

    with pytest.raises(LookupError):
        fragments.kept("part", broken)
    assert fragments.kept("part", Builder("fine"))[0] == "fine"
