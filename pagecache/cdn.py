"""What a CDN or reverse proxy in front is told about each page, and how it is purged.

A page the page cache keeps is one a shared cache may keep too: it goes out
with `Cache-Control: public, max-age=0, s-maxage=<its lifetime>,
stale-while-revalidate, stale-if-error` (browsers ask again, CDNs hold it),
`Vary` on what the page cache keys it on (pagecache/keys.py), and its groups
as surrogate keys (`Surrogate-Key`, space-separated, for Fastly and Varnish;
`Cache-Tag`, comma-separated, for Cloudflare and Akamai). A hit says its
`Age`, so a CDN does not hold it past its lifetime.

When groups are emptied (after the change commits), the purger named by
NEWSROOM_CDN_PURGER is called with their names, which are the surrogate keys
to purge. `LoggingPurger` (the default) only logs them; `VarnishPurger` sends
a BAN to each Varnish in NEWSROOM_CDN_PURGE_URLS, which the VCL in
pagecache/varnish/newsroom.vcl turns into a ban on the Surrogate-Key header.
A purge that fails is logged and never undoes or fails the change.
"""

import http.client
import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from pagecache.keys import VARY

logger = logging.getLogger(__name__)
PURGE_TIMEOUT_SECONDS = 2.0
BAN_HEADER = "X-Ban-Surrogate-Keys"


def add_shared_cache_headers(response, groups, lifetime: float) -> bool:
    """Let shared caches keep the page for `lifetime` seconds under its groups' names."""
    if lifetime < 1:
        return False
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=int(lifetime),
        stale_while_revalidate=settings.NEWSROOM_CDN_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.NEWSROOM_CDN_STALE_IF_ERROR,
    )
    patch_vary_headers(response, VARY)
    names = sorted(groups)
    response["Surrogate-Key"] = " ".join(names)
    response["Cache-Tag"] = ",".join(names)
    return True


def purge(groups) -> None:
    """Tell the CDN that pages under these surrogate keys are stale; never raises."""
    try:
        import_string(settings.NEWSROOM_CDN_PURGER)().purge(sorted(groups))
    except Exception:  # a CDN outage must not fail the change, which is committed already
        logger.exception("CDN purge failed for %s", " ".join(sorted(groups)))


class LoggingPurger:
    """The default: no CDN in front; say what would have been purged."""

    def purge(self, keys: list[str]) -> None:
        logger.info("CDN purge (no CDN configured): %s", " ".join(keys))


class VarnishPurger:
    """A BAN per Varnish server, naming the keys as an anchored regular expression."""

    needs_urls = True  # NEWSROOM_CDN_PURGE_URLS (a system check says so when it is empty)

    def __init__(self, urls: list[str] | None = None):
        self.urls = urls if urls is not None else settings.NEWSROOM_CDN_PURGE_URLS

    @staticmethod
    def ban_expression(keys: list[str]) -> str:
        """Matches a Surrogate-Key header holding one of `keys` as a whole word."""
        return r"(^|\s)(" + "|".join(re.escape(key) for key in keys) + r")(\s|$)"

    def purge(self, keys: list[str]) -> None:
        if not keys:
            return
        expression = self.ban_expression(keys)
        for url in self.urls:
            self._ban(url, expression)

    def _ban(self, url: str, expression: str) -> None:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=PURGE_TIMEOUT_SECONDS)
        try:
            connection.request("BAN", "/", headers={BAN_HEADER: expression})
            status = connection.getresponse().status
        except OSError as error:
            logger.warning("Varnish at %s could not be told to purge: %s", url, error)
            return
        finally:
            connection.close()
        if status != 200:
            logger.warning("Varnish at %s refused the purge (HTTP %s)", url, status)
