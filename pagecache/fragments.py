"""Parts of a page, kept apart in the shared cache, each under the versions of the groups it shows.

When the page cache cannot serve a page (its group was just emptied, a reader
has messages waiting, someone is signed in), the view builds it from parts.
Each part is kept as a page is: with the versions of the groups it shows,
stale as soon as one of them is emptied, never past the page cache's lifetime
or the next scheduled change. So a reply approved on election night rebuilds
the page of the thread it is on and the page around the parts, not the
article, its results or its related list. The parts are the same for every
reader: nothing per reader may go into one. Redis down: every part is built,
as every page is.
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from pagecache import keys, schedule, versions
from pagecache.groups import SITE

KEY_PREFIX = "fragment:"


def kept(name: str, build: Callable[[], tuple[Any, Iterable[str]]]) -> tuple[Any, list[str]]:
    """(value, groups) from `build()`, kept under `name` until one of those groups is emptied.

    `name` says everything else the value depends on: which part of what, the
    language, the timezone, the page of the thread. The groups come back with a
    kept value too, for the page to name what it shows (`groups.shows`). None
    is never kept: what is not there yet may come at any moment, and no change
    to it would empty a group.
    """
    if keys.page_lifetime() <= 0:
        value, groups = build()
        return value, sorted({SITE, *groups})
    key = KEY_PREFIX + hashlib.blake2s(name.encode()).hexdigest()
    entry = cache.get(key)
    if entry is not None and entry["expires_at"] > time.time() and versions.still_current(entry["versions"]):
        return entry["value"], entry["groups"]
    started_at = versions.counter()
    value, groups = build()
    groups = sorted({SITE, *groups})
    if value is not None:
        _keep(key, value, groups, started_at)
    return value, groups


def written_for() -> str:
    """What every part's name must say besides what it is: the language and timezone it is written in."""
    return f"{get_language()}|{get_current_timezone_name()}"


def _keep(key: str, value, groups: list[str], started_at: int) -> None:
    kept_versions = versions.versions_if_unchanged_since(groups, started_at)
    lifetime = schedule.kept_for(float(keys.page_lifetime()))
    if kept_versions is None or lifetime < 1:
        return  # something it shows changed while it was built, or the cache keeps nothing
    entry = {"value": value, "groups": groups, "versions": kept_versions, "expires_at": time.time() + lifetime}
    cache.set(key, entry, timeout=int(lifetime) + 1)
