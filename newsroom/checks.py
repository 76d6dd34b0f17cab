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


@register(deploy=True)
def check_site_url_is_public(app_configs, **kwargs):
    # Links in emails (the moderators' digest, review requests) are built from
    # this setting; its default points at a developer's own machine.
    host = settings.NEWSROOM_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    if host in {"127.0.0.1", "localhost", "::1", "[", ""}:
        return [
            Warning(
                "NEWSROOM_SITE_URL points at this machine: links in emails will not reach anyone.",
                hint="Set NEWSROOM_SITE_URL to the site's public address, e.g. https://news.example.",
                id="newsroom.W002",
            )
        ]
    return []
