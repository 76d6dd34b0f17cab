from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import handler404, handler500  # noqa: F401 - the site's error pages
from newsroom.urls import urlpatterns as site

urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}), *site]
