from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from newsroom import media, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
    path("csrf/", views.csrf_token, name="csrf_token"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    # The language chooser is on every page, and pages are the same for every
    # reader (they are cached and answer 304), so its form carries no CSRF
    # token. Forging this request can only change the language a reader sees.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("comments/", include("comments.urls")),
    path("elections/", include("elections.urls")),
    path("pages/", include("pages.urls")),
    path("", include("articles.urls")),
]

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"

if settings.NEWSROOM_SERVE_MEDIA:
    # Before the articles' catch-all paths. Object storage serves media itself (newsroom/media.py).
    urlpatterns.insert(1, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"))

admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = settings.NEWSROOM_SITE_NAME
