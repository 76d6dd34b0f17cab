"""Posting a reply from a cached page, with or without JavaScript: the browser says where the post came from.

Cached article pages are the same for every reader, so they carry no CSRF
token. Instead of a token, the reply form's view trusts what browsers send
with every form post and no other site can forge: `Sec-Fetch-Site:
same-origin` (every current browser), or else an `Origin` header naming this
site. A client that sends neither (an old browser, a script) must bring a
CSRF token as before; such clients carry no reader's cookies to abuse.
"""

from functools import wraps

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

CROSS_SITE = "Sec-Fetch-Site or Origin names another site."  # for logs, like Django's own reasons


def _origin_is_ours(request, origin: str) -> bool:
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def _csrf_token_checked(request):
    """Django's own CSRF check (token and Referer), for clients that say nothing of where they post from."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def posted_from_our_pages(view):
    """Refuse (with the site's CSRF failure page) a post that another site made a browser send."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        fetch_site = request.headers.get("Sec-Fetch-Site")
        origin = request.headers.get("Origin")
        if fetch_site is not None:
            allowed = fetch_site == "same-origin"
        elif origin not in (None, "null"):
            allowed = _origin_is_ours(request, origin)
        else:
            refused = _csrf_token_checked(request)
            return refused if refused is not None else view(request, *args, **kwargs)
        if not allowed:
            return import_string(settings.CSRF_FAILURE_VIEW)(request, reason=CROSS_SITE)
        return view(request, *args, **kwargs)

    return checked
