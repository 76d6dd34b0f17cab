"""Which requests the page cache serves, and the key a page is kept under.

Served from the cache: GET and HEAD requests that carry neither a session
cookie (staff, anyone signed in) nor a messages cookie (a reader who has just
posted), decided from the cookies alone so that a hit runs no database query.

The key: scheme, host, path, the reader's language (its cookie, or
Accept-Language) and the query parameters the page's view declares it reads
(`groups.reads_query`), sorted. The view is handed those parameters alone,
so a parameter it does not read (utm_*, fbclid, gclid, a typo) can neither
change the page nor make a new entry. A view that declares nothing and is
asked with a query string is built for that request and not kept.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_request

KEY_PREFIX = "page:"
NEVER_CACHED_PREFIXES = ("/admin/", "/comments/", "/csrf/", "/i18n/", "/health/")
# What the key depends on besides the address, for a CDN in front (see pagecache/cdn.py).
VARY = ("Accept-Language", "Cookie")


def page_lifetime() -> int:
    return settings.NEWSROOM_PAGE_CACHE_SECONDS


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


def declared_query(request) -> tuple[str, ...] | None:
    """The query parameters the requested view reads, or None when it declares none."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "page_cache_query", None)


def keep_declared_query(request, names: tuple[str, ...]) -> str:
    """Hand the view only the parameters it reads; return them as the key's query string."""
    kept = QueryDict(mutable=True)
    for name in names:
        if name in request.GET:
            kept.setlist(name, request.GET.getlist(name)[:1])
    query = kept.urlencode()
    kept._mutable = False
    request.GET = kept
    # A copy: the server's own environ (its access log, say) keeps the address as it was asked.
    request.META = {**request.META, "QUERY_STRING": query}
    return query


def page_key(request, query: str) -> str:
    language = get_language_from_request(request)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return KEY_PREFIX + hashlib.sha256(f"{language}|{address}".encode()).hexdigest()


def variants_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return "pagevariants:" + hashlib.sha256(address.encode()).hexdigest()
