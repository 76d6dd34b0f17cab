"""Site-wide response headers that Django's SecurityMiddleware does not set."""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import has_vary_header

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


def _media_origin() -> str:
    """Where uploaded images come from when that is not this site (object storage, its CDN); else ""."""
    parts = urlsplit(default_storage.url("probe.jpg"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def _policy_for(request, response) -> str:
    policy = CONTENT_SECURITY_POLICY
    if origin := _media_origin():
        policy = policy.replace("img-src 'self' data:", f"img-src 'self' data: {origin}")
    if not request.path.startswith("/admin/") or "html" not in response.get("Content-Type", ""):
        return policy
    if response.streaming:
        return policy
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in IMPORTMAP.findall(response.content)
    }
    if not hashes:
        return policy
    return policy.replace("script-src 'self'", " ".join(["script-src 'self'", *sorted(hashes)]))


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", _policy_for(request, response))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


# Responses that may carry one reader's data (a CSRF token, an email, what
# they typed) or that the desk sees are never compressed: BREACH recovers a
# secret from the compressed size of a page that also reflects an attacker's
# input. What is compressed is the same for every reader (see README, "Caching").
PRIVATE_DIRECTIVES = {"private", "no-store"}


class CompressPublicPages(GZipMiddleware):
    """Django's GZipMiddleware for the pages every reader gets alike; the rest goes out as it is."""

    def process_response(self, request, response):
        directives = {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")}
        if (
            request.path.startswith(reverse("admin:index"))
            or directives & PRIVATE_DIRECTIVES
            or has_vary_header(response, "Cookie")
            or response.cookies
        ):
            return response
        return super().process_response(request, response)
