"""System checks: production needs a cache that every worker and server shares."""

from django.conf import settings
from django.core.checks import Error, register

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
