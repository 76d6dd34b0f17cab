"""System checks: production needs a cache that every worker and server shares, and a purger that can purge."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.module_loading import import_string

PER_PROCESS_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache",)


@register(deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_BACKENDS:
        return []
    return [
        Error(
            f"The default cache ({backend}) lives in each worker's memory. A change empties the cached "
            "pages of the one worker that made it: the others go on serving a page that was taken down, "
            "and rate limits are counted per worker.",
            hint="Set REDIS_URL so that every worker and server shares one cache.",
            id="pagecache.E001",
        )
    ]


@register
def check_cdn_purger(app_configs, **kwargs):
    path = settings.NEWSROOM_CDN_PURGER
    try:
        purger = import_string(path)
    except ImportError as error:
        return [Error(f"NEWSROOM_CDN_PURGER names {path!r}, which cannot be imported: {error}.", id="pagecache.E002")]
    if getattr(purger, "needs_urls", False) and not settings.NEWSROOM_CDN_PURGE_URLS:
        return [
            Warning(
                f"NEWSROOM_CDN_PURGER is {path} but NEWSROOM_CDN_PURGE_URLS is empty: nothing will be purged.",
                hint="Set NEWSROOM_CDN_PURGE_URLS to the comma-separated addresses of the caches in front.",
                id="pagecache.W001",
            )
        ]
    return []
