import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from newsroom import readiness

SITEMAP_URL_NAMES = ["articles:sitemap_index", "articles:news_sitemap"]


@require_GET
def health(request):
    """Liveness and database reachability, for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def ready(request):
    """Readiness, for a load balancer: this server reaches the database, the shared cache and the task queue.

    A server that answers 503 here is taken out of rotation until it answers 200;
    /health/ stays the liveness probe (the process and its database).
    """
    checks = {"database": readiness.database(), "cache": readiness.cache_(), "broker": readiness.broker()}
    ok = all(state in (readiness.OK, readiness.NOT_USED) for state in checks.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", **checks}, status=200 if ok else 503)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # Search results are endless and thin: not crawled (and marked noindex). The search page itself may be.
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /comments/", "Disallow: /search/?", ""]
    # Crawlers want absolute addresses for the sitemaps.
    lines += [f"Sitemap: {request.build_absolute_uri(reverse(name))}" for name in SITEMAP_URL_NAMES]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this while handling the exception, so it is still at hand.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return render(request, "500.html", status=500)


def database_unavailable(request):
    """A database outage is temporary: say so, and tell clients when to retry."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@never_cache
def csrf_token(request):
    """This reader's CSRF token, for static/js/csrf.js to put into forms of cached pages.

    get_token() also sets the csrftoken cookie that the token is checked against.
    """
    response = JsonResponse({"token": get_token(request)})
    response["Cache-Control"] = "no-store, private"
    return response


def csrf_failure(request, reason=""):
    """A refused form: most often JavaScript is off (cached pages get their token by script) or the page is old."""
    response = render(request, "403_csrf.html", status=403)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """What a phone needs to put the site on its home screen: name, colours, icons."""
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {"src": static("img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    ]
    manifest = {
        "name": settings.NEWSROOM_SITE_NAME,
        "short_name": settings.NEWSROOM_SITE_NAME,
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
