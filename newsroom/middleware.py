"""Site-wide response headers that Django's SecurityMiddleware does not set.

The Content-Security-Policy is django-csp's, from CONTENT_SECURITY_POLICY in
settings.py; a view changes it with csp.decorators (the election embed may be
framed anywhere). What is ours is the admin's import map, below.
"""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"

# The admin's rich-text editor (django-prose-editor) loads ES modules through
# an inline <script type="importmap">, which a browser will not read under
# "script-src 'self'". An import map only maps module names to URLs (the
# modules themselves still load from 'self'), so on admin pages each import
# map the page carries is allowed by its hash; inline code stays forbidden.
IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


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
        hashes = importmap_hashes(request, response)
        if hashes:
            parts.update = {**(parts.update or {}), "script-src": hashes}
        return parts


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
