"""Pages for the page cache's own tests: they show made-up groups, no content app's."""

from django.contrib import admin
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import path

from pagecache.groups import group, reads_query, shows
from pagecache.versions import empty_groups

built = []  # every page the views built, so a test can tell a hit from a build
gone = set()  # things taken down: their page is 404


@reads_query("page")
def listing(request):
    built.append(request.get_full_path())
    return shows(HttpResponse(f"<p>page {request.GET.urlencode()}</p>"), group("things"))


def undeclared(request):
    built.append(request.get_full_path())
    return shows(HttpResponse("<p>undeclared</p>"), group("things"))


@reads_query()
def thing(request, pk):
    built.append(request.get_full_path())
    if pk in gone:
        return HttpResponseNotFound("<p>no such thing</p>")  # (the site's 404 page needs the site's URLs)
    return shows(HttpResponse(f"<p>thing {pk}</p>"), group("thing", pk))


@reads_query()
def changed_while_built(request):
    # What a change committed by another request while this page was built looks like.
    empty_groups({group("thing", 1)})
    return shows(HttpResponse("<p>already stale</p>"), group("thing", 1))


@reads_query()
def unnamed(request):
    return HttpResponse("<p>says nothing of what it shows</p>")


urlpatterns = [
    path("admin/", admin.site.urls),  # the site's middleware may ask where the desk is
    path("listing/", listing),
    path("undeclared/", undeclared),
    path("thing/<int:pk>/", thing),
    path("changed/", changed_while_built),
    path("unnamed/", unnamed),
]
