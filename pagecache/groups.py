"""How a page says what it shows, and which query parameters it reads.

A group names something pages show: `group("article", 12)` is every page
showing article 12, `group("home")` the home page. Views name their page's
groups with `shows()`; the app owning a model empties the same names when a
row changes (its signal_handlers.py). Names are built here and nowhere else.
"""

from functools import wraps

SITE = "site"  # every page: the navigation, and rare edits (sections, authors, tags)


def group(kind: str, pk=None) -> str:
    """The one spelling of a group's name: "home", or "article:12" for one row."""
    return kind if pk is None else f"{kind}:{pk}"


def groups_of(kind: str, pks) -> set[str]:
    return {group(kind, pk) for pk in pks}


def shows(response, *groups: str):
    """Name what a page shows, so that the page cache empties it when one of them changes."""
    response.page_groups = [*getattr(response, "page_groups", []), *groups]
    return response


def reads_query(*names: str):
    """Declare the query parameters a view reads (e.g. "page", "q").

    For anonymous readers the page cache keys the page on these alone and
    hands the view only these, so `?utm_source=...` and the like make no new
    entry. A view that declares nothing and is asked with a query string is
    built but not kept.
    """

    def decorate(view):
        view.page_cache_query = tuple(sorted(names))
        return view

    return decorate


def pages_showing(*groups: str, query: tuple[str, ...] | None = None):
    """`shows` (and optionally `reads_query`) for a whole view, e.g. one of Django's sitemap views."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return shows(view(request, *args, **kwargs), *groups)

        return reads_query(*query)(wrapped) if query is not None else wrapped

    return decorate
