"""Site-wide response headers that Django's SecurityMiddleware does not set."""

import base64
import hashlib
import re

from django.middleware.gzip import GZipMiddleware
from django.urls import reverse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


# The admin's rich-text editor (django-prose-editor) loads ES modules through
# an inline <script type="importmap">, which a browser will not read under
# "script-src 'self'". An import map only maps module names to URLs (the
# modules themselves still load from 'self'), so on admin pages each import
# map the page carries is allowed by its hash; inline code stays forbidden.
IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _policy_for(request, response) -> str:
    if not request.path.startswith("/admin/") or "html" not in response.get("Content-Type", ""):
        return CONTENT_SECURITY_POLICY
    if response.streaming:
        return CONTENT_SECURITY_POLICY
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in IMPORTMAP.findall(response.content)
    }
    if not hashes:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("script-src 'self'", " ".join(["script-src 'self'", *sorted(hashes)]))


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", _policy_for(request, response))
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
        if request.path.startswith(reverse("admin:index")) or directives & PRIVATE_DIRECTIVES or response.cookies:
            return response
        return super().process_response(request, response)
