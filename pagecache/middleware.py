"""The page cache's middleware: anonymous readers' pages from the shared cache.

What is kept: a 200 answer of a view that names what it shows (its groups,
see pagecache/groups.py), that sets no cookie, does not vary on the cookie,
and is not private, no-cache or no-store; for a request keyed as
pagecache/keys.py says. A page lives at most NEWSROOM_PAGE_CACHE_SECONDS, and
never past the next scheduled change (pagecache/schedule.py). A page with a
query string has at most NEWSROOM_PAGE_CACHE_VARIANTS variants kept in that
time; past that its variants are built for each request.

A kept page that something changed on is rebuilt by one request at a time
(NEWSROOM_PAGE_REBUILD_SECONDS at most); readers who ask meanwhile get the
page as it was, marked `X-Cache: stale` and `no-cache` so no CDN keeps it.
If the rebuilt page is not kept (the article was unpublished, say), the old
one is dropped: it is shown to nobody after that one rebuild.

Redis down: the cache (newsroom/cache.py) misses and drops writes, so pages
are simply built for every request.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age, has_vary_header, patch_cache_control, set_response_etag
from django.utils.http import http_date

from pagecache import cdn, keys, schedule, versions
from pagecache.groups import SITE

REBUILD_PREFIX = "pagerebuild:"
STORED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


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


def _lifetime() -> float:
    return schedule.kept_for(float(keys.page_lifetime()))


def _room_for_variant(request, query: str, lifetime: float) -> bool:
    """A page keeps at most NEWSROOM_PAGE_CACHE_VARIANTS query-string variants per lifetime."""
    if not query:
        return True
    key = keys.variants_key(request)
    if cache.add(key, 1, timeout=int(lifetime) + 1):
        return True
    try:
        return cache.incr(key) <= settings.NEWSROOM_PAGE_CACHE_VARIANTS
    except ValueError:
        return False


def store(key: str, response, groups, *, started_at: int, request, query: str) -> bool:
    """Keep the page unless something it shows changed while it was built; say whether it was kept."""
    # None: something it shows changed while it was being built, or the cache keeps nothing (Redis down).
    kept_versions = versions.versions_if_unchanged_since(groups, started_at)
    if kept_versions is None:
        return False
    lifetime = _lifetime()
    if lifetime < 1 or not _room_for_variant(request, query, lifetime):
        return False
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()
    cdn.add_shared_cache_headers(response, groups, lifetime)
    entry = {
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "x-cache"],
        "versions": kept_versions,
        "stored_at": timezone.now().timestamp(),
        "expires_at": timezone.now().timestamp() + lifetime,
    }
    cache.set(key, entry, timeout=int(lifetime) + 1)
    return True


def kept_entry(key: str) -> dict | None:
    """The page kept under `key` within its lifetime, current or not (see `versions.still_current`)."""
    entry = cache.get(key)
    if not entry or entry["expires_at"] <= timezone.now().timestamp():
        return None
    return entry


def response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    # How long it has been kept: a CDN counts it against s-maxage, so it keeps the page no longer than we do.
    response["Age"] = str(max(0, round(timezone.now().timestamp() - entry["stored_at"])))
    return response


def claim_rebuild(key: str) -> bool:
    """Whether this request may rebuild the stale page under `key`: only one at a time does."""
    return cache.add(REBUILD_PREFIX + key, 1, timeout=settings.NEWSROOM_PAGE_REBUILD_SECONDS)


def release_rebuild(key: str) -> None:
    cache.delete(REBUILD_PREFIX + key)


def as_it_was(response) -> HttpResponse:
    """The page as it was before a change, for a reader who asks while another request rebuilds it:
    for this reader only, so that no CDN keeps it past the purge the change made."""
    for name in ("Surrogate-Key", "Cache-Tag", "Cache-Control"):
        del response[name]
    patch_cache_control(response, no_cache=True)
    response["X-Cache"] = "stale"
    return response


class PageCacheMiddleware:
    """Sits right inside ConditionalGetMiddleware, so that a hit still answers 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not keys.request_is_cacheable(request):
            return self._private(self.get_response(request))
        declared = keys.declared_query(request)
        if declared is None and request.META.get("QUERY_STRING"):
            return self._miss(self.get_response(request), kept=False)
        query = keys.keep_declared_query(request, declared) if declared is not None else ""
        key = keys.page_key(request, query)
        entry = kept_entry(key)
        if entry is None:
            return self._build(request, key, query)[0]
        if versions.still_current(entry["versions"]):
            hit = response_from(entry)
            hit["X-Cache"] = "hit"
            return hit
        # Something on the page changed. One request rebuilds it; readers who come meanwhile get it as it
        # was, rather than every one of them building it at once (on election night, a thousand a second).
        if not claim_rebuild(key):
            return as_it_was(response_from(entry))
        try:
            response, kept = self._build(request, key, query)
            if not kept:
                # Gone, or not to be kept now (an unpublished article, say): nobody gets it as it was.
                cache.delete(key)
            return response
        finally:
            release_rebuild(key)

    def _build(self, request, key: str, query: str) -> tuple:
        started_at = versions.counter()
        response = self.get_response(request)
        kept = self._keep(request, response, key, query, started_at)
        return self._miss(response, kept=kept), kept

    @staticmethod
    def _keep(request, response, key: str, query: str, started_at: int) -> bool:
        if not response_is_storable(response):
            return False
        groups = {SITE, *response.page_groups}
        if request.method == "HEAD":  # not kept, but a CDN may keep it as it would the GET
            return cdn.add_shared_cache_headers(response, groups, _lifetime())
        return store(key, response, groups, started_at=started_at, request=request, query=query)

    @staticmethod
    def _private(response):
        """A page built for one person (staff, a reader with messages, a form's answer) is theirs alone."""
        patch_cache_control(response, private=True, no_store=True)
        response["X-Cache"] = "bypass"
        return response

    @staticmethod
    def _miss(response, *, kept: bool):
        if not kept:
            _not_for_shared_caches(response)
        response["X-Cache"] = "miss"
        return response


def _not_for_shared_caches(response) -> None:
    """A page the cache did not keep is not for a CDN to keep either: nothing would purge it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)
