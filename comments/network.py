"""Where a request came from, without trusting headers a client can forge."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The connection's address, or the proxy's forwarded one when configured.

    X-Forwarded-For is read only when NEWSROOM_TRUSTED_PROXY_COUNT says how
    many proxies in front of us append to it; the client is then that many
    entries from the right.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
