"""Group versions: how a change empties every page showing it, on every worker and server at once.

Each group has a version in the shared cache. A cached page holds the versions
it was built with and is stale as soon as one differs, so emptying a group is
one cache write, however many pages (paginated and searched variants
included) show it.

Versions come from one counter in the shared cache (Redis INCR), not from
anyone's clock: emptying groups takes the counter's next value and gives it
to each group. A page notes the counter before it is built; if one of its
groups has a higher version when it is about to be kept, something it shows
changed meanwhile, and it is not kept. Servers whose clocks disagree agree on
the counter. Should the counter itself be lost (evicted, Redis flushed), it
starts again from the time in microseconds, above any value it can have
reached, so no version is ever handed out twice.
"""

import time
from functools import partial

from django.core.cache import cache
from django.db import transaction

from pagecache.cdn import purge

GROUP_PREFIX = "pagegroup:"
COUNTER_KEY = "pagecache:counter"


def version_key(group: str) -> str:
    return GROUP_PREFIX + group


def _seed() -> int:
    return time.time_ns() // 1000


def counter() -> int:
    """The counter's current value: versions above it are changes made after this moment."""
    value = cache.get(COUNTER_KEY)
    if value is None:  # never set, or lost: start it above anything it can have reached
        cache.add(COUNTER_KEY, _seed(), timeout=None)
        value = cache.get(COUNTER_KEY)
    return value if value is not None else 0  # None: the cache keeps nothing (Redis down)


def _next_count() -> int:
    try:
        return cache.incr(COUNTER_KEY)
    except ValueError:  # never set, or lost
        cache.add(COUNTER_KEY, _seed(), timeout=None)
        return cache.incr(COUNTER_KEY)


def group_versions(groups) -> dict[str, int]:
    """{group: version} for `groups`; a group nothing has emptied yet is given version 0.

    add() keeps a version that a change set meanwhile. A group missing from the
    answer means the cache keeps nothing (Redis down).
    """
    groups = list(groups)
    found = cache.get_many([version_key(group) for group in groups])
    for group in groups:
        if version_key(group) not in found:
            cache.add(version_key(group), 0, timeout=None)
    if len(found) < len(groups):
        found = cache.get_many([version_key(group) for group in groups])
    return {group: found[version_key(group)] for group in groups if version_key(group) in found}


def versions_if_unchanged_since(groups, started_at: int) -> dict[str, int] | None:
    """{version key: version} of `groups` to keep with something built from them, or None not to keep it:
    one of them changed after `started_at` (the counter when building began), or the cache keeps nothing."""
    groups = list(groups)
    found = group_versions(groups)
    if len(found) < len(groups) or any(version > started_at for version in found.values()):
        return None
    return {version_key(group): version for group, version in found.items()}


def still_current(kept_versions: dict[str, int]) -> bool:
    """Whether nothing shown by what was kept with these versions has changed since."""
    current = cache.get_many(list(kept_versions))
    return all(current.get(name) == version for name, version in kept_versions.items())


def empty_groups(groups) -> None:
    """Every cached page showing one of `groups` is stale from now on, and the CDN is told."""
    groups = set(groups)
    if not groups:
        return
    try:
        version = _next_count()
    except ValueError:
        pass  # the cache keeps nothing at all (Redis down): no page is served from it either
    else:
        cache.set_many({version_key(group): version for group in groups}, timeout=None)
    purge(groups)  # the CDN's copies go all the same


def after_commit(func, *args) -> None:
    """Run `func(*args)` once the current transaction commits; at once outside one; never if it rolls back."""
    transaction.on_commit(partial(func, *args), robust=True)


def empty_after_commit(groups) -> None:
    groups = frozenset(groups)
    if groups:
        after_commit(empty_groups, groups)
