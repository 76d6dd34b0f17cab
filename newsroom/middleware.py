"""Site-wide response headers that Django's SecurityMiddleware does not set.

The Content-Security-Policy is django-csp's, from CONTENT_SECURITY_POLICY in
settings.py; a view changes it with csp.decorators (the election embed may be
framed anywhere). What is ours is the admin's import map, below.
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage
from django.middleware.gzip import GZipMiddleware
from django.urls import NoReverseMatch, reverse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"

# The admin's rich-text editor (django-prose-editor) loads ES modules through
# an inline <script type="importmap">, which a browser will not read under
# "script-src 'self'". An import map only maps module names to URLs (the
# modules themselves still load from 'self'), so on admin pages each import
# map the page carries is allowed by its hash; inline code stays forbidden.
IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _media_origin() -> str:
    """Where uploaded images come from when that is not this site (object storage, its CDN); else ""."""
    parts = urlsplit(default_storage.url("probe.jpg"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def importmap_hashes(request, response) -> list[str]:
    """CSP hash sources of the import maps of an admin HTML page; none elsewhere."""
    if not request.path.startswith("/admin/") or "html" not in response.get("Content-Type", ""):
        return []
    if response.streaming:
        return []
    digests = {hashlib.sha256(body).digest() for body in IMPORTMAP.findall(response.content)}
    return sorted(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's import maps allowed by their hashes."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            return parts  # no report-only policy, no header: nothing to add to (and no storage to ask, per request)
        update = dict(parts.update or {})
        if hashes := importmap_hashes(request, response):
            update["script-src"] = hashes
        if origin := _media_origin():
            update["img-src"] = [origin]
        if update:
            parts.update = update
        return parts


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


# Responses that may carry one reader's data (a CSRF token, an email, what
# they typed: the page cache marks every page built for one person private,
# no-store) or that the desk sees are never compressed: BREACH recovers a
# secret from the compressed size of a page that also reflects an attacker's
# input. What is compressed is the same for every reader (see README, "Caching").
PRIVATE_DIRECTIVES = {"private", "no-store"}


class CompressPublicPages(GZipMiddleware):
    """Django's GZipMiddleware for the pages every reader gets alike; the rest goes out as it is."""

    def process_response(self, request, response):
        directives = {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")}
        # (`Vary: Cookie` alone says nothing: a CDN is told so for every page, that it keep none for staff.)
        # The desk's prefix last: it is a URL reversal, and most personal answers are known by their headers.
        if directives & PRIVATE_DIRECTIVES or response.cookies or _is_desk(request):
            return response
        return super().process_response(request, response)


def _is_desk(request) -> bool:
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URLconf without the admin (some tests): no desk to keep apart
        return False
