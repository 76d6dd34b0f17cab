"""System checks for settings that must agree with each other.

(The shared cache that production requires is checked by the pagecache app.)
"""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def check_proxy_addresses(app_configs, **kwargs):
    # Behind a proxy every connection comes from the proxy's address: without
    # knowing how many proxies to skip in X-Forwarded-For, every reader would
    # share one address, and one flood would rate-limit or lock out everyone.
    if getattr(settings, "BEHIND_PROXY", False) and settings.NEWSROOM_TRUSTED_PROXY_COUNT < 1:
        return [
            Error(
                "DJANGO_BEHIND_PROXY is on but NEWSROOM_TRUSTED_PROXY_COUNT is 0: every reader would share "
                "the proxy's address for rate limits and login lockout.",
                hint="Set NEWSROOM_TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For.",
                id="newsroom.E002",
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
