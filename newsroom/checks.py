"""System checks for settings that must agree with each other."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return [
            Warning(
                "The cache is per process: rate limits and cached pages are not shared between workers.",
                hint="Set REDIS_URL in production.",
                id="newsroom.W001",
            )
        ]
    return []
