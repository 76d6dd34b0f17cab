"""Pages live no longer than the next scheduled change (an article whose publish time comes, say).

Content goes live at a time with no job running, so no signal empties the
pages it will appear on. An app with scheduled content registers a function
that says when its next change is due (`add_source`, in its `AppConfig.ready()`);
it calls `remember_next_change()` after a change that may move that time
commits, so that readers' requests rarely have to ask.
"""

from django.core.cache import cache
from django.utils import timezone

NEXT_CHANGE_KEY = "pagecache:next-change"
_sources = []


def add_source(next_change) -> None:
    """`next_change()` returns the aware datetime of the next scheduled change, or None."""
    if next_change not in _sources:
        _sources.append(next_change)


def remember_next_change() -> float:
    """Ask the sources when the next change is due, and note it (0: none is scheduled)."""
    upcoming = [when for when in (source() for source in _sources) if when is not None]
    next_at = min(upcoming).timestamp() if upcoming else 0.0
    cache.set(NEXT_CHANGE_KEY, next_at, timeout=None)
    return next_at


def seconds_until_next_change() -> float | None:
    """Seconds until the next scheduled change, or None when none is scheduled."""
    now = timezone.now().timestamp()
    next_at = cache.get(NEXT_CHANGE_KEY)
    if next_at is None or 0 < next_at <= now:
        next_at = remember_next_change()  # not known yet, or that one is due now: which is next?
    return (next_at - now) if next_at else None


def kept_for(seconds: float) -> float:
    """`seconds`, or fewer when a scheduled change comes sooner: how long a page or a part of one may be kept."""
    until_change = seconds_until_next_change()
    return min(seconds, until_change) if until_change is not None else seconds
