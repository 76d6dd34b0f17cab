"""The page cache: anonymous readers get pages from the cache, emptied exactly when what they show changes.

Who is served from it: GET and HEAD requests that carry neither a session
cookie (staff, anyone signed in) nor a messages cookie (a reader who has just
posted). That is decided from the cookies alone, so a hit runs no database
query at all. Everyone else gets the page built for them, and it is not kept.

What is kept: a 200 answer of a view that names what it shows (its "groups",
set by the view as `response.page_groups`, e.g. "article:12", "home",
"election:3"), that sets no cookie, does not vary on the cookie, and is not
private, no-cache or no-store. The key is the scheme, host, path, query string and the
reader's language.

How it is emptied: each group has a version in the cache; a cached page holds
the versions it was built with and is stale as soon as one differs.
`empty_after_commit(groups)` gives those groups new versions once the
transaction commits (newsroom/invalidation.py says which changes empty which
groups), so every page showing a thing, paginated and searched variants
included, goes at once with one cache write. A page lives at most
NEWSROOM_PAGE_CACHE_SECONDS, and never past the next scheduled article's
publish time (scheduled articles go live with no job running).

Redis down: the cache (newsroom/cache.py) misses and drops writes, so pages
are simply built for every request.
"""

import hashlib
import time
import uuid
from functools import partial

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age, has_vary_header, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

SITE_GROUP = "site"  # every page: the navigation, and rare edits (sections, authors, tags)
STORED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
NEVER_CACHED_PREFIXES = ("/admin/", "/comments/", "/csrf/", "/i18n/", "/health/")
KEY_PREFIX = "page:"
GROUP_PREFIX = "pagegroup:"
NEXT_CHANGE_KEY = "pagecache:next-change"


def page_lifetime() -> int:
    return settings.NEWSROOM_PAGE_CACHE_SECONDS


# --- Group versions --------------------------------------------------------------------------


def _group_key(group: str) -> str:
    return GROUP_PREFIX + group


def _new_version() -> str:
    # The time leads, so that a page built before a change can tell that it is older.
    return f"{time.time():.6f}:{uuid.uuid4().hex[:8]}"


def _version_time(version) -> float:
    try:
        return float(str(version).split(":", 1)[0])
    except ValueError:
        return 0.0


def empty_groups(groups) -> None:
    """Every cached page showing one of `groups` is stale from now on (one cache write)."""
    groups = set(groups)
    if not groups:
        return
    version = _new_version()
    cache.set_many({_group_key(group): version for group in groups}, timeout=None)


def after_commit(func, *args) -> None:
    """Run `func(*args)` once the current transaction commits; at once outside one; never if it rolls back."""
    callback = partial(func, *args)
    callback.page_cache = True  # lets the test suite run it when the test's own transaction stands in for a commit
    transaction.on_commit(callback)


def empty_after_commit(groups) -> None:
    after_commit(empty_groups, frozenset(groups))


# --- The cache of pages ----------------------------------------------------------------------


def request_is_cacheable(request) -> bool:
    if page_lifetime() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False  # answered 400 further in, by the middleware that checks hosts
    cookies = request.COOKIES
    # Signed in (staff), or a reader with messages waiting: their page is theirs.
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def page_key(request) -> str:
    language = get_language_from_request(request)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return KEY_PREFIX + hashlib.sha256(f"{language}|{address}".encode()).hexdigest()


def response_is_storable(response) -> bool:
    if response.status_code != 200 or response.streaming or not getattr(response, "page_groups", None):
        return False
    if response.cookies or has_vary_header(response, "Cookie"):
        return False
    directives = {d.strip().split("=", 1)[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    # no-cache: the view wants every answer fresh (the election's live figures and exports).
    if directives & {"private", "no-store", "no-cache"} or get_max_age(response) == 0:
        return False
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type in STORED_TYPES


def remember_next_change() -> float:
    """Note when the next scheduled article goes live (0: none is scheduled); articles' changes call this."""
    from newsroom.invalidation import next_scheduled_publish

    upcoming = next_scheduled_publish()
    next_at = upcoming.timestamp() if upcoming else 0.0
    cache.set(NEXT_CHANGE_KEY, next_at, timeout=None)
    return next_at


def _seconds_until_next_change() -> float | None:
    """Seconds until the next scheduled article goes live, or None when none is scheduled."""
    now = timezone.now().timestamp()
    next_at = cache.get(NEXT_CHANGE_KEY)
    if next_at is None or 0 < next_at <= now:
        next_at = remember_next_change()  # not known yet, or that one is live now: which is next?
    return (next_at - now) if next_at else None


def store(key: str, response, groups, started_at: float) -> None:
    versions = cache.get_many([_group_key(group) for group in groups])
    missing = {group for group in groups if versions.get(_group_key(group)) is None}
    if missing:
        # A group nothing has emptied yet (or whose version was evicted) starts
        # at time zero: add() keeps a version that a change set meanwhile.
        for group in missing:
            cache.add(_group_key(group), f"0:{uuid.uuid4().hex[:8]}", timeout=None)
        versions = cache.get_many([_group_key(group) for group in groups])
        if len(versions) < len(groups):
            return  # the cache is not keeping anything (Redis down)
    if any(_version_time(version) >= started_at for version in versions.values()):
        return  # something it shows changed while it was being built
    lifetime = float(page_lifetime())
    until_change = _seconds_until_next_change()
    if until_change is not None:
        lifetime = min(lifetime, until_change)
    if lifetime < 1:
        return
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(started_at)
    entry = {
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "x-cache"],
        "versions": {_group_key(group): versions.get(_group_key(group)) for group in groups},
        "expires_at": timezone.now().timestamp() + lifetime,
    }
    cache.set(key, entry, timeout=int(lifetime) + 1)


def cached_response(key: str):
    entry = cache.get(key)
    if not entry or entry["expires_at"] <= timezone.now().timestamp():
        return None
    current = cache.get_many(list(entry["versions"]))
    if any(current.get(name) != version for name, version in entry["versions"].items()):
        return None
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Sits right inside ConditionalGetMiddleware, so that a hit still answers 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            response["X-Cache"] = "bypass"
            return response
        key = page_key(request)
        hit = cached_response(key)
        if hit is not None:
            hit["X-Cache"] = "hit"
            return hit
        started_at = time.time()
        response = self.get_response(request)
        if request.method == "GET" and response_is_storable(response):
            store(key, response, {SITE_GROUP, *response.page_groups}, started_at)
        response["X-Cache"] = "miss"
        return response
